package org.massbalance.engine.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.TransformationBuilder.transformation;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.internal.LotInput;
import org.massbalance.avro.internal.LotState;
import org.massbalance.avro.internal.TransformationState;
import org.massbalance.engine.testing.EngineDriver;

/**
 * Processing (the contract's section of that name): a transformation draws each input like a SALE
 * (PROCESS_INPUT) and, once every input is drawn, makes a lot of each output (PROCESS_OUTPUT) that
 * carries the lots its inputs drew; the inputs account for the outputs.
 */
class ProcessingSpec {

  static final String FRESNO = "FRESNO";
  static final String IN_SHELL = "ALMONDS-INSHELL";
  static final String KERNELS = "ALMOND-KERNELS";
  static final String SHELLS = "ALMOND-SHELLS";
  static final String SALT = "SALT";
  static final String NOP_A = "8150000016";
  static final String NOP_B = "8150000101";
  static final String NOP_REVOKED = "8150000999";

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.site(FRESNO, "America/Los_Angeles", "US");
    engine.product(IN_SHELL, "kg", "5.0", "INS");
    engine.product(KERNELS, "kg", "5.0", "KRN");
    engine.product(SHELLS, "kg", "5.0", "SHL");
    engine.product(SALT, "kg", false);
    engine.certificate(NOP_A, "CERTIFIED", "2019-04-01", null);
    engine.certificate(NOP_B, "CERTIFIED", "2020-01-01", null);
    engine.certificate(NOP_REVOKED, "REVOKED", "2024-01-01", null);
    return engine;
  }

  /** Two in-shell lots from two certified suppliers: 60 kg and 50 kg. */
  private static void receiveInShell(EngineDriver engine) {
    engine.send(
        receipt(FRESNO, IN_SHELL, "60", "kg")
            .id("r-a")
            .at("2025-11-01T08:00Z")
            .lot("INS-A")
            .supplier("ORCHARD-A", NOP_A)
            .supplierLot("A-77"));
    engine.send(
        receipt(FRESNO, IN_SHELL, "50", "kg")
            .id("r-b")
            .at("2025-11-02T08:00Z")
            .lot("INS-B")
            .supplier("ORCHARD-B", NOP_B)
            .supplierLot("B-12"));
  }

  private static List<Alert> ofType(List<Alert> alerts, String type) {
    return alerts.stream().filter(a -> a.getType().equals(type)).toList();
  }

  @Test
  void shouldDrawEachInputAndMakeALotOfEachOutputWithItsLineage() {
    try (EngineDriver engine = engine()) {
      receiveInShell(engine);
      engine.send(
          transformation(FRESNO, "CRACK-1")
              .at("2025-11-10T09:00Z")
              .document("PO-9")
              .input(IN_SHELL, "100", "kg")
              .output(KERNELS, "62", "kg")
              .byproduct(SHELLS, "36", "kg"));

      assertThat(engine.onHand(FRESNO, IN_SHELL)).containsExactly(Map.entry("INS-B", "10"));
      assertThat(engine.bookKg(FRESNO, IN_SHELL)).isEqualByComparingTo("10");
      assertThat(engine.bookKg(FRESNO, KERNELS)).isEqualByComparingTo("62");
      assertThat(engine.bookKg(FRESNO, SHELLS)).isEqualByComparingTo("36");
      assertThat(engine.onHand(FRESNO, KERNELS))
          .containsExactly(Map.entry("KRN-20251110-001", "62"));

      LotState kernels = engine.lotState(FRESNO, KERNELS, "KRN-20251110-001");
      assertThat(kernels.getFacts().getTransformationId()).isEqualTo("CRACK-1");
      assertThat(kernels.getFacts().getReceiptMovementId()).isEqualTo("CRACK-1.out.0");
      assertThat(kernels.getFacts().getSupplierNopId()).isNull();
      assertThat(kernels.getFacts().getCertifiedAtReceipt()).isTrue();
      assertThat(kernels.getFacts().getInputs())
          .extracting(
              LotInput::getLotId,
              LotInput::getQuantityKg,
              LotInput::getSupplierId,
              LotInput::getSupplierLot,
              LotInput::getSupplierNopId,
              LotInput::getCertifiedAtReceipt)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("INS-A", "60", "ORCHARD-A", "A-77", NOP_A, true),
              org.assertj.core.groups.Tuple.tuple("INS-B", "40", "ORCHARD-B", "B-12", NOP_B, true));
      TransformationState t = engine.transformationState(FRESNO, "CRACK-1");
      assertThat(t.getOutputsSent()).isTrue();
      assertThat(t.getCreated())
          .extracting(r -> r.getLotId())
          .containsExactlyInAnyOrder("KRN-20251110-001", "SHL-20251110-001");
      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldTraceAKernelSaleToBothInShellLotsAndTheirSuppliers() {
    try (EngineDriver engine = engine()) {
      receiveInShell(engine);
      engine.send(
          transformation(FRESNO, "CRACK-1")
              .at("2025-11-10T09:00Z")
              .input(IN_SHELL, "100", "kg")
              .output(KERNELS, "62", "kg", null, "KRN-1"));
      engine.send(sale(FRESNO, KERNELS, "20", "kg").id("s-1").at("2025-11-11"));

      assertThat(engine.drawsOf(FRESNO, KERNELS, "KRN-1")).containsExactly("s-1 SALE 20");
      assertThat(engine.lotState(FRESNO, KERNELS, "KRN-1").getFacts().getInputs())
          .extracting(LotInput::getSupplierNopId)
          .containsExactly(NOP_A, NOP_B);
      assertThat(engine.drawsOf(FRESNO, IN_SHELL, "INS-A"))
          .containsExactly("CRACK-1.in.0 PROCESS_INPUT 60");
      assertThat(engine.drawsOf(FRESNO, IN_SHELL, "INS-B"))
          .containsExactly("CRACK-1.in.0 PROCESS_INPUT 40");
    }
  }

  @Test
  void shouldRaiseProcessGainWithTheExcessInKilograms() {
    try (EngineDriver engine = engine()) {
      receiveInShell(engine);
      engine.send(
          transformation(FRESNO, "CRACK-2")
              .at("2025-11-10T09:00Z")
              .input(IN_SHELL, "100", "kg")
              .output(KERNELS, "70", "kg")
              .byproduct(SHELLS, "35.5", "kg"));

      List<Alert> gains = ofType(engine.alerts(), "PROCESS_GAIN");
      assertThat(gains)
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getSeverity()).isEqualTo("CRITICAL");
                assertThat(a.getQuantity()).isEqualTo("5.5");
                assertThat(a.getUnit()).isEqualTo("kg");
                assertThat(a.getSiteId()).isEqualTo(FRESNO);
                assertThat(a.getProductId()).isEqualTo(KERNELS);
                assertThat(a.getMovementId()).isEqualTo("CRACK-2");
                assertThat(a.getPeriod()).isEqualTo("2025-11");
              });
      assertThat(engine.bookKg(FRESNO, KERNELS)).isEqualByComparingTo("70");
    }
  }

  @Test
  void shouldRaiseYieldOutOfRangeForAMainOutputOutsideItsBand() {
    try (EngineDriver engine = engine()) {
      engine.yieldBand(IN_SHELL, KERNELS, "55", "65");
      engine.yieldBand(IN_SHELL, SHELLS, "10", "20");
      receiveInShell(engine);
      engine.send(
          transformation(FRESNO, "CRACK-3")
              .at("2025-11-10T09:00Z")
              .input(IN_SHELL, "100", "kg")
              .output(KERNELS, "50", "kg")
              .byproduct(SHELLS, "45", "kg"));

      assertThat(ofType(engine.alerts(), "YIELD_OUT_OF_RANGE"))
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getSeverity()).isEqualTo("WARNING");
                assertThat(a.getProductId()).isEqualTo(KERNELS);
                assertThat(a.getMovementId()).isEqualTo("CRACK-3.out.0");
                assertThat(a.getDetails())
                    .containsEntry("yield_pct", "50")
                    .containsEntry("min_pct", "55")
                    .containsEntry("max_pct", "65");
              });
    }
  }

  @Test
  void shouldRaiseNoYieldAlertWithinTheBand() {
    try (EngineDriver engine = engine()) {
      engine.yieldBand(IN_SHELL, KERNELS, "55", "65");
      receiveInShell(engine);
      engine.send(
          transformation(FRESNO, "CRACK-4")
              .at("2025-11-10T09:00Z")
              .input(IN_SHELL, "100", "kg")
              .output(KERNELS, "65", "kg"));

      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldNotCertifyAnOutputDrawnFromOneUncertifiedInputLot() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, IN_SHELL, "50", "kg")
              .id("r-x")
              .at("2025-11-01T08:00Z")
              .lot("INS-X")
              .supplier("ORCHARD-X", NOP_REVOKED));
      engine.send(
          receipt(FRESNO, IN_SHELL, "50", "kg")
              .id("r-a")
              .at("2025-11-02T08:00Z")
              .lot("INS-A")
              .supplier("ORCHARD-A", NOP_A));
      engine.alerts();
      engine.send(
          transformation(FRESNO, "CRACK-5")
              .at("2025-11-10T09:00Z")
              .input(IN_SHELL, "80", "kg")
              .output(KERNELS, "50", "kg", null, "KRN-5"));

      assertThat(engine.lotState(FRESNO, KERNELS, "KRN-5").getFacts().getCertifiedAtReceipt())
          .isFalse();
      assertThat(engine.transformationState(FRESNO, "CRACK-5").getCertified()).isFalse();
    }
  }

  @Test
  void shouldKeepAnOutputCertifiedWhenOnlyANonOrganicInputIsUntraced() {
    try (EngineDriver engine = engine()) {
      receiveInShell(engine);
      engine.send(
          transformation(FRESNO, "ROAST-1")
              .at("2025-11-10T09:00Z")
              .input(IN_SHELL, "100", "kg")
              .input(SALT, "1", "kg")
              .output(KERNELS, "60", "kg", null, "KRN-R"));

      assertThat(engine.lotState(FRESNO, KERNELS, "KRN-R").getFacts().getCertifiedAtReceipt())
          .isTrue();
    }
  }

  @Test
  void shouldRaiseTheOutboundAlertsAtTheInputKeyAndStillMakeTheOutputs() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, IN_SHELL, "40", "kg")
              .id("r-a")
              .at("2025-11-01T08:00Z")
              .lot("INS-A")
              .supplier("ORCHARD-A", NOP_A));
      engine.send(
          transformation(FRESNO, "CRACK-6")
              .at("2025-11-10T09:00Z")
              .input(IN_SHELL, "100", "kg")
              .output(KERNELS, "60", "kg", null, "KRN-6"));

      List<Alert> alerts = engine.alerts();
      assertThat(ofType(alerts, "OVERSELL"))
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getProductId()).isEqualTo(IN_SHELL);
                assertThat(a.getMovementId()).isEqualTo("CRACK-6.in.0");
                assertThat(a.getQuantity()).isEqualTo("60");
              });
      assertThat(engine.bookKg(FRESNO, IN_SHELL)).isEqualByComparingTo("-60");
      assertThat(engine.bookKg(FRESNO, KERNELS)).isEqualByComparingTo("60");
      // 60 kg of the input were covered by no lot: the output is not certified
      assertThat(engine.lotState(FRESNO, KERNELS, "KRN-6").getFacts().getCertifiedAtReceipt())
          .isFalse();
    }
  }

  @Test
  void shouldApplyAnIdenticalRepeatOnceAndRejectAConflictingOne() {
    try (EngineDriver engine = engine()) {
      receiveInShell(engine);
      var crack =
          transformation(FRESNO, "CRACK-7")
              .at("2025-11-10T09:00Z")
              .input(IN_SHELL, "100", "kg")
              .output(KERNELS, "60", "kg");
      engine.send(crack);
      engine.send(crack);
      engine.send(
          transformation(FRESNO, "CRACK-7")
              .at("2025-11-10T09:00Z")
              .input(IN_SHELL, "90", "kg")
              .output(KERNELS, "60", "kg"));

      assertThat(engine.bookKg(FRESNO, IN_SHELL)).isEqualByComparingTo("10");
      assertThat(engine.bookKg(FRESNO, KERNELS)).isEqualByComparingTo("60");
      assertThat(engine.rejected())
          .singleElement()
          .satisfies(
              r -> assertThat(r.getReason()).isEqualTo("transformation: conflicting duplicate"));
    }
  }

  @Test
  void shouldRejectATransformationBreakingTheRulesWithEveryReason() {
    try (EngineDriver engine = engine()) {
      engine.send(
          transformation(FRESNO, "X".repeat(57))
              .at("2025-11-10T09:00Z")
              .input(KERNELS, "-1", "kg")
              .output(KERNELS, "60", "lbs"));
      engine.send(transformation(FRESNO, "EMPTY").at("2025-11-10T09:00Z"));

      assertThat(engine.rejected())
          .extracting(r -> r.getReason())
          .containsExactly(
              "transformation: transformation_id: '"
                  + "X".repeat(57)
                  + "' does not match [A-Za-z0-9._-]{1,56}; inputs[0].quantity: must be positive;"
                  + " outputs[0].unit: 'lbs' is not one of kg, g, t, lb, oz; outputs: product "
                  + KERNELS
                  + " is an input too (an input and an output never share a product)",
              "transformation: inputs: 0 items, must be 1 to 100; outputs: 0 items, must be 1 to"
                  + " 100");
      assertThat(engine.bookKg(FRESNO, KERNELS)).isEqualByComparingTo("0");
    }
  }

  @Test
  void shouldSumProcessedAndProducedIntoTheMonthsSnapshots() {
    try (EngineDriver engine = engine()) {
      var topic = snapshotTopic(engine);
      receiveInShell(engine);
      engine.send(
          transformation(FRESNO, "CRACK-8")
              .at("2025-11-10T09:00Z")
              .input(IN_SHELL, "100", "kg")
              .output(KERNELS, "62", "kg")
              .byproduct(SHELLS, "36", "kg"));
      engine.send(
          org.massbalance.engine.testing.MovementBuilder.waste(FRESNO, KERNELS, "2", "kg")
              .id("w-1")
              .at("2025-11-12"));
      engine.advanceWallClock(java.time.Duration.ofSeconds(40));

      Map<String, Snapshot> latest = latest(topic);
      Snapshot inShell = latest.get(FRESNO + "|" + IN_SHELL + "|2025-11");
      assertThat(inShell.getReceipts()).isEqualTo("110");
      assertThat(inShell.getProcessed()).isEqualTo("100");
      assertThat(inShell.getProduced()).isEqualTo("0");
      assertThat(inShell.getExpectedClosing()).isEqualTo("10");
      Snapshot kernels = latest.get(FRESNO + "|" + KERNELS + "|2025-11");
      assertThat(kernels.getProduced()).isEqualTo("62");
      assertThat(kernels.getProcessed()).isEqualTo("0");
      assertThat(kernels.getExpectedClosing()).isEqualTo("60");
      // the waste base counts what was produced: 100 * 2 / 62
      assertThat(kernels.getWastePct()).isEqualTo("3.225806");
      var consolidated = engine.consolidated();
      assertThat(consolidated)
          .filteredOn(c -> c.getProductId().equals(IN_SHELL) && c.getPeriod().equals("2025-11"))
          .last()
          .satisfies(c -> assertThat(c.getProcessed()).isEqualTo("100"));
    }
  }

  @Test
  void shouldRestateTheMonthsInvolvedWhenATransformationArrivesLate() {
    try (EngineDriver engine = engine()) {
      var topic = snapshotTopic(engine);
      receiveInShell(engine);
      engine.send(
          receipt(FRESNO, KERNELS, "10", "kg")
              .id("r-k")
              .at("2025-11-03")
              .lot("KRN-OLD")
              .supplier("X", NOP_A));
      engine.advanceWallClock(java.time.Duration.ofSeconds(40));
      Map<String, Snapshot> before = latest(topic);
      assertThat(before.get(FRESNO + "|" + IN_SHELL + "|2025-11").getRevision()).isEqualTo(1);
      engine.alerts();

      engine.send(
          transformation(FRESNO, "CRACK-LATE")
              .at("2025-11-20T09:00Z")
              .input(IN_SHELL, "100", "kg")
              .output(KERNELS, "62", "kg"));

      Map<String, Snapshot> after = latest(topic);
      Snapshot inShell = after.get(FRESNO + "|" + IN_SHELL + "|2025-11");
      assertThat(inShell.getRevision()).isEqualTo(2);
      assertThat(inShell.getProcessed()).isEqualTo("100");
      assertThat(inShell.getClosing()).isEqualTo("10");
      Snapshot kernels = after.get(FRESNO + "|" + KERNELS + "|2025-11");
      assertThat(kernels.getRevision()).isEqualTo(2);
      assertThat(kernels.getProduced()).isEqualTo("62");
      assertThat(kernels.getClosing()).isEqualTo("72");
      assertThat(ofType(engine.alerts(), "LATE_MOVEMENT"))
          .extracting(Alert::getMovementId)
          .containsExactlyInAnyOrder("CRACK-LATE.in.0", "CRACK-LATE.out.0");
    }
  }

  @Test
  void shouldMakeTheOutputsOnlyOnceEveryInputIsDrawn() {
    try (EngineDriver engine = engine()) {
      receiveInShell(engine);
      engine.send(receipt(FRESNO, SALT, "5", "kg").id("r-s").at("2025-11-01").lot("SALT-1"));
      engine.send(
          transformation(FRESNO, "ROAST-2")
              .at("2025-11-10T09:00Z")
              .input(SALT, "1", "kg")
              .input(IN_SHELL, "50", "kg")
              .output(KERNELS, "45", "kg", null, "KRN-R2"));
      engine.send(sale(FRESNO, KERNELS, "45", "kg").id("s-r2").at("2025-11-11"));

      assertThat(engine.lotState(FRESNO, KERNELS, "KRN-R2").getFacts().getInputs())
          .extracting(LotInput::getProductId, LotInput::getLotId, LotInput::getOrganic)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(SALT, "SALT-1", false),
              org.assertj.core.groups.Tuple.tuple(IN_SHELL, "INS-A", true));
      assertThat(engine.drawsOf(FRESNO, KERNELS, "KRN-R2")).containsExactly("s-r2 SALE 45");
      assertThat(ofType(engine.alerts(), "OVERSELL")).isEmpty();
    }
  }

  private static org.apache.kafka.streams.TestOutputTopic<String, Snapshot> snapshotTopic(
      EngineDriver engine) {
    return engine
        .raw()
        .createOutputTopic(
            engine.topics().snapshots().name(),
            org.apache.kafka.common.serialization.Serdes.String().deserializer(),
            engine.topics().snapshots().valueSerde().deserializer());
  }

  /** The latest snapshot of each key published so far. */
  private static Map<String, Snapshot> latest(
      org.apache.kafka.streams.TestOutputTopic<String, Snapshot> topic) {
    Map<String, Snapshot> out = new java.util.LinkedHashMap<>();
    topic.readKeyValuesToList().forEach(kv -> out.put(kv.key, kv.value));
    return out;
  }
}
