package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.TransformationItem;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.ingest.Dataset;
import org.massbalance.producers.ingest.Ingester;
import org.massbalance.serde.ConfluentAvroSerializer;
import org.massbalance.topics.TopicDefaults;

/**
 * Processing on a real broker with two engines of one application: a transformation written to the
 * transformations topic draws its inputs at their ledgers and makes its outputs' lots, whichever
 * instance owns each key; the transformation, a sale's back trace down to the in-shell lots'
 * suppliers, and an in-shell lot's forward trace up to the sale of the kernels are answered by both
 * instances alike.
 */
class ProcessingIT {

  private static final String APP_ID = "massbalance-processing-it";

  @TempDir Path tmp;

  @Test
  void aTransformationIsAppliedOnceAndTracedBothWaysByEveryInstance() throws Exception {
    try (LocalStack stack = ApiItSupport.startStack(tmp.resolve("stack"), 4)) {
      ApiItSupport.ingestReference(stack);
      Ingester ingester = ItSupport.ingester(stack);
      ApiItSupport.ingestText(
          stack,
          ingester,
          Dataset.PRODUCTS,
          "product_id,name,unit,organic,tolerance_pct,lot_prefix\n"
              + "IN-SHELL,In-shell almonds,kg,true,5.0,INS\n"
              + "KERNELS,Almond kernels,kg,true,5.0,KRN\n"
              + "SHELLS,Almond shells,kg,true,5.0,SHL\n");
      EngineRunner a =
          EngineRunner.start(ApiItSupport.settings(stack, tmp.resolve("state-a"), APP_ID, null));
      EngineRunner b = null;
      try {
        b = EngineRunner.start(ApiItSupport.settings(stack, tmp.resolve("state-b"), APP_ID, null));
        EngineRunner[] both = {a, b};
        ApiItSupport.awaitRunning(both);
        ApiItSupport.ingestText(
            stack,
            ingester,
            Dataset.MOVEMENTS,
            "movement_id,type,occurred_at,site_id,product_id,quantity,unit,lot_id,supplier_id,"
                + "supplier_nop_id\n"
                + "r-a,RECEIPT,2025-11-01,FRESNO,IN-SHELL,60,kg,INS-A,VNG,8150000016\n"
                + "r-b,RECEIPT,2025-11-02,FRESNO,IN-SHELL,50,kg,INS-B,VNG,8150000016\n");
        send(
            stack,
            transformation(
                "FRESNO",
                "CRACK-1",
                "2025-11-10T09:00:00Z",
                List.of(item("IN-SHELL", "100", null)),
                List.of(item("KERNELS", "62", "MAIN"), item("SHELLS", "36", "BYPRODUCT"))));
        await("the transformation made its outputs' lots")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    ApiItSupport.get(a.apiUrl(), "/api/v1/transformations/FRESNO/CRACK-1", null)
                        .json()
                        .path("status")
                        .asText()
                        .equals("DONE"));
        ApiItSupport.ingestText(
            stack,
            ingester,
            Dataset.MOVEMENTS,
            "movement_id,type,occurred_at,site_id,product_id,quantity,unit,counterparty_id\n"
                + "s-1,SALE,2025-11-12,FRESNO,KERNELS,20,kg,BAKERY\n");

        List<String> paths =
            List.of(
                "/api/v1/transformations/FRESNO/CRACK-1",
                "/api/v1/trace/FRESNO/KERNELS/s-1",
                "/api/v1/lots/FRESNO/IN-SHELL/INS-A/forward");
        Map<String, JsonNode> answers = new java.util.LinkedHashMap<>();
        await("both engines answer alike, the sale included")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> {
                  for (String path : paths) {
                    ApiItSupport.Answer fromA = ApiItSupport.get(both[0].apiUrl(), path, null);
                    ApiItSupport.Answer fromB = ApiItSupport.get(both[1].apiUrl(), path, null);
                    assertThat(fromA.status()).as("a %s: %s", path, fromA.body()).isEqualTo(200);
                    assertThat(fromB.json()).as(path).isEqualTo(fromA.json());
                    answers.put(path, fromA.json());
                  }
                  assertThat(answers.get("/api/v1/lots/FRESNO/IN-SHELL/INS-A/forward").toString())
                      .contains("\"movement_id\":\"s-1\"");
                });

        JsonNode t = answers.get("/api/v1/transformations/FRESNO/CRACK-1");
        assertThat(t.path("inputs_kg").asText()).isEqualTo("100");
        assertThat(t.path("outputs_kg").asText()).isEqualTo("98");
        assertThat(t.path("loss_kg").asText()).isEqualTo("2");
        assertThat(t.path("certified").asBoolean()).isTrue();
        assertThat(t.path("inputs").get(0).path("drawn")).hasSize(2);
        assertThat(t.path("outputs").get(0).path("lot_id").asText()).isEqualTo("KRN-20251110-001");

        JsonNode trace = answers.get("/api/v1/trace/FRESNO/KERNELS/s-1");
        JsonNode kernels = trace.path("lots").get(0);
        assertThat(kernels.path("transformation_id").asText()).isEqualTo("CRACK-1");
        List<String> sources = new ArrayList<>();
        kernels
            .path("inputs")
            .forEach(
                in ->
                    sources.add(
                        in.path("lot_id").asText() + " " + in.path("supplier_nop_id").asText()));
        assertThat(sources).containsExactly("INS-A 8150000016", "INS-B 8150000016");

        JsonNode forward = answers.get("/api/v1/lots/FRESNO/IN-SHELL/INS-A/forward");
        JsonNode draw = forward.path("allocations").get(0);
        assertThat(draw.path("type").asText()).isEqualTo("PROCESS_INPUT");
        JsonNode made = draw.path("outputs").get(0);
        assertThat(made.path("lot_id").asText()).isEqualTo("KRN-20251110-001");
        assertThat(made.path("lot").path("allocations").get(0).path("movement_id").asText())
            .isEqualTo("s-1");
      } finally {
        if (b != null) {
          b.close();
        }
        a.close();
      }
    }
  }

  private static TransformationItem item(String product, String quantity, String role) {
    TransformationItem i = new TransformationItem();
    i.setProductId(product);
    i.setQuantity(quantity);
    i.setUnit("kg");
    i.setRole(role);
    return i;
  }

  private static Transformation transformation(
      String site,
      String id,
      String at,
      List<TransformationItem> inputs,
      List<TransformationItem> outputs) {
    Transformation t = new Transformation();
    t.setSiteId(site);
    t.setTransformationId(id);
    t.setOccurredAt(at);
    t.setInputs(inputs);
    t.setOutputs(outputs);
    return t;
  }

  private static void send(LocalStack stack, Transformation t) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    ConfluentAvroSerializer<Transformation> values =
        new ConfluentAvroSerializer<>(Transformation.class);
    values.configure(Map.of("schema.registry.url", stack.registryUrl()), false);
    try (KafkaProducer<String, Transformation> producer =
        new KafkaProducer<>(p, new StringSerializer(), values)) {
      producer.send(
          new ProducerRecord<>(
              TopicDefaults.TRANSFORMATIONS,
              t.getSiteId() + TopicDefaults.KEY_SEPARATOR + t.getTransformationId(),
              t));
      producer.flush();
    }
  }
}
