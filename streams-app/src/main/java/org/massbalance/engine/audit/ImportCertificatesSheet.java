package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.COUNT;
import static org.massbalance.engine.audit.Table.Kind.FLAG;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code Import certificates} sheet: each NOP Import Certificate drawn by a movement dated in
 * the range (at the sites asked for), with its certified, received and remaining quantities (in the
 * certificate's unit; remaining is negative when overdrawn), one row per movement drawn from it, in
 * the order the engine processed them: the rows of a certificate add up to its received total. Read
 * from the engine's {@code /api/v1/import-certificates} (ADR 33).
 */
final class ImportCertificatesSheet {

  private ImportCertificatesSheet() {}

  /**
   * An import certificate as the engine answers it.
   *
   * @param known whether the engine has a record of it (else only draws)
   * @param unit the certificate's unit (kg while unknown)
   * @param movements every draw, in processing order
   */
  record Certificate(
      String number,
      boolean known,
      String productId,
      String htsCode,
      String unit,
      BigDecimal certified,
      BigDecimal received,
      BigDecimal remaining,
      String validFrom,
      String validTo,
      String exporter,
      String importerNopId,
      String certifier,
      String originCountry,
      List<Draw> movements) {

    /** Copies the list. */
    Certificate {
      movements = List.copyOf(movements);
    }
  }

  /**
   * One movement's draw from a certificate.
   *
   * @param quantity in the certificate's unit
   * @param movementQuantity in the movement's product unit {@code movementUnit}
   * @param alerts the types of the alerts the draw raised
   */
  record Draw(
      long sequence,
      String siteId,
      String productId,
      String movementId,
      String type,
      String lotId,
      String date,
      BigDecimal quantity,
      BigDecimal movementQuantity,
      String movementUnit,
      List<String> alerts) {

    /** Copies the list. */
    Draw {
      alerts = List.copyOf(alerts);
    }
  }

  static final TableSpec SPEC =
      new TableSpec(
          "Import certificates",
          "import-certificates.csv",
          new TableSpec.Columns()
              .add(TEXT, "certificate_number")
              .add(FLAG, "known")
              .add(TEXT, "certificate_product_id", "hts_code", "unit")
              .add(QUANTITY, "certified", "received", "remaining")
              .add(
                  TEXT,
                  "valid_from",
                  "valid_to",
                  "exporter",
                  "importer_nop_id",
                  "certifier",
                  "origin_country")
              .add(COUNT, "sequence")
              .add(TEXT, "site_id", "product_id", "movement_id", "type", "lot_id", "date")
              .add(QUANTITY, "quantity", "movement_quantity")
              .add(TEXT, "movement_unit", "alerts")
              .list());

  /** The sheet's rows: every certificate a movement of the range drew from, by number. */
  static void rows(
      AuditInput.Scope scope, List<Certificate> importCertificates, TableSpec.RowSink sink) {
    List<Certificate> certificates = new ArrayList<>(importCertificates);
    certificates.sort(Comparator.comparing(Certificate::number));
    for (Certificate c : certificates) {
      if (!used(c, scope)) {
        continue;
      }
      for (Draw d : c.movements()) {
        sink.row(
            SPEC,
            new Object[] {
              c.number(),
              c.known(),
              c.productId(),
              c.htsCode(),
              c.unit(),
              c.certified(),
              c.received(),
              c.remaining(),
              c.validFrom(),
              c.validTo(),
              c.exporter(),
              c.importerNopId(),
              c.certifier(),
              c.originCountry(),
              d.sequence(),
              d.siteId(),
              d.productId(),
              d.movementId(),
              d.type(),
              d.lotId(),
              d.date(),
              d.quantity(),
              d.movementQuantity(),
              d.movementUnit(),
              String.join(", ", d.alerts())
            });
      }
    }
  }

  /** Whether a movement of the range, at the sites asked for, drew from {@code c}. */
  private static boolean used(Certificate c, AuditInput.Scope scope) {
    for (Draw d : c.movements()) {
      if (d.date() != null
          && d.date().length() >= 7
          && scope.inRange(d.date().substring(0, 7))
          && scope.inScope(d.siteId())) {
        return true;
      }
    }
    return false;
  }
}
