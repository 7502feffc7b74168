package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.spec.Spec.*;
import static org.massbalance.engine.testing.MovementBuilder.movement;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.transfer;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.massbalance.avro.Movement;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.engine.testing.EngineDriver;
import org.massbalance.engine.testing.MovementBuilder;

/**
 * Bad input: a record that breaks a rule goes to the rejected topic with the original bytes, the
 * reason and its source topic/partition/offset, and is counted in metrics; nothing stops the
 * engine.
 *
 * <p>Every case runs on a fresh engine of its own.
 */
class BadInputSpec {

  static final String ID_64 = "a".repeat(64);
  static final String ID_65 = "a".repeat(65);

  private final AtomicInteger sequence = new AtomicInteger();
  private EngineDriver engine;

  @BeforeEach
  void start() {
    engine = engine();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  /** A valid RECEIPT of 5 kg of OATS at LONDON (UTC), dated 2025-11-01. */
  private MovementBuilder validReceipt() {
    return receipt(LONDON, OATS, "5", "kg").at(NOV_01).id("m-" + sequence.incrementAndGet());
  }

  private RejectedRecord assertRejected(MovementBuilder m, String field) {
    Movement movement = m.build();
    double before = rejectedTotal(engine.metrics());
    engine.sendKeyed(movement.getSiteId() + "|" + movement.getProductId(), movement);
    List<RejectedRecord> rejected = engine.rejected();
    assertThat(rejected).as("rejected records").hasSize(1);
    RejectedRecord r = rejected.get(0);
    assertThat(r.getReason()).as("reason names the field").containsIgnoringCase(field);
    assertThat(r.getSourceTopic()).isEqualTo(engine.topics().movements().name());
    assertThat(r.getOriginalValue()).isNotNull();
    assertThat(rejectedTotal(engine.metrics())).isEqualTo(before + 1);
    return r;
  }

  private void assertAccepted(MovementBuilder m, String site, String product, String bookKg) {
    engine.send(m);
    assertThat(engine.rejected()).as("rejected records").isEmpty();
    assertThat(engine.bookKg(site, product)).isEqualByComparingTo(bookKg);
  }

  private void assertAccepted(MovementBuilder m) {
    Movement built = m.build();
    engine.send(built);
    assertThat(engine.rejected()).as("rejected records").isEmpty();
    BigDecimal book = engine.bookKg(built.getSiteId().strip(), built.getProductId().strip());
    assertThat(book).as("book after an accepted movement").isNotNull();
    assertThat(book.signum()).isNotZero();
  }

  // ---- type

  @ParameterizedTest
  @ValueSource(strings = {"RECEIPT", "receipt", "Receipt", "rEcEiPt"})
  void shouldAcceptTheTypeCaseInsensitively(String type) {
    assertAccepted(validReceipt().type(type));
  }

  @ParameterizedTest
  @ValueSource(strings = {"RECIEPT", "RECEIPTS", "TRANSFER_IN", "SALES", "X"})
  @NullAndEmptySource
  void shouldRejectAnUnknownType(String type) {
    assertRejected(validReceipt().type(type), "type");
  }

  // ---- ids

  @ParameterizedTest
  @ValueSource(strings = {"movement_id", "site_id", "product_id", "lot_id"})
  void shouldAcceptAnIdOf64Characters(String field) {
    assertAccepted(withId(validReceipt(), field, ID_64));
  }

  @ParameterizedTest
  @ValueSource(strings = {"movement_id", "site_id", "product_id", "lot_id"})
  void shouldAcceptAnIdOfEveryAllowedCharacterClass(String field) {
    assertAccepted(withId(validReceipt(), field, "aZ09._-" + sequence.incrementAndGet()));
  }

  @ParameterizedTest
  @CsvSource({
    "movement_id, 65", "site_id, 65", "product_id, 65", "lot_id, 65",
    "movement_id, a b", "site_id, a b", "product_id, a b", "lot_id, a b",
    "movement_id, a/b", "site_id, a/b", "product_id, a/b", "lot_id, a/b",
    "movement_id, a|b", "site_id, a|b", "product_id, a|b", "lot_id, a|b",
    "movement_id, é", "site_id, é", "product_id, é", "lot_id, é",
    "movement_id, a:b", "site_id, a+b", "product_id, a*b", "lot_id, a#b"
  })
  void shouldRejectAnIdThatBreaksThePattern(String field, String value) {
    String id = value.equals("65") ? ID_65 : value;
    RejectedRecord r = assertRejected(withId(validReceipt(), field, id), field);
    assertThat(r.getOriginalValue()).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"movement_id", "site_id", "product_id"})
  void shouldRejectAMissingRequiredId(String field) {
    assertRejected(withId(validReceipt(), field, null), field);
  }

  @ParameterizedTest
  @ValueSource(strings = {"movement_id", "site_id", "product_id"})
  void shouldRejectAnEmptyRequiredId(String field) {
    assertRejected(withId(validReceipt(), field, ""), field);
  }

  private MovementBuilder withId(MovementBuilder m, String field, String value) {
    return switch (field) {
      case "movement_id" -> m.id(value);
      case "site_id" -> m.site(value);
      case "product_id" -> m.product(value);
      case "lot_id" -> m.lot(value);
      default -> throw new IllegalArgumentException(field);
    };
  }

  // ---- quantity

  @ParameterizedTest(name = "{0} {1} -> {2} kg")
  @CsvSource({
    "RECEIPT, 1.123456, 1.123456",
    "RECEIPT, +1, 1",
    "RECEIPT, 00012, 12",
    "RECEIPT, 0.000001, 0.000001",
    "RECEIPT, '  7.5  ', 7.5",
    "ADJUSTMENT, -1, -1",
    "ADJUSTMENT, +1, 1",
    "ADJUSTMENT, 2, 2",
    "ADJUSTMENT, -0.000001, -0.000001",
    "COUNT, 0, 0",
    "COUNT, 0.000000, 0",
    "COUNT, +0, 0",
    "COUNT, 3.25, 3.25"
  })
  void shouldAcceptAWellFormedQuantity(String type, String quantity, String expectedKg) {
    assertAccepted(
        movement(type, LONDON, OATS, quantity, "kg").at(NOV_01).id("q-1"),
        LONDON,
        OATS,
        expectedKg);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "RECEIPT, 1.1234567",
    "RECEIPT, -1",
    "RECEIPT, 0",
    "RECEIPT, 0.000000",
    "RECEIPT, +0",
    "RECEIPT, 1.",
    "RECEIPT, .5",
    "RECEIPT, 1e3",
    "RECEIPT, 1E3",
    "RECEIPT, '1,5'",
    "RECEIPT, 1 000",
    "RECEIPT, 0x10",
    "RECEIPT, NaN",
    "RECEIPT, Infinity",
    "RECEIPT, ++1",
    "RECEIPT, １",
    "RECEIPT, ١",
    "RECEIPT, ''",
    "SALE, 0",
    "SALE, -1",
    "WASTE, 0",
    "WASTE, -2",
    "ADJUSTMENT, 0",
    "ADJUSTMENT, -0",
    "ADJUSTMENT, +0.000000",
    "COUNT, -1",
    "COUNT, -0.000001",
  })
  void shouldRejectAQuantityThatBreaksTheRules(String type, String quantity) {
    MovementBuilder m =
        movement(type, LONDON, OATS, quantity, "kg")
            .at(NOV_01)
            .id("q-" + sequence.incrementAndGet())
            .reason("r")
            .document("d");
    assertRejected(m, "quantity");
  }

  @Test
  void shouldRejectATransferOfZero() {
    assertRejected(transfer(LONDON, FRESNO, OATS, "0", "kg").at(NOV_01).id("t-zero"), "quantity");
  }

  @Test
  void shouldRejectAMissingQuantity() {
    assertRejected(validReceipt().quantity(null), "quantity");
  }

  // ---- unit

  @ParameterizedTest
  @CsvSource({
    "KG, 5",
    "Kg, 5",
    "' kg ', 5",
    "G, 0.005",
    "T, 5000",
    "LB, 2.26796185",
    "Oz, 0.141747615625"
  })
  void shouldAcceptTheUnitCaseInsensitively(String unit, String expectedKg) {
    assertAccepted(receipt(LONDON, OATS, "5", unit).at(NOV_01).id("u-1"), LONDON, OATS, expectedKg);
  }

  @ParameterizedTest
  @ValueSource(strings = {"kgs", "lbs", "pound", "gram", "k g", "mg", "ton", "tonne"})
  @NullAndEmptySource
  void shouldRejectAnUnknownUnit(String unit) {
    assertRejected(validReceipt().unit(unit), "unit");
  }

  // ---- occurred_at

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-11-01",
        "2025-11-01T10:15",
        "2025-11-01T10:15:30",
        "2025-11-01T10:15:30.5",
        "2025-11-01T10:15:30.123",
        "2025-11-01T10:15:30.123456789",
        "2025-11-01T10:15Z",
        "2025-11-01T10:15:30Z",
        "2025-11-01T10:15:30.5Z",
        "2025-11-01T10:15+05:30",
        "2025-11-01T10:15:30+05:30",
        "2025-11-01T10:15:30-08:00",
        "2025-11-01T10:15:30.25-08:00",
        "2024-02-29",
        "2025-11-01T23:59:59.999",
        "  2025-11-01T10:15  "
      })
  void shouldAcceptAWellFormedOccurredAt(String occurredAt) {
    assertAccepted(validReceipt().at(occurredAt));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-02-30",
        "2025-02-29",
        "2025-11-31",
        "2025-13-01",
        "2025-00-10",
        "2025-11-00",
        "2025-11-01T25:00",
        "2025-11-01T10:60",
        "2025-11-01T10:15:61",
        "2025-11-01T10",
        "2025-11-01T1:15",
        "2025-11-01 10:15",
        "11/01/2025",
        "2025-11-1",
        "20251101",
        "2025-11-01T10:15:30+0530",
        "2025-11-01T10:15:30+05",
        "2025-11-01T10:15:30.",
        "2025-11-01T10:15:30 Z",
        "2025-11-01T10:15:30+05:30[Asia/Kolkata]",
        "2025-11-01T10:15:30America/Los_Angeles",
        "1762000000000",
        "yesterday"
      })
  @NullAndEmptySource
  void shouldRejectAMalformedOrInvalidOccurredAt(String occurredAt) {
    assertRejected(validReceipt().at(occurredAt), "occurred_at");
  }

  // ---- TRANSFER destination

  @ParameterizedTest
  @ValueSource(strings = {"LONDON", " LONDON ", "   "})
  @NullAndEmptySource
  void shouldRejectATransferWithoutAnotherDestination(String toSite) {
    assertRejected(
        transfer(LONDON, LONDON, OATS, "1", "kg")
            .toSite(toSite)
            .at(NOV_01)
            .id("t-" + sequence.incrementAndGet()),
        "to_site_id");
  }

  @Test
  void shouldAcceptATransferToAnotherSite() {
    engine.send(transfer(LONDON, FRESNO, OATS, "1", "kg").at(NOV_01).id("t-ok"));
    assertThat(engine.rejected()).isEmpty();
    assertThat(engine.bookKg(FRESNO, OATS)).isEqualByComparingTo("1");
  }

  // ---- trimming and byte-order mark

  @Test
  void shouldTrimEveryValue() {
    MovementBuilder padded =
        movement("  RECEIPT ", " " + LONDON + " ", " " + OATS + "\t", " 5 ", " kg ")
            .at(" 2025-11-01T08:00:00Z ")
            .id(" m-trim ");
    engine.sendKeyed(LONDON + "|" + OATS, padded.build());
    assertThat(engine.rejected()).isEmpty();
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("5");
    // the trimmed id is the movement's id: the unpadded repeat is identical
    double duplicates = duplicatesTotal(engine.metrics());
    engine.send(receipt(LONDON, OATS, "5", "kg").at(NOV_01).id("m-trim"));
    assertThat(engine.rejected()).isEmpty();
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("5");
    assertThat(duplicatesTotal(engine.metrics())).isEqualTo(duplicates + 1);
  }

  @Test
  void shouldIgnoreAByteOrderMarkAtTheStartOfAValue() {
    engine.send(
        movement("\uFEFFRECEIPT", LONDON, OATS, "\uFEFF5", "kg")
            .at("\uFEFF2025-11-01")
            .id("\uFEFFm-bom"));
    assertThat(engine.rejected()).isEmpty();
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("5");
  }

  // ---- the rejected record

  @Test
  void shouldAcceptAValidMovementUnderAWrongOrMissingKey() {
    engine.sendKeyed("not-the-key", receipt(LONDON, OATS, "2", "kg").at(NOV_01).id("k-1").build());
    engine.sendKeyed(null, receipt(LONDON, OATS, "3", "kg").at(NOV_01).id("k-2").build());
    assertThat(engine.rejected()).isEmpty();
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("5");
  }

  @Test
  void shouldKeepProcessingAfterBadInput() {
    engine.sendRaw(null, new byte[] {1, 2, 3});
    engine.send(validReceipt().quantity("abc"));
    engine.send(receipt(LONDON, OATS, "4", "kg").at(NOV_01).id("after-bad"));
    assertThat(engine.rejected()).hasSize(2);
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("4");
  }

  static byte[] serialize(EngineDriver e, Movement m) {
    return e.topics().movementSerde().serializer().serialize(e.topics().movements().name(), m);
  }

  static byte[] bytes(ByteBuffer b) {
    if (b == null) {
      return null;
    }
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
