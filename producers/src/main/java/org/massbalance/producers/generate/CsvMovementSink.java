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
import org.massbalance.avro.Transformation;
import org.massbalance.avro.TransformationItem;
import org.massbalance.avro.Yield;
import org.massbalance.producers.csv.CsvFormats;

/**
 * Writes the contract's CSV formats: movements to a file, and reference data beside it ({@code
 * NAME-sites.csv}, {@code NAME-products.csv}, {@code NAME-certificates.csv} for {@code NAME.csv});
 * for a workload with transformations also {@code NAME-transformations.csv} (the format of {@code
 * ingest transformations}: one row per item, inputs then outputs) and {@code NAME-yields.csv} (the
 * format of {@code ingest yields}). Line ends are {@code \n}, so the bytes depend only on the
 * records.
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

  /** The transformation columns, in file order (the ingest format). */
  public static final String[] TRANSFORMATION_COLUMNS = {
    "transformation_id",
    "site_id",
    "occurred_at",
    "role",
    "product_id",
    "quantity",
    "unit",
    "lot_id",
    "document_ref"
  };

  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

  private final Path file;
  private final CSVPrinter movements;
  private final CSVPrinter transformations;
  private final CSVPrinter yields;

  /** A sink writing movements to {@code file} (created or replaced). */
  public CsvMovementSink(Path file) throws IOException {
    this(file, false);
  }

  /**
   * A sink writing movements to {@code file} and, with {@code transformations}, transformations and
   * yield bands beside it (all created or replaced).
   */
  public CsvMovementSink(Path file, boolean transformations) throws IOException {
    this.file = file;
    this.movements = printer(file, MOVEMENT_COLUMNS);
    this.transformations =
        transformations
            ? printer(referenceFile(file, "transformations"), TRANSFORMATION_COLUMNS)
            : null;
    this.yields =
        transformations
            ? printer(
                referenceFile(file, "yields"), CsvFormats.YIELD_COLUMNS.toArray(String[]::new))
            : null;
  }

  /**
   * The file of a kind beside the movements ({@code sites}, {@code products}, {@code certificates},
   * {@code transformations}, {@code yields}).
   */
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
  public void sendTransformation(Transformation t) throws IOException {
    if (transformations == null) {
      throw new IllegalStateException("this sink was made without transformation files");
    }
    for (TransformationItem i : t.getInputs()) {
      row(t, "INPUT", i);
    }
    for (TransformationItem o : t.getOutputs()) {
      row(t, o.getRole() == null ? "MAIN" : o.getRole(), o);
    }
  }

  private void row(Transformation t, String role, TransformationItem item) throws IOException {
    transformations.printRecord(
        t.getTransformationId(),
        t.getSiteId(),
        t.getOccurredAt(),
        role,
        item.getProductId(),
        item.getQuantity(),
        item.getUnit(),
        item.getLotId(),
        t.getDocumentRef());
  }

  @Override
  public void sendYield(Yield y) throws IOException {
    if (yields == null) {
      throw new IllegalStateException("this sink was made without transformation files");
    }
    yields.printRecord(y.getInputProductId(), y.getOutputProductId(), y.getMinPct(), y.getMaxPct());
  }

  @Override
  public void close() throws IOException {
    try {
      movements.close(true);
    } finally {
      if (transformations != null) {
        transformations.close(true);
      }
      if (yields != null) {
        yields.close(true);
      }
    }
  }

  private static CSVPrinter printer(Path path, String... header) throws IOException {
    Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    CSVPrinter p = new CSVPrinter(w, FORMAT);
    p.printRecord((Object[]) header);
    return p;
  }
}
