package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.internal.SiteFigures;

/**
 * Builds snapshot records from a period's figures: the fixed fields by name, the sums from the
 * {@link Figure} table (so a new figure needs no code here).
 */
public final class Snapshots {

  private Snapshots() {}

  /**
   * The snapshot as published: quantities in {@code unit}, rounded half-even to 6 places.
   *
   * @param status the status to show instead of the figures' (e.g. OPEN), or empty
   */
  public static Snapshot snapshot(
      String siteId,
      String productId,
      YearMonth period,
      int revision,
      PeriodFigures f,
      Unit unit,
      String status,
      Instant at) {
    Snapshot s = new Snapshot();
    s.setSiteId(siteId);
    s.setProductId(productId);
    s.setPeriod(period.toString());
    s.setRevision(revision);
    s.setUnit(unit.symbol());
    s.setOpening(q(f.opening(), unit));
    for (Figure figure : Figure.PUBLISHED) {
      s.put(figure.publishedField(), q(f.figure(figure), unit));
    }
    s.setExpectedClosing(q(f.expectedClosing(), unit));
    s.setCounted(q(f.counted(), unit));
    s.setCountVariance(q(f.countVariance(), unit));
    s.setVariancePct(Decimals.present(f.variancePct()));
    s.setClosing(q(f.closing(), unit));
    s.setWastePct(Decimals.present(f.wastePct()));
    s.setStatus(status == null || status.isEmpty() ? f.status().name() : status);
    s.setExpectedAtCount(q(f.expectedAtCount(), unit));
    s.setClosedAt(at == null ? null : at.toString());
    return s;
  }

  /** The figures in exact kg, for the consolidation by product. */
  public static SiteFigures figures(
      String siteId, String productId, YearMonth period, int revision, PeriodFigures f) {
    SiteFigures s = new SiteFigures();
    s.setSiteId(siteId);
    s.setProductId(productId);
    s.setPeriod(period.toString());
    s.setRevision(revision);
    s.setOpeningKg(s(f.opening()));
    for (Figure figure : Figure.PUBLISHED) {
      s.put(figure.stateField(), s(f.figure(figure)));
    }
    s.setExpectedClosingKg(s(f.expectedClosing()));
    s.setCountVarianceKg(s(f.countVariance()));
    s.setClosingKg(s(f.closing()));
    s.setWithdrawn(false);
    return s;
  }

  private static String q(BigDecimal kg, Unit unit) {
    return Decimals.presentKg(kg, unit);
  }

  private static String s(BigDecimal kg) {
    return kg.toPlainString();
  }
}
