package org.massbalance.engine.domain;

import java.util.Optional;
import org.massbalance.avro.Movement;
import org.massbalance.avro.internal.ImportCertificateDraw;

/**
 * Which movements draw from an import certificate (the contract's Import certificates): exactly
 * those the import check applies to ({@link Imports}: a RECEIPT of an organic product at a US site
 * from abroad, a TRANSFER's arrival of an organic product at a US site from a non-US site) that
 * name a well-formed certificate number; each draws its quantity in kilograms. Pure: the lots
 * processor sends the draw on, keyed by the certificate number, to the import-certificate
 * processor, which judges it ({@link ImportCertificateRules}).
 */
public final class ImportDraws {

  private ImportDraws() {}

  /**
   * The draw of a RECEIPT at {@code site} that created lot {@code lotId}, when it imports an
   * organic product under a well-formed certificate number.
   */
  public static Optional<ImportCertificateDraw> receipt(
      LedgerMovement mv, SiteInfo site, ProductInfo product, String lotId) {
    Movement m = mv.movement();
    if (!product.organic()
        || !Imports.receiptIsImport(site, m.getOriginCountry())
        || !Imports.validCertificate(m.getImportCertificate())) {
      return Optional.empty();
    }
    return Optional.of(draw(mv, site, product, lotId, m.getOriginCountry()));
  }

  /**
   * The draw of a transfer's arrival at {@code site} from {@code from}, when it imports an organic
   * product under a well-formed certificate number.
   *
   * @param lotId the lot it carries when it carries exactly one, else null
   */
  public static Optional<ImportCertificateDraw> arrival(
      LedgerMovement mv, SiteInfo from, SiteInfo site, ProductInfo product, String lotId) {
    Movement m = mv.movement();
    if (!product.organic()
        || !Imports.transferIsImport(from, site)
        || !Imports.validCertificate(m.getImportCertificate())) {
      return Optional.empty();
    }
    return Optional.of(draw(mv, site, product, lotId, m.getSiteId()));
  }

  private static ImportCertificateDraw draw(
      LedgerMovement mv, SiteInfo site, ProductInfo product, String lotId, String origin) {
    Movement m = mv.movement();
    return ImportCertificateDraw.newBuilder()
        .setCertificateNumber(m.getImportCertificate())
        .setSiteId(mv.siteId())
        .setProductId(mv.productId())
        .setMovementId(mv.movementId())
        .setType(mv.type().name())
        .setLotId(lotId)
        .setQuantityKg(mv.quantityKg().toPlainString())
        .setUnit(product.unit().symbol())
        .setDate(ZoneOffsets.date(mv.instant(), site.zone()).toString())
        .setPeriod(mv.period(site.zone()).toString())
        .setEpochSecond(mv.instant().getEpochSecond())
        .setNano(mv.instant().getNano())
        .setOrigin(origin)
        .setIngestedAt(m.getIngestedAt())
        .build();
  }
}
