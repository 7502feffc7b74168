package org.massbalance.producers.epcis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.massbalance.avro.Movement;

/** Each mapping rule of an ObjectEvent, on events built here (schema validation aside). */
class EpcisMappingTest {

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private static final EpcisMaps MAPS =
      new EpcisMaps(
          Map.of("0614141000012", "FRESNO", "0614141000029", "OAKLAND"),
          Map.of("00614141123452", "ALMONDS"));

  private static final String ALMONDS = "urn:epc:class:lgtin:0614141.012345.L1";
  private static final String FRESNO = "urn:epc:id:sgln:0614141.00001.0";

  private static JsonNode event(String bizStep, String quantities, String extra) throws Exception {
    return JSON.readTree(
        "{\"type\":\"ObjectEvent\",\"eventID\":\"urn:uuid:00000000-0000-4000-8000-000000000001\","
            + "\"eventTime\":\"2025-11-03T16:00:00Z\",\"eventTimeZoneOffset\":\"-08:00\","
            + "\"bizStep\":\""
            + bizStep
            + "\",\"quantityList\":"
            + quantities
            + ",\"bizLocation\":{\"id\":\""
            + FRESNO
            + "\"}"
            + extra
            + "}");
  }

  private static String item(String quantity, String uom) {
    return itemOf(ALMONDS, quantity, uom);
  }

  private static String itemOf(String epcClass, String quantity, String uom) {
    return "[{\"epcClass\":\""
        + epcClass
        + "\",\"quantity\":"
        + quantity
        + ",\"uom\":\""
        + uom
        + "\"}]";
  }

  private static List<Movement> map(JsonNode event) throws EpcisMapping.EventRefusedException {
    return new EpcisMapping(MAPS).map(event);
  }

  @ParameterizedTest
  @CsvSource({
    "receiving,RECEIPT",
    "shipping,SALE",
    "destroying,WASTE",
    "inventory_check,COUNT",
    "cycle_counting,COUNT",
    "urn:epcglobal:cbv:bizstep:receiving,RECEIPT",
    "https://ref.gs1.org/cbv/BizStep-shipping,SALE"
  })
  void shouldMapTheBizStepToTheMovementType(String bizStep, String type) throws Exception {
    assertThat(map(event(bizStep, item("10", "KGM"), "")))
        .singleElement()
        .satisfies(m -> assertThat(m.getType()).isEqualTo(type));
  }

  @ParameterizedTest
  @CsvSource({"KGM,kg", "GRM,g", "TNE,t", "LBR,lb", "ONZ,oz"})
  void shouldMapUnEceRec20CodesToUnits(String uom, String unit) throws Exception {
    assertThat(map(event("receiving", item("10", uom), "")).get(0).getUnit()).isEqualTo(unit);
  }

  @Test
  void shouldRefuseAnUnmappedUomAndAQuantityWithoutUom() throws Exception {
    assertThatThrownBy(() -> map(event("receiving", item("10", "KGS"), "")))
        .hasMessage("quantityList[0].uom 'KGS' is not mapped (KGM, GRM, TNE, LBR, ONZ)");
    assertThatThrownBy(
            () ->
                map(event("receiving", "[{\"epcClass\":\"" + ALMONDS + "\",\"quantity\":3}]", "")))
        .hasMessage("quantityList[0] has no uom: a count of items cannot be weighed");
  }

  @Test
  void shouldKeepQuantitiesExactAndRefuseMoreThanSixDecimalsOrNonPositive() throws Exception {
    assertThat(map(event("receiving", item("0.1000000", "KGM"), "")).get(0).getQuantity())
        .isEqualTo("0.1");
    assertThat(map(event("receiving", item("1E+3", "KGM"), "")).get(0).getQuantity())
        .isEqualTo("1000");
    assertThatThrownBy(() -> map(event("receiving", item("0.0000001", "KGM"), "")))
        .hasMessageContaining("has more than 6 decimals");
    assertThatThrownBy(() -> map(event("shipping", item("0", "KGM"), "")))
        .hasMessageContaining("is not positive");
    assertThat(map(event("cycle_counting", item("0", "KGM"), "")).get(0).getQuantity())
        .isEqualTo("0");
  }

  @Test
  void shouldMakeOneMovementPerQuantityItemWithSuffixedIds() throws Exception {
    String two =
        "[{\"epcClass\":\""
            + ALMONDS
            + "\",\"quantity\":1,\"uom\":\"KGM\"},"
            + "{\"epcClass\":\"urn:epc:class:lgtin:0614141.012345.L2\",\"quantity\":2,\"uom\":\"KGM\"}]";
    List<Movement> movements = map(event("receiving", two, ""));
    assertThat(movements)
        .extracting(Movement::getMovementId, Movement::getLotId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("00000000-0000-4000-8000-000000000001-1", "L1"),
            org.assertj.core.groups.Tuple.tuple("00000000-0000-4000-8000-000000000001-2", "L2"));
  }

  @Test
  void shouldRefuseAnUnknownGlnOrGtinAndAMissingLocation() throws Exception {
    JsonNode unknownSite =
        JSON.readTree(
            event("receiving", item("1", "KGM"), "")
                .toString()
                .replace(FRESNO, "urn:epc:id:sgln:0614141.00009.0"));
    assertThatThrownBy(() -> map(unknownSite))
        .hasMessage("bizLocation GLN 0614141000098 is not in --locations");
    JsonNode unknownProduct =
        JSON.readTree(
            event("receiving", item("1", "KGM"), "")
                .toString()
                .replace("0614141.012345", "0614141.054321"));
    assertThatThrownBy(() -> map(unknownProduct))
        .hasMessage("GTIN 00614141543212 is not in --products");
    JsonNode nowhere = event("receiving", item("1", "KGM"), "");
    ((com.fasterxml.jackson.databind.node.ObjectNode) nowhere).remove("bizLocation");
    assertThatThrownBy(() -> map(nowhere)).hasMessage("no bizLocation or readPoint");
  }

  @Test
  void shouldMapAShippingToAMappedLocationOfAnotherSiteAsATransfer() throws Exception {
    String toOakland =
        ",\"destinationList\":[{\"type\":\"location\",\"destination\":\"urn:epc:id:sgln:0614141.00002.0\"},"
            + "{\"type\":\"owning_party\",\"destination\":\"urn:epc:id:pgln:0614141.00009\"}]";
    Movement transfer = map(event("shipping", item("5", "KGM"), toOakland)).get(0);
    assertThat(transfer.getType()).isEqualTo("TRANSFER");
    assertThat(transfer.getToSiteId()).isEqualTo("OAKLAND");
    assertThat(transfer.getCounterpartyId()).isNull();

    String toItself =
        ",\"destinationList\":[{\"type\":\"location\",\"destination\":\"" + FRESNO + "\"}]";
    assertThat(map(event("shipping", item("5", "KGM"), toItself)).get(0).getType())
        .isEqualTo("SALE");
  }

  @Test
  void shouldTakeTheSupplierAndNopIdOfAReceipt() throws Exception {
    String supplier =
        ",\"sourceList\":[{\"type\":\"https://ref.gs1.org/cbv/SDT-owning_party\","
            + "\"source\":\"https://id.gs1.org/417/0614141000777\"}],"
            + "\"certificationInfo\":\"https://organic.ams.usda.gov/integrity/CP/OPP?cid=4&nopid=5560000031\"";
    Movement receipt = map(event("receiving", item("5", "KGM"), supplier)).get(0);
    assertThat(receipt.getSupplierId()).isEqualTo("0614141000777");
    assertThat(receipt.getSupplierNopId()).isEqualTo("5560000031");
    // Otherwise ten digits ending the URI, as its last segment or part, and nothing else.
    assertThat(EpcisMapping.nopId(JSON.readTree("\"urn:example:cert:8150000016\"")))
        .isEqualTo("8150000016");
    assertThat(EpcisMapping.nopId(JSON.readTree("\"https://example.org/ops/8150000016\"")))
        .isEqualTo("8150000016");
    assertThat(EpcisMapping.nopId(JSON.readTree("\"https://example.org/cert/2024-0000000123\"")))
        .isNull();
    assertThat(EpcisMapping.nopId(JSON.readTree("\"81500000167\""))).isNull();
  }

  @Test
  void shouldRenderEventTimeAtItsTimeZoneOffset() throws Exception {
    assertThat(map(event("receiving", item("1", "KGM"), "")).get(0).getOccurredAt())
        .isEqualTo("2025-11-03T08:00-08:00");
  }

  @Test
  void shouldRefuseOtherEventTypes() throws Exception {
    JsonNode aggregation =
        JSON.readTree(
            event("receiving", item("1", "KGM"), "")
                .toString()
                .replace("ObjectEvent", "AggregationEvent"));
    assertThatThrownBy(() -> map(aggregation))
        .hasMessage(
            "AggregationEvent is not mapped (only ObjectEvents and TransformationEvents are)");
  }

  @Test
  void shouldDeriveValidMovementIdsFromEventIds() throws Exception {
    assertThat(EpcisMapping.movementId(JSON.readTree("{\"eventID\":\"E-1.a\"}")))
        .isEqualTo("E-1.a");
    assertThat(EpcisMapping.movementId(JSON.readTree("{\"eventID\":\"https://x.example/e/1\"}")))
        .matches("[0-9a-f]{64}");
    JsonNode a = JSON.readTree("{\"type\":\"ObjectEvent\",\"bizStep\":\"receiving\"}");
    JsonNode b = JSON.readTree("{ \"bizStep\" : \"receiving\", \"type\" : \"ObjectEvent\" }");
    assertThat(EpcisMapping.movementId(a)).isEqualTo(EpcisMapping.movementId(b)).hasSize(64);
  }

  @Test
  void shouldRefuseAQuantityWithMoreIntegerDigitsThanTheEngineTakesBeforeFormattingIt() {
    assertThatThrownBy(() -> map(event("receiving", item("1e99999999", "KGM"), "")))
        .isInstanceOf(EpcisMapping.EventRefusedException.class)
        .hasMessageContaining("more than 24 integer digits");
  }

  @Test
  void shouldRefuseALotThatIsNotALotId() {
    String epcClass = "urn:epc:class:lgtin:0614141.012345.LOT%2F7";
    assertThatThrownBy(() -> map(event("receiving", itemOf(epcClass, "5", "KGM"), "")))
        .isInstanceOf(EpcisMapping.EventRefusedException.class)
        .hasMessageContaining("lot 'LOT/7' is not a lot_id");
  }
}
