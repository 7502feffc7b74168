package org.massbalance.producers.generate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;

/**
 * Writes the contract's CSV formats: movements to a file, and reference data beside it ({@code
 * NAME-sites.csv}, {@code NAME-products.csv}, {@code NAME-certificates.csv} for {@code NAME.csv}).
 * Line ends are {@code \n}, so the bytes depend only on the records.
 */
public final class CsvMovementSink implements MovementSink {

  /** The movement columns, in file order. */
  public static final String[] MOVEMENT_COLUMNS = {
    "movement_id",
    "type",
    "occurred_at",
    "site_id",
    "product_id",
    "quantity",
    "unit",
    "lot_id",
    "supplier_id",
    "supplier_lot",
    "supplier_nop_id",
    "import_certificate",
    "origin_country",
    "counterparty_id",
    "document_ref",
    "reason",
    "to_site_id"
  };

  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

  private final Path file;
  private final CSVPrinter movements;

  /** A sink writing movements to {@code file} (created or replaced). */
  public CsvMovementSink(Path file) throws IOException {
    this.file = file;
    this.movements = printer(file, MOVEMENT_COLUMNS);
  }

  /** The reference file of a kind ({@code sites}, {@code products}, {@code certificates}). */
  public static Path referenceFile(Path movements, String kind) {
    String name = movements.getFileName().toString();
    String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    return movements.resolveSibling(base + "-" + kind + ".csv");
  }

  @Override
  public void reference(ReferenceData data) throws IOException {
    try (CSVPrinter p =
        printer(referenceFile(file, "sites"), "site_id", "name", "time_zone", "country")) {
      for (Site s : data.sites()) {
        p.printRecord(s.getSiteId(), s.getName(), s.getTimeZone(), s.getCountry());
      }
    }
    try (CSVPrinter p =
        printer(
            referenceFile(file, "products"),
            "product_id",
            "name",
            "unit",
            "organic",
            "tolerance_pct",
            "lot_prefix")) {
      for (Product x : data.products()) {
        p.printRecord(
            x.getProductId(),
            x.getName(),
            x.getUnit(),
            x.getOrganic(),
            x.getTolerancePct(),
            x.getLotPrefix());
      }
    }
    try (CSVPrinter p =
        printer(
            referenceFile(file, "certificates"),
            "nop_id",
            "operation_name",
            "certifier",
            "status",
            "status_effective",
            "scopes",
            "expires_on")) {
      for (SupplierCertificate c : data.certificates()) {
        p.printRecord(
            c.getNopId(),
            c.getOperationName(),
            c.getCertifier(),
            c.getStatus(),
            c.getStatusEffective(),
            String.join(";", c.getScopes()),
            c.getExpiresOn());
      }
    }
  }

  @Override
  public void send(Movement m) throws IOException {
    movements.printRecord(
        m.getMovementId(),
        m.getType(),
        m.getOccurredAt(),
        m.getSiteId(),
        m.getProductId(),
        m.getQuantity(),
        m.getUnit(),
        m.getLotId(),
        m.getSupplierId(),
        m.getSupplierLot(),
        m.getSupplierNopId(),
        m.getImportCertificate(),
        m.getOriginCountry(),
        m.getCounterpartyId(),
        m.getDocumentRef(),
        m.getReason(),
        m.getToSiteId());
  }

  @Override
  public void close() throws IOException {
    movements.close(true);
  }

  private static CSVPrinter printer(Path path, String... header) throws IOException {
    Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    CSVPrinter p = new CSVPrinter(w, FORMAT);
    p.printRecord((Object[]) header);
    return p;
  }
}
