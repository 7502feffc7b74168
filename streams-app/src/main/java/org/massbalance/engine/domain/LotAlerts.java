package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.massbalance.avro.Alert;

/**
 * The alerts of lots and receipts, with their messages and details: a receipt without a supplier
 * NOP ID (SUPPLIER_CERTIFICATE_MISSING), from a supplier not certified that day
 * (SUPPLIER_NOT_CERTIFIED), an outbound movement that takes more from a named lot than it holds
 * (LOT_OVERDRAWN), one that no lot covers (UNTRACEABLE_OUTBOUND), and an organic import without a
 * valid import certificate (IMPORT_CERTIFICATE_MISSING, _INVALID). Pure: the lots processor decides
 * when, this class says what.
 */
public final class LotAlerts {

  private LotAlerts() {}

  /** A RECEIPT of an organic product that names no supplier NOP ID. */
  public static Alert certificateMissing(
      LedgerMovement mv, SiteInfo site, ProductInfo product, String lotId, Instant now) {
    return Alerts.forMovement(
        AlertType.SUPPLIER_CERTIFICATE_MISSING,
        mv,
        site,
        product,
        lotId,
        mv.quantityKg(),
        String.format(
            "RECEIPT %s of %s of organic %s at %s (lot %s) names no supplier NOP ID.",
            mv.movementId(),
            Alerts.amount(mv.quantityKg(), product),
            mv.productId(),
            mv.siteId(),
            lotId),
        Map.of(),
        now);
  }

  /**
   * A RECEIPT of an organic product from a supplier unknown ({@code certificate} empty) or not
   * certified on {@code day}, the receipt's site-local date.
   */
  public static Alert notCertified(
      LedgerMovement mv,
      SiteInfo site,
      ProductInfo product,
      String lotId,
      String nopId,
      Optional<Certification> certificate,
      LocalDate day,
      Instant now) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("supplier_nop_id", nopId);
    details.put("receipt_date", day.toString());
    certificate.ifPresent(
        c -> {
          details.put("status", c.status());
          if (c.statusEffective() != null) {
            details.put("status_effective", c.statusEffective().toString());
          }
          if (c.expiresOn() != null) {
            details.put("expires_on", c.expiresOn().toString());
          }
        });
    String why =
        certificate.isEmpty()
            ? "is unknown"
            : "was not certified on " + day + " (status " + certificate.get().status() + ")";
    return Alerts.forMovement(
        AlertType.SUPPLIER_NOT_CERTIFIED,
        mv,
        site,
        product,
        lotId,
        mv.quantityKg(),
        "RECEIPT "
            + mv.movementId()
            + " of "
            + Alerts.amount(mv.quantityKg(), product)
            + " of organic "
            + mv.productId()
            + " at "
            + mv.siteId()
            + " (lot "
            + lotId
            + "): supplier NOP ID "
            + nopId
            + " "
            + why
            + ".",
        details,
        now);
  }

  /** An outbound movement that takes more from named lot {@code lotId} than its remaining. */
  public static Alert overdrawn(
      LedgerMovement mv,
      SiteInfo site,
      ProductInfo product,
      String lotId,
      BigDecimal remaining,
      BigDecimal overdrawn,
      Instant now) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("requested", Decimals.presentKg(mv.outboundKg(), product.unit()));
    details.put("lot_remaining", Decimals.presentKg(remaining, product.unit()));
    return Alerts.forMovement(
        AlertType.LOT_OVERDRAWN,
        mv,
        site,
        product,
        lotId,
        overdrawn,
        Alerts.takes(mv, product)
            + " from lot "
            + lotId
            + ", which holds "
            + Alerts.amount(remaining, product)
            + ": "
            + Alerts.amount(overdrawn, product)
            + " overdrawn.",
        details,
        now);
  }

  /**
   * An outbound movement that names a lot the site does not hold ({@code unknown}: {@code named}),
   * or whose rest ({@code uncovered}) no lot on hand covers.
   */
  public static Alert untraceable(
      LedgerMovement mv,
      SiteInfo site,
      ProductInfo product,
      String named,
      boolean unknown,
      BigDecimal uncovered,
      Instant now) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("uncovered", Decimals.presentKg(uncovered, product.unit()));
    String message;
    if (unknown) {
      details.put("reason", "unknown lot");
      message =
          String.format(
              "%s of %s of %s at %s names lot %s, which the site does not hold%s.",
              Alerts.describe(mv),
              Alerts.amount(mv.outboundKg(), product),
              mv.productId(),
              mv.siteId(),
              named,
              uncovered.signum() > 0
                  ? "; " + Alerts.amount(uncovered, product) + " is covered by no lot"
                  : "");
    } else {
      details.put("reason", "not covered by lots");
      message =
          Alerts.describe(mv)
              + " of "
              + Alerts.amount(mv.outboundKg(), product)
              + " of "
              + mv.productId()
              + " at "
              + mv.siteId()
              + ": "
              + Alerts.amount(uncovered, product)
              + " is covered by no lot on hand.";
    }
    return Alerts.forMovement(
        AlertType.UNTRACEABLE_OUTBOUND,
        mv,
        site,
        product,
        unknown ? named : null,
        unknown ? mv.outboundKg() : uncovered,
        message,
        details,
        now);
  }

  /**
   * An organic import ({@code how}: "from NL", "by transfer from AMS") whose import certificate
   * number is missing or not of the NOP form.
   */
  public static Alert importCertificate(
      LedgerMovement mv,
      SiteInfo site,
      ProductInfo product,
      String lotId,
      String how,
      Instant now) {
    String number = mv.movement().getImportCertificate();
    boolean missing = Imports.missing(number);
    Map<String, String> details = new LinkedHashMap<>();
    if (!missing) {
      details.put("import_certificate", number);
    }
    details.put("required_format", "NNN-NNNNNNNNNN-NNNNNN");
    return Alerts.forMovement(
        missing ? AlertType.IMPORT_CERTIFICATE_MISSING : AlertType.IMPORT_CERTIFICATE_INVALID,
        mv,
        site,
        product,
        lotId,
        mv.quantityKg(),
        String.format(
            "%s brings %s of organic %s into %s %s %s.",
            Alerts.describe(mv),
            Alerts.amount(mv.quantityKg(), product),
            mv.productId(),
            mv.siteId(),
            how,
            missing
                ? "without an NOP Import Certificate number"
                : "with '" + number + "', not an NOP Import Certificate number"),
        details,
        now);
  }

  /** A lot on hand from a supplier: its id and remaining kg. */
  public record HeldLot(String lotId, BigDecimal remainingKg) {}

  /**
   * SUPPLIER_STATUS_CHANGED for a site|product holding lots on hand from a supplier whose
   * certificate was withdrawn (SUSPENDED, REVOKED or SURRENDERED): the total on hand in the
   * product's unit, and the lots with what is left of each, in the order given.
   */
  public static Alert supplierStatusChanged(
      String nopId,
      Certification certificate,
      String siteId,
      String productId,
      ProductInfo product,
      List<HeldLot> held,
      Instant now) {
    BigDecimal total = BigDecimal.ZERO;
    List<String> listed = new ArrayList<>();
    for (HeldLot l : held) {
      total = total.add(l.remainingKg());
      listed.add(l.lotId() + " (" + Alerts.amount(l.remainingKg(), product) + ")");
    }
    String effective =
        certificate.statusEffective() == null ? "" : certificate.statusEffective().toString();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("nop_id", nopId);
    details.put("status", certificate.status());
    details.put("status_effective", effective);
    details.put("lots", String.join(", ", listed));
    return Alert.newBuilder()
        .setAlertId(
            AlertIds.of(
                AlertType.SUPPLIER_STATUS_CHANGED,
                nopId,
                siteId,
                productId,
                null,
                null,
                certificate.status() + "@" + effective))
        .setType(AlertType.SUPPLIER_STATUS_CHANGED.name())
        .setSeverity(AlertType.SUPPLIER_STATUS_CHANGED.severity().name())
        .setSiteId(siteId)
        .setProductId(productId)
        .setQuantity(Decimals.presentKg(total, product.unit()))
        .setUnit(product.unit().symbol())
        .setDetectedAt(IsoInstants.format(now))
        .setMessage(
            String.format(
                "Supplier NOP ID %s is %s%s; %s at %s holds its lots %s.",
                nopId,
                certificate.status(),
                effective.isEmpty() ? "" : " since " + effective,
                productId,
                siteId,
                String.join(", ", listed)))
        .setDetails(details)
        .build();
  }
}
