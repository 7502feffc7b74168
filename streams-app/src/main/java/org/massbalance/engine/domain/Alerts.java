package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.massbalance.avro.Alert;

/** Builds the alerts a movement raises, with their deterministic ids and human sentences. */
public final class Alerts {

  private Alerts() {}

  /** An alert about a movement of {@code site}'s ledger. */
  public static Alert forMovement(
      AlertType type,
      LedgerMovement mv,
      SiteInfo site,
      ProductInfo product,
      String lotId,
      BigDecimal quantityKg,
      String message,
      Map<String, String> details,
      Instant detectedAt) {
    return about(
        type,
        mv.movementId(),
        mv.siteId(),
        mv.productId(),
        lotId,
        mv.period(site.zone()).toString(),
        quantityKg,
        product.unit(),
        mv.instant(),
        message,
        details,
        detectedAt);
  }

  /**
   * An alert about a movement (or a transformation) {@code movementId} of {@code site|product} that
   * occurred at {@code occurredAt}, in period {@code period}: its id a function of the type, the
   * movement, the site, the product, the lot and the period.
   */
  public static Alert about(
      AlertType type,
      String movementId,
      String siteId,
      String productId,
      String lotId,
      String period,
      BigDecimal quantityKg,
      Unit unit,
      Instant occurredAt,
      String message,
      Map<String, String> details,
      Instant detectedAt) {
    return Alert.newBuilder()
        .setAlertId(AlertIds.of(type, movementId, siteId, productId, lotId, period, null))
        .setType(type.name())
        .setSeverity(type.severity().name())
        .setSiteId(siteId)
        .setProductId(productId)
        .setLotId(lotId)
        .setMovementId(movementId)
        .setPeriod(period)
        .setQuantity(Decimals.presentKg(quantityKg, unit))
        .setUnit(unit.symbol())
        .setOccurredAt(IsoInstants.format(occurredAt))
        .setDetectedAt(IsoInstants.format(detectedAt))
        .setMessage(message)
        .setDetails(new LinkedHashMap<>(details))
        .build();
  }

  /**
   * LATE_MOVEMENT for {@code mv}: {@code details} hold its {@code reason}; the quantity is the
   * movement's, unsigned.
   */
  public static Alert lateMovement(
      LedgerMovement mv,
      SiteInfo site,
      ProductInfo product,
      String message,
      Map<String, String> details,
      Instant now) {
    return forMovement(
        AlertType.LATE_MOVEMENT,
        mv,
        site,
        product,
        null,
        mv.quantityKg().abs(),
        message,
        details,
        now);
  }

  /**
   * An alert about a certificate (no site, product or movement), its id a function of the type, the
   * NOP ID and {@code subject} (e.g. the threshold and expires_on).
   */
  public static Alert forCertificate(
      AlertType type,
      String nopId,
      String subject,
      String message,
      Map<String, String> details,
      Instant detectedAt) {
    return Alert.newBuilder()
        .setAlertId(AlertIds.of(type, nopId, null, null, null, null, subject))
        .setType(type.name())
        .setSeverity(type.severity().name())
        .setMessage(message)
        .setDetectedAt(IsoInstants.format(detectedAt))
        .setDetails(new LinkedHashMap<>(details))
        .build();
  }

  /** "400 lb" */
  public static String amount(BigDecimal kg, ProductInfo product) {
    return Decimals.presentKg(kg, product.unit()) + " " + product.unit().symbol();
  }

  /**
   * "SALE m-007 takes 400 lb of OATS at LONDON": an outbound movement, for its alerts' messages.
   */
  public static String takes(LedgerMovement mv, ProductInfo product) {
    return describe(mv)
        + " takes "
        + amount(mv.outboundKg(), product)
        + " of "
        + mv.productId()
        + " at "
        + mv.siteId();
  }

  /** "SALE m-007" */
  public static String describe(LedgerMovement mv) {
    String what = mv.arrival() ? "TRANSFER arrival" : mv.type().name();
    return what + " " + mv.movementId();
  }
}
