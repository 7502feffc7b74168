package org.massbalance.producers.ingest;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.massbalance.avro.ImportCertificate;
import org.massbalance.avro.Investigation;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.avro.Yield;
import org.massbalance.imports.ImportCertificateRecords;
import org.massbalance.investigations.InvestigationRecords;
import org.massbalance.producers.csv.CsvFormats;
import org.massbalance.producers.csv.CsvRecordReader;
import org.massbalance.topics.TopicDefaults;

/**
 * What can be ingested: a CSV format, the record class, the default topic and the record's key.
 *
 * @param name the name on the command line
 * @param type the generated record class
 * @param defaultTopic the contract's default topic
 * @param reader the CSV reader
 * @param key the Kafka key of a record
 * @param <T> the record type
 */
public record Dataset<T extends SpecificRecord>(
    String name,
    Class<T> type,
    String defaultTopic,
    CsvRecordReader<T> reader,
    Function<T, String> key) {

  /** Movements, keyed {@code site|product}. */
  public static final Dataset<Movement> MOVEMENTS =
      new Dataset<>(
          "movements",
          Movement.class,
          TopicDefaults.MOVEMENTS,
          CsvFormats.movements(),
          m -> TopicDefaults.movementKey(orEmpty(m.getSiteId()), orEmpty(m.getProductId())));

  /** Supplier certificates, keyed by NOP ID. */
  public static final Dataset<SupplierCertificate> CERTIFICATES =
      new Dataset<>(
          "certificates",
          SupplierCertificate.class,
          TopicDefaults.CERTIFICATES,
          CsvFormats.certificates(),
          SupplierCertificate::getNopId);

  /** Sites, keyed by site id. */
  public static final Dataset<Site> SITES =
      new Dataset<>("sites", Site.class, TopicDefaults.SITES, CsvFormats.sites(), Site::getSiteId);

  /** Products, keyed by product id. */
  public static final Dataset<Product> PRODUCTS =
      new Dataset<>(
          "products",
          Product.class,
          TopicDefaults.PRODUCTS,
          CsvFormats.products(),
          Product::getProductId);

  /** Variance investigations, keyed {@code site|product|yyyy-MM}. */
  public static final Dataset<Investigation> INVESTIGATIONS =
      new Dataset<>(
          "investigations",
          Investigation.class,
          TopicDefaults.INVESTIGATIONS,
          CsvFormats.investigations(),
          InvestigationRecords::key);

  /** Yield bands of processing, keyed {@code input_product|output_product}. */
  public static final Dataset<Yield> YIELDS =
      new Dataset<>(
          "yields",
          Yield.class,
          TopicDefaults.YIELDS,
          CsvFormats.yields(),
          y -> TopicDefaults.yieldKey(y.getInputProductId(), y.getOutputProductId()));

  /** NOP Import Certificates, keyed by certificate number. */
  public static final Dataset<ImportCertificate> IMPORT_CERTIFICATES =
      new Dataset<>(
          "import-certificates",
          ImportCertificate.class,
          TopicDefaults.IMPORT_CERTIFICATES,
          CsvFormats.importCertificates(),
          ImportCertificateRecords::key);

  /**
   * All datasets read one record per row, in the order the command lists them ({@code
   * transformations}, whose rows are grouped, is read apart).
   */
  public static final List<Dataset<?>> ALL =
      List.of(
          MOVEMENTS, CERTIFICATES, SITES, PRODUCTS, INVESTIGATIONS, YIELDS, IMPORT_CERTIFICATES);

  /**
   * The dataset of a command-line name (case-insensitive).
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static Dataset<?> byName(String name) {
    for (Dataset<?> dataset : ALL) {
      if (dataset.name.equals(name.toLowerCase(Locale.ROOT))) {
        return dataset;
      }
    }
    throw new IllegalArgumentException(
        "unknown dataset '"
            + name
            + "': expected movements, certificates, sites, products, investigations, yields or"
            + " import-certificates");
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
