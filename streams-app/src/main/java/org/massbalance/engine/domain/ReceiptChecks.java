package org.massbalance.engine.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Movement;

/**
 * What is checked when goods enter a site (the contract's Alerts and Imports): whether a receipt's
 * supplier was certified on its site-local date, and the alerts of a RECEIPT of an organic product
 * (SUPPLIER_CERTIFICATE_MISSING, else SUPPLIER_NOT_CERTIFIED, else SUPPLIER_VERIFICATION_STALE; and
 * IMPORT_CERTIFICATE_MISSING or _INVALID for an import) and of a transfer's arrival from abroad.
 * Pure: the lots processor looks the certificate up and creates the lot.
 */
public final class ReceiptChecks {

  private final VerificationFreshness freshness;

  /** Checks with {@code freshness}'s largest verification age. */
  public ReceiptChecks(VerificationFreshness freshness) {
    this.freshness = freshness;
  }

  /**
   * Whether the receipt's supplier was certified at its site-local {@code day}: false without a NOP
   * ID (certificate missing), when the NOP ID has no certificate record, or when it was not
   * certified that day (the contract's Organic integrity on the way out: only an adjustment lot has
   * none).
   */
  public static boolean certifiedAtReceipt(
      String nopId, Optional<Certification> cert, LocalDate day) {
    return nopId != null && cert.map(c -> c.certifiedOn(day)).orElse(Boolean.FALSE);
  }

  /**
   * The alerts of a RECEIPT that created lot {@code lotId}, in the order they are raised: none for
   * a product that is not organic.
   *
   * @param cert the certificate record of the receipt's NOP ID, if it names one and one exists
   * @param day the receipt's site-local date
   */
  public List<Alert> receipt(
      LedgerMovement mv,
      SiteInfo site,
      ProductInfo product,
      String lotId,
      Optional<Certification> cert,
      LocalDate day,
      Instant now) {
    List<Alert> alerts = new ArrayList<>();
    if (!product.organic()) {
      return alerts;
    }
    Movement m = mv.movement();
    String nopId = m.getSupplierNopId();
    if (nopId == null) {
      alerts.add(LotAlerts.certificateMissing(mv, site, product, lotId, now));
    } else if (!certifiedAtReceipt(nopId, cert, day)) {
      alerts.add(LotAlerts.notCertified(mv, site, product, lotId, nopId, cert, day, now));
    } else {
      stale(mv, site, product, lotId, nopId, cert.get().recordedAt(), now).ifPresent(alerts::add);
    }
    if (Imports.receiptIsImport(site, m.getOriginCountry())) {
      importCertificate(mv, site, product, lotId, "from " + m.getOriginCountry(), now)
          .ifPresent(alerts::add);
    }
    return alerts;
  }

  /**
   * IMPORT_CERTIFICATE_MISSING or _INVALID for a transfer's arrival at {@code site} from {@code
   * from}, when it brings an organic product into a US site from abroad without a valid number.
   *
   * @param lotId the lot it carries when it carries exactly one, else null
   */
  public Optional<Alert> arrival(
      LedgerMovement mv,
      SiteInfo from,
      SiteInfo site,
      ProductInfo product,
      String lotId,
      Instant now) {
    if (!product.organic() || !Imports.transferIsImport(from, site)) {
      return Optional.empty();
    }
    String how = "by TRANSFER from " + mv.movement().getSiteId() + " (" + from.country() + ")";
    return importCertificate(mv, site, product, lotId, how, now);
  }

  private Optional<Alert> stale(
      LedgerMovement mv,
      SiteInfo site,
      ProductInfo product,
      String lotId,
      String nopId,
      Instant recordedAt,
      Instant now) {
    return freshness
        .staleAge(recordedAt, mv.instant())
        .map(
            age ->
                Alerts.forMovement(
                    AlertType.SUPPLIER_VERIFICATION_STALE,
                    mv,
                    site,
                    product,
                    lotId,
                    mv.quantityKg(),
                    freshness.message(
                        mv.movementId(),
                        Alerts.amount(mv.quantityKg(), product),
                        mv.productId(),
                        mv.siteId(),
                        lotId,
                        nopId,
                        recordedAt,
                        age),
                    freshness.details(nopId, recordedAt, age),
                    now));
  }

  private static Optional<Alert> importCertificate(
      LedgerMovement mv,
      SiteInfo site,
      ProductInfo product,
      String lotId,
      String how,
      Instant now) {
    if (Imports.validCertificate(mv.movement().getImportCertificate())) {
      return Optional.empty();
    }
    return Optional.of(LotAlerts.importCertificate(mv, site, product, lotId, how, now));
  }
}
