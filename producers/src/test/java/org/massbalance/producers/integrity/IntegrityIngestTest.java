package org.massbalance.producers.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.producers.csv.CsvRefusal;

class IntegrityIngestTest {

  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
  private static final String TOPIC = "supplier-certificates";

  @TempDir Path tmp;

  private final CapturingProducers producers = new CapturingProducers();
  private final Map<String, SupplierCertificate> onTopic = new HashMap<>();

  private IntegrityIngest ingest(Instant now) {
    return new IntegrityIngest(
        producers,
        topic -> Map.copyOf(onTopic),
        IntegrityLimits.defaults(),
        Clock.fixed(now, ZoneOffset.UTC),
        new PrintStream(PrintStream.nullOutputStream()));
  }

  private Path resource(String name) throws IOException {
    Path target = tmp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/integrity/" + name)) {
      Files.copy(in, target);
    }
    return target;
  }

  @Test
  void shouldSendTheMappedRecordsKeyedByNopIdAndListRefusedRowsWithTheirLines() throws IOException {
    IntegritySummary summary =
        ingest(NOW).ingest(resource("operations.csv"), TOPIC, false, Duration.ofDays(7));

    List<SupplierCertificate> sent = producers.values();
    assertThat(sent)
        .extracting(SupplierCertificate::getNopId, SupplierCertificate::getStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("8150000016", "CERTIFIED"),
            org.assertj.core.groups.Tuple.tuple("8150000017", "SUSPENDED"),
            org.assertj.core.groups.Tuple.tuple("8150000018", "IN_PROGRESS"));
    assertThat(sent).allSatisfy(c -> assertThat(c.getRecordedAt()).isEqualTo(NOW.toEpochMilli()));
    assertThat(producers.sent()).allSatisfy(r -> assertThat(r.topic()).isEqualTo(TOPIC));
    assertThat(producers.<SupplierCertificate>sent().get(1).key()).isEqualTo("8150000017");
    assertThat(summary.read()).isEqualTo(6);
    assertThat(summary.sent()).isEqualTo(3);
    assertThat(summary.refused())
        .containsExactly(
            new CsvRefusal(4, "op_nopOpID '815000001' is not a 10-digit NOP ID"),
            new CsvRefusal(6, "op_status 'Certified!!' is not a status word"),
            new CsvRefusal(7, "op_statusEffectiveDate '2025-13-45' is not a date"));
    assertThat(summary.report())
        .startsWith(
            "integrity (csv): 6 read, 3 sent to supplier-certificates, 0 unchanged, 3 refused")
        .contains("refused line 4: op_nopOpID '815000001' is not a 10-digit NOP ID");
  }

  @Test
  void shouldNotSendARecordIdenticalToTheOneOnTheTopicAgain() throws IOException {
    Path file = resource("operations.xml");
    ingest(NOW).ingest(file, TOPIC, false, Duration.ofDays(7));
    for (SupplierCertificate c : producers.<SupplierCertificate>values()) {
      onTopic.put(c.getNopId(), c);
    }
    onTopic.put(
        "8150000021",
        SupplierCertificate.newBuilder(onTopic.get("8150000021")).setStatus("CERTIFIED").build());
    int before = producers.sent().size();

    IntegritySummary again =
        ingest(NOW.plus(Duration.ofDays(1))).ingest(file, TOPIC, false, Duration.ofDays(7));

    assertThat(again.unchanged()).isEqualTo(2);
    assertThat(again.sent()).isEqualTo(1);
    assertThat(producers.<SupplierCertificate>values().subList(before, before + 1))
        .extracting(SupplierCertificate::getNopId)
        .containsExactly("8150000021");
  }

  @Test
  void shouldSendAnUnchangedRecordAgainOnceItsVerificationIsOlderThanTheRefreshAge()
      throws IOException {
    Path file = resource("operations.xml");
    ingest(NOW).ingest(file, TOPIC, false, Duration.ofDays(7));
    for (SupplierCertificate c : producers.<SupplierCertificate>values()) {
      onTopic.put(c.getNopId(), c);
    }

    IntegritySummary later =
        ingest(NOW.plus(Duration.ofDays(7))).ingest(file, TOPIC, false, Duration.ofDays(7));

    assertThat(later.unchanged()).isZero();
    assertThat(later.sent()).isEqualTo(3);
  }

  @Test
  void shouldLeaveOutNopIdsNotOnTheTopicWithOnlyKnown() throws IOException {
    onTopic.put(
        "8150000017",
        SupplierCertificate.newBuilder().setNopId("8150000017").setStatus("CERTIFIED").build());

    IntegritySummary summary =
        ingest(NOW).ingest(resource("operations.xml"), TOPIC, true, Duration.ofDays(7));

    assertThat(producers.<SupplierCertificate>values())
        .extracting(SupplierCertificate::getNopId)
        .containsExactly("8150000017");
    assertThat(summary.unknown()).isEqualTo(2);
    assertThat(summary.report()).contains("2 not known (--only-known)");
  }

  @Test
  void shouldSendNothingFromAFileRefusedWhole() throws IOException {
    Path file = resource("malformed.xml");
    assertThatThrownBy(() -> ingest(NOW).ingest(file, TOPIC, false, Duration.ofDays(7)))
        .isInstanceOf(IntegrityFileException.class);
    assertThat(producers.sent()).isEmpty();
  }

  @Test
  void shouldCountDescriptionRowsAsSkippedNotRefused() throws IOException {
    Path file =
        IntegrityWorkbooks.write(
            tmp.resolve("export.xlsx"),
            List.of(List.of(8150000016L, "Valley Nut Growers", "CCOF", "Certified")));

    IntegritySummary summary = ingest(NOW).ingest(file, TOPIC, false, Duration.ofDays(7));

    assertThat(summary.read()).isEqualTo(1);
    assertThat(summary.skipped()).isEqualTo(1);
    assertThat(summary.refusedCount()).isZero();
    assertThat(summary.report()).contains("(1 description rows skipped)");
  }
}
