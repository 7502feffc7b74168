package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Alert;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.ingest.Dataset;
import org.massbalance.producers.ingest.IngestCommand;
import org.massbalance.serde.RestSchemaRegistryClient;
import org.massbalance.topics.TopicDefaults;
import picocli.CommandLine;

/**
 * The contract's imports against the local stack: the demo's INTEGRITY export sample through {@code
 * ingest integrity} (a second run sends nothing: every record is unchanged), a receipt from the
 * supplier the export marks Suspended raising SUPPLIER_NOT_CERTIFIED, and the EPCIS sample through
 * {@code ingest epcis} whose receiving, shipping, transfer, destroying and transformation events
 * appear as the expected book balances (the transformation drawing almonds and making kernels and
 * shells) and trace back to the received lot and its NOP ID.
 */
class IndustryImportsIT {

  private static final String APP_ID = "massbalance-imports-it";

  @TempDir Path tmp;

  private Path demoFile(String name) throws Exception {
    Path target = tmp.resolve(name);
    try (InputStream in = IndustryImportsIT.class.getResourceAsStream("/demo/" + name)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private static String ingest(LocalStack stack, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = IngestCommand.commandLine(new IngestCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--bootstrap";
    all[args.length + 1] = stack.bootstrapServers();
    all[args.length + 2] = "--registry";
    all[args.length + 3] = stack.registryUrl();
    int code = cli.execute(all);
    assertThat(code).as("ingest %s: %s", String.join(" ", args), err).isZero();
    return out.toString();
  }

  private static BigDecimal book(EngineRunner engine, String site, String product)
      throws Exception {
    ApiItSupport.Answer a =
        ApiItSupport.get(engine.apiUrl(), "/api/v1/balances/" + site + "/" + product, null);
    return a.status() == 200 ? new BigDecimal(a.json().path("book_balance").asText()) : null;
  }

  @Test
  void shouldImportIntegrityCertificatesAndEpcisEventsIntoTheEngine() throws Exception {
    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"))) {
      var ingester = ItSupport.ingester(stack);
      for (Map.Entry<Dataset<?>, String> f :
          List.<Map.Entry<Dataset<?>, String>>of(
              Map.entry(Dataset.SITES, "sites.csv"),
              Map.entry(Dataset.SITES, "extra-sites.csv"),
              Map.entry(Dataset.PRODUCTS, "products.csv"),
              Map.entry(Dataset.PRODUCTS, "extra-products.csv"))) {
        try (InputStream in =
            IndustryImportsIT.class.getResourceAsStream("/demo/" + f.getValue())) {
          ingester.ingest(f.getKey(), in, ItSupport.topicOf(f.getKey()));
        }
      }
      // The certificate schema of before recorded_at and anniversary is registered first: the
      // registry's BACKWARD check must accept the evolved one that the ingest registers.
      Schema current = SupplierCertificate.getClassSchema();
      Schema first =
          Schema.createRecord(
              current.getName(),
              current.getDoc(),
              current.getNamespace(),
              false,
              current.getFields().stream()
                  .filter(f -> !f.name().equals("recorded_at") && !f.name().equals("anniversary"))
                  .map(f -> new Schema.Field(f, f.schema()))
                  .toList());
      new RestSchemaRegistryClient(Map.of("schema.registry.url", stack.registryUrl()))
          .register(TopicDefaults.CERTIFICATES + "-value", first);
      Path sample = demoFile("integrity-sample.xlsx");
      assertThat(ingest(stack, "integrity", sample.toString()))
          .contains(
              "integrity (xlsx): 4 read, 4 sent to supplier-certificates, 0 unchanged, 0 refused"
                  + " (1 description rows skipped)");
      assertThat(ingest(stack, "integrity", sample.toString()))
          .contains("4 read, 0 sent to supplier-certificates, 4 unchanged, 0 refused");
      List<SupplierCertificate> certificates =
          ItSupport.readCommitted(
                  stack,
                  TopicDefaults.CERTIFICATES,
                  ItSupport.avro(stack, SupplierCertificate.class))
              .stream()
              .map(ConsumerRecord::value)
              .toList();
      assertThat(certificates)
          .filteredOn(c -> c.getNopId().equals("8150000017"))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.getStatus()).isEqualTo("SUSPENDED");
                assertThat(c.getStatusEffective()).isEqualTo("2025-06-01");
                assertThat(c.getRecordedAt()).isNotNull();
              });

      try (EngineRunner engine =
          EngineRunner.start(ItSupport.engineSettings(stack, tmp.resolve("state"), APP_ID))) {
        Path receipt =
            Files.writeString(
                tmp.resolve("receipt.csv"),
                "movement_id,type,occurred_at,site_id,product_id,quantity,unit,supplier_id,"
                    + "supplier_nop_id\n"
                    + "imp-r1,RECEIPT,2025-11-05,OAKLAND,WALNUTS,100,kg,DELTA,8150000017\n");
        ingest(stack, "movements", receipt.toString());
        await("SUPPLIER_NOT_CERTIFIED for the suspended supplier")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    ItSupport.readCommitted(
                            stack, TopicDefaults.ALERTS, ItSupport.avro(stack, Alert.class))
                        .stream()
                        .map(ConsumerRecord::value)
                        .anyMatch(
                            a ->
                                a.getType().equals("SUPPLIER_NOT_CERTIFIED")
                                    && a.getMovementId().equals("imp-r1")
                                    && a.getMessage().contains("8150000017")
                                    && a.getMessage().contains("SUSPENDED")));

        String report =
            ingest(
                stack,
                "epcis",
                demoFile("epcis-sample.jsonld").toString(),
                "--locations",
                demoFile("epcis-locations.csv").toString(),
                "--products",
                demoFile("epcis-products.csv").toString());
        assertThat(report)
            .contains(
                "epcis: 5 events, 4 movements sent to inventory-movements, 1 transformations sent"
                    + " to transformations, 0 events refused");

        // 400 received - 150 shipped - 50 transferred to OAKLAND - 5.5 destroyed - 10 shelled,
        // which made 2.8 kg of kernels (and 1.6 kg of shells)
        await("the EPCIS events in the books")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    new BigDecimal("184.5").compareTo(orZero(book(engine, "FRESNO", "ALMONDS")))
                            == 0
                        && new BigDecimal("50")
                                .compareTo(orZero(book(engine, "OAKLAND", "ALMONDS")))
                            == 0
                        && new BigDecimal("2.8")
                                .compareTo(orZero(book(engine, "FRESNO", "ALMOND_KERNELS")))
                            == 0
                        && new BigDecimal("1.6")
                                .compareTo(orZero(book(engine, "FRESNO", "ALMOND_SHELLS")))
                            == 0);

        JsonNode trace =
            ApiItSupport.get(
                    engine.apiUrl(),
                    "/api/v1/trace/FRESNO/ALMONDS/2f0e6c1a-0002-4a5b-9c1d-5e6f7a8b9c02",
                    null)
                .json();
        assertThat(trace.path("type").asText()).isEqualTo("SALE");
        assertThat(new BigDecimal(trace.path("quantity").asText())).isEqualByComparingTo("150");
        assertThat(trace.path("lots")).hasSize(1);
        JsonNode lot = trace.path("lots").get(0);
        assertThat(lot.path("lot_id").asText()).isEqualTo("ALM-EPC-1");
        assertThat(lot.path("supplier_nop_id").asText()).isEqualTo("8150000016");
        assertThat(lot.path("supplier_id").asText()).isEqualTo("0614141000777");
        assertThat(lot.path("certified_at_receipt").asBoolean()).isTrue();
      }
    }
  }

  private static BigDecimal orZero(BigDecimal b) {
    return b == null ? BigDecimal.ZERO : b;
  }
}
