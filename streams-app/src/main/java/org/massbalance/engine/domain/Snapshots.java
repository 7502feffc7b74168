package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.internal.SiteFigures;

/** Builds snapshot records from a period's figures. */
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
    return Snapshot.newBuilder()
        .setSiteId(siteId)
        .setProductId(productId)
        .setPeriod(period.toString())
        .setRevision(revision)
        .setUnit(unit.symbol())
        .setOpening(q(f.opening(), unit))
        .setReceipts(q(f.receipts(), unit))
        .setSales(q(f.sales(), unit))
        .setWaste(q(f.waste(), unit))
        .setTransfersIn(q(f.transfersIn(), unit))
        .setTransfersOut(q(f.transfersOut(), unit))
        .setAdjustments(q(f.adjustments(), unit))
        .setExpectedClosing(q(f.expectedClosing(), unit))
        .setCounted(q(f.counted(), unit))
        .setCountVariance(q(f.countVariance(), unit))
        .setVariancePct(Decimals.present(f.variancePct()))
        .setClosing(q(f.closing(), unit))
        .setWastePct(Decimals.present(f.wastePct()))
        .setStatus(status == null || status.isEmpty() ? f.status().name() : status)
        .setExpectedAtCount(q(f.expectedAtCount(), unit))
        .setClosedAt(at == null ? null : at.toString())
        .build();
  }

  /** The figures in exact kg, for the consolidation by product. */
  public static SiteFigures figures(
      String siteId, String productId, YearMonth period, int revision, PeriodFigures f) {
    return SiteFigures.newBuilder()
        .setSiteId(siteId)
        .setProductId(productId)
        .setPeriod(period.toString())
        .setRevision(revision)
        .setOpeningKg(s(f.opening()))
        .setReceiptsKg(s(f.receipts()))
        .setSalesKg(s(f.sales()))
        .setWasteKg(s(f.waste()))
        .setTransfersInKg(s(f.transfersIn()))
        .setTransfersOutKg(s(f.transfersOut()))
        .setAdjustmentsKg(s(f.adjustments()))
        .setExpectedClosingKg(s(f.expectedClosing()))
        .setCountVarianceKg(s(f.countVariance()))
        .setClosingKg(s(f.closing()))
        .build();
  }

  private static String q(BigDecimal kg, Unit unit) {
    return Decimals.presentKg(kg, unit);
  }

  private static String s(BigDecimal kg) {
    return kg.toPlainString();
  }
}
