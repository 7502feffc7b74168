package org.massbalance.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.producers.csv.ContractExamples;
import picocli.CommandLine;

class IngestCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Map<String, Object> seenConfigs = new HashMap<>();

  private int run(RecordingProducers producers, String... args) {
    IngestCommand command =
        new IngestCommand(
            configs -> {
              seenConfigs.putAll(configs);
              return producers;
            },
            Clock.fixed(Instant.parse("2025-12-01T00:00:00Z"), ZoneOffset.UTC));
    CommandLine cli = IngestCommand.commandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void ingestsAFileToTheDefaultTopicAndPrintsTheSummary() {
    RecordingProducers producers = new RecordingProducers();
    int code =
        run(
            producers,
            "movements",
            ContractExamples.dir().resolve("almonds-2025-11.csv").toString(),
            "--bootstrap",
            "localhost:9092",
            "--registry",
            "http://localhost:8081");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("movements: 8 rows sent to inventory-movements, 0 refused");
    assertThat(producers.sent()).hasSize(8);
    assertThat(seenConfigs)
        .containsEntry("bootstrap.servers", "localhost:9092")
        .containsEntry("schema.registry.url", "http://localhost:8081");
  }

  @Test
  void refusedRowsAreListedAndTheExitCodeIsStillZero() throws IOException {
    Path file = dir.resolve("products.csv");
    Files.writeString(
        file, "product_id,name,unit,organic,tolerance_pct,lot_prefix\nA,,kg,true,,\nB,,kg,si,,\n");
    RecordingProducers producers = new RecordingProducers();

    int code =
        run(
            producers,
            "PRODUCTS",
            file.toString(),
            "--bootstrap=b:9092",
            "--registry=http://r:8081",
            "--topic=my-products");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("products: 1 rows sent to my-products, 1 refused")
        .contains("refused line 3: organic must be true or false, not 'si'");
    assertThat(producers.sent()).extracting(r -> r.topic()).containsExactly("my-products");
  }

  @Test
  void yieldsGoToTheYieldsTopicKeyedInputProductThenOutputProduct() throws IOException {
    Path file = dir.resolve("yields.csv");
    Files.writeString(
        file,
        "input_product_id,output_product_id,min_pct,max_pct\n"
            + "ALMONDS_INSHELL,KERNELS,55,70\n"
            + "ALMONDS_INSHELL,,10,30\n");
    RecordingProducers producers = new RecordingProducers();

    int code =
        run(producers, "yields", file.toString(), "--bootstrap=b:9092", "--registry=http://r:8081");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("yields: 1 rows sent to yields, 1 refused")
        .contains("refused line 3: output_product_id is empty");
    assertThat(producers.sent())
        .extracting(r -> r.topic() + " " + r.key())
        .containsExactly("yields ALMONDS_INSHELL|KERNELS");
  }

  @Test
  void importCertificatesGoKeyedByNumberAndBadRowsAreRefusedWithLineAndEveryReason()
      throws IOException {
    Path file = dir.resolve("import-certificates.csv");
    Files.writeString(
        file,
        "certificate_number,product_id,hts_code,quantity,unit,valid_from,valid_to,exporter,"
            + "importer_nop_id,certifier,origin_country\n"
            + "123-4567890123-456789,PECANS,0802900000,20000,KG,2025-10-01,2025-12-31,"
            + "Nogales Export,8150000016,CCOF,MX\n"
            + "8150000016,PECANS,0802.90.0000,-1,lbs,2025-12-01,2025-11-01,,,,\n");
    RecordingProducers producers = new RecordingProducers();

    int code =
        run(
            producers,
            "import-certificates",
            file.toString(),
            "--bootstrap=b:9092",
            "--registry=http://r:8081");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("import-certificates: 1 rows sent to import-certificates, 1 refused")
        .contains(
            "refused line 3: certificate_number: '8150000016' is not an NOP Import Certificate"
                + " number")
        .contains("hts_code: '0802.90.0000' is not 10 digits (write it without dots: 0802900000)")
        .contains("quantity: must be positive")
        .contains("unit: 'lbs' is not one of kg, g, t, lb, oz")
        .contains("valid_to: 2025-11-01 is before valid_from 2025-12-01");
    assertThat(producers.sent())
        .extracting(r -> r.topic() + " " + r.key())
        .containsExactly("import-certificates 123-4567890123-456789");
  }

  @Test
  void transformationsAreGroupedAndSentAsAvroToTheirTopicOrTopic() throws IOException {
    Path file = dir.resolve("transformations.csv");
    Files.writeString(
        file,
        "transformation_id,site_id,occurred_at,role,product_id,quantity,unit\n"
            + "T-1,FRESNO,2025-11-20,INPUT,ALMONDS,1000,lb\n"
            + "T-1,FRESNO,2025-11-20,MAIN,KERNELS,620,lb\n"
            + "T-1,FRESNO,2025-11-20,OUTPUT,SHELLS,350,lb\n");
    RecordingProducers producers = new RecordingProducers();

    int code =
        run(
            producers,
            "Transformations",
            file.toString(),
            "--bootstrap=b:9092",
            "--registry=http://r:8081");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains(
            "transformations: 3 rows read, 0 transformations sent to transformations, 3 rows"
                + " refused")
        .contains("refused line 4: role 'OUTPUT' is not INPUT, MAIN or BYPRODUCT")
        .contains("refused lines 2, 3: transformation 'T-1' is refused whole");

    Files.writeString(
        file,
        "transformation_id,site_id,occurred_at,role,product_id,quantity,unit\n"
            + "T-1,FRESNO,2025-11-20,INPUT,ALMONDS,1000,lb\n"
            + "T-1,FRESNO,2025-11-20,MAIN,KERNELS,620,lb\n");
    code =
        run(
            producers,
            "transformations",
            file.toString(),
            "--bootstrap=b:9092",
            "--registry=http://r:8081",
            "--topic=my-transformations");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains(
            "transformations: 2 rows read, 1 transformations sent to my-transformations, 0 rows"
                + " refused");
    assertThat(producers.sent())
        .extracting(r -> r.topic() + " " + r.key())
        .containsExactly("my-transformations FRESNO|T-1");
  }

  @Test
  void producerConfigPropertiesPassThrough() throws IOException {
    Path props = dir.resolve("client.properties");
    Files.writeString(
        props, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nbasic.auth.user.info=u:p\n");
    Path file = dir.resolve("sites.csv");
    Files.writeString(file, "site_id,name,time_zone,country\nA,,,\n");

    int code =
        run(
            new RecordingProducers(),
            "sites",
            file.toString(),
            "--bootstrap",
            "b:9092",
            "--registry",
            "http://r:8081",
            "--producer-config",
            props.toString());

    assertThat(code).isZero();
    assertThat(seenConfigs)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "PLAIN")
        .containsEntry("basic.auth.user.info", "u:p");
  }

  @Test
  void usageErrorsExitWithTwo() throws IOException {
    Path file = dir.resolve("sites.csv");
    Files.writeString(file, "site_id,name,time_zone,country\nA,,,\n");

    assertThat(
            run(
                new RecordingProducers(),
                "lots",
                file.toString(),
                "--bootstrap",
                "b:1",
                "--registry",
                "http://r"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("unknown dataset 'lots'");

    assertThat(
            run(
                new RecordingProducers(),
                "sites",
                dir.resolve("nope.csv").toString(),
                "--bootstrap",
                "b:1",
                "--registry",
                "http://r"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("nope.csv does not exist");

    assertThat(run(new RecordingProducers(), "sites", file.toString(), "--registry", "http://r"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--bootstrap");

    assertThat(
            run(
                new RecordingProducers(),
                "sites",
                file.toString(),
                "--bootstrap",
                "b:1",
                "--registry",
                "http://r",
                "--producer-config",
                dir.resolve("missing.properties").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("missing.properties cannot be read");
  }

  @Test
  void sendFailuresExitWithOne() throws IOException {
    Path file = dir.resolve("sites.csv");
    Files.writeString(file, "site_id,name,time_zone,country\nA,,,\nB,,,\n");

    int code =
        run(
            new RecordingProducers(0),
            "sites",
            file.toString(),
            "--bootstrap",
            "b:1",
            "--registry",
            "http://r");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            "ingest failed: sending sites to topic sites failed after 0 rows were acknowledged")
        .contains("Expiring 1 record(s)");
  }

  @Test
  void aRefusedFileExitsWithOne() throws IOException {
    Path file = dir.resolve("sites.csv");
    Files.writeString(file, "site,name,time_zone,country\nA,,,\n");

    int code =
        run(
            new RecordingProducers(),
            "sites",
            file.toString(),
            "--bootstrap",
            "b:1",
            "--registry",
            "http://r");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains("ingest failed: sites file refused: the header lacks required column site_id");
  }
}
