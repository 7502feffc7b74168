package org.massbalance.engine.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.massbalance.avro.Alert;

/**
 * The periods' alerts and their messages: a period closed with waste above the product's tolerance
 * (WASTE_HIGH, once per site, product and period) and a movement dated in a closed period
 * (LATE_MOVEMENT). Pure: the period processor decides when.
 */
public final class PeriodAlerts {

  private PeriodAlerts() {}

  /** WASTE_HIGH for the figures {@code f} of site|product's {@code period}. */
  public static Alert wasteHigh(
      String siteId,
      String productId,
      YearMonth period,
      ProductInfo product,
      PeriodFigures f,
      Instant now) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("waste_pct", f.wastePct() == null ? "" : Decimals.present(f.wastePct()));
    details.put("tolerance_pct", Decimals.present(product.tolerancePct()));
    String message =
        String.format(
            "Waste of %s at %s in %s is %s, above the tolerance of %s%%.",
            productId,
            siteId,
            period,
            f.wastePct() == null
                ? Alerts.amount(f.waste(), product) + " with nothing received"
                : Alerts.amount(f.waste(), product) + " (" + Decimals.present(f.wastePct()) + " %)",
            Decimals.present(product.tolerancePct()));
    return Alert.newBuilder()
        .setAlertId(
            AlertIds.of(
                AlertType.WASTE_HIGH, null, siteId, productId, null, period.toString(), null))
        .setType(AlertType.WASTE_HIGH.name())
        .setSeverity(AlertType.WASTE_HIGH.severity().name())
        .setSiteId(siteId)
        .setProductId(productId)
        .setPeriod(period.toString())
        .setQuantity(Decimals.presentKg(f.waste(), product.unit()))
        .setUnit(product.unit().symbol())
        .setDetectedAt(IsoInstants.format(now))
        .setMessage(message)
        .setDetails(details)
        .build();
  }

  /**
   * LATE_MOVEMENT for a movement dated in the signed {@code period}: it is booked as a correction
   * into {@code correctedIn} instead (the signed month never changes).
   */
  public static Alert lateInSignedPeriod(
      LedgerMovement mv,
      SiteInfo site,
      ProductInfo product,
      YearMonth period,
      YearMonth correctedIn,
      Instant now) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("reason", "in a signed period");
    details.put("signed_period", period.toString());
    details.put("corrected_in", correctedIn.toString());
    String message =
        String.format(
            "%s of %s at %s is dated %s, in the signed period %s: it is booked as a correction"
                + " into %s.",
            Alerts.describe(mv), mv.productId(), mv.siteId(), mv.instant(), period, correctedIn);
    return Alerts.lateMovement(mv, site, product, message, details, now);
  }

  /** LATE_MOVEMENT for a movement dated in the closed {@code period}, which it restates. */
  public static Alert lateInClosedPeriod(
      LedgerMovement mv, SiteInfo site, ProductInfo product, YearMonth period, Instant now) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("reason", "in a closed period");
    String message =
        String.format(
            "%s of %s at %s is dated %s, in the closed period %s: the period is restated.",
            Alerts.describe(mv), mv.productId(), mv.siteId(), mv.instant(), period);
    return Alerts.lateMovement(mv, site, product, message, details, now);
  }
}
