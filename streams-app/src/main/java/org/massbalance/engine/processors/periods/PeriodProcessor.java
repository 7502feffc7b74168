package org.massbalance.engine.processors.periods;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.massbalance.avro.Alert;
import org.massbalance.avro.PeriodSignOff;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.internal.PeriodState;
import org.massbalance.avro.internal.SignOffInput;
import org.massbalance.avro.internal.SiteFigures;
import org.massbalance.engine.config.CaughtUp;
import org.massbalance.engine.domain.Decimals;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.LedgerMovement;
import org.massbalance.engine.domain.OrderKey;
import org.massbalance.engine.domain.PeriodAlerts;
import org.massbalance.engine.domain.PeriodFigures;
import org.massbalance.engine.domain.PeriodSums;
import org.massbalance.engine.domain.Periods;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.domain.Rejection;
import org.massbalance.engine.domain.Sha256;
import org.massbalance.engine.domain.SignOffRules;
import org.massbalance.engine.domain.SiteInfo;
import org.massbalance.engine.domain.Snapshots;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.ledger.LedgerEvent;
import org.massbalance.engine.processors.outputs.Output;
import org.massbalance.engine.processors.outputs.RejectedRecords;
import org.massbalance.engine.processors.reference.GlobalReferenceData;
import org.massbalance.engine.processors.reference.ReferenceDecoders;
import org.massbalance.engine.stores.Buffers;
import org.massbalance.engine.stores.HistoryEntry;
import org.massbalance.engine.stores.KeyState;
import org.massbalance.engine.stores.LedgerKeys;
import org.massbalance.engine.stores.PeriodStates;
import org.massbalance.engine.stores.StoreNames;

/**
 * Monthly periods per site|product: keeps each period's sums as movements are applied, closes a
 * period when the partition's stream time passes its end plus the grace period (or, once the
 * partition is caught up and idle, when the wall clock does), publishes its snapshot, and restates
 * closed periods that a late movement changes (revision + 1), down the opening chain.
 *
 * <p>The partition's stream time is the greatest {@code occurred_at} of the movements read from the
 * task's own partition of the movements topic. Re-routed movements and transfer arrivals reach the
 * task through other topics, at their own pace (the contract does not order the paths), so they do
 * not move it: one that comes ahead of the partition's own movements would otherwise close months
 * under them. They count only until the task has read a movement of its own (a partition that only
 * ever receives re-routed records still closes its months). ADR 23.
 */
public final class PeriodProcessor implements Processor<String, Object, String, Object> {

  private static final String STREAM_TIME = "stream-time";

  /** Present once the task has read a movement from its own partition (see the class comment). */
  private static final String OWN_MOVEMENTS = "own-movements";

  /**
   * The greatest close limit applied beyond the one stream time gives (stream time minus grace), by
   * the wall clock's idle close: a period ending at or before the greater of the two is closed.
   * Stream time's own limit is not stored: it is derived from {@link #STREAM_TIME}.
   */
  private static final String CLOSED_THROUGH = "closed-through";

  /**
   * Closes per step (a record or a punctuation). A month-end burst of closes is spread over several
   * transactions, each well within the transaction timeout; the rest waits for the next step, at
   * most one check interval away.
   */
  static final int CLOSE_BATCH = 5_000;

  private final ReferenceDecoders decoders;
  private final Duration grace;
  private final Duration idle;
  private final Duration checkInterval;
  private final CaughtUp caughtUp;
  private final EngineMetrics metrics;
  private final Outputs outputs;

  private ProcessorContext<String, Object> context;
  private GlobalReferenceData reference;
  private KeyValueStore<String, PeriodState> periods;
  private KeyValueStore<Bytes, byte[]> index;
  private KeyValueStore<String, Long> clock;

  /**
   * The partition's stream time as this task last stored it (read once at init: only this processor
   * writes it, and a task is initialised again after any failure).
   */
  private Long streamTimeMs;

  /** The period close limit this task last stored, read once at init as {@link #streamTimeMs}. */
  private Long closedThroughMs;

  /** Whether the task has read a movement from its own partition, read once at init. */
  private boolean ownMovements;

  /**
   * The earliest end in the open-period index ({@link Long#MAX_VALUE} when it is empty), or null
   * when not known yet: while the close limit is before it, a movement needs no scan of the index.
   */
  private Long earliestEndMs;

  private KeyValueStore<Bytes, byte[]> history;
  private KeyValueStore<String, KeyState> books;

  /**
   * The state of the key being processed (written by the ledger when the call returns), or null.
   */
  private KeyState current;

  private String currentKey;

  /**
   * The snapshot topic's serializer: a published snapshot's value bytes are hashed (SHA-256) so
   * that a sign-off names the bytes the certifier was given.
   */
  private final Serializer<Snapshot> snapshotBytes;

  private final String snapshotsTopic;
  private long lastActivityMs;
  private boolean backlog = true;

  public PeriodProcessor(
      ReferenceDecoders decoders,
      Duration grace,
      Duration idle,
      Duration checkInterval,
      CaughtUp caughtUp,
      EngineMetrics metrics,
      Serializer<Snapshot> snapshotBytes,
      String snapshotsTopic,
      Outputs outputs) {
    this.snapshotBytes = snapshotBytes;
    this.snapshotsTopic = snapshotsTopic;
    this.decoders = decoders;
    this.grace = grace;
    this.idle = idle;
    this.checkInterval = checkInterval;
    this.caughtUp = caughtUp;
    this.metrics = metrics;
    this.outputs = outputs;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.reference = decoders.reference(context);
    this.periods = context.getStateStore(StoreNames.PERIODS);
    this.index = context.getStateStore(StoreNames.PERIOD_INDEX);
    this.clock = context.getStateStore(StoreNames.PERIOD_CLOCK);
    this.streamTimeMs = clock.get(STREAM_TIME);
    this.ownMovements = clock.get(OWN_MOVEMENTS) != null;
    Long closedByIdle = clock.get(CLOSED_THROUGH);
    this.closedThroughMs = closedByIdle;
    if (streamTimeMs != null) {
      long byStreamTime = streamTimeMs - grace.toMillis();
      this.closedThroughMs =
          closedByIdle == null ? byStreamTime : Math.max(closedByIdle, byStreamTime);
    }
    this.earliestEndMs = null;
    this.backlog = true;
    this.history = context.getStateStore(StoreNames.HISTORY);
    this.books = context.getStateStore(StoreNames.BOOK);
    this.lastActivityMs = context.currentSystemTimeMs();
    context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::idleClose);
  }

  @Override
  public void process(Record<String, Object> record) {
    if (record.value() instanceof SignOffInput s) {
      signOff(s, record.timestamp());
      return;
    }
    LedgerEvent e = (LedgerEvent) record.value();
    LedgerMovement mv = e.movement();
    SiteInfo site = e.site();
    YearMonth period = mv.period(site.zone());
    current = e.state();
    currentKey = mv.key();
    try {
      Optional<YearMonth> correctedIn =
          SignOffRules.correctionTarget(period, current.signedThrough);
      YearMonth booked = correctedIn.orElse(period);
      String key = Keys.period(mv.siteId(), mv.productId(), booked);
      process(e, mv, site, period, correctedIn, key, record.timestamp());
    } finally {
      current = null;
      currentKey = null;
    }
  }

  /**
   * A sign-off of a closed month of its key: the month is signed (its published snapshot never
   * changes again), the key's latest signed month moves to it, and the signed month goes out with
   * its revision and the SHA-256 of its snapshot's bytes; a month not closed (or without a
   * snapshot) is rejected with its reason; signing a signed month again changes nothing.
   */
  private void signOff(SignOffInput in, long timestamp) {
    SignOffRules.Result result = SignOffRules.validate(in.getSignOff());
    SignOffRules.Valid s = result.accepted();
    String ledgerKey = Keys.ledger(s.siteId(), s.productId());
    String key = Keys.period(s.siteId(), s.productId(), s.period());
    PeriodState state = period(key);
    SignOffRules.Verdict verdict = SignOffRules.judge(state);
    if (verdict == SignOffRules.Verdict.ALREADY_SIGNED) {
      metrics.signOff("repeated");
      return;
    }
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    if (verdict != SignOffRules.Verdict.SIGN) {
      Rejection why = SignOffRules.rejection(verdict, ledgerKey, s.period());
      metrics.rejected(why.code());
      outputs
          .rejected()
          .forward(
              context,
              new Record<>(
                  ledgerKey,
                  RejectedRecords.of(
                      why.reason(),
                      in.getSourceTopic(),
                      in.getSourcePartition(),
                      in.getSourceOffset(),
                      RejectedRecords.bytes(in.getRawKey()),
                      RejectedRecords.bytes(in.getRawValue()),
                      null,
                      s.siteId(),
                      s.productId(),
                      now),
                  timestamp));
      return;
    }
    SignOffRules.sign(state, s);
    periods.put(key, state);
    KeyState ks = books.get(ledgerKey);
    if (ks == null) {
      ks = new KeyState();
    }
    ks.signedThrough = SignOffRules.later(ks.signedThrough, s.period());
    books.put(ledgerKey, ks);
    metrics.signOff("signed");
    outputs.signed().forward(context, new Record<>(key, SignOffRules.signed(s, state), timestamp));
  }

  /**
   * Applies a movement dated in {@code period} to the month it is booked into: its own, or, when
   * its own is signed, the month after the key's latest signed one ({@code correctedIn}), as a
   * correction.
   */
  private void process(
      LedgerEvent e,
      LedgerMovement mv,
      SiteInfo site,
      YearMonth period,
      Optional<YearMonth> correctedIn,
      String key,
      long timestamp) {
    YearMonth booked = correctedIn.orElse(period);
    PeriodState state = period(key);
    boolean closedBefore;
    if (state == null) {
      state = open(key, booked, site);
      // A month already past its close holds no figures yet: it closes now, and it was late.
      closedBefore = closedThroughMs != null && state.getEndMs() <= closedThroughMs;
    } else {
      closedBefore = state.getClosed();
    }
    if (correctedIn.isPresent()) {
      PeriodSums.correct(state, mv);
    } else {
      apply(state, e, period);
    }
    store(key, state);
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    if (correctedIn.isPresent() && !e.late()) {
      emit(
          PeriodAlerts.lateInSignedPeriod(
              mv, e.site(), e.product(), period, correctedIn.get(), now),
          timestamp);
    } else if (closedBefore && !e.late()) {
      emit(PeriodAlerts.lateInClosedPeriod(mv, e.site(), e.product(), period, now), timestamp);
    }
    if (state.getClosed()) {
      restate(mv.siteId(), mv.productId(), booked, timestamp);
    }
    advanceStreamTime(e);
    if (streamTimeMs != null) {
      closeDue(streamTimeMs - grace.toMillis(), timestamp);
    }
    lastActivityMs = context.currentSystemTimeMs();
  }

  /** Moves the partition's stream time with a movement of its own partition (class comment). */
  private void advanceStreamTime(LedgerEvent e) {
    if (e.fromOwnPartition() && !ownMovements) {
      clock.put(OWN_MOVEMENTS, 1L);
      ownMovements = true;
    } else if (!e.fromOwnPartition() && ownMovements) {
      return;
    }
    long at = e.movement().instant().toEpochMilli();
    if (streamTimeMs == null || at > streamTimeMs) {
      clock.put(STREAM_TIME, at);
      streamTimeMs = at;
    }
  }

  /**
   * The period {@code site|product|yyyy-MM}: an open one from its key's compact state, a closed one
   * from {@code period-state-store}; null when it has no figures.
   */
  private PeriodState period(String periodKey) {
    Keys.SitePeriod parts = Keys.parsePeriod(periodKey);
    KeyState ks = keyState(parts.ledgerKey());
    PeriodState open = ks == null ? null : ks.openPeriods.get(parts.month());
    return open != null ? open : periods.get(periodKey);
  }

  /**
   * Keeps a period: an open one in its key's compact state (the key being processed is written by
   * the ledger, another key here), a closed one in {@code period-state-store}, out of the record
   * every movement rewrites.
   */
  private void store(String periodKey, PeriodState state) {
    Keys.SitePeriod parts = Keys.parsePeriod(periodKey);
    String ledgerKey = parts.ledgerKey();
    String ym = parts.month();
    KeyState ks = keyState(ledgerKey);
    if (!state.getClosed()) {
      if (ks == null) {
        ks = new KeyState();
      }
      ks.openPeriods.put(ym, state);
      if (ks != current) {
        books.put(ledgerKey, ks);
      }
      return;
    }
    if (ks != null && ks.openPeriods.remove(ym) != null && ks != current) {
      books.put(ledgerKey, ks);
    }
    periods.put(periodKey, state);
  }

  private KeyState keyState(String ledgerKey) {
    return ledgerKey.equals(currentKey) ? current : books.get(ledgerKey);
  }

  private void idleClose(long nowMs) {
    if (backlog && streamTimeMs != null) {
      closeDue(streamTimeMs - grace.toMillis(), nowMs);
    }
    if (nowMs - lastActivityMs < idle.toMillis() || !caughtUp.test(context.taskId())) {
      return;
    }
    closeDue(nowMs - grace.toMillis(), nowMs);
  }

  /** A new open period, indexed by its end. */
  private PeriodState open(String key, YearMonth period, SiteInfo site) {
    long end = Periods.end(period, site.zone()).toEpochMilli();
    PeriodState state = PeriodStates.empty(end);
    index.put(indexKey(end, key), new byte[0]);
    if (earliestEndMs != null && end < earliestEndMs) {
      earliestEndMs = end;
    }
    return state;
  }

  private void apply(PeriodState s, LedgerEvent e, YearMonth period) {
    LedgerMovement mv = e.movement();
    PeriodSums.apply(
        s, mv, e.order(), e.inOrder(), () -> netBefore(mv.key(), period, e.site(), e.order()));
  }

  /** Net of the period's non-COUNT movements before {@code order}, from the ledger's history. */
  private BigDecimal netBefore(String ledgerKey, YearMonth period, SiteInfo site, OrderKey order) {
    OrderKey start = OrderKey.of(Periods.start(period, site.zone()), 0, "", null);
    BigDecimal net = BigDecimal.ZERO;
    try (KeyValueIterator<Bytes, byte[]> it =
        history.range(LedgerKeys.history(ledgerKey, start), LedgerKeys.history(ledgerKey, order))) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> kv = it.next();
        if (kv.key.equals(LedgerKeys.history(ledgerKey, order))) {
          continue;
        }
        HistoryEntry h = HistoryEntry.decode(kv.value);
        if (!h.count()) {
          net = net.add(h.kg());
        }
      }
    }
    return net;
  }

  /**
   * Closes the open periods whose end is at or before {@code limitMs}, oldest first, at most {@link
   * #CLOSE_BATCH} of them; {@link #backlog} tells whether some are left for the next step.
   */
  private void closeDue(long limitMs, long timestamp) {
    if (closedThroughMs == null || closedThroughMs < limitMs) {
      if (streamTimeMs == null || limitMs > streamTimeMs - grace.toMillis()) {
        // beyond what stream time gives (an idle close): stored, as stream time is
        clock.put(CLOSED_THROUGH, limitMs);
      }
      closedThroughMs = limitMs;
    }
    if (earliestEndMs != null && earliestEndMs > limitMs) {
      backlog = false;
      return;
    }
    int budget = CLOSE_BATCH;
    while (budget > 0) {
      List<Bytes> due = new ArrayList<>();
      try (KeyValueIterator<Bytes, byte[]> it =
          index.range(indexKey(Long.MIN_VALUE, ""), indexKey(limitMs, "\uffff"))) {
        while (it.hasNext() && due.size() < budget) {
          due.add(it.next().key);
        }
      }
      if (due.isEmpty()) {
        backlog = false;
        earliestEndMs = earliestEnd();
        return;
      }
      for (Bytes k : due) {
        index.delete(k);
        close(periodKeyOf(k), timestamp);
      }
      budget -= due.size();
    }
    backlog = true;
  }

  /** The earliest end in the open-period index, or {@link Long#MAX_VALUE} when it is empty. */
  private long earliestEnd() {
    try (KeyValueIterator<Bytes, byte[]> it = index.all()) {
      return it.hasNext() ? endOf(it.next().key) : Long.MAX_VALUE;
    }
  }

  private static long endOf(Bytes indexKey) {
    return ByteBuffer.wrap(indexKey.get(), 0, 8).getLong() ^ Long.MIN_VALUE;
  }

  private void close(String key, long timestamp) {
    PeriodState state = period(key);
    if (state == null || state.getClosed()) {
      return;
    }
    Keys.SitePeriod parts = Keys.parsePeriod(key);
    String siteId = parts.siteId();
    String productId = parts.productId();
    YearMonth period = parts.period();
    ProductInfo product = reference.product(productId);
    PeriodFigures f =
        PeriodFigures.compute(
            opening(siteId, productId, period), PeriodSums.sums(state), product.tolerancePct());
    state.setClosed(true);
    publish(siteId, productId, period, state, f, product, timestamp);
    if (f.wasteHigh() && !state.getWasteHighRaised()) {
      state.setWasteHighRaised(true);
      emit(
          PeriodAlerts.wasteHigh(
              siteId,
              productId,
              period,
              product,
              f,
              Instant.ofEpochMilli(context.currentSystemTimeMs())),
          timestamp);
    }
    store(key, state);
    propagate(siteId, productId, period, f.closing(), timestamp);
  }

  /** Restates {@code period} (closed) and the closed periods after it whose figures change. */
  private void restate(String siteId, String productId, YearMonth period, long timestamp) {
    String key = Keys.period(siteId, productId, period);
    PeriodState state = period(key);
    if (state == null || !state.getClosed() || state.getSigned()) {
      return;
    }
    ProductInfo product = reference.product(productId);
    PeriodFigures f =
        PeriodFigures.compute(
            opening(siteId, productId, period), PeriodSums.sums(state), product.tolerancePct());
    boolean published = state.getPublishedDigest() != null;
    if (published
        && java.util.Arrays.equals(Buffers.toBytes(state.getPublishedDigest()), f.digest())) {
      return;
    }
    if (!published && !PeriodFigures.hasSnapshot(state.getMovements(), f.opening())) {
      return;
    }
    publish(siteId, productId, period, state, f, product, timestamp);
    store(key, state);
    propagate(siteId, productId, period, f.closing(), timestamp);
  }

  /** After {@code period} was published: the next one restated, or opened for its opening. */
  private void propagate(
      String siteId, String productId, YearMonth period, BigDecimal closing, long timestamp) {
    YearMonth next = period.plusMonths(1);
    String nextKey = Keys.period(siteId, productId, next);
    PeriodState n = period(nextKey);
    if (n == null) {
      if (closing.signum() != 0) {
        store(nextKey, open(nextKey, next, reference.site(siteId)));
      }
    } else if (n.getClosed()) {
      restate(siteId, productId, next, timestamp);
    }
  }

  private void publish(
      String siteId,
      String productId,
      YearMonth period,
      PeriodState state,
      PeriodFigures f,
      ProductInfo product,
      long timestamp) {
    String key = Keys.period(siteId, productId, period);
    if (!PeriodFigures.hasSnapshot(state.getMovements(), f.opening())) {
      // Only a nonzero opening gave this month a snapshot; a restatement took it away.
      state.setClosingKg(Decimals.store(f.closing()));
      if (state.getPublishedDigest() != null) {
        state.setPublishedDigest(null);
        state.setPublishedSha256(null);
        outputs.tombstones().forward(context, new Record<>(key, null, timestamp));
        outputs.withdrawn().forward(context, new Record<>(key, new Withdrawn(key), timestamp));
        SiteFigures gone = Snapshots.figures(siteId, productId, period, state.getRevision() + 1, f);
        gone.setWithdrawn(true);
        outputs
            .figures()
            .forward(context, new Record<>(Keys.productPeriod(productId, period), gone, timestamp));
        state.setRevision(state.getRevision() + 1);
        metrics.snapshot("withdrawn");
      }
      return;
    }
    state.setRevision(state.getRevision() + 1);
    state.setClosingKg(Decimals.store(f.closing()));
    state.setPublishedDigest(ByteBuffer.wrap(f.digest()));
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    Snapshot snapshot =
        Snapshots.snapshot(
            siteId, productId, period, state.getRevision(), f, product.unit(), "", now);
    state.setPublishedSha256(Sha256.hex(snapshotBytes.serialize(snapshotsTopic, snapshot)));
    outputs.snapshots().forward(context, new Record<>(key, snapshot, timestamp));
    outputs
        .figures()
        .forward(
            context,
            new Record<>(
                Keys.productPeriod(productId, period),
                Snapshots.figures(siteId, productId, period, state.getRevision(), f),
                timestamp));
    metrics.snapshot(state.getRevision() == 1 ? "closed" : "restated");
  }

  /** The closing of the period before {@code period} (0 for the first). */
  private BigDecimal opening(String siteId, String productId, YearMonth period) {
    return PeriodStates.opening(
        this::period, siteId, productId, period, reference.product(productId).tolerancePct());
  }

  private void emit(Alert alert, long timestamp) {
    metrics.alert(alert.getType());
    outputs
        .alerts()
        .forward(
            context,
            new Record<>(Keys.ledger(alert.getSiteId(), alert.getProductId()), alert, timestamp));
  }

  private static Bytes indexKey(long endMs, String periodKey) {
    byte[] k = periodKey.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(8 + k.length).putLong(endMs ^ Long.MIN_VALUE).put(k).array());
  }

  private static String periodKeyOf(Bytes indexKey) {
    byte[] b = indexKey.get();
    return new String(b, 8, b.length - 8, StandardCharsets.UTF_8);
  }

  /**
   * Where the periods processor sends what it found.
   *
   * @param snapshots a closed (or restated) period's snapshot, keyed {@code site|product|yyyy-MM}
   * @param tombstones the tombstone (null value) of a snapshot that no longer exists
   * @param withdrawn the same withdrawal, as a value, for the processors that keep snapshots
   * @param figures the site's figures of a published or withdrawn snapshot, keyed {@code
   *     product|yyyy-MM}, for the consolidation
   * @param alerts period alerts
   * @param signed a signed month, keyed {@code site|product|yyyy-MM}, towards the signed months'
   *     topic
   * @param rejected a sign-off of a month not closed (or without a snapshot), towards the rejected
   *     topic
   */
  public record Outputs(
      Output<Snapshot> snapshots,
      Output<Snapshot> tombstones,
      Output<Withdrawn> withdrawn,
      Output<SiteFigures> figures,
      Output<Alert> alerts,
      Output<PeriodSignOff> signed,
      Output<RejectedRecord> rejected) {}
}
