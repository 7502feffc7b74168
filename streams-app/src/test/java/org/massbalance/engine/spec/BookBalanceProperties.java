package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.spec.Spec.FRESNO;
import static org.massbalance.engine.spec.Spec.LONDON;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import org.massbalance.engine.testing.EngineDriver;
import org.massbalance.engine.testing.MovementBuilder;

/**
 * Book balance of (site, product) over the movements processed so far: the last COUNT (in the
 * contract's order: instant, rank 0 inbound / 1 outbound / 2 COUNT, movement_id as UTF-8 bytes)
 * plus the net of the movements after it, or with no COUNT the net of all movements, whatever the
 * arrival order. The expected book is computed here from the contract, independently of the engine.
 *
 * <p>Every try runs on a fresh engine, with a product it does not know (the defaults: kg).
 */
class BookBalanceProperties {

  /** Exact kg per unit, from the contract's facts. */
  static final Map<String, BigDecimal> KG_PER_UNIT =
      Map.of(
          "kg", BigDecimal.ONE,
          "g", new BigDecimal("0.001"),
          "t", new BigDecimal("1000"),
          "lb", new BigDecimal("0.45359237"),
          "oz", new BigDecimal("0.45359237").divide(BigDecimal.valueOf(16)));

  static final Instant BASE = Instant.parse("2025-11-01T00:00:00Z");
  static final List<String> NON_COUNT =
      List.of("RECEIPT", "SALE", "WASTE", "TRANSFER", "ADJUSTMENT");

  /** The product of every try. */
  static final String PRODUCT = "PROP";

  private EngineDriver engine;

  @BeforeTry
  void startEngine() {
    engine = Spec.engine();
  }

  @AfterTry
  void stopEngine() {
    engine.close();
  }

  /** One generated movement, before it is given a product and an id. */
  record Mv(String type, int minute, BigDecimal quantity, String unit, String id) {

    int rank() {
      return switch (type) {
        case "COUNT" -> 2;
        case "RECEIPT" -> 0;
        case "ADJUSTMENT" -> quantity.signum() > 0 ? 0 : 1;
        default -> 1;
      };
    }

    BigDecimal signedKg() {
      BigDecimal kg = quantity.multiply(KG_PER_UNIT.get(unit));
      return rank() == 0 || type.equals("COUNT") ? kg : kg.abs().negate();
    }

    Instant instant() {
      return BASE.plusSeconds(60L * minute);
    }

    MovementBuilder toMovement(String product) {
      String q = quantity.toPlainString();
      if (type.equals("ADJUSTMENT") && quantity.signum() > 0) {
        q = "+" + q;
      }
      MovementBuilder m =
          MovementBuilder.movement(type, LONDON, product, q, unit)
              .at(instant().toString())
              .id(id)
              .reason("r")
              .document("d");
      return type.equals("TRANSFER") ? m.toSite(FRESNO) : m;
    }
  }

  static final Comparator<Mv> CONTRACT_ORDER =
      Comparator.comparing(Mv::instant)
          .thenComparingInt(Mv::rank)
          .thenComparing((a, b) -> Arrays.compareUnsigned(utf8(a.id), utf8(b.id)));

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The contract's book balance over {@code movements}. */
  static BigDecimal expectedBook(List<Mv> movements) {
    List<Mv> ordered = new ArrayList<>(movements);
    ordered.sort(CONTRACT_ORDER);
    int lastCount = -1;
    for (int i = 0; i < ordered.size(); i++) {
      if (ordered.get(i).type.equals("COUNT")) {
        lastCount = i;
      }
    }
    BigDecimal book = lastCount < 0 ? BigDecimal.ZERO : ordered.get(lastCount).signedKg();
    for (int i = lastCount + 1; i < ordered.size(); i++) {
      book = book.add(ordered.get(i).signedKg());
    }
    return book;
  }

  // ---- generators

  static Arbitrary<BigDecimal> positive() {
    return Arbitraries.bigDecimals()
        .between(new BigDecimal("0.001"), new BigDecimal("500"))
        .ofScale(3);
  }

  static Arbitrary<String> units() {
    return Arbitraries.of("kg", "g", "t", "lb", "oz");
  }

  static Arbitrary<Mv> movement(Arbitrary<String> types, Arbitrary<Integer> minutes) {
    return Combinators.combine(types, minutes, positive(), units(), Arbitraries.of(true, false))
        .as(
            (type, minute, q, unit, negative) -> {
              BigDecimal quantity =
                  switch (type) {
                    case "ADJUSTMENT" -> negative ? q.negate() : q;
                    case "COUNT" -> negative ? BigDecimal.ZERO : q;
                    default -> q;
                  };
              return new Mv(type, minute, quantity, unit, "");
            });
  }

  /** Ids drawn from the contract's alphabet, mixed case and digits so that byte order matters. */
  static Arbitrary<String> ids() {
    return Arbitraries.strings().withChars("aAbBzZ019._-").ofMinLength(1).ofMaxLength(4);
  }

  static Arbitrary<List<Mv>> withIds(Arbitrary<List<Mv>> list) {
    return list.flatMap(
        mvs ->
            ids()
                .set()
                .ofSize(mvs.size())
                .map(
                    idSet -> {
                      List<String> idList = new ArrayList<>(idSet);
                      List<Mv> out = new ArrayList<>();
                      for (int i = 0; i < mvs.size(); i++) {
                        Mv m = mvs.get(i);
                        out.add(new Mv(m.type, m.minute, m.quantity, m.unit, idList.get(i)));
                      }
                      return out;
                    }));
  }

  /** Movements at distinct instants. */
  static Arbitrary<List<Mv>> distinctInstants(Arbitrary<String> types) {
    return Arbitraries.integers()
        .between(0, 40_000)
        .set()
        .ofMinSize(1)
        .ofMaxSize(9)
        .flatMap(
            minutes -> {
              List<Arbitrary<Mv>> each = new ArrayList<>();
              for (int minute : minutes) {
                each.add(movement(types, Arbitraries.just(minute)));
              }
              return withIds(Combinators.combine(each).as(l -> l));
            });
  }

  @Provide
  Arbitrary<List<Mv>> withoutCounts() {
    return distinctInstants(Arbitraries.of(NON_COUNT));
  }

  @Provide
  Arbitrary<List<Mv>> withCounts() {
    return distinctInstants(
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, Arbitraries.of(NON_COUNT)),
            net.jqwik.api.Tuple.of(2, Arbitraries.just("COUNT"))));
  }

  @Provide
  Arbitrary<List<Mv>> withTies() {
    Arbitrary<String> types =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, Arbitraries.of(NON_COUNT)),
            net.jqwik.api.Tuple.of(3, Arbitraries.just("COUNT")));
    return withIds(
        movement(types, Arbitraries.integers().between(0, 2)).list().ofMinSize(1).ofMaxSize(9));
  }

  private BigDecimal sendShuffled(List<Mv> movements, long shuffleSeed) {
    String product = PRODUCT;
    List<Mv> arrival = new ArrayList<>(movements);
    Collections.shuffle(arrival, new Random(shuffleSeed));
    for (Mv m : arrival) {
      engine.send(m.toMovement(product));
    }
    assertThat(engine.rejected()).as("rejected").isEmpty();
    engine.alerts();
    return engine.bookKg(LONDON, product);
  }

  @Property(tries = 80, seed = "20251101", shrinking = ShrinkingMode.BOUNDED)
  void bookEqualsTheSignedSumOfMovementsWithoutCountInAnyArrivalOrder(
      @ForAll("withoutCounts") List<Mv> movements, @ForAll long shuffleSeed) {
    BigDecimal expected =
        movements.stream().map(Mv::signedKg).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(sendShuffled(movements, shuffleSeed)).isEqualByComparingTo(expected);
  }

  @Property(tries = 80, seed = "20251102", shrinking = ShrinkingMode.BOUNDED)
  void bookEqualsTheLastCountPlusTheNetAfterItInAnyArrivalOrder(
      @ForAll("withCounts") List<Mv> movements, @ForAll long shuffleSeed) {
    assertThat(sendShuffled(movements, shuffleSeed)).isEqualByComparingTo(expectedBook(movements));
  }

  @Property(tries = 80, seed = "20251103", shrinking = ShrinkingMode.BOUNDED)
  void bookFollowsTheContractOrderForSameInstantTiesByRankAndIdBytes(
      @ForAll("withTies") List<Mv> movements, @ForAll long shuffleSeed) {
    assertThat(sendShuffled(movements, shuffleSeed)).isEqualByComparingTo(expectedBook(movements));
  }
}
