package org.massbalance.producers.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.massbalance.avro.ImportCertificate;
import org.massbalance.avro.Investigation;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.avro.Yield;
import org.massbalance.imports.ImportCertificateRecords;
import org.massbalance.investigations.InvestigationRecords;

/**
 * The contract's CSV formats read one record per row (transformations, whose rows are grouped, are
 * read in {@code org.massbalance.producers.transformations}).
 */
public final class CsvFormats {

  /** Required columns of a movements file. */
  public static final List<String> MOVEMENT_REQUIRED =
      List.of("movement_id", "type", "occurred_at", "site_id", "product_id", "quantity", "unit");

  /** Optional columns of a movements file. */
  public static final List<String> MOVEMENT_OPTIONAL =
      List.of(
          "lot_id",
          "supplier_id",
          "supplier_lot",
          "supplier_nop_id",
          "import_certificate",
          "origin_country",
          "counterparty_id",
          "document_ref",
          "reason",
          "to_site_id",
          "reservation_id");

  /** Columns of a certificates file. */
  public static final List<String> CERTIFICATE_COLUMNS =
      List.of(
          "nop_id",
          "operation_name",
          "certifier",
          "status",
          "status_effective",
          "scopes",
          "expires_on");

  /** Columns of a sites file. */
  public static final List<String> SITE_COLUMNS =
      List.of("site_id", "name", "time_zone", "country");

  /** Columns of a products file. */
  public static final List<String> PRODUCT_COLUMNS =
      List.of("product_id", "name", "unit", "organic", "tolerance_pct", "lot_prefix");

  /**
   * Optional columns of a products file: {@code gtin}, the product's GTIN for lot labels, passed on
   * as written (the engine checks it: an invalid one is ignored and logged).
   */
  public static final List<String> PRODUCT_OPTIONAL = List.of("gtin");

  /** Required columns of an investigations file. */
  public static final List<String> INVESTIGATION_REQUIRED =
      List.of(
          "site_id",
          "product_id",
          "period",
          "cause",
          "explanation",
          "corrective_action",
          "investigated_by");

  /** Optional columns of an investigations file. */
  public static final List<String> INVESTIGATION_OPTIONAL =
      List.of("certifier_notified_on", "recorded_at");

  /** Columns of a yields file (yield bands of processing). */
  public static final List<String> YIELD_COLUMNS =
      List.of("input_product_id", "output_product_id", "min_pct", "max_pct");

  private static final CsvRecordReader<Investigation> INVESTIGATIONS =
      new CsvRecordReader<>(
          "investigations",
          INVESTIGATION_REQUIRED,
          INVESTIGATION_OPTIONAL,
          CsvFormats::investigation);

  private static final CsvRecordReader<Movement> MOVEMENTS =
      new CsvRecordReader<>(
          "movements", MOVEMENT_REQUIRED, MOVEMENT_OPTIONAL, CsvFormats::movement);

  private static final CsvRecordReader<SupplierCertificate> CERTIFICATES =
      new CsvRecordReader<>(
          "certificates", CERTIFICATE_COLUMNS, List.of(), CsvFormats::certificate);

  private static final CsvRecordReader<Site> SITES =
      new CsvRecordReader<>(
          "sites",
          SITE_COLUMNS,
          List.of("organic_only", "address_line", "city", "region", "postal_code"),
          CsvFormats::site);

  private static final CsvRecordReader<Product> PRODUCTS =
      new CsvRecordReader<>("products", PRODUCT_COLUMNS, PRODUCT_OPTIONAL, CsvFormats::product);

  private static final CsvRecordReader<Yield> YIELDS =
      new CsvRecordReader<>("yields", YIELD_COLUMNS, List.of(), CsvFormats::yield);

  private static final CsvRecordReader<ImportCertificate> IMPORT_CERTIFICATES =
      new CsvRecordReader<>(
          "import-certificates",
          ImportCertificateRecords.REQUIRED,
          ImportCertificateRecords.COLUMNS.stream()
              .filter(c -> !ImportCertificateRecords.REQUIRED.contains(c))
              .toList(),
          CsvFormats::importCertificate);

  private CsvFormats() {}

  /**
   * Movements: every value is passed on as a string, unjudged (the engine validates); {@code
   * ingested_at} is left null for the sender to set.
   */
  public static CsvRecordReader<Movement> movements() {
    return MOVEMENTS;
  }

  /** Certificates: {@code nop_id} and {@code status} must not be empty; scopes split on ';'. */
  public static CsvRecordReader<SupplierCertificate> certificates() {
    return CERTIFICATES;
  }

  /** Sites: {@code site_id} must not be empty. */
  public static CsvRecordReader<Site> sites() {
    return SITES;
  }

  /**
   * Products: {@code product_id} must not be empty; {@code organic} is true or false
   * (case-insensitive) or empty.
   */
  public static CsvRecordReader<Product> products() {
    return PRODUCTS;
  }

  /** Variance investigations. */
  public static CsvRecordReader<Investigation> investigations() {
    return INVESTIGATIONS;
  }

  /**
   * Yield bands: both product ids must not be empty (a row without one has no key); the bounds are
   * passed on as strings, unjudged (the engine reads a band only from two decimals, min <= max).
   */
  public static CsvRecordReader<Yield> yields() {
    return YIELDS;
  }

  /**
   * NOP Import Certificates: a row breaking a rule of {@link ImportCertificateRecords} (the
   * engine's own) is refused with every reason; the record is sent trimmed, its unit in lower case.
   */
  public static CsvRecordReader<ImportCertificate> importCertificates() {
    return IMPORT_CERTIFICATES;
  }

  static ImportCertificate importCertificate(CsvRow row) throws RowRefusedException {
    ImportCertificate c =
        ImportCertificateRecords.normalized(ImportCertificateRecords.of(row::get));
    List<String> problems = ImportCertificateRecords.problems(c);
    if (!problems.isEmpty()) {
      throw new RowRefusedException(String.join("; ", problems));
    }
    return c;
  }

  /**
   * A variance investigation: trimmed, cause upper-cased, {@code recorded_at} now when empty; a row
   * breaking a rule of {@link InvestigationRecords} is refused with every reason.
   */
  static Investigation investigation(CsvRow row) throws RowRefusedException {
    Investigation raw = InvestigationRecords.of(row::get);
    Investigation inv = InvestigationRecords.normalized(raw, java.time.Instant.now());
    List<String> problems = InvestigationRecords.problems(inv);
    if (!problems.isEmpty()) {
      throw new RowRefusedException(String.join("; ", problems));
    }
    return inv;
  }

  static Yield yield(CsvRow row) throws RowRefusedException {
    List<String> problems = new ArrayList<>();
    for (String column : List.of("input_product_id", "output_product_id")) {
      if (row.get(column) == null) {
        problems.add(column + " is empty");
      }
    }
    if (!problems.isEmpty()) {
      throw new RowRefusedException(String.join("; ", problems));
    }
    return Yield.newBuilder()
        .setInputProductId(row.get("input_product_id"))
        .setOutputProductId(row.get("output_product_id"))
        .setMinPct(row.get("min_pct"))
        .setMaxPct(row.get("max_pct"))
        .build();
  }

  static Movement movement(CsvRow row) {
    return Movement.newBuilder()
        .setMovementId(row.get("movement_id"))
        .setType(row.get("type"))
        .setOccurredAt(row.get("occurred_at"))
        .setSiteId(row.get("site_id"))
        .setProductId(row.get("product_id"))
        .setQuantity(row.get("quantity"))
        .setUnit(row.get("unit"))
        .setLotId(row.get("lot_id"))
        .setSupplierId(row.get("supplier_id"))
        .setSupplierLot(row.get("supplier_lot"))
        .setSupplierNopId(row.get("supplier_nop_id"))
        .setImportCertificate(row.get("import_certificate"))
        .setOriginCountry(row.get("origin_country"))
        .setCounterpartyId(row.get("counterparty_id"))
        .setDocumentRef(row.get("document_ref"))
        .setReason(row.get("reason"))
        .setToSiteId(row.get("to_site_id"))
        .setReservationId(row.get("reservation_id"))
        .setIngestedAt(null)
        .build();
  }

  static SupplierCertificate certificate(CsvRow row) throws RowRefusedException {
    return SupplierCertificate.newBuilder()
        .setNopId(row.required("nop_id"))
        .setOperationName(row.get("operation_name"))
        .setCertifier(row.get("certifier"))
        .setStatus(row.required("status"))
        .setStatusEffective(row.get("status_effective"))
        .setScopes(scopes(row.get("scopes")))
        .setExpiresOn(row.get("expires_on"))
        .build();
  }

  static List<String> scopes(String value) {
    List<String> scopes = new ArrayList<>();
    if (value != null) {
      for (String part : value.split(";")) {
        String scope = part.strip();
        if (!scope.isEmpty()) {
          scopes.add(scope);
        }
      }
    }
    return scopes;
  }

  static Site site(CsvRow row) throws RowRefusedException {
    return Site.newBuilder()
        .setSiteId(row.required("site_id"))
        .setName(row.get("name"))
        .setTimeZone(row.get("time_zone"))
        .setCountry(row.get("country"))
        .setOrganicOnly(flag("organic_only", row.get("organic_only")))
        .setAddressLine(row.get("address_line"))
        .setCity(row.get("city"))
        .setRegion(row.get("region"))
        .setPostalCode(row.get("postal_code"))
        .build();
  }

  static Product product(CsvRow row) throws RowRefusedException {
    return Product.newBuilder()
        .setProductId(row.required("product_id"))
        .setName(row.get("name"))
        .setUnit(row.get("unit"))
        .setOrganic(organic(row.get("organic")))
        .setTolerancePct(row.get("tolerance_pct"))
        .setLotPrefix(row.get("lot_prefix"))
        .setGtin(row.get("gtin"))
        .build();
  }

  static Boolean organic(String value) throws RowRefusedException {
    return flag("organic", value);
  }

  /** A {@code true}/{@code false} column (case-insensitive), or null when empty. */
  static Boolean flag(String column, String value) throws RowRefusedException {
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default ->
          throw new RowRefusedException(column + " must be true or false, not '" + value + "'");
    };
  }
}
