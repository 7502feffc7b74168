package org.massbalance.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Movement;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.producers.integrity.CapturingProducers;
import picocli.CommandLine;

/** {@code ingest integrity} and {@code ingest epcis} on the command line. */
class IngestFormatsCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final CapturingProducers producers = new CapturingProducers();

  private int run(String... args) {
    IngestCommand command =
        new IngestCommand(
            configs -> producers,
            configs -> topic -> Map.of(),
            Clock.fixed(Instant.parse("2025-12-01T00:00:00Z"), ZoneOffset.UTC));
    CommandLine cli = IngestCommand.commandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private Path resource(String name) throws IOException {
    Path target = dir.resolve(name.replace('/', '-'));
    try (InputStream in = getClass().getResourceAsStream("/" + name)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  @Test
  void shouldIngestAnIntegrityExportAndPrintTheSummaryWithRefusedLines() throws IOException {
    int code =
        run(
            "integrity",
            resource("integrity/operations.xml").toString(),
            "--bootstrap=b:9092",
            "--registry=http://r:8081");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains(
            "integrity (xml): 4 read, 3 sent to supplier-certificates, 0 unchanged, 1 refused")
        .contains("refused line 23: op_nopOpID '815000001' is not a 10-digit NOP ID");
    assertThat(producers.<SupplierCertificate>values())
        .allSatisfy(
            c ->
                assertThat(c.getRecordedAt())
                    .isEqualTo(Instant.parse("2025-12-01T00:00:00Z").toEpochMilli()));
  }

  @Test
  void shouldFailWithTheReasonWhenAnIntegrityFileIsRefusedWhole() throws IOException {
    int code =
        run(
            "integrity",
            resource("integrity/xxe.xml").toString(),
            "--bootstrap=b:9092",
            "--registry=http://r:8081");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            "ingest failed: INTEGRITY file refused: it declares a DTD (DOCTYPE), which is not"
                + " allowed");
    assertThat(producers.sent()).isEmpty();
  }

  @Test
  void shouldIngestAnEpcisDocumentThroughTheMaps() throws IOException {
    int code =
        run(
            "epcis",
            resource("epcis/events.jsonld").toString(),
            "--locations",
            resource("epcis/locations.csv").toString(),
            "--products",
            resource("epcis/products.csv").toString(),
            "--bootstrap=b:9092",
            "--registry=http://r:8081");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains(
            "epcis: 10 events, 6 movements sent to inventory-movements, 1 transformations sent to"
                + " transformations, 3 events refused")
        .doesNotContain("refused eventList[5]");
    assertThat(producers.<Object>values()).filteredOn(Movement.class::isInstance).hasSize(6);
    assertThat(producers.<Object>values())
        .filteredOn(org.massbalance.avro.Transformation.class::isInstance)
        .hasSize(1);
  }

  @Test
  void shouldRequireBothMapsForEpcis() throws IOException {
    int code =
        run(
            "epcis",
            resource("epcis/events.jsonld").toString(),
            "--bootstrap=b:9092",
            "--registry=http://r:8081");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("ingest epcis needs --locations MAP.csv and --products MAP.csv");
  }
}
