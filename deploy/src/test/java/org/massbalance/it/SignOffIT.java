package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.cli.MassBalanceCli;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.ingest.Dataset;
import org.massbalance.topics.TopicDefaults;
import picocli.CommandLine;

/**
 * Period sign-off on a real broker: {@code massbalance signoff} signs the demo's closed November at
 * FRESNO and prints the revision and the SHA-256 of the snapshot's bytes as they are on the topic;
 * the snapshot answer says who signed; a late receipt of November is booked as a correction into
 * December and November is never published again; {@code POST /api/v1/signoffs} signs OAKLAND's
 * products.
 */
class SignOffIT {

  private static final String APP_ID = "massbalance-signoff-it";

  @TempDir Path tmp;

  @Test
  void aSignedMonthNeverChangesAndItsCorrectionsGoToTheNextMonth() throws Exception {
    try (LocalStack stack = ApiItSupport.startStack(tmp.resolve("stack"), 2)) {
      ApiItSupport.ingestReference(stack);
      try (EngineRunner engine =
          EngineRunner.start(ApiItSupport.settings(stack, tmp.resolve("state"), APP_ID, null))) {
        ApiItSupport.awaitRunning(engine);
        ApiItSupport.ingestMovements(stack);
        String nov = "/api/v1/snapshots/FRESNO/ALMONDS/2025-11";
        await("November closes")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  ApiItSupport.Answer a = ApiItSupport.get(engine.apiUrl(), nov, null);
                  return a.status() == 200 && !"OPEN".equals(a.json().path("status").asText());
                });

        await("November's snapshot is committed on its topic")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    ItSupport.readCommitted(
                            stack, TopicDefaults.SNAPSHOTS, new ByteArrayDeserializer())
                        .stream()
                        .anyMatch(r -> "FRESNO|ALMONDS|2025-11".equals(r.key())));

        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new MassBalanceCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int code =
            cli.execute(
                "signoff",
                "--site",
                "FRESNO",
                "--period",
                "2025-11",
                "--by",
                "auditor@example.org",
                "--note",
                "reviewed",
                "--bootstrap",
                stack.bootstrapServers(),
                "--registry",
                stack.registryUrl());
        assertThat(code).as(out.toString()).isZero();
        Map<String, byte[]> snapshotBytes = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r :
            ItSupport.readCommitted(stack, TopicDefaults.SNAPSHOTS, new ByteArrayDeserializer())) {
          snapshotBytes.put(r.key(), r.value());
        }
        String sha =
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(snapshotBytes.get("FRESNO|ALMONDS|2025-11")));
        assertThat(out.toString())
            .contains("signed: FRESNO|ALMONDS|2025-11 revision 1 snapshot sha256 " + sha);

        JsonNode signed = ApiItSupport.get(engine.apiUrl(), nov, null).json();
        assertThat(signed.path("signed_off").asBoolean()).isTrue();
        assertThat(signed.path("signed_by").asText()).isEqualTo("auditor@example.org");

        // a late receipt of November: November stays, December takes the correction
        ApiItSupport.ingestText(
            stack,
            ItSupport.ingester(stack),
            Dataset.MOVEMENTS,
            "movement_id,type,occurred_at,site_id,product_id,quantity,unit,supplier_id,"
                + "supplier_nop_id\n"
                + "late-nov,RECEIPT,2025-11-25,FRESNO,ALMONDS,10,lb,VNG,8150000016\n");
        await("December takes the correction")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    ApiItSupport.get(
                            engine.apiUrl(), "/api/v1/snapshots/FRESNO/ALMONDS/2025-12", null)
                        .json()
                        .path("corrections")
                        .asText()
                        .equals("10"));
        JsonNode after = ApiItSupport.get(engine.apiUrl(), nov, null).json();
        assertThat(after.path("revision").asInt()).isEqualTo(1);
        assertThat(after.path("receipts").asText()).isEqualTo(signed.path("receipts").asText());

        // the API signs every closed month of a site
        ApiItSupport.Answer posted =
            ApiItSupport.post(
                engine.apiUrl(),
                "/api/v1/signoffs",
                "{\"site_id\":\"OAKLAND\",\"period\":\"2025-11\",\"signed_by\":\"reviewer\"}",
                null);
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        assertThat(posted.json().path("written").size()).isPositive();
        await("OAKLAND's November is signed")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> {
                  JsonNode months =
                      ApiItSupport.get(engine.apiUrl(), "/api/v1/signoffs/OAKLAND/2025-11", null)
                          .json()
                          .path("months");
                  assertThat(months.size()).isPositive();
                  months.forEach(m -> assertThat(m.path("status").asText()).isEqualTo("SIGNED"));
                });
      }
    }
  }
}
