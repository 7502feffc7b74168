package org.massbalance.producers.epcis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.TransformationItem;
import org.massbalance.producers.integrity.CapturingProducers;

/**
 * TransformationEvents as transformations: one event, events sharing a transformationID, refusals.
 */
class EpcisTransformationTest {

  private static final Instant NOW = Instant.parse("2025-12-01T09:00:00Z");

  private static final String BR_1 = "urn:epc:id:gdti:0614141.00001.BR-1";

  @TempDir Path tmp;

  private final CapturingProducers producers = new CapturingProducers();

  private Path resource(String name) throws IOException {
    Path target = tmp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/epcis/" + name)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private EpcisSummary ingest() throws IOException {
    return new EpcisIngest(producers, Clock.fixed(NOW, ZoneOffset.UTC))
        .ingest(
            resource("transformations.jsonld"),
            EpcisMaps.read(resource("locations.csv"), resource("transformation-products.csv")),
            "inventory-movements");
  }

  private static String hashId(String uri) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8)))
        .substring(0, 56);
  }

  private static List<Object> items(List<TransformationItem> items) {
    return items.stream()
        .map(
            i ->
                (Object)
                    tuple(
                        i.getProductId(), i.getQuantity(), i.getUnit(), i.getLotId(), i.getRole()))
        .toList();
  }

  @Test
  void shouldMapTransformationEventsAndPutTogetherThoseSharingATransformationId() throws Exception {
    EpcisSummary summary = ingest();

    List<ProducerRecord<String, Object>> sent = producers.sent();
    assertThat(sent)
        .extracting(ProducerRecord::topic)
        .containsExactly(
            "inventory-movements", "inventory-movements", "transformations", "transformations");
    assertThat(sent.subList(0, 2))
        .extracting(r -> ((Movement) r.value()).getType())
        .containsExactly("RECEIPT", "SALE");

    String br1 = hashId(BR_1);
    Transformation batch = (Transformation) sent.get(2).value();
    assertThat(sent.get(2).key()).isEqualTo("FRESNO|" + br1);
    assertThat(batch.getTransformationId()).isEqualTo(br1).hasSize(56);
    assertThat(batch.getSiteId()).isEqualTo("FRESNO");
    // the latest event time of the three (2025-11-22T00:30Z), at its event's offset
    assertThat(batch.getOccurredAt()).isEqualTo("2025-11-21T16:30-08:00");
    assertThat(batch.getDocumentRef()).isEqualTo("urn:epcglobal:cbv:bt:0614141000012:BR-1");
    assertThat(batch.getIngestedAt()).isEqualTo(NOW.toEpochMilli());
    assertThat(items(batch.getInputs()))
        .containsExactly(tuple("ALMONDS", "600", "lb", "ALM-L1", null));
    assertThat(items(batch.getOutputs()))
        .containsExactly(
            tuple("KERNELS", "370.5", "lb", "K-1", "MAIN"),
            tuple("SHELLS", "200", "lb", null, "MAIN"));

    Transformation single = (Transformation) sent.get(3).value();
    assertThat(sent.get(3).key()).isEqualTo("OAKLAND|7a000000-0000-4000-8000-000000000005");
    assertThat(single.getOccurredAt()).isEqualTo("2025-11-23T10:00-08:00");
    assertThat(single.getDocumentRef()).isNull();
    assertThat(items(single.getInputs()))
        .containsExactly(tuple("ALMONDS", "10", "kg", "ALM-L9", null));
    assertThat(items(single.getOutputs()))
        .containsExactly(
            tuple("KERNELS", "6", "kg", "K-2", "MAIN"),
            tuple("SHELLS", "3.5", "kg", "S-2", "MAIN"));

    String b2 = hashId("urn:example:batch:B-2");
    String b3 = hashId("https://example.org/batches/B-3");
    assertThat(summary.refused())
        .containsExactly(
            "eventList[6]: transformation '"
                + b2
                + "': its events disagree on the site (FRESNO at eventList[6]; OAKLAND at"
                + " eventList[7])",
            "eventList[7]: transformation '"
                + b2
                + "': its events disagree on the site (FRESNO at eventList[6]; OAKLAND at"
                + " eventList[7])",
            "eventList[8]: transformation '"
                + b3
                + "' is refused whole: its event eventList[9] cannot be mapped",
            "eventList[9]: GTIN 00614141999996 is not in --products",
            "eventList[10]: inputEPCList: instance-level EPCs carry no quantity (only"
                + " inputQuantityList and outputQuantityList are mapped)",
            "eventList[11]: inputQuantityList[0].quantity 0 is not positive");
    assertThat(summary.report())
        .startsWith(
            "epcis: 12 events, 2 movements sent to inventory-movements, 2 transformations sent"
                + " to transformations, 6 events refused\n"
                + "refused eventList[6]: ");
  }

  @Test
  void shouldDeriveTransformationIdsOfAtMost56CharactersFromTransformationIdOrEventId()
      throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    assertThat(
            EpcisMapping.transformationId(
                json.readTree(
                    "{\"transformationID\":\"B-7\",\"eventID\":\"urn:uuid:"
                        + "00000000-0000-4000-8000-000000000009\"}")))
        .isEqualTo("B-7");
    assertThat(
            EpcisMapping.transformationId(
                json.readTree("{\"eventID\":\"urn:uuid:00000000-0000-4000-8000-00000000000A\"}")))
        .isEqualTo("00000000-0000-4000-8000-00000000000a");
    String hex = "df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69";
    assertThat(
            EpcisMapping.transformationId(
                json.readTree("{\"eventID\":\"ni:///sha-256;" + hex + "?ver=CBV2.0\"}")))
        .isEqualTo(hex.substring(0, 56));
    String long57 = "B".repeat(57);
    assertThat(EpcisMapping.transformationId(json.readTree("{\"eventID\":\"" + long57 + "\"}")))
        .isEqualTo(hashId(long57));
    JsonNode a = json.readTree("{\"type\":\"TransformationEvent\",\"bizStep\":\"commissioning\"}");
    JsonNode b = json.readTree("{\"bizStep\":\"commissioning\",\"type\":\"TransformationEvent\"}");
    assertThat(EpcisMapping.transformationId(a))
        .isEqualTo(EpcisMapping.transformationId(b))
        .matches("[0-9a-f]{56}");
    // movement ids keep their 64
    assertThat(EpcisMapping.movementId(json.readTree("{\"eventID\":\"" + long57 + "\"}")))
        .isEqualTo(long57);
  }

  @Test
  void shouldRefuseAnUnmappableItemOfATransformationEventWithItsList() throws Exception {
    JsonNode event =
        JsonMapper.builder()
            .build()
            .readTree(
                "{\"type\":\"TransformationEvent\",\"eventTime\":\"2025-11-21T08:00:00-08:00\","
                    + "\"eventTimeZoneOffset\":\"-08:00\","
                    + "\"inputQuantityList\":[{\"epcClass\":"
                    + "\"urn:epc:class:lgtin:0614141.012345.L1\",\"quantity\":5,\"uom\":\"KGM\"}],"
                    + "\"outputQuantityList\":[{\"epcClass\":"
                    + "\"urn:epc:class:lgtin:0614141.022222.L2\",\"quantity\":5}],"
                    + "\"bizLocation\":{\"id\":\"urn:epc:id:sgln:0614141.00001.0\"}}");
    EpcisMapping mapping =
        new EpcisMapping(
            new EpcisMaps(
                Map.of("0614141000012", "FRESNO"),
                Map.of("00614141123452", "ALMONDS", "00614141222223", "KERNELS")));
    assertThatThrownBy(() -> mapping.transformation(event))
        .isInstanceOf(EpcisMapping.EventRefusedException.class)
        .hasMessage("outputQuantityList[0] has no uom: a count of items cannot be weighed");
    assertThatThrownBy(() -> mapping.map(event))
        .hasMessage(
            "TransformationEvent is not mapped (only ObjectEvents and TransformationEvents are)");
  }
}
