package org.massbalance.engine.processors.ledger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.massbalance.avro.Alert;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.avro.internal.LotState;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.LedgerAlerts;
import org.massbalance.engine.domain.LedgerMovement;
import org.massbalance.engine.domain.MovementDigest;
import org.massbalance.engine.domain.OrderKey;
import org.massbalance.engine.domain.OversellRule;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.domain.Rejection;
import org.massbalance.engine.domain.SiteInfo;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.outputs.Output;
import org.massbalance.engine.processors.outputs.RejectedRecords;
import org.massbalance.engine.processors.reference.GlobalReferenceData;
import org.massbalance.engine.processors.reference.ReferenceDecoders;
import org.massbalance.engine.stores.HistoryEntry;
import org.massbalance.engine.stores.KeyState;
import org.massbalance.engine.stores.LedgerKeys;
import org.massbalance.engine.stores.StoreNames;

/**
 * The ledger of each site|product: de-duplicates movement ids, keeps the book balance exactly as
 * the contract defines it (the last COUNT plus the net of the movements after it, in the contract's
 * order, whatever the arrival order), and raises the immediate alerts. Each applied movement goes
 * on as a {@link LedgerEvent} to the processors after it (the lots processor sends a transfer's
 * arrival towards its destination's ledger, with the lots it carries). A RECEIPT naming a lot id
 * its site already holds for the product is rejected.
 */
public final class LedgerProcessor implements Processor<String, Admitted, String, Object> {

  private final ReferenceDecoders decoders;
  private final Duration dedupHorizon;
  private final EngineMetrics metrics;
  private final Outputs outputs;

  private ProcessorContext<String, Object> context;
  private GlobalReferenceData reference;
  private KeyValueStore<String, KeyState> books;
  private KeyValueStore<Bytes, byte[]> history;
  private KeyValueStore<String, LotState> lots;

  public LedgerProcessor(
      ReferenceDecoders decoders, Duration dedupHorizon, EngineMetrics metrics, Outputs outputs) {
    this.decoders = decoders;
    this.dedupHorizon = dedupHorizon;
    this.metrics = metrics;
    this.outputs = outputs;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.reference = decoders.reference(context);
    this.books = context.getStateStore(StoreNames.BOOK);
    this.history = context.getStateStore(StoreNames.HISTORY);
    this.lots = context.getStateStore(StoreNames.LOTS);
  }

  @Override
  public void process(Record<String, Admitted> admitted) {
    Admitted a = admitted.value();
    process(admitted.withValue(a.input()), a.site(), a.product(), a.fromOwnPartition());
  }

  private void process(
      Record<String, LedgerInput> record,
      SiteInfo knownSite,
      ProductInfo knownProduct,
      boolean fromOwnPartition) {
    LedgerMovement mv = LedgerMovement.of(record.value());
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    byte[] digest = mv.deduplicated() ? MovementDigest.digestOf(mv) : null;
    if (mv.deduplicated() && !firstOccurrence(mv, digest, record, now)) {
      return;
    }
    if (mv.effect().lots().createsLot() && lotAlreadyReceived(mv)) {
      reject(Rejection.LOT_ALREADY_RECEIVED, mv, record, now);
      return;
    }
    SiteInfo site = knownSite != null ? knownSite : reference.site(mv.siteId());
    ProductInfo product = knownProduct != null ? knownProduct : reference.product(mv.productId());
    String key = mv.key();
    KeyState stored = books.get(key);
    KeyState book = stored == null ? new KeyState() : stored;
    OrderKey order = mv.orderKey();
    boolean inOrder = order.isAfter(book.maxOrder);
    boolean afterLastCount = order.isAfter(book.lastCountOrder);
    List<Alert> alerts = new ArrayList<>();
    BigDecimal bookBefore = book.balance();
    boolean oversold = false;

    if (mv.isCount()) {
      BigDecimal bookAt = inOrder ? book.balance() : bookAt(key, order);
      LedgerAlerts.varianceExceeded(mv, site, product, bookAt, now).ifPresent(alerts::add);
      if (afterLastCount) {
        book.lastCountOrder = order;
        book.lastCountKg = mv.quantityKg();
        book.lastCountBookKg = bookAt;
        book.netKg = inOrder ? BigDecimal.ZERO : netAfter(key, order);
      }
    } else {
      if (mv.isOutbound()) {
        BigDecimal bookAtPlace =
            OversellRule.bookAtPlace(afterLastCount, book.balance(), () -> bookAt(key, order));
        Optional<Alert> oversell =
            OversellRule.judge(mv, bookAtPlace, !afterLastCount, site, product, now);
        oversell.ifPresent(alerts::add);
        oversold = oversell.isPresent();
      }
      if (afterLastCount) {
        book.netKg = book.netKg.add(mv.signedKg());
      }
    }
    if (!afterLastCount) {
      alerts.add(
          LedgerAlerts.lateBeforeCount(
              mv, site, product, book.lastCountOrder.instant(), book.signedThrough, now));
    }
    if (mv.type().needsReasonAndDocument() && LedgerAlerts.undocumented(mv)) {
      alerts.add(LedgerAlerts.wasteUndocumented(mv, site, product, now));
    }

    HistoryEntry entry =
        new HistoryEntry(mv.isCount(), mv.isCount() ? mv.quantityKg() : mv.signedKg());
    if (mv.deduplicated()) {
      // the first sighting rides on the history append: the store derives its index (ADR 19)
      entry = entry.seen(now.toEpochMilli(), digest);
    }
    book.pendingTrace = null;
    if (inOrder) {
      book.maxOrder = order;
    }
    book.movements++;
    metrics.movement(mv.arrival() ? "TRANSFER_IN" : mv.type().name());

    for (Alert alert : alerts) {
      emit(alert, record, key);
    }
    outputs
        .applied()
        .forward(
            context,
            new Record<>(
                key,
                new LedgerEvent(
                    record.value(),
                    mv,
                    order,
                    site,
                    product,
                    bookBefore,
                    book.balance(),
                    inOrder,
                    afterLastCount,
                    oversold,
                    !afterLastCount,
                    fromOwnPartition,
                    book),
                record.timestamp()));
    // the processors after the ledger (lots, periods) have updated the key's state in the call
    // above: one write for all of it, and one append for the movement and what it drew
    history.put(LedgerKeys.history(key, order), entry.withTrace(book.pendingTrace).encode());
    book.pendingTrace = null;
    books.put(key, book);
  }

  /**
   * False (and the repeat handled) when the movement id was first seen less than the horizon ago,
   * looked up in the de-duplication index the history store derives from its entries (ADR 19). A
   * sighting older than the horizon is not a repeat, as the contract's horizon says.
   */
  private boolean firstOccurrence(
      LedgerMovement mv, byte[] digest, Record<String, LedgerInput> record, Instant now) {
    byte[] seen = history.get(LedgerKeys.dedup(mv.key(), mv.movementId()));
    if (seen == null
        || !MovementDigest.withinHorizon(
            HistoryEntry.seenAtOfIndexValue(seen), now.toEpochMilli(), dedupHorizon)) {
      return true;
    }
    if (MovementDigest.sameContent(HistoryEntry.digestOfIndexValue(seen), digest)) {
      metrics.duplicate();
    } else {
      reject(Rejection.CONFLICTING_DUPLICATE, mv, record, now);
    }
    return false;
  }

  /** True for a RECEIPT naming a lot id its site already holds for the product. */
  private boolean lotAlreadyReceived(LedgerMovement mv) {
    String lotId = mv.movement().getLotId();
    return lotId != null && lots.get(Keys.lot(mv.key(), lotId)) != null;
  }

  /** The book over the processed movements before {@code order}. */
  private BigDecimal bookAt(String key, OrderKey order) {
    BigDecimal net = BigDecimal.ZERO;
    try (KeyValueIterator<Bytes, byte[]> it =
        history.reverseRange(LedgerKeys.historyStart(key), LedgerKeys.history(key, order))) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> kv = it.next();
        if (kv.key.equals(LedgerKeys.history(key, order))) {
          continue;
        }
        HistoryEntry e = HistoryEntry.decode(kv.value);
        if (e.count()) {
          return e.kg().add(net);
        }
        net = net.add(e.kg());
      }
    }
    return net;
  }

  /** The net of the processed non-COUNT movements after {@code order}. */
  private BigDecimal netAfter(String key, OrderKey order) {
    BigDecimal net = BigDecimal.ZERO;
    try (KeyValueIterator<Bytes, byte[]> it =
        history.range(LedgerKeys.history(key, order), LedgerKeys.historyEnd(key))) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> kv = it.next();
        HistoryEntry e = HistoryEntry.decode(kv.value);
        if (!e.count()) {
          net = net.add(e.kg());
        }
      }
    }
    return net;
  }

  private void emit(Alert alert, Record<String, LedgerInput> cause, String key) {
    metrics.alert(alert.getType());
    Long ingested = cause.value().getMovement().getIngestedAt();
    if (ingested != null) {
      metrics.alertLatency(context.currentSystemTimeMs() - ingested);
    }
    outputs.alerts().forward(context, new Record<>(key, alert, cause.timestamp()));
  }

  /**
   * Where the ledger sends what it found.
   *
   * @param alerts its immediate alerts
   * @param rejected a conflicting duplicate or a lot received twice, towards the rejected topic
   * @param applied each applied movement, to the processors after the ledger, in this order
   */
  public record Outputs(
      Output<Alert> alerts, Output<RejectedRecord> rejected, Output<LedgerEvent> applied) {}

  /** Counts the rejection and sends the input, with its reason, to the rejected topic. */
  private void reject(
      Rejection why, LedgerMovement mv, Record<String, LedgerInput> record, Instant now) {
    metrics.rejected(why.code());
    outputs
        .rejected()
        .forward(
            context,
            new Record<>(
                mv.key(), RejectedRecords.of(why, record.value(), now), record.timestamp()));
  }
}
