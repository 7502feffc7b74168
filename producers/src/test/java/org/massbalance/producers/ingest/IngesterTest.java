package org.massbalance.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.producers.csv.ContractExamples;
import org.massbalance.producers.csv.CsvRefusal;

class IngesterTest {

  private static final Instant NOW = Instant.parse("2025-12-01T12:00:00Z");

  private final RecordingProducers producers = new RecordingProducers();
  private final ByteArrayOutputStream progressBytes = new ByteArrayOutputStream();
  private final Ingester ingester =
      new Ingester(
          producers,
          new PrintStream(progressBytes, true, StandardCharsets.UTF_8),
          Clock.fixed(NOW, ZoneOffset.UTC));

  private static InputStream csv(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private String progress() {
    return progressBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void movementsAreKeyedBySiteAndProductAndStampedWithTheSendTime() {
    IngestSummary summary =
        ingester.ingest(
            Dataset.MOVEMENTS,
            ContractExamples.dir().resolve("almonds-2025-11.csv"),
            "inventory-movements");

    List<ProducerRecord<String, Movement>> sent = producers.sent();
    assertThat(sent).hasSize(8);
    assertThat(sent).allSatisfy(r -> assertThat(r.topic()).isEqualTo("inventory-movements"));
    assertThat(sent).allSatisfy(r -> assertThat(r.key()).isEqualTo("FRESNO|ALMONDS"));
    assertThat(sent)
        .allSatisfy(r -> assertThat(r.value().getIngestedAt()).isEqualTo(NOW.toEpochMilli()));
    assertThat(sent.get(7).value().getMovementId()).isEqualTo("m-008");
    assertThat(summary.sent()).isEqualTo(8);
    assertThat(summary.refusedCount()).isZero();
    assertThat(summary.topic()).isEqualTo("inventory-movements");
    assertThat(producers.registry.versionCount("inventory-movements-value")).isEqualTo(1);
    assertThat(producers.created.get(0).closed()).isTrue();
  }

  @Test
  void referenceDataIsKeyedByItsId() {
    var dir = ContractExamples.dir();
    ingester.ingest(Dataset.SITES, dir.resolve("sites.csv"), "sites");
    ingester.ingest(Dataset.PRODUCTS, dir.resolve("products.csv"), "products");
    ingester.ingest(Dataset.CERTIFICATES, dir.resolve("certificates.csv"), "supplier-certificates");

    List<ProducerRecord<String, Object>> sent = producers.sent();
    assertThat(sent)
        .extracting(ProducerRecord::topic, ProducerRecord::key)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("sites", "FRESNO"),
            org.assertj.core.groups.Tuple.tuple("products", "ALMONDS"),
            org.assertj.core.groups.Tuple.tuple("supplier-certificates", "8150000016"));
    assertThat(sent.get(0).value()).isInstanceOf(Site.class);
    assertThat(sent.get(1).value()).isInstanceOf(Product.class);
    assertThat(sent.get(2).value()).isInstanceOf(SupplierCertificate.class);
  }

  @Test
  void refusedRowsAreListedAndTheRestIsSent() {
    IngestSummary summary =
        ingester.ingest(
            Dataset.PRODUCTS,
            csv(
                "product_id,name,unit,organic,tolerance_pct,lot_prefix,notes\n"
                    + "A,,kg,true,,,\n"
                    + "B,,kg,maybe,,,\n"
                    + "C,,kg,false,,,\n"
                    + "D,,kg,true,,,,,oops\n"),
            "products");

    assertThat(summary.sent()).isEqualTo(2);
    assertThat(summary.refusedCount()).isEqualTo(2);
    assertThat(summary.refused())
        .containsExactly(
            new CsvRefusal(3, "organic must be true or false, not 'maybe'"),
            new CsvRefusal(5, "9 values but the header has 7 columns"));
    assertThat(summary.ignoredColumns()).containsExactly("notes");
    assertThat(summary.report())
        .isEqualTo(
            "products: 2 rows sent to products, 2 refused\n"
                + "ignored unknown columns: notes\n"
                + "refused line 3: organic must be true or false, not 'maybe'\n"
                + "refused line 5: 9 values but the header has 7 columns");
  }

  @Test
  void progressIsPrintedEveryTenThousandRows() {
    StringBuilder file =
        new StringBuilder("movement_id,type,occurred_at,site_id,product_id,quantity,unit\n");
    for (int i = 0; i < 25_000; i++) {
      file.append("m-").append(i).append(",SALE,2025-11-02,FRESNO,ALMONDS,1,kg\n");
    }

    IngestSummary summary = ingester.ingest(Dataset.MOVEMENTS, csv(file.toString()), "t");

    assertThat(summary.sent()).isEqualTo(25_000);
    assertThat(progress().lines())
        .containsExactly(
            "movements: 10000 rows sent, 0 refused", "movements: 20000 rows sent, 0 refused");
  }

  @Test
  void progressIsPrintedEveryTwoSecondsOnSlowFiles() {
    Clock ticking =
        new Clock() {
          private long millis = NOW.toEpochMilli();

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            millis += 500;
            return Instant.ofEpochMilli(millis);
          }
        };
    Ingester slow =
        new Ingester(
            producers, new PrintStream(progressBytes, true, StandardCharsets.UTF_8), ticking);

    slow.ingest(
        Dataset.SITES,
        csv("site_id,name,time_zone,country\nA,,,\nB,,,\nC,,,\nD,,,\nE,,,\n"),
        "sites");

    assertThat(progress().lines())
        .isNotEmpty()
        .allMatch(l -> l.matches("sites: \\d+ rows sent, 0 refused"));
  }

  @Test
  void aSendFailureFailsTheFileWithAClearMessage() {
    RecordingProducers failing = new RecordingProducers(2);
    Ingester failingIngester =
        new Ingester(
            failing,
            new PrintStream(progressBytes, true, StandardCharsets.UTF_8),
            Clock.fixed(NOW, ZoneOffset.UTC));

    assertThatThrownBy(
            () ->
                failingIngester.ingest(
                    Dataset.SITES,
                    csv("site_id,name,time_zone,country\nA,,,\nB,,,\nC,,,\nD,,,\nE,,,\n"),
                    "sites"))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("sending sites to topic sites failed after 2 rows were acknowledged")
        .hasMessageContaining("Expiring 1 record(s) for sites-0");
    assertThat(failing.sent()).hasSize(2);
    assertThat(failing.created.get(0).closed()).isTrue();
  }

  @Test
  void aFileMissingARequiredColumnIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(
            () -> ingester.ingest(Dataset.SITES, csv("site_id,name,country\nA,,\n"), "sites"))
        .isInstanceOf(IngestException.class)
        .hasMessage(
            "sites file refused: the header lacks required column time_zone (it needs site_id,"
                + " name, time_zone, country)");
    assertThat(producers.sent()).isEmpty();
  }
}
