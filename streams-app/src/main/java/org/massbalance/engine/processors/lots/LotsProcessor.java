package org.massbalance.engine.processors.lots;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Movement;
import org.massbalance.avro.internal.CarriedLot;
import org.massbalance.avro.internal.ImportCertificateDraw;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.avro.internal.LotAllocation;
import org.massbalance.avro.internal.LotFacts;
import org.massbalance.avro.internal.LotInput;
import org.massbalance.avro.internal.LotState;
import org.massbalance.avro.internal.MovementTrace;
import org.massbalance.avro.internal.TransformationReport;
import org.massbalance.engine.domain.Certification;
import org.massbalance.engine.domain.ImportDraws;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.LedgerMovement;
import org.massbalance.engine.domain.LotAlerts;
import org.massbalance.engine.domain.LotIds;
import org.massbalance.engine.domain.LotRules;
import org.massbalance.engine.domain.OrganicIntegrity;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.domain.ReceiptChecks;
import org.massbalance.engine.domain.SiteInfo;
import org.massbalance.engine.domain.TransformationRules;
import org.massbalance.engine.domain.VerificationFreshness;
import org.massbalance.engine.domain.ZoneOffsets;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.ledger.LedgerEvent;
import org.massbalance.engine.processors.outputs.Output;
import org.massbalance.engine.processors.reference.GlobalCertificates;
import org.massbalance.engine.processors.reference.GlobalReferenceData;
import org.massbalance.engine.processors.reference.ReferenceDecoders;
import org.massbalance.engine.stores.InternalCodecs;
import org.massbalance.engine.stores.KeyState;
import org.massbalance.engine.stores.OpenLots;
import org.massbalance.engine.stores.StoreNames;

/**
 * The lots of each site|product, after the ledger: creates a lot per RECEIPT (engine-assigned id
 * when none is given) with its supplier and certificate facts, allocates every outbound movement to
 * lots (the named lot first, then first-in first-out), sets the lots to the book at a COUNT, sends
 * a transfer's arrival on with the lots it carries and places them at the destination, keeps the
 * forward and back traces, and raises the lot, certificate and import alerts.
 *
 * <p>Outputs: {@link Alert}s, and for a transfer leaving a site its arrival ({@link LedgerInput}
 * with {@code arrival} true and the carried lots) keyed {@code to_site|product}; for an import
 * naming a well-formed certificate number its draw ({@link ImportCertificateDraw}) keyed by that
 * number.
 */
public final class LotsProcessor implements Processor<String, LedgerEvent, String, Object> {

  private static final int DAILY_HINTS = 10_000;

  private final ReferenceDecoders decoders;
  private final EngineMetrics metrics;
  private final Outputs outputs;

  private ProcessorContext<String, Object> context;
  private GlobalReferenceData reference;
  private GlobalCertificates certificates;
  private KeyValueStore<String, LotState> lots;

  /** Lots kept in a key's record; the newer ones of a key holding more are spilled (ADR 18). */
  private final int openLotsInRecord;

  /**
   * The key's compact state of the movement being processed ({@link LedgerEvent#state()}): the lots
   * on hand in FIFO order and the next lot sequence live there, and the ledger writes it once.
   */
  private KeyState state;

  /** The lots on hand of the movement's key: its record's and the spilled ones (ADR 18). */
  private OpenLots openLots;

  /**
   * Per site|product|day, the last engine-assigned sequence this task knows to be taken: a hint
   * only, never state. Lots are never removed from the lots store, so every lower sequence of the
   * day is taken too, and the next free id is found by probing the store from the hint (from 1
   * after a restart): the same id either way. A day's first sequence is not kept (most key-days of
   * an estate receive once, and its probe from 1 is the same single look-up), so the map holds the
   * key-days that receive again, where a hint saves probes.
   */
  private final Map<String, Long> dailyHints =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > DAILY_HINTS;
        }
      };

  /** The checks of goods entering the site (certificates, imports). */
  private final ReceiptChecks checks;

  public LotsProcessor(
      ReferenceDecoders decoders,
      EngineMetrics metrics,
      VerificationFreshness freshness,
      Outputs outputs,
      int openLotsInRecord) {
    this.decoders = decoders;
    this.metrics = metrics;
    this.checks = new ReceiptChecks(freshness);
    this.outputs = outputs;
    this.openLotsInRecord = openLotsInRecord;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.reference = decoders.reference(context);
    this.certificates = decoders.certificates(context);
    this.lots = context.getStateStore(StoreNames.LOTS);
    KeyValueStore<Bytes, byte[]> spill = context.getStateStore(StoreNames.LOTS_SPILL);
    this.openLots = new OpenLots(spill, openLotsInRecord);
  }

  @Override
  public void process(Record<String, LedgerEvent> record) {
    LedgerEvent e = record.value();
    LedgerMovement mv = e.movement();
    state = e.state();
    openLots.bind(mv.key(), state);
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    List<Alert> alerts = new ArrayList<>();
    uncertain.clear();
    LedgerInput arrival = null;
    TransformationReport report = null;
    draw = null;
    switch (mv.effect().lots()) {
      case CREATE -> receive(e, now, alerts);
      case PLACE_CARRIED -> arrive(e, now, alerts);
      case TO_ADJUSTMENT_LOT ->
          addToAdjustmentLot(mv.key(), e.site(), e.product(), mv.instant(), mv.quantityKg());
      case SET_TO_BOOK -> {
        if (e.changesBook()) {
          count(e);
        }
      }
      case DRAW -> allocate(e, now, alerts);
      case DRAW_AND_CARRY -> arrival = arrivalOf(e, allocate(e, now, alerts).lots());
      case DRAW_AND_REPORT -> report = drawnFor(e, allocate(e, now, alerts));
      case PRODUCE -> report = produce(e);
    }
    if (mv.effect().lots().bringsGoodsIn()) {
      OrganicIntegrity.comminglingRisk(mv, e.site(), e.product(), null, now).ifPresent(alerts::add);
    }
    openLots.settle();
    for (Alert alert : alerts) {
      metrics.alert(alert.getType());
      Long ingested = e.input().getMovement().getIngestedAt();
      if (ingested != null) {
        metrics.alertLatency(context.currentSystemTimeMs() - ingested);
      }
      outputs.alerts().forward(context, new Record<>(record.key(), alert, record.timestamp()));
    }
    if (arrival != null) {
      String destination = Keys.ledger(mv.movement().getToSiteId(), mv.productId());
      outputs.transfers().forward(context, new Record<>(destination, arrival, record.timestamp()));
    }
    if (report != null) {
      String transformation = Keys.transformation(mv.siteId(), report.getTransformationId());
      outputs.reports().forward(context, new Record<>(transformation, report, record.timestamp()));
    }
    if (draw != null) {
      outputs
          .draws()
          .forward(context, new Record<>(draw.getCertificateNumber(), draw, record.timestamp()));
    }
  }

  /**
   * What the movement being processed draws from the import certificate it names (a receipt or an
   * arrival that imports an organic product under a well-formed number), else null.
   */
  private ImportCertificateDraw draw;

  // ---------------------------------------------------------------- receipts and arrivals

  private void receive(LedgerEvent e, Instant now, List<Alert> alerts) {
    LedgerMovement mv = e.movement();
    Movement m = mv.movement();
    String key = mv.key();
    LocalDate day = ZoneOffsets.date(mv.instant(), e.site().zone());
    NewLot lot = newLot(e, day);
    String lotId = lot.id();
    Optional<Certification> cert = certificates.find(m.getSupplierNopId());
    LotFacts facts =
        LotFacts.newBuilder()
            .setLotId(lotId)
            .setOriginSiteId(mv.siteId())
            .setOriginLotId(lotId)
            .setReceivedEpochSecond(mv.instant().getEpochSecond())
            .setReceivedNano(mv.instant().getNano())
            .setAdjustment(false)
            .setReceiptMovementId(mv.movementId())
            .setSupplierId(m.getSupplierId())
            .setSupplierLot(m.getSupplierLot())
            .setSupplierNopId(m.getSupplierNopId())
            .setCertifiedAtReceipt(
                ReceiptChecks.certifiedAtReceipt(m.getSupplierNopId(), cert, day))
            .setImportCertificate(m.getImportCertificate())
            .setOriginCountry(m.getOriginCountry())
            .build();
    add(key, lotId, lot.held(), facts, mv.quantityKg());
    alerts.addAll(checks.receipt(mv, e.site(), e.product(), lotId, cert, day, now));
    draw = ImportDraws.receipt(mv, e.site(), e.product(), lotId).orElse(null);
  }

  /**
   * The lot a receipt or an output creates: the movement's {@code lot_id} (with the lot the store
   * holds under it, if any), or the day's next engine-assigned id.
   */
  private NewLot newLot(LedgerEvent e, LocalDate day) {
    String named = e.movement().movement().getLotId();
    if (named != null) {
      return new NewLot(named, lots.get(Keys.lot(e.movement().key(), named)));
    }
    // assignId found no lot under the id it gives
    return new NewLot(assignId(e.movement().key(), e.product(), day), null);
  }

  /** A lot id to create, and the lot the store holds under it (null: none). */
  private record NewLot(String id, LotState held) {}

  /**
   * A transformation's output: a lot made from the lots its inputs drew (its lineage travels with
   * the movement), certified as the transformation found; reported back to the transformation.
   */
  private TransformationReport produce(LedgerEvent e) {
    LedgerMovement mv = e.movement();
    LedgerInput in = e.input();
    NewLot lot = newLot(e, ZoneOffsets.date(mv.instant(), e.site().zone()));
    LotFacts facts =
        LotFacts.newBuilder()
            .setLotId(lot.id())
            .setOriginSiteId(mv.siteId())
            .setOriginLotId(lot.id())
            .setReceivedEpochSecond(mv.instant().getEpochSecond())
            .setReceivedNano(mv.instant().getNano())
            .setAdjustment(false)
            .setReceiptMovementId(mv.movementId())
            .setCertifiedAtReceipt(in.getCertified())
            .setTransformationId(in.getTransformationId())
            .setInputs(in.getLineage() == null ? List.of() : in.getLineage())
            .build();
    add(mv.key(), lot.id(), lot.held(), facts, mv.quantityKg());
    return report(e, TransformationRules.OUTPUT_CREATED, List.of(), BigDecimal.ZERO, lot.id());
  }

  /** The lots a transformation's input drew, with their facts, to report back. */
  private TransformationReport drawnFor(LedgerEvent e, Drawn drawn) {
    LedgerMovement mv = e.movement();
    List<LotInput> inputs = new ArrayList<>();
    for (LotAllocation a : drawn.lots()) {
      LotFacts f = lots.get(Keys.lot(mv.key(), a.getLotId())).getFacts();
      inputs.add(
          LotInput.newBuilder()
              .setProductId(mv.productId())
              .setLotId(a.getLotId())
              .setQuantityKg(a.getQuantityKg())
              .setOrganic(e.product().organic())
              .setSupplierId(f.getSupplierId())
              .setSupplierLot(f.getSupplierLot())
              .setSupplierNopId(f.getSupplierNopId())
              .setCertifiedAtReceipt(f.getCertifiedAtReceipt())
              .setTransformationId(f.getTransformationId())
              .setOriginSiteId(f.getOriginSiteId())
              .build());
    }
    if (drawn.uncoveredKg().signum() > 0) {
      inputs.add(
          LotInput.newBuilder()
              .setProductId(mv.productId())
              .setLotId(null)
              .setQuantityKg(drawn.uncoveredKg().toPlainString())
              .setOrganic(e.product().organic())
              .build());
    }
    return report(e, TransformationRules.INPUT_DRAWN, inputs, drawn.uncoveredKg(), null);
  }

  private static TransformationReport report(
      LedgerEvent e, String kind, List<LotInput> lots, BigDecimal uncoveredKg, String lotId) {
    LedgerMovement mv = e.movement();
    return TransformationReport.newBuilder()
        .setSiteId(mv.siteId())
        .setTransformationId(e.input().getTransformationId())
        .setKind(kind)
        .setIndex(TransformationRules.indexOf(mv.movementId()))
        .setLots(lots)
        .setUncoveredKg(uncoveredKg.toPlainString())
        .setLotId(lotId)
        .build();
  }

  private void arrive(LedgerEvent e, Instant now, List<Alert> alerts) {
    LedgerMovement mv = e.movement();
    String key = mv.key();
    String origin = mv.movement().getSiteId();
    BigDecimal placed = BigDecimal.ZERO;
    List<CarriedLot> carried = e.input().getCarriedLots();
    String firstLot = null;
    if (carried != null) {
      for (CarriedLot c : carried) {
        BigDecimal kg = new BigDecimal(c.getQuantityKg());
        String id = place(key, c.getFacts(), kg);
        firstLot = firstLot == null ? id : firstLot;
        placed = placed.add(kg);
      }
    }
    BigDecimal rest = mv.quantityKg().subtract(placed);
    if (rest.signum() > 0) {
      addToAdjustmentLot(key, e.site(), e.product(), mv.instant(), rest);
    }
    SiteInfo from = reference.site(origin);
    String lotId = carried != null && carried.size() == 1 ? firstLot : null;
    checks.arrival(mv, from, e.site(), e.product(), lotId, now).ifPresent(alerts::add);
    draw = ImportDraws.arrival(mv, from, e.site(), e.product(), lotId).orElse(null);
  }

  /**
   * Places an arriving lot at a destination: under its own id when the destination does not hold it
   * or holds it from the same original receipt (then the quantities add up), else under {@code
   * {lot_id}@{origin_site}}.
   */
  private String place(String key, LotFacts carried, BigDecimal kg) {
    for (int attempt = 0; ; attempt++) {
      String id =
          attempt == 0
              ? carried.getLotId()
              : LotIds.renamed(carried.getOriginLotId(), carried.getOriginSiteId(), attempt);
      LotState held = lots.get(Keys.lot(key, id));
      if (held == null || sameReceipt(held.getFacts(), carried)) {
        LotFacts facts = LotFacts.newBuilder(carried).setLotId(id).build();
        add(key, id, held, facts, kg);
        return id;
      }
    }
  }

  private static boolean sameReceipt(LotFacts a, LotFacts b) {
    return a.getOriginSiteId().equals(b.getOriginSiteId())
        && a.getOriginLotId().equals(b.getOriginLotId())
        && a.getAdjustment() == b.getAdjustment();
  }

  // ---------------------------------------------------------------- outbound allocation

  /**
   * The lots drawn by the movement being processed that are not certified at receipt, or whose
   * certification the key's state does not keep (stored before it did): what each gave.
   */
  private final List<Draw> uncertain = new ArrayList<>();

  /** A draw from a lot that may not be certified. */
  private record Draw(String lotId, BigDecimal kg, byte certification) {}

  /**
   * The lots among {@link #uncertain} that are not certified at receipt, with why (read from their
   * facts: rare), one entry per lot.
   */
  private List<OrganicIntegrity.UncertifiedLot> uncertified(String key) {
    Map<String, OrganicIntegrity.UncertifiedLot> out = new LinkedHashMap<>();
    for (Draw d : uncertain) {
      LotFacts f = lots.get(Keys.lot(key, d.lotId())).getFacts();
      if (!Boolean.FALSE.equals(f.getCertifiedAtReceipt())) {
        continue;
      }
      OrganicIntegrity.UncertifiedLot known = out.get(d.lotId());
      BigDecimal kg = known == null ? d.kg() : known.kg().add(d.kg());
      out.put(
          d.lotId(),
          new OrganicIntegrity.UncertifiedLot(d.lotId(), kg, OrganicIntegrity.whyUncertified(f)));
    }
    return List.copyOf(out.values());
  }

  /** What an outbound movement drew: the allocations, and what no lot covered. */
  private record Drawn(List<LotAllocation> lots, BigDecimal uncoveredKg) {}

  private Drawn allocate(LedgerEvent e, Instant now, List<Alert> alerts) {
    LedgerMovement mv = e.movement();
    String key = mv.key();
    BigDecimal rest = mv.outboundKg();
    List<LotAllocation> drawn = new ArrayList<>();
    String named = mv.movement().getLotId();
    boolean unknown = false;
    if (named != null) {
      LotState lot = lots.get(Keys.lot(key, named));
      if (lot == null) {
        unknown = true;
      } else {
        KeyState.OpenLot open = openLots.find(named, lot);
        BigDecimal remaining = open == null ? BigDecimal.ZERO : open.remainingKg;
        BigDecimal take = remaining.min(rest);
        if (take.signum() > 0) {
          drawn.add(draw(key, open, take, e, mv.type().name()));
          rest = rest.subtract(take);
          openLots.changed(open);
        }
        if (rest.signum() > 0) {
          alerts.add(overdrawn(e, named, remaining, rest, now));
        }
      }
    }
    rest = drawFifo(key, rest, e, mv.type().name(), drawn);
    if (LotRules.untraceable(unknown, rest, e.oversold())) {
      alerts.add(untraceable(e, named, unknown, rest, now));
    }
    if (mv.type().sellsToCustomer() && e.product().organic() && !uncertain.isEmpty()) {
      OrganicIntegrity.uncertifiedSource(mv, e.site(), e.product(), uncertified(key), now)
          .ifPresent(alerts::add);
    }
    state.pendingTrace =
        InternalCodecs.encodeTrace(trace(e, mv.outboundKg(), drawn, rest, named, unknown));
    return new Drawn(drawn, rest);
  }

  /** Draws {@code kg} first-in first-out; returns what no lot covered. */
  private BigDecimal drawFifo(
      String key, BigDecimal kg, LedgerEvent e, String type, List<LotAllocation> drawn) {
    if (kg.signum() <= 0) {
      return kg;
    }
    return drawFrom(key, kg, e, type, drawn);
  }

  /**
   * Draws {@code kg} from the lots on hand, oldest first (the record's, then the spilled ones);
   * returns what they did not cover. Lots used up leave the lots on hand.
   */
  private BigDecimal drawFrom(
      String key, BigDecimal kg, LedgerEvent e, String type, List<LotAllocation> drawn) {
    return openLots.drawFifo(kg, (lot, take) -> drawn.add(draw(key, lot, take, e, type)));
  }

  /** Takes {@code kg} (at most its remaining) from a lot on hand and records the allocation. */
  private LotAllocation draw(
      String key, KeyState.OpenLot lot, BigDecimal kg, LedgerEvent e, String type) {
    LedgerMovement mv = e.movement();
    String lotId = lot.lotId;
    lot.remainingKg = lot.remainingKg.subtract(kg);
    if (lot.certification == KeyState.OpenLot.NOT_CERTIFIED
        || lot.certification == KeyState.OpenLot.CERTIFICATION_UNKNOWN) {
      uncertain.add(new Draw(lotId, kg, lot.certification));
    }
    Movement m = mv.movement();
    LotAllocation a =
        LotAllocation.newBuilder()
            .setMovementId(mv.movementId())
            .setType(type)
            .setLotId(lotId)
            .setQuantityKg(kg.toPlainString())
            .setEpochSecond(mv.instant().getEpochSecond())
            .setNano(mv.instant().getNano())
            .setCounterpartyId(m.getCounterpartyId())
            .setDocumentRef(m.getDocumentRef())
            .setToSiteId(mv.type().takesDestination() ? m.getToSiteId() : null)
            .build();
    // the allocation is written once, in the movement's back trace (ADR 16)
    return a;
  }

  private LedgerInput arrivalOf(LedgerEvent e, List<LotAllocation> drawn) {
    String key = e.movement().key();
    List<CarriedLot> carried = new ArrayList<>();
    for (LotAllocation a : drawn) {
      LotState lot = lots.get(Keys.lot(key, a.getLotId()));
      // the lot's facts as read from the store (decoded for this movement alone): no copy
      carried.add(new CarriedLot(lot.getFacts(), a.getQuantityKg()));
    }
    // a shallow copy: the movement and raw bytes are only read from here on (no Avro builder,
    // which deep-copies every field and resolves the schema's defaults)
    LedgerInput in = e.input();
    return new LedgerInput(
        in.getMovement(),
        in.getEpochSecond(),
        in.getNano(),
        in.getQuantityKg(),
        true,
        in.getSourceTopic(),
        in.getSourcePartition(),
        in.getSourceOffset(),
        in.getRawKey(),
        in.getRawValue(),
        carried,
        null,
        null,
        null);
  }

  private static MovementTrace trace(
      LedgerEvent e,
      BigDecimal kg,
      List<LotAllocation> drawn,
      BigDecimal uncovered,
      String named,
      boolean unknown) {
    LedgerMovement mv = e.movement();
    return MovementTrace.newBuilder()
        .setMovementId(mv.movementId())
        .setType(mv.type().name())
        .setEpochSecond(mv.instant().getEpochSecond())
        .setNano(mv.instant().getNano())
        .setQuantityKg(kg.toPlainString())
        .setAllocations(new ArrayList<>(drawn))
        .setUncoveredKg(uncovered.toPlainString())
        .setNamedLotId(named)
        .setNamedLotUnknown(unknown)
        .setCounterpartyId(mv.movement().getCounterpartyId())
        .setDocumentRef(mv.movement().getDocumentRef())
        .setToSiteId(mv.movement().getToSiteId())
        .setReason(mv.movement().getReason())
        .build();
  }

  // ---------------------------------------------------------------- COUNT and adjustments

  /** Sets the lots on hand to sum to max(book after the COUNT, 0). */
  private void count(LedgerEvent e) {
    LedgerMovement mv = e.movement();
    String key = mv.key();
    BigDecimal target = LotRules.onHandAfterCount(e.bookAfterKg());
    BigDecimal onHand = openLots.onHandKg();
    int cmp = onHand.compareTo(target);
    if (cmp > 0) {
      BigDecimal excess = onHand.subtract(target);
      List<LotAllocation> drawn = new ArrayList<>();
      BigDecimal rest = drawFrom(key, excess, e, mv.type().name(), drawn);
      state.pendingTrace = InternalCodecs.encodeTrace(trace(e, excess, drawn, rest, null, false));
    } else if (cmp < 0) {
      addToAdjustmentLot(key, e.site(), e.product(), mv.instant(), target.subtract(onHand));
    }
  }

  /**
   * Adds {@code kg} to the site's adjustment lot of the month of {@code at}, created at that
   * instant when missing (renamed like an arriving lot should another lot hold its id).
   */
  private void addToAdjustmentLot(
      String key, SiteInfo site, ProductInfo product, Instant at, BigDecimal kg) {
    String id = LotIds.adjustment(product.lotPrefix(), ZoneOffsets.month(at, site.zone()));
    place(
        key,
        LotFacts.newBuilder()
            .setLotId(id)
            .setOriginSiteId(Keys.parseLedger(key).siteId())
            .setOriginLotId(id)
            .setReceivedEpochSecond(at.getEpochSecond())
            .setReceivedNano(at.getNano())
            .setAdjustment(true)
            .build(),
        kg);
  }

  // ---------------------------------------------------------------- store plumbing

  /**
   * Adds {@code kg} to a lot, creating it with {@code facts} when the site|product lacks it. The
   * lots store is written here only: when a lot is created or received into; draws change the
   * remaining quantity in the key's state.
   *
   * @param held the lot as the caller has just read it from the lots store (null: there is none),
   *     so that it is not read twice
   */
  private void add(String key, String lotId, LotState held, LotFacts facts, BigDecimal kg) {
    String lotKey = Keys.lot(key, lotId);
    LotState lot = held;
    BigDecimal remaining;
    KeyState.OpenLot open = null;
    if (lot == null) {
      Keys.SiteProduct sp = Keys.parseLedger(key);
      long seq = state.nextLotSequence++;
      lot =
          LotState.newBuilder()
              .setFacts(facts)
              .setSiteId(sp.siteId())
              .setProductId(sp.productId())
              .setReceivedKg(kg.toPlainString())
              .setRemainingKg(kg.toPlainString())
              .setSequence(seq)
              .build();
      remaining = kg;
    } else {
      open = openLots.find(lotId, lot);
      remaining = (open == null ? BigDecimal.ZERO : open.remainingKg).add(kg);
      lot.setReceivedKg(new BigDecimal(lot.getReceivedKg()).add(kg).toPlainString());
      lot.setRemainingKg(remaining.toPlainString());
    }
    lots.put(lotKey, lot);
    if (open != null) {
      open.remainingKg = remaining;
      openLots.changed(open);
    } else if (remaining.signum() > 0) {
      LotFacts f = lot.getFacts();
      openLots.add(
          new KeyState.OpenLot(
              lotId,
              f.getReceivedEpochSecond(),
              f.getReceivedNano(),
              lot.getSequence(),
              remaining,
              f.getSupplierNopId(),
              KeyState.OpenLot.certification(f.getCertifiedAtReceipt())));
    }
  }

  /** The next free engine-assigned id of the day. */
  private String assignId(String key, ProductInfo product, LocalDate day) {
    String dayKey = Keys.day(key, LotIds.day(day));
    Long last = dailyHints.get(dayKey);
    long seq = last == null ? 0 : last;
    String id;
    do {
      seq++;
      id = LotIds.assigned(product.lotPrefix(), day, seq);
    } while (lots.get(Keys.lot(key, id)) != null);
    if (seq > 1) {
      dailyHints.put(dayKey, seq);
    }
    return id;
  }

  // ---------------------------------------------------------------- alerts

  private static Alert overdrawn(
      LedgerEvent e, String lotId, BigDecimal remaining, BigDecimal overdrawn, Instant now) {
    return LotAlerts.overdrawn(
        e.movement(), e.site(), e.product(), lotId, remaining, overdrawn, now);
  }

  private static Alert untraceable(
      LedgerEvent e, String named, boolean unknown, BigDecimal uncovered, Instant now) {
    return LotAlerts.untraceable(
        e.movement(), e.site(), e.product(), named, unknown, uncovered, now);
  }

  /**
   * Where the lots processor sends what it found.
   *
   * @param alerts lot, certificate and import alerts
   * @param transfers a transfer's arrival, keyed by its destination, towards the transfers topic
   * @param reports what a transformation's input drew or its output created, keyed {@code
   *     site|transformation_id}, towards the transformation
   * @param draws what an import movement draws from the import certificate it names, keyed by the
   *     certificate number, towards the import certificates
   */
  public record Outputs(
      Output<Alert> alerts,
      Output<LedgerInput> transfers,
      Output<TransformationReport> reports,
      Output<ImportCertificateDraw> draws) {}
}
