package org.massbalance.engine.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.TransformationBuilder.transformation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.internal.LotInput;
import org.massbalance.avro.internal.LotState;
import org.massbalance.avro.internal.TransformationReport;
import org.massbalance.avro.internal.TransformationState;
import org.massbalance.engine.testing.EngineDriver;
import org.massbalance.engine.testing.TransformationBuilder;

/**
 * Processing as a property (the contract's section "Processing"): for any receipts of in-shell
 * almonds from certified and uncertified suppliers, any transformations of them (with salt now and
 * then) into kernels and shells, and any sales of kernels, none drawing more than is on hand, the
 * inputs account for the outputs: the lots on hand of every product add up to its book; each output
 * lot's lineage adds up to the inputs drawn; a kernels lot is certified exactly when its almonds
 * came entirely from certified lots (salt, not organic, changes nothing); PROCESS_GAIN is raised
 * for exactly the transformations whose outputs outweigh their inputs, by the excess; and the
 * month's snapshots hold {@code processed} and {@code produced} in their expected closing.
 *
 * <p>Quantities are drawn as fractions of what the model says is on hand, so every draw is covered
 * by lots; the model keeps the in-shell lots first in, first out, as the contract draws them.
 */
class ProcessingProperties {

  static final String FRESNO = "FRESNO";
  static final String IN_SHELL = "ALMONDS-INSHELL";
  static final String KERNELS = "ALMOND-KERNELS";
  static final String SHELLS = "ALMOND-SHELLS";
  static final String SALT = "SALT";
  static final String NOP_CERTIFIED = "8150000016";
  static final String NOP_REVOKED = "8150000999";
  static final Instant START = Instant.parse("2025-11-03T16:00:00Z");

  /** One step: a receipt, a transformation or a sale, with fractions in place of quantities. */
  record Step(String kind, BigDecimal a, BigDecimal b, BigDecimal c, boolean flag) {}

  /** An in-shell lot on hand in the model. */
  static final class Lot {
    final boolean certified;
    BigDecimal kg;

    Lot(boolean certified, BigDecimal kg) {
      this.certified = certified;
      this.kg = kg;
    }
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<BigDecimal> fraction =
        Arbitraries.bigDecimals().between(new BigDecimal("0.01"), BigDecimal.ONE).ofScale(2);
    Arbitrary<BigDecimal> yield =
        Arbitraries.bigDecimals()
            .between(new BigDecimal("0.30"), new BigDecimal("0.75"))
            .ofScale(2);
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.of("RECEIPT", "RECEIPT", "PROCESS", "PROCESS", "SALE"),
                fraction,
                yield,
                yield,
                Arbitraries.of(true, false))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(14);
  }

  // Every try opens an engine of its own, so the tries are few.
  @Property(tries = 30, seed = "20251110", shrinking = ShrinkingMode.OFF)
  void shouldHaveInputsAccountForOutputs(@ForAll("steps") List<Step> steps) {
    try (EngineDriver engine = new EngineDriver()) {
      engine.site(FRESNO, "America/Los_Angeles", "US");
      engine.product(IN_SHELL, "kg", "5.0", "INS");
      engine.product(KERNELS, "kg", "5.0", "KRN");
      engine.product(SHELLS, "kg", "5.0", "SHL");
      engine.product(SALT, "kg", false);
      engine.certificate(NOP_CERTIFIED, "CERTIFIED", "2019-04-01", null);
      engine.certificate(NOP_REVOKED, "REVOKED", "2024-01-01", null);
      engine.send(
          receipt(FRESNO, SALT, "1000", "kg")
              .id("salt")
              .at(START.toString())
              .supplier("SALTWORKS", NOP_REVOKED));

      Deque<Lot> inShell = new ArrayDeque<>();
      BigDecimal kernels = BigDecimal.ZERO;
      BigDecimal shells = BigDecimal.ZERO;
      BigDecimal salt = new BigDecimal("1000");
      BigDecimal received = BigDecimal.ZERO;
      BigDecimal processed = BigDecimal.ZERO;
      BigDecimal producedKernels = BigDecimal.ZERO;
      BigDecimal sold = BigDecimal.ZERO;
      Map<String, BigDecimal> gains = new HashMap<>();
      Map<String, Boolean> certified = new HashMap<>();
      Map<String, BigDecimal> almondsIn = new HashMap<>();
      List<String> made = new ArrayList<>();
      int n = 0;

      for (Step step : steps) {
        n++;
        String at = START.plus(Duration.ofHours(n)).toString();
        switch (step.kind()) {
          case "RECEIPT" -> {
            BigDecimal kg = step.a().multiply(new BigDecimal("100"));
            boolean ok = step.flag();
            engine.send(
                receipt(FRESNO, IN_SHELL, kg.toPlainString(), "kg")
                    .id("r" + n)
                    .at(at)
                    .supplier(
                        ok ? "ORCHARD" : "UNCERTIFIED-FARM", ok ? NOP_CERTIFIED : NOP_REVOKED));
            inShell.addLast(new Lot(ok, kg));
            received = received.add(kg);
          }
          case "PROCESS" -> {
            BigDecimal onHand =
                inShell.stream().map(l -> l.kg).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal in = onHand.multiply(step.a()).setScale(3, RoundingMode.DOWN);
            if (in.signum() == 0) {
              continue;
            }
            BigDecimal saltIn = step.flag() ? new BigDecimal("0.5") : BigDecimal.ZERO;
            BigDecimal kernelsOut = in.multiply(step.b()).setScale(3, RoundingMode.DOWN);
            BigDecimal shellsOut = in.multiply(step.c()).setScale(3, RoundingMode.DOWN);
            String id = "T" + n;
            TransformationBuilder t =
                transformation(FRESNO, id).at(at).input(IN_SHELL, in.toPlainString(), "kg");
            if (step.flag()) {
              t.input(SALT, saltIn.toPlainString(), "kg");
            }
            t.output(KERNELS, kernelsOut.toPlainString(), "kg")
                .byproduct(SHELLS, shellsOut.toPlainString(), "kg");
            engine.send(t);

            boolean allCertified = true;
            BigDecimal left = in;
            while (left.signum() > 0) {
              Lot first = inShell.peekFirst();
              BigDecimal take = first.kg.min(left);
              allCertified &= first.certified;
              first.kg = first.kg.subtract(take);
              left = left.subtract(take);
              if (first.kg.signum() == 0) {
                inShell.removeFirst();
              }
            }
            BigDecimal excess = kernelsOut.add(shellsOut).subtract(in.add(saltIn));
            if (excess.signum() > 0) {
              gains.put(id, excess);
            }
            certified.put(id, allCertified);
            almondsIn.put(id, in);
            made.add(id);
            salt = salt.subtract(saltIn);
            kernels = kernels.add(kernelsOut);
            shells = shells.add(shellsOut);
            processed = processed.add(in);
            producedKernels = producedKernels.add(kernelsOut);
          }
          default -> {
            BigDecimal kg = kernels.multiply(step.a()).setScale(3, RoundingMode.DOWN);
            if (kg.signum() == 0) {
              continue;
            }
            engine.send(sale(FRESNO, KERNELS, kg.toPlainString(), "kg").id("s" + n).at(at));
            kernels = kernels.subtract(kg);
            sold = sold.add(kg);
          }
        }
      }

      // the lots on hand of every product add up to its book, and the book to the model's
      for (Map.Entry<String, BigDecimal> key :
          Map.of(
                  IN_SHELL,
                  inShell.stream().map(l -> l.kg).reduce(BigDecimal.ZERO, BigDecimal::add),
                  KERNELS,
                  kernels,
                  SHELLS,
                  shells,
                  SALT,
                  salt)
              .entrySet()) {
        BigDecimal lots =
            engine.onHand(FRESNO, key.getKey()).values().stream()
                .map(BigDecimal::new)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(engine.bookKg(FRESNO, key.getKey()))
            .as("book of " + key.getKey())
            .isEqualByComparingTo(key.getValue());
        assertThat(lots).as("lots of " + key.getKey()).isEqualByComparingTo(key.getValue());
      }

      // each output lot carries the almonds drawn for it, and their certification
      for (String id : made) {
        TransformationState t = engine.transformationState(FRESNO, id);
        assertThat(t.getOutputsSent()).as(id + " made its outputs").isTrue();
        for (TransformationReport created : t.getCreated()) {
          String product =
              t.getTransformation().getOutputs().get(created.getIndex()).getProductId();
          LotState lot = engine.lotState(FRESNO, product, created.getLotId());
          BigDecimal almonds =
              lot.getFacts().getInputs().stream()
                  .filter(i -> IN_SHELL.equals(i.getProductId()))
                  .map(LotInput::getQuantityKg)
                  .map(BigDecimal::new)
                  .reduce(BigDecimal.ZERO, BigDecimal::add);
          assertThat(almonds)
              .as("almonds in the lineage of " + id)
              .isEqualByComparingTo(almondsIn.get(id));
          assertThat(lot.getFacts().getCertifiedAtReceipt())
              .as("certification of " + created.getLotId() + " made by " + id)
              .isEqualTo(certified.get(id));
        }
      }

      List<Alert> alerts = engine.alerts();
      Map<String, BigDecimal> raised = new HashMap<>();
      for (Alert a : alerts) {
        if (a.getType().equals("PROCESS_GAIN")) {
          raised.put(a.getMovementId(), new BigDecimal(a.getQuantity()));
        }
      }
      assertThat(raised.keySet()).isEqualTo(gains.keySet());
      gains.forEach((id, kg) -> assertThat(raised.get(id)).as(id).isEqualByComparingTo(kg));
      assertThat(alerts)
          .extracting(Alert::getType)
          .as("every draw covered by lots")
          .doesNotContain("OVERSELL", "LOT_OVERDRAWN", "UNTRACEABLE_OUTBOUND");

      // November closes: processed and produced in the expected closing
      engine.advanceWallClock(Duration.ofSeconds(40));
      Map<String, Snapshot> november = new HashMap<>();
      for (Snapshot s : engine.snapshots()) {
        if (s.getPeriod().equals("2025-11")) {
          november.put(s.getProductId(), s);
        }
      }
      if (received.signum() > 0) {
        Snapshot almonds = november.get(IN_SHELL);
        assertThat(new BigDecimal(almonds.getProcessed())).isEqualByComparingTo(processed);
        assertThat(new BigDecimal(almonds.getExpectedClosing()))
            .isEqualByComparingTo(received.subtract(processed));
      }
      if (!made.isEmpty()) {
        Snapshot kernelBook = november.get(KERNELS);
        assertThat(new BigDecimal(kernelBook.getProduced())).isEqualByComparingTo(producedKernels);
        assertThat(new BigDecimal(kernelBook.getExpectedClosing()))
            .isEqualByComparingTo(producedKernels.subtract(sold));
      }
    }
  }
}
