package org.massbalance.producers.epcis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Movement;
import org.massbalance.producers.integrity.CapturingProducers;

class EpcisIngestTest {

  private static final Instant NOW = Instant.parse("2025-12-01T09:00:00Z");

  @TempDir Path tmp;

  private final CapturingProducers producers = new CapturingProducers();

  private Path resource(String name) throws IOException {
    Path target = tmp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/epcis/" + name)) {
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private EpcisMaps maps() throws IOException {
    return EpcisMaps.read(resource("locations.csv"), resource("products.csv"));
  }

  private EpcisSummary ingest(String document) throws IOException {
    return new EpcisIngest(producers, Clock.fixed(NOW, ZoneOffset.UTC))
        .ingest(resource(document), maps(), "inventory-movements");
  }

  @Test
  void shouldMapReceivingShippingDestroyingAndCountingEvents() throws IOException {
    EpcisSummary summary = ingest("events.jsonld");

    List<Movement> sent =
        producers.<Object>values().stream()
            .filter(Movement.class::isInstance)
            .map(Movement.class::cast)
            .toList();
    assertThat(sent).hasSize(6);
    Movement receipt = sent.get(0);
    assertThat(receipt.getMovementId()).isEqualTo("6f1c1f2e-3a7b-4c1d-9e2f-0a1b2c3d4e5f");
    assertThat(receipt.getType()).isEqualTo("RECEIPT");
    assertThat(receipt.getOccurredAt()).isEqualTo("2025-11-03T08:00-08:00");
    assertThat(receipt.getSiteId()).isEqualTo("FRESNO");
    assertThat(receipt.getProductId()).isEqualTo("ALMONDS");
    assertThat(receipt.getQuantity()).isEqualTo("1000");
    assertThat(receipt.getUnit()).isEqualTo("lb");
    assertThat(receipt.getLotId()).isEqualTo("ALM-L1");
    assertThat(receipt.getSupplierId()).isEqualTo("0614141000777");
    assertThat(receipt.getSupplierNopId()).isEqualTo("8150000016");
    assertThat(receipt.getDocumentRef()).isEqualTo("urn:epcglobal:cbv:bt:0614141000012:PO-3001");
    assertThat(receipt.getIngestedAt()).isEqualTo(NOW.toEpochMilli());

    Movement sale = sent.get(1);
    assertThat(sale.getMovementId())
        .isEqualTo("df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69");
    assertThat(sale.getType()).isEqualTo("SALE");
    assertThat(sale.getCounterpartyId()).isEqualTo("0614141000098");
    assertThat(sale.getLotId()).isEqualTo("ALM-L1");
    assertThat(sale.getSupplierNopId()).isNull();

    Movement transfer = sent.get(2);
    assertThat(transfer.getType()).isEqualTo("TRANSFER");
    assertThat(transfer.getToSiteId()).isEqualTo("OAKLAND");
    assertThat(transfer.getQuantity()).isEqualTo("100.5");
    assertThat(transfer.getOccurredAt()).isEqualTo("2025-11-12T10:00-08:00");

    Movement waste = sent.get(3);
    assertThat(waste.getType()).isEqualTo("WASTE");
    assertThat(waste.getReason()).isEqualTo("destroyed");
    assertThat(waste.getDocumentRef()).endsWith("WD-0042");

    Movement count = sent.get(4);
    assertThat(count.getType()).isEqualTo("COUNT");
    assertThat(count.getQuantity()).isEqualTo("269.5");
    assertThat(count.getLotId()).isNull();
    assertThat(count.getSiteId()).isEqualTo("FRESNO");

    Movement digitalLink = sent.get(5);
    assertThat(digitalLink.getMovementId()).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(digitalLink.getSiteId()).isEqualTo("OAKLAND");
    assertThat(digitalLink.getProductId()).isEqualTo("WALNUTS");
    assertThat(digitalLink.getLotId()).isEqualTo("WAL-7");
    assertThat(digitalLink.getUnit()).isEqualTo("kg");
    assertThat(digitalLink.getQuantity()).isEqualTo("250.25");
    assertThat(digitalLink.getSupplierNopId()).isEqualTo("8150000016");

    assertThat(producers.sent().get(0).key()).isEqualTo("FRESNO|ALMONDS");
    assertThat(summary.events()).isEqualTo(10);
    assertThat(summary.sent()).isEqualTo(6);
    assertThat(summary.transformationsSent()).isEqualTo(1);
    org.massbalance.avro.Transformation transformation =
        producers.<Object>values().stream()
            .filter(org.massbalance.avro.Transformation.class::isInstance)
            .map(org.massbalance.avro.Transformation.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(transformation.getTransformationId()).matches("[0-9a-f]{56}");
    assertThat(transformation.getSiteId()).isEqualTo("FRESNO");
    assertThat(transformation.getOccurredAt()).isEqualTo("2025-11-21T12:00-08:00");
    assertThat(transformation.getInputs().get(0).getProductId()).isEqualTo("ALMONDS");
    assertThat(transformation.getOutputs().get(0).getProductId()).isEqualTo("WALNUTS");
    assertThat(transformation.getOutputs().get(0).getLotId()).isEqualTo("WAL-9");
    assertThat(summary.refused())
        .containsExactly(
            "eventList[6]: GTIN 00614141999996 is not in --products",
            "eventList[8]: quantityList[0] has no uom: a count of items cannot be weighed",
            "eventList[9]: bizStep 'storing' is not mapped (receiving, shipping, destroying,"
                + " inventory_check, cycle_counting)");
    assertThat(summary.report())
        .startsWith(
            "epcis: 10 events, 6 movements sent to inventory-movements, 1 transformations sent to"
                + " transformations, 3 events refused");
  }

  @Test
  void shouldGiveAnEventWithoutEventIdTheSameIdEveryTime() throws IOException {
    ingest("events.jsonld");
    ingest("events.jsonld");
    List<Movement> sent =
        producers.<Object>values().stream()
            .filter(Movement.class::isInstance)
            .map(Movement.class::cast)
            .toList();
    assertThat(sent.get(11).getMovementId()).isEqualTo(sent.get(5).getMovementId());
  }

  @Test
  void shouldRefuseADocumentThatDoesNotValidateAndSendNothing() throws IOException {
    assertThatThrownBy(() -> ingest("invalid.jsonld"))
        .isInstanceOf(EpcisFileException.class)
        .hasMessageStartingWith(
            "EPCIS document refused: it does not validate against the EPCIS 2.0 JSON schema");
    assertThatThrownBy(() -> ingest("not-json.jsonld"))
        .isInstanceOf(EpcisFileException.class)
        .hasMessageStartingWith("EPCIS document refused: not JSON");
    assertThat(producers.sent()).isEmpty();
  }

  @Test
  void shouldRefuseAMapWithABadCheckDigit() throws IOException {
    Path bad = resource("bad-locations.csv");
    Path products = resource("products.csv");
    assertThatThrownBy(() -> EpcisMaps.read(bad, products))
        .isInstanceOf(EpcisFileException.class)
        .hasMessageContaining(
            "line 2: gln '0614141000013' is not a 13-digit GLN with a valid check digit");
  }
}
