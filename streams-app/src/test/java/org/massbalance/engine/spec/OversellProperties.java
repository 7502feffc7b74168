package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.spec.Spec.FRESNO;
import static org.massbalance.engine.spec.Spec.LONDON;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import org.massbalance.avro.Alert;
import org.massbalance.engine.testing.EngineDriver;
import org.massbalance.engine.testing.MovementBuilder;

/**
 * OVERSELL over arrival orders of a generated history of one site|product: an outbound movement
 * (SALE, WASTE, TRANSFER at its source, negative ADJUSTMENT) raises OVERSELL exactly when it takes
 * more than the book at its place in the order, with the shortfall outbound − max(book, 0), and
 * then no UNTRACEABLE_OUTBOUND; whatever order the movements arrive in.
 *
 * <p>The book at its place is worked out here from the contract, over the movements that arrived
 * before it: the current book (the last COUNT plus the net of the movements after it) for a
 * movement after the last COUNT; for one before it, the last COUNT before it plus the net of the
 * movements between (with no COUNT before it, the net of the movements before it). The order is
 * (instant, rank 0 inbound / 1 outbound / 2 COUNT, movement_id as UTF-8 bytes).
 *
 * <p>Dates stay within November 2025, so no period closes. Every try runs on a fresh engine, with a
 * product it does not know (the defaults: kg).
 */
class OversellProperties {

  static final Map<String, BigDecimal> KG_PER_UNIT =
      Map.of(
          "kg", BigDecimal.ONE, "g", new BigDecimal("0.001"), "lb", new BigDecimal("0.45359237"));

  static final Instant BASE = Instant.parse("2025-11-01T00:00:00Z");

  /** The product of every try. */
  static final String PRODUCT = "OVS";

  private EngineDriver engine;

  @BeforeTry
  void startEngine() {
    engine = Spec.engine();
  }

  @AfterTry
  void stopEngine() {
    engine.close();
  }

  /** One generated movement; {@code quantity} is signed for an ADJUSTMENT. */
  record Mv(String type, int minute, BigDecimal quantity, String unit, String id) {

    int rank() {
      return switch (type) {
        case "COUNT" -> 2;
        case "RECEIPT" -> 0;
        case "ADJUSTMENT" -> quantity.signum() > 0 ? 0 : 1;
        default -> 1;
      };
    }

    boolean isCount() {
      return type.equals("COUNT");
    }

    boolean isOutbound() {
      return rank() == 1;
    }

    BigDecimal kg() {
      return quantity.abs().multiply(KG_PER_UNIT.get(unit));
    }

    /** The effect on the book of a non-COUNT movement. */
    BigDecimal signedKg() {
      return isOutbound() ? kg().negate() : kg();
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

  static final Comparator<Mv> ORDER =
      Comparator.comparing(Mv::instant)
          .thenComparingInt(Mv::rank)
          .thenComparing(
              (a, b) ->
                  Arrays.compareUnsigned(
                      a.id.getBytes(StandardCharsets.UTF_8),
                      b.id.getBytes(StandardCharsets.UTF_8)));

  /** The book at {@code m}'s place in the order, over the movements that arrived before it. */
  static BigDecimal bookAtPlace(Mv m, List<Mv> arrivedBefore) {
    Mv lastCount = arrivedBefore.stream().filter(Mv::isCount).max(ORDER).orElse(null);
    boolean afterLastCount = lastCount == null || ORDER.compare(m, lastCount) > 0;
    // the COUNT the book starts from: the last one, or for a movement before it the last before m
    Mv from =
        afterLastCount
            ? lastCount
            : arrivedBefore.stream()
                .filter(x -> x.isCount() && ORDER.compare(x, m) < 0)
                .max(ORDER)
                .orElse(null);
    BigDecimal book = from == null ? BigDecimal.ZERO : from.kg();
    for (Mv x : arrivedBefore) {
      boolean afterFrom = from == null || ORDER.compare(x, from) > 0;
      boolean beforeM = afterLastCount || ORDER.compare(x, m) < 0;
      if (!x.isCount() && afterFrom && beforeM) {
        book = book.add(x.signedKg());
      }
    }
    return book;
  }

  // ---- generators

  /** Mostly whole kilograms (so that the outbound often equals the book), some g and lb. */
  static Arbitrary<Tuple.Tuple2<BigDecimal, String>> quantities() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            6,
            Arbitraries.integers().between(1, 60).map(i -> Tuple.of(BigDecimal.valueOf(i), "kg"))),
        Tuple.of(
            1,
            Arbitraries.integers()
                .between(1, 60_000)
                .map(i -> Tuple.of(BigDecimal.valueOf(i), "g"))),
        Tuple.of(
            1,
            Arbitraries.bigDecimals()
                .between(new BigDecimal("0.01"), new BigDecimal("130"))
                .ofScale(2)
                .map(q -> Tuple.of(q, "lb"))));
  }

  static Arbitrary<String> types() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just("RECEIPT")),
        Tuple.of(3, Arbitraries.just("SALE")),
        Tuple.of(1, Arbitraries.just("WASTE")),
        Tuple.of(1, Arbitraries.just("TRANSFER")),
        Tuple.of(2, Arbitraries.just("ADJUSTMENT")),
        Tuple.of(3, Arbitraries.just("COUNT")));
  }

  static Arbitrary<Mv> movement(Arbitrary<Integer> minutes) {
    return Combinators.combine(types(), minutes, quantities(), Arbitraries.of(true, false))
        .as(
            (type, minute, q, flag) -> {
              BigDecimal quantity =
                  switch (type) {
                    case "ADJUSTMENT" -> flag ? q.get1().negate() : q.get1();
                    case "COUNT" ->
                        flag && q.get1().intValue() % 4 == 0 ? BigDecimal.ZERO : q.get1();
                    default -> q.get1();
                  };
              return new Mv(type, minute, quantity, q.get2(), "");
            });
  }

  /** Ids from the contract's alphabet, mixed case and digits so that byte order matters. */
  static Arbitrary<String> ids() {
    return Arbitraries.strings().withChars("aAbBzZ019._-").ofMinLength(1).ofMaxLength(4);
  }

  @Provide
  Arbitrary<List<Mv>> histories() {
    // spread over November, or over a few instants so that ties by rank and id occur
    return Arbitraries.oneOf(
            movement(Arbitraries.integers().between(0, 40_000)).list().ofMinSize(1).ofMaxSize(12),
            movement(Arbitraries.integers().between(0, 3)).list().ofMinSize(1).ofMaxSize(12))
        .flatMap(
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

  @Property(tries = 150, seed = "20251119", shrinking = ShrinkingMode.BOUNDED)
  void oversellIsRaisedExactlyWhenTheOutboundExceedsTheBookAtItsPlaceInAnyArrivalOrder(
      @ForAll("histories") List<Mv> history, @ForAll long shuffleSeed) {
    String product = PRODUCT;
    List<Mv> arrival = new ArrayList<>(history);
    Collections.shuffle(arrival, new Random(shuffleSeed));
    List<Mv> arrived = new ArrayList<>();
    for (Mv m : arrival) {
      engine.send(m.toMovement(product));
      List<Alert> alerts =
          engine.alerts().stream()
              .filter(a -> LONDON.equals(a.getSiteId()) && product.equals(a.getProductId()))
              .toList();
      List<Alert> oversells = Spec.ofType(alerts, Spec.OVERSELL);
      BigDecimal book = bookAtPlace(m, arrived);
      boolean expected = m.isOutbound() && m.kg().compareTo(book) > 0;
      String what = m + " after " + arrived + ", book at its place " + book.toPlainString();
      if (expected) {
        BigDecimal shortfall =
            m.kg().subtract(book.max(BigDecimal.ZERO)).setScale(6, RoundingMode.HALF_EVEN);
        assertThat(oversells)
            .as("OVERSELL for " + what)
            .singleElement()
            .satisfies(
                a -> {
                  assertThat(a.getMovementId()).isEqualTo(m.id());
                  assertThat(new BigDecimal(a.getQuantity())).isEqualByComparingTo(shortfall);
                });
        assertThat(Spec.ofType(alerts, "UNTRACEABLE_OUTBOUND"))
            .as("no UNTRACEABLE_OUTBOUND beside the OVERSELL for " + what)
            .isEmpty();
      } else {
        assertThat(oversells).as("no OVERSELL for " + what).isEmpty();
      }
      arrived.add(m);
    }
    assertThat(engine.rejected()).as("rejected").isEmpty();
  }
}
