package org.massbalance.engine.signoffs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.adjustment;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.waste;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.testing.EngineDriver;
import org.massbalance.engine.testing.MovementBuilder;

/**
 * Period sign-off as a property (the contract's section "Period sign-off"): for any movements of a
 * key, interleaved with any sign-offs of its closed months, the sum over the periods of each figure
 * plus the corrections equals the sum of the movements, each figure holds exactly the movements
 * dated in its month that arrived while the month was after the latest signed one, the corrections
 * of a month exactly the movements booked into it, and no signed snapshot's bytes change after its
 * sign-off. The book follows the movements whatever was signed.
 *
 * <p>Months September to December 2025 at a UTC site, no COUNT (the book is then the net of every
 * movement); the driver's wall clock (January 2026) closes every one of them between batches, so
 * each sign-off names a closed month, and signing September to November leaves December or an
 * earlier unsigned month to take each correction.
 */
class SignOffProperties {

  static final String LONDON = "LONDON";
  static final String OATS = "OATS";
  static final String NOP = "8150000016";
  static final List<YearMonth> MONTHS =
      List.of(
          YearMonth.of(2025, 9),
          YearMonth.of(2025, 10),
          YearMonth.of(2025, 11),
          YearMonth.of(2025, 12));

  /** A movement of the key before it has an id. */
  record Mv(String type, int month, int day, BigDecimal kg) {

    /** The movement's signed effect on the book and on expected_closing. */
    BigDecimal net() {
      return switch (type) {
        case "RECEIPT" -> kg;
        case "SALE", "WASTE" -> kg.negate();
        default -> kg; // ADJUSTMENT, signed
      };
    }

    MovementBuilder build(String id) {
      String at = MONTHS.get(month).atDay(day).toString();
      String q = kg.abs().toPlainString();
      MovementBuilder m =
          switch (type) {
            case "RECEIPT" -> receipt(LONDON, OATS, q, "kg").supplier("S", NOP);
            case "SALE" -> sale(LONDON, OATS, q, "kg");
            case "WASTE" -> waste(LONDON, OATS, q, "kg");
            default -> adjustment(LONDON, OATS, (kg.signum() > 0 ? "+" : "-") + q, "kg");
          };
      return m.id(id).at(at).reason("r").document("d");
    }
  }

  /** A batch of movements, then (when {@code signMonth >= 0}) a sign-off of that month. */
  record Step(List<Mv> movements, int signMonth) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Mv> mv =
        Combinators.combine(
                Arbitraries.of("RECEIPT", "RECEIPT", "SALE", "WASTE", "ADJUSTMENT"),
                Arbitraries.integers().between(0, MONTHS.size() - 1),
                Arbitraries.integers().between(1, 28),
                Arbitraries.bigDecimals()
                    .between(new BigDecimal("0.001"), new BigDecimal("200"))
                    .ofScale(3),
                Arbitraries.of(true, false))
            .as(
                (type, month, day, q, negative) ->
                    new Mv(
                        type, month, day, type.equals("ADJUSTMENT") && negative ? q.negate() : q));
    Arbitrary<Step> step =
        Combinators.combine(
                mv.list().ofMinSize(0).ofMaxSize(6),
                Arbitraries.integers().between(-1, MONTHS.size() - 2))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(6);
  }

  // Every try opens an engine of its own, so the tries are few.
  @Property(tries = 25, seed = "20260110", shrinking = ShrinkingMode.OFF)
  void shouldKeepSignedMonthsAndAccountForEveryMovementInFiguresOrCorrections(
      @ForAll("steps") List<Step> steps) {
    try (EngineDriver engine = new EngineDriver()) {
      engine.site(LONDON, "UTC", "GB").product(OATS, "kg", "5.0", "OAT");
      engine.certificate(NOP, "CERTIFIED", "2019-04-01", null);
      TestOutputTopic<String, byte[]> snapshotTopic = engine.snapshotBytesTopic();
      Map<String, byte[]> latest = new HashMap<>();
      Map<String, byte[]> atSignOff = new HashMap<>();

      // the contract's outcome, computed here: each movement's month and whether it was late
      Map<Integer, BigDecimal[]> figures = new TreeMap<>(); // month -> r, s, w, adj, corrections
      BigDecimal total = BigDecimal.ZERO;
      int latestSigned = -1;
      int n = 0;

      // every month gets a snapshot at the first close: a receipt in each
      List<Step> all = new ArrayList<>();
      List<Mv> first = new ArrayList<>();
      for (int m = 0; m < MONTHS.size(); m++) {
        first.add(new Mv("RECEIPT", m, 1, new BigDecimal("10")));
      }
      all.add(new Step(first, -1));
      all.addAll(steps);

      for (Step step : all) {
        for (Mv mv : step.movements()) {
          engine.send(mv.build("m" + n++));
          total = total.add(mv.net());
          boolean late = mv.month() <= latestSigned;
          int into = late ? latestSigned + 1 : mv.month();
          BigDecimal[] f = figures.computeIfAbsent(into, k -> zeros());
          int column =
              late
                  ? 4
                  : switch (mv.type()) {
                    case "RECEIPT" -> 0;
                    case "SALE" -> 1;
                    case "WASTE" -> 2;
                    default -> 3;
                  };
          f[column] = f[column].add(late ? mv.net() : mv.kg());
        }
        engine.advanceWallClock(Duration.ofSeconds(40));
        collect(snapshotTopic, latest);
        if (step.signMonth() >= 0) {
          String period = MONTHS.get(step.signMonth()).toString();
          String key = LONDON + "|" + OATS + "|" + period;
          engine.signOff(LONDON, OATS, period, "auditor", "2026-01-10T09:00:00Z");
          atSignOff.putIfAbsent(key, latest.get(key));
          latestSigned = Math.max(latestSigned, step.signMonth());
          collect(snapshotTopic, latest);
        }
      }

      assertThat(engine.rejected()).as("every sign-off names a closed month").isEmpty();
      for (Map.Entry<String, byte[]> signed : atSignOff.entrySet()) {
        assertThat(latest.get(signed.getKey()))
            .as("the bytes of signed " + signed.getKey())
            .isEqualTo(signed.getValue());
      }
      BigDecimal sumOfFigures = BigDecimal.ZERO;
      for (int m = 0; m < MONTHS.size(); m++) {
        Snapshot s = decode(engine, latest.get(LONDON + "|" + OATS + "|" + MONTHS.get(m)));
        BigDecimal[] f = figures.getOrDefault(m, zeros());
        assertThat(
                Arrays.asList(
                    dec(s.getReceipts()),
                    dec(s.getSales()),
                    dec(s.getWaste()),
                    dec(s.getAdjustments()),
                    dec(s.getCorrections())))
            .as("receipts, sales, waste, adjustments, corrections of " + MONTHS.get(m))
            .usingElementComparator(BigDecimal::compareTo)
            .containsExactly(f);
        sumOfFigures =
            sumOfFigures
                .add(dec(s.getReceipts()))
                .subtract(dec(s.getSales()))
                .subtract(dec(s.getWaste()))
                .add(dec(s.getAdjustments()))
                .add(dec(s.getCorrections()));
      }
      assertThat(sumOfFigures).isEqualByComparingTo(total);
      assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo(total);
    }
  }

  private static BigDecimal[] zeros() {
    BigDecimal[] f = new BigDecimal[5];
    Arrays.fill(f, BigDecimal.ZERO);
    return f;
  }

  private static BigDecimal dec(String s) {
    return s == null ? BigDecimal.ZERO : new BigDecimal(s);
  }

  private static void collect(TestOutputTopic<String, byte[]> topic, Map<String, byte[]> into) {
    for (KeyValue<String, byte[]> kv : topic.readKeyValuesToList()) {
      into.put(kv.key, kv.value);
    }
  }

  private static Snapshot decode(EngineDriver engine, byte[] bytes) {
    return engine.topics().snapshots().valueSerde().deserializer().deserialize("", bytes);
  }
}
