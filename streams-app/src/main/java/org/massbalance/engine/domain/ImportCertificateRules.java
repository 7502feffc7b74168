package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ImportCertificate;
import org.massbalance.avro.internal.ImportCertificateDraw;
import org.massbalance.imports.ImportCertificateRecords;

/**
 * How a draw from an import certificate is judged (the contract's Import certificates), against the
 * certificate's latest record and the sum of the draws processed before it, once, when it is
 * processed (draws are never judged again):
 *
 * <ul>
 *   <li>no record of the number: IMPORT_CERTIFICATE_UNKNOWN (WARNING);
 *   <li>the movement's product is not the certificate's: IMPORT_CERTIFICATE_PRODUCT_MISMATCH;
 *   <li>the movement's site-local date lies outside {@code valid_from..valid_to}:
 *       IMPORT_CERTIFICATE_OUT_OF_VALIDITY;
 *   <li>the received total (every draw so far, this one included) exceeds the certified quantity:
 *       IMPORT_CERTIFICATE_OVERDRAWN, its quantity the excess within this movement.
 * </ul>
 *
 * Every draw counts towards the received total, whatever was raised for it, an UNKNOWN one included
 * (ADR 26): the goods entered under that number. Alerts are in the movement's product unit; their
 * id is a function of the type, the movement, its site, product, lot and period, and the
 * certificate number.
 */
public final class ImportCertificateRules {

  private ImportCertificateRules() {}

  /**
   * What a draw found.
   *
   * @param alerts the alerts it raised, in the order above
   * @param receivedAfterKg the certificate's received total after it
   * @param known whether a record of the certificate was known
   */
  public record Judgement(List<Alert> alerts, BigDecimal receivedAfterKg, boolean known) {}

  /** The certified quantity of a valid record, in exact kilograms. */
  public static BigDecimal certifiedKg(ImportCertificate valid) {
    return Unit.parse(valid.getUnit()).orElseThrow().toKg(ImportCertificateRecords.quantity(valid));
  }

  /** The unit of a valid record (kg without one). */
  public static Unit unitOf(ImportCertificate certificate) {
    return certificate == null ? Unit.KG : Unit.parse(certificate.getUnit()).orElse(Unit.KG);
  }

  /**
   * Judges draw {@code d} against {@code certificate} (the latest valid record, null when none
   * came) and {@code receivedBeforeKg}, the sum of the certificate's draws processed before it.
   */
  public static Judgement judge(
      ImportCertificateDraw d,
      ImportCertificate certificate,
      BigDecimal receivedBeforeKg,
      Instant now) {
    BigDecimal kg = new BigDecimal(d.getQuantityKg());
    BigDecimal after = receivedBeforeKg.add(kg);
    List<Alert> alerts = new ArrayList<>();
    Unit unit = Unit.parse(d.getUnit()).orElse(Unit.KG);
    String amount = amount(kg, unit);
    String number = d.getCertificateNumber();
    if (certificate == null) {
      Map<String, String> details = base(d);
      details.put("received_kg", Decimals.presentKg(after, Unit.KG));
      alerts.add(
          alert(
              AlertType.IMPORT_CERTIFICATE_UNKNOWN,
              d,
              kg,
              unit,
              String.format(
                  "%s brings %s of organic %s into %s under import certificate %s, of which no"
                      + " record is known: it counts towards the certificate's received total"
                      + " (%s kg) once a record comes.",
                  describe(d),
                  amount,
                  d.getProductId(),
                  d.getSiteId(),
                  number,
                  Decimals.presentKg(after, Unit.KG)),
              details,
              now));
      return new Judgement(List.copyOf(alerts), after, false);
    }
    Unit certUnit = unitOf(certificate);
    if (!certificate.getProductId().equals(d.getProductId())) {
      Map<String, String> details = base(d);
      details.put("certificate_product_id", certificate.getProductId());
      alerts.add(
          alert(
              AlertType.IMPORT_CERTIFICATE_PRODUCT_MISMATCH,
              d,
              kg,
              unit,
              String.format(
                  "%s brings %s of %s into %s under import certificate %s, which certifies %s.",
                  describe(d),
                  amount,
                  d.getProductId(),
                  d.getSiteId(),
                  number,
                  certificate.getProductId()),
              details,
              now));
    }
    LocalDate day = LocalDate.parse(d.getDate());
    LocalDate from = LocalDate.parse(certificate.getValidFrom());
    LocalDate to = LocalDate.parse(certificate.getValidTo());
    if (day.isBefore(from) || day.isAfter(to)) {
      Map<String, String> details = base(d);
      details.put("valid_from", from.toString());
      details.put("valid_to", to.toString());
      alerts.add(
          alert(
              AlertType.IMPORT_CERTIFICATE_OUT_OF_VALIDITY,
              d,
              kg,
              unit,
              String.format(
                  "%s brings %s of %s into %s on %s (site-local), %s the validity of import"
                      + " certificate %s (%s to %s).",
                  describe(d),
                  amount,
                  d.getProductId(),
                  d.getSiteId(),
                  day,
                  day.isBefore(from) ? "before" : "after",
                  number,
                  from,
                  to),
              details,
              now));
    }
    BigDecimal certified = certifiedKg(certificate);
    if (after.compareTo(certified) > 0) {
      BigDecimal excess = after.subtract(receivedBeforeKg.max(certified));
      Map<String, String> details = base(d);
      details.put("certified", Decimals.presentKg(certified, certUnit));
      details.put("received_before", Decimals.presentKg(receivedBeforeKg, certUnit));
      details.put("received_after", Decimals.presentKg(after, certUnit));
      details.put("certificate_unit", certUnit.symbol());
      alerts.add(
          alert(
              AlertType.IMPORT_CERTIFICATE_OVERDRAWN,
              d,
              excess,
              unit,
              String.format(
                  "%s brings %s of %s into %s under import certificate %s, certified for %s:"
                      + " received %s in all, %s of this movement beyond the certified"
                      + " quantity.",
                  describe(d),
                  amount,
                  d.getProductId(),
                  d.getSiteId(),
                  number,
                  amount(certified, certUnit),
                  amount(after, certUnit),
                  amount(excess, unit)),
              details,
              now));
    }
    return new Judgement(List.copyOf(alerts), after, true);
  }

  /** "RECEIPT r-1", "TRANSFER arrival t-3" */
  static String describe(ImportCertificateDraw d) {
    return (MovementType.RECEIPT.name().equals(d.getType())
            ? "RECEIPT "
            : d.getType() + " arrival ")
        + d.getMovementId();
  }

  private static String amount(BigDecimal kg, Unit unit) {
    return Decimals.presentKg(kg, unit) + " " + unit.symbol();
  }

  private static Map<String, String> base(ImportCertificateDraw d) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("import_certificate", d.getCertificateNumber());
    details.put("movement_date", d.getDate());
    if (d.getOrigin() != null) {
      details.put("from", d.getOrigin());
    }
    return details;
  }

  private static Alert alert(
      AlertType type,
      ImportCertificateDraw d,
      BigDecimal quantityKg,
      Unit unit,
      String message,
      Map<String, String> details,
      Instant now) {
    Alert a =
        Alerts.about(
            type,
            d.getMovementId(),
            d.getSiteId(),
            d.getProductId(),
            d.getLotId(),
            d.getPeriod(),
            quantityKg,
            unit,
            Instant.ofEpochSecond(d.getEpochSecond(), d.getNano()),
            message,
            details,
            now);
    a.setAlertId(
        AlertIds.of(
            type,
            d.getMovementId(),
            d.getSiteId(),
            d.getProductId(),
            d.getLotId(),
            d.getPeriod(),
            d.getCertificateNumber()));
    return a;
  }
}
