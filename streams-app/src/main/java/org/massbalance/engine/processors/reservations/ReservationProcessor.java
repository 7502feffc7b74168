package org.massbalance.engine.processors.reservations;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.massbalance.avro.Reservation;
import org.massbalance.avro.ReservationResult;
import org.massbalance.avro.internal.LotState;
import org.massbalance.avro.internal.ReservationInput;
import org.massbalance.engine.domain.Decimals;
import org.massbalance.engine.domain.ReservationRules;
import org.massbalance.engine.domain.Unit;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.stores.Availability;
import org.massbalance.engine.stores.KeyState;
import org.massbalance.engine.stores.StoreNames;

/**
 * Sale reservations, in the ledger's task of their {@code site|product} (the contract's Before each
 * sale): each is judged against the key's state as it is when it arrives, one at a time in arrival
 * order, so two requests for the last 10 kg give exactly one ACCEPTED. An accepted one joins the
 * key's open reservations (in its {@link KeyState}) until its {@code expires_at}, by the wall
 * clock, or until a SALE naming it consumes it (the ledger). Every answer goes to {@code
 * sale-reservation-results}, keyed by reservation id; a repeated id gets its first answer again
 * (kept until the de-duplication horizon after its expiry).
 *
 * <p>Expiry costs no scan of the keys: {@code reservations-store} keeps an index by wall-clock time
 * (8-byte big-endian epoch ms, then {@code site|product|id}) of what falls due: an accepted
 * reservation's end, then the forgetting of its answer. A punctuation each second reads the index
 * up to now.
 */
public final class ReservationProcessor
    implements Processor<String, ReservationInput, String, ReservationResult> {

  /** How often the wall-clock check of expiries runs. */
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  private static final byte JUDGED = 'r';
  private static final byte DUE = 'e';
  private static final byte EXPIRE = 0;
  private static final byte FORGET = 1;
  private static final char SEP = '\u0000';

  private final Duration horizon;
  private final EngineMetrics metrics;

  private ProcessorContext<String, ReservationResult> context;
  private KeyValueStore<String, KeyState> books;
  private KeyValueStore<Bytes, byte[]> spill;
  private KeyValueStore<String, LotState> lots;
  private KeyValueStore<Bytes, byte[]> judged;

  /**
   * Reservations whose answers are kept {@code horizon} after their expiry (a repeat within it gets
   * the same answer).
   */
  public ReservationProcessor(Duration horizon, EngineMetrics metrics) {
    this.horizon = horizon;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, ReservationResult> context) {
    this.context = context;
    this.books = context.getStateStore(StoreNames.BOOK);
    this.spill = context.getStateStore(StoreNames.LOTS_SPILL);
    this.lots = context.getStateStore(StoreNames.LOTS);
    this.judged = context.getStateStore(StoreNames.RESERVATIONS);
    context.schedule(CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::expire);
  }

  @Override
  public void process(Record<String, ReservationInput> record) {
    String key = record.key();
    ReservationInput in = record.value();
    Reservation r = in.getReservation();
    String id = r.getReservationId();
    Bytes judgedKey = judgedKey(key, id);
    byte[] earlier = judged.get(judgedKey);
    if (earlier != null) {
      // a repeat (a client's retry): the first answer again, nothing held twice
      context.forward(new Record<>(id, decode(key, id, earlier), record.timestamp()));
      return;
    }
    long nowMs = context.currentSystemTimeMs();
    Instant now = Instant.ofEpochMilli(nowMs);
    KeyState state = books.get(key);
    Availability a = Availability.of(key, state, spill, lots);
    BigDecimal availableKg = a.availableKg();
    BigDecimal kg = new BigDecimal(in.getQuantityKg());
    long expiresMs = in.getExpiresAtMs();
    String refusal =
        ReservationRules.refusal(kg, Instant.ofEpochMilli(expiresMs), availableKg, now);
    Unit unit = Unit.parse(r.getUnit()).orElse(Unit.KG);
    ReservationResult result =
        ReservationResult.newBuilder()
            .setReservationId(id)
            .setSiteId(r.getSiteId())
            .setProductId(r.getProductId())
            .setStatus(refusal == null ? ReservationRules.ACCEPTED : ReservationRules.REFUSED)
            .setReason(refusal)
            .setQuantity(r.getQuantity())
            .setUnit(unit.symbol())
            .setAvailable(Decimals.presentKg(availableKg, unit))
            .setExpiresAt(r.getExpiresAt())
            .setJudgedAt(now.toString())
            .build();
    if (refusal == null) {
      state.reservations.add(new KeyState.Reservation(id, kg, expiresMs));
      books.put(key, state);
      judged.put(dueKey(expiresMs, key, id), new byte[] {EXPIRE});
      metrics.reservation("accepted");
    } else {
      judged.put(dueKey(Math.max(nowMs, expiresMs) + horizon.toMillis(), key, id), FORGET_VALUE);
      metrics.reservation("refused");
    }
    judged.put(judgedKey, encode(result));
    context.forward(new Record<>(id, result, record.timestamp()));
  }

  private static final byte[] FORGET_VALUE = {FORGET};

  /** Ends the reservations due by {@code nowMs} and forgets the answers past the horizon. */
  private void expire(long nowMs) {
    List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = judged.range(dueStart(0), dueStart(nowMs + 1))) {
      while (it.hasNext()) {
        due.add(it.next());
      }
    }
    for (KeyValue<Bytes, byte[]> kv : due) {
      byte[] k = kv.key.get();
      long at = ByteBuffer.wrap(k, 1, 8).getLong();
      String rest = new String(k, 9, k.length - 9, StandardCharsets.UTF_8);
      int cut = rest.lastIndexOf('|');
      String key = rest.substring(0, cut);
      String id = rest.substring(cut + 1);
      judged.delete(kv.key);
      if (kv.value.length > 0 && kv.value[0] == EXPIRE) {
        KeyState state = books.get(key);
        if (state != null && state.reservations.removeIf(r -> r.id.equals(id))) {
          books.put(key, state);
          metrics.reservation("expired");
        }
        judged.put(dueKey(at + horizon.toMillis(), key, id), FORGET_VALUE);
      } else {
        judged.delete(judgedKey(key, id));
      }
    }
  }

  private static Bytes judgedKey(String key, String id) {
    byte[] s = (key + "|" + id).getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[s.length + 1];
    b[0] = JUDGED;
    System.arraycopy(s, 0, b, 1, s.length);
    return Bytes.wrap(b);
  }

  private static Bytes dueKey(long atMs, String key, String id) {
    byte[] s = (key + "|" + id).getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(9 + s.length).put(DUE).putLong(Math.max(0, atMs)).put(s).array());
  }

  private static Bytes dueStart(long atMs) {
    return Bytes.wrap(ByteBuffer.allocate(9).put(DUE).putLong(atMs).array());
  }

  /** The answer as kept: its fields but the key's, separated by NUL. */
  private static byte[] encode(ReservationResult r) {
    String s =
        String.join(
            String.valueOf(SEP),
            r.getStatus(),
            r.getReason() == null ? "" : r.getReason(),
            r.getQuantity(),
            r.getUnit(),
            r.getAvailable(),
            r.getExpiresAt() == null ? "" : r.getExpiresAt(),
            r.getJudgedAt());
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static ReservationResult decode(String key, String id, byte[] b) {
    String[] f = new String(b, StandardCharsets.UTF_8).split(String.valueOf(SEP), -1);
    int bar = key.indexOf('|');
    return ReservationResult.newBuilder()
        .setReservationId(id)
        .setSiteId(key.substring(0, bar))
        .setProductId(key.substring(bar + 1))
        .setStatus(f[0])
        .setReason(f[1].isEmpty() ? null : f[1])
        .setQuantity(f[2])
        .setUnit(f[3])
        .setAvailable(f[4])
        .setExpiresAt(f[5].isEmpty() ? null : f[5])
        .setJudgedAt(f[6])
        .build();
  }
}
