package org.massbalance.engine.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.massbalance.avro.ImportCertificate;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.avro.internal.ImportCertificateDraw;
import org.massbalance.avro.internal.ImportCertificateEntry;
import org.massbalance.avro.internal.InvestigationCase;
import org.massbalance.engine.domain.Certification;
import org.massbalance.engine.domain.Decimals;
import org.massbalance.engine.domain.ImportCertificateRules;
import org.massbalance.engine.domain.InvestigationRules;
import org.massbalance.engine.domain.PeriodFigures;
import org.massbalance.engine.domain.Unit;
import org.massbalance.engine.query.AllocationView;
import org.massbalance.engine.query.BalanceView;
import org.massbalance.engine.query.ImportCertificateQueries;
import org.massbalance.engine.query.LotInputView;
import org.massbalance.engine.query.LotOnHand;
import org.massbalance.engine.query.LotView;
import org.massbalance.engine.query.PeriodQueries;
import org.massbalance.engine.query.SupplierQueries;
import org.massbalance.engine.query.TraceView;
import org.massbalance.engine.query.TransformationView;

/**
 * What the query API answers, as JSON objects (maps in field order): balances, lots, traces,
 * suppliers, investigation cases, and any Avro record by its schema's fields. Quantities are the
 * contract's 6-place decimal strings in the product's reporting unit.
 */
final class JsonViews {

  private JsonViews() {}

  /** A book: its balance and last COUNT, with an empty list of lots. */
  static Map<String, Object> balance(BalanceView b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site_id", b.siteId());
    m.put("product_id", b.productId());
    m.put("unit", b.unit().symbol());
    m.put("book_balance", Decimals.presentKg(b.bookKg(), b.unit()));
    m.put("lots", List.of());
    m.put("movements", b.movements());
    if (b.lastCountKg() != null) {
      m.put("last_count", Decimals.presentKg(b.lastCountKg(), b.unit()));
      m.put("last_count_at", b.lastCountAt() == null ? null : b.lastCountAt().toString());
      m.put("book_at_last_count", Decimals.presentKg(b.lastCountBookKg(), b.unit()));
    }
    return m;
  }

  /** {@code balance} with its lots on hand ({@code lot_id, remaining}), oldest first. */
  static Map<String, Object> withLots(Map<String, Object> balance, List<LotOnHand> lots) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (LotOnHand l : lots) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("lot_id", l.lotId());
      m.put("remaining", Decimals.present(l.remaining()));
      out.add(m);
    }
    balance.put("lots", out);
    return balance;
  }

  /** A book in the overview of every book: no lots, the tolerance and its last COUNT's status. */
  static Map<String, Object> overview(BalanceView b, BigDecimal tolerance) {
    Map<String, Object> m = balance(b);
    m.remove("lots");
    m.put("tolerance_pct", Decimals.present(tolerance));
    m.put(
        "count_status",
        b.lastCountKg() == null
            ? PeriodFigures.Status.NOT_COUNTED.name()
            : PeriodFigures.countStatus(b.lastCountKg(), b.lastCountBookKg(), tolerance).name());
    return m;
  }

  /** A lot with its receipt facts and its forward trace ({@code allocations}). */
  static Map<String, Object> lot(LotView l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site_id", l.siteId());
    m.put("product_id", l.productId());
    m.put("lot_id", l.lotId());
    m.put("unit", l.unit().symbol());
    m.put("received", Decimals.present(l.received()));
    m.put("remaining", Decimals.present(l.remaining()));
    m.put("received_at", l.receivedAt() == null ? null : l.receivedAt().toString());
    m.put("supplier_id", l.supplierId());
    m.put("supplier_lot", l.supplierLot());
    m.put("supplier_nop_id", l.supplierNopId());
    m.put("certified_at_receipt", l.certifiedAtReceipt());
    m.put("import_certificate", l.importCertificate());
    m.put("origin_country", l.originCountry());
    m.put("origin_site_id", l.originSiteId());
    m.put("adjustment", l.adjustment());
    List<Map<String, Object>> allocations = new ArrayList<>();
    for (AllocationView a : l.allocations()) {
      allocations.add(allocation(a));
    }
    m.put("allocations", allocations);
    m.put("transformation_id", l.transformationId());
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (LotInputView in : l.inputs()) {
      inputs.add(input(in));
    }
    m.put("inputs", inputs);
    return m;
  }

  /** One lot of a made lot's lineage. */
  static Map<String, Object> input(LotInputView in) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("product_id", in.productId());
    m.put("lot_id", in.lotId());
    m.put("quantity", Decimals.present(in.quantity()));
    m.put("unit", in.unit().symbol());
    m.put("organic", in.organic());
    m.put("supplier_id", in.supplierId());
    m.put("supplier_lot", in.supplierLot());
    m.put("supplier_nop_id", in.supplierNopId());
    m.put("certified_at_receipt", in.certifiedAtReceipt());
    m.put("transformation_id", in.transformationId());
    m.put("origin_site_id", in.originSiteId());
    return m;
  }

  /** One movement's draw from a lot. */
  static Map<String, Object> allocation(AllocationView a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("movement_id", a.movementId());
    m.put("type", a.type());
    m.put("quantity", Decimals.present(a.quantity()));
    m.put("occurred_at", a.occurredAt() == null ? null : a.occurredAt().toString());
    m.put("counterparty_id", a.counterpartyId());
    m.put("document_ref", a.documentRef());
    if (a.toSiteId() != null) {
      m.put("to_site_id", a.toSiteId());
    }
    return m;
  }

  /** The back trace of a movement: the lots it drew, each with its receipt facts. */
  static Map<String, Object> trace(TraceView t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site_id", t.siteId());
    m.put("product_id", t.productId());
    m.put("movement_id", t.movementId());
    m.put("type", t.type());
    m.put("occurred_at", t.occurredAt() == null ? null : t.occurredAt().toString());
    m.put("unit", t.unit().symbol());
    m.put("quantity", Decimals.presentKg(t.quantityKg(), t.unit()));
    m.put("uncovered", Decimals.present(t.uncovered()));
    if (t.namedLotId() != null) {
      m.put("named_lot_id", t.namedLotId());
      m.put("named_lot_unknown", t.namedLotUnknown());
    }
    List<Map<String, Object>> lots = new ArrayList<>();
    for (TraceView.TracedLot tl : t.lots()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("lot_id", tl.allocation().lotId());
      e.put("quantity", Decimals.present(tl.allocation().quantity()));
      LotView l = tl.lot();
      if (l != null) {
        e.put("received_at", l.receivedAt() == null ? null : l.receivedAt().toString());
        e.put("supplier_id", l.supplierId());
        e.put("supplier_lot", l.supplierLot());
        e.put("supplier_nop_id", l.supplierNopId());
        e.put("certified_at_receipt", l.certifiedAtReceipt());
        e.put("import_certificate", l.importCertificate());
        e.put("origin_country", l.originCountry());
        e.put("origin_site_id", l.originSiteId());
        if (l.transformationId() != null) {
          e.put("transformation_id", l.transformationId());
          List<Map<String, Object>> inputs = new ArrayList<>();
          for (LotInputView in : l.inputs()) {
            inputs.add(input(in));
          }
          e.put("inputs", inputs);
        }
      }
      lots.add(e);
    }
    m.put("lots", lots);
    return m;
  }

  /** A key's month: its status, revision, snapshot SHA-256 and sign-off. */
  static Map<String, Object> month(PeriodQueries.Month m) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("site_id", m.siteId());
    o.put("product_id", m.productId());
    o.put("period", m.period().toString());
    o.put("status", m.status());
    o.put("revision", m.revision());
    o.put("snapshot_sha256", m.snapshotSha256());
    o.put("signed_by", m.signedBy());
    o.put("signed_at", m.signedAt());
    o.put("note", m.note());
    return o;
  }

  /**
   * A transformation: its inputs with the lots they drew, its outputs with the lots they made and
   * their yields, the masses and the process loss (exact kg, and in percent of the inputs' mass).
   */
  static Map<String, Object> transformation(TransformationView t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site_id", t.siteId());
    m.put("transformation_id", t.transformationId());
    m.put("occurred_at", t.occurredAt().toString());
    m.put("document_ref", t.documentRef());
    m.put("status", t.status());
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (TransformationView.Input in : t.inputs()) {
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("movement_id", in.movementId());
      i.put("product_id", in.productId());
      i.put("quantity", Decimals.present(in.quantity()));
      i.put("unit", in.unit().symbol());
      i.put("lot_id", in.lotId());
      if (in.drawn() != null) {
        List<Map<String, Object>> drawn = new ArrayList<>();
        for (LotInputView l : in.drawn()) {
          drawn.add(input(l));
        }
        i.put("drawn", drawn);
        i.put("uncovered", Decimals.presentKg(in.uncoveredKg(), in.unit()));
      }
      inputs.add(i);
    }
    m.put("inputs", inputs);
    List<Map<String, Object>> outputs = new ArrayList<>();
    for (TransformationView.Output out : t.outputs()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("movement_id", out.movementId());
      o.put("product_id", out.productId());
      o.put("quantity", Decimals.present(out.quantity()));
      o.put("unit", out.unit().symbol());
      o.put("role", out.role());
      o.put("lot_id", out.lotId());
      o.put("yield_pct", Decimals.present(out.yieldPct()));
      o.put("yield_base_kg", Decimals.presentKg(out.yieldBaseKg(), Unit.KG));
      o.put("yield_min_pct", out.band() == null ? null : Decimals.present(out.band().minPct()));
      o.put("yield_max_pct", out.band() == null ? null : Decimals.present(out.band().maxPct()));
      outputs.add(o);
    }
    m.put("outputs", outputs);
    m.put("inputs_kg", Decimals.presentKg(t.inputKg(), Unit.KG));
    m.put("outputs_kg", Decimals.presentKg(t.outputKg(), Unit.KG));
    m.put("loss_kg", Decimals.presentKg(t.lossKg(), Unit.KG));
    m.put("loss_pct", Decimals.present(Decimals.percent(t.lossKg(), t.inputKg())));
    m.put("non_organic_inputs_kg", Decimals.presentKg(t.nonOrganicInputKg(), Unit.KG));
    m.put("certified", t.certified());
    m.put("alerts", t.alertIds());
    return m;
  }

  /**
   * An import certificate: its record (null fields while none came: {@code known} false), the
   * certified, received and remaining quantities in the certificate's unit (kg while unknown;
   * remaining is negative when overdrawn) and, with {@code movements}, a page of its draws in
   * processing order, each with its quantity in the certificate's unit and in the movement's
   * product unit.
   */
  static Map<String, Object> importCertificate(ImportCertificateQueries.View v, boolean movements) {
    ImportCertificate c = v.certificate();
    Unit unit = ImportCertificateRules.unitOf(c);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("certificate_number", v.number());
    m.put("known", c != null);
    m.put("product_id", c == null ? null : c.getProductId());
    m.put("hts_code", c == null ? null : c.getHtsCode());
    m.put("unit", unit.symbol());
    m.put("certified", v.certifiedKg() == null ? null : Decimals.presentKg(v.certifiedKg(), unit));
    m.put("received", Decimals.presentKg(v.receivedKg(), unit));
    m.put(
        "remaining",
        v.certifiedKg() == null
            ? null
            : Decimals.presentKg(v.certifiedKg().subtract(v.receivedKg()), unit));
    m.put("overdrawn", v.certifiedKg() != null && v.receivedKg().compareTo(v.certifiedKg()) > 0);
    m.put("valid_from", c == null ? null : c.getValidFrom());
    m.put("valid_to", c == null ? null : c.getValidTo());
    m.put("exporter", c == null ? null : c.getExporter());
    m.put("importer_nop_id", c == null ? null : c.getImporterNopId());
    m.put("certifier", c == null ? null : c.getCertifier());
    m.put("origin_country", c == null ? null : c.getOriginCountry());
    m.put("draws", v.draws());
    m.put("periods", v.periods());
    if (movements) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (ImportCertificateEntry e : v.entries()) {
        ImportCertificateDraw d = e.getDraw();
        java.math.BigDecimal kg = new java.math.BigDecimal(d.getQuantityKg());
        Unit productUnit = Unit.parse(d.getUnit()).orElse(Unit.KG);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sequence", e.getSequence());
        row.put("site_id", d.getSiteId());
        row.put("product_id", d.getProductId());
        row.put("movement_id", d.getMovementId());
        row.put("type", d.getType());
        row.put("lot_id", d.getLotId());
        row.put("date", d.getDate());
        row.put("occurred_at", Instant.ofEpochSecond(d.getEpochSecond(), d.getNano()).toString());
        row.put("quantity", Decimals.presentKg(kg, unit));
        row.put("movement_quantity", Decimals.presentKg(kg, productUnit));
        row.put("movement_unit", productUnit.symbol());
        row.put(
            "received_after",
            Decimals.presentKg(new java.math.BigDecimal(e.getReceivedAfterKg()), unit));
        row.put("known", e.getKnown());
        row.put("alerts", List.copyOf(e.getAlerts()));
        out.add(row);
      }
      m.put("movements", out);
      m.put("next_page_token", v.nextAfter() == null ? null : String.valueOf(v.nextAfter()));
    }
    return m;
  }

  /**
   * A supplier's certificate record and whether it certifies on {@code today}; {@code readable:
   * false} alone for a record that cannot be decoded.
   */
  static Map<String, Object> supplier(SupplierQueries.SupplierView v, LocalDate today) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nop_id", v.nopId());
    SupplierCertificate c = v.certificate();
    if (c == null) {
      m.put("readable", false);
      return m;
    }
    m.put("operation_name", c.getOperationName());
    m.put("certifier", c.getCertifier());
    m.put("status", c.getStatus());
    m.put("status_effective", c.getStatusEffective());
    m.put("expires_on", c.getExpiresOn());
    m.put("scopes", c.getScopes() == null ? List.of() : List.copyOf(c.getScopes()));
    m.put("certified_today", Certification.of(c).certifiedOn(today));
    m.put("readable", true);
    return m;
  }

  /**
   * An investigation case listed with {@code status} (open or done), judged by {@code rules} at
   * {@code now}: its outcome, due date, the variance, the snapshot and the investigation recorded.
   */
  static Map<String, Object> investigation(
      InvestigationCase c, String status, InvestigationRules rules, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site_id", c.getSiteId());
    m.put("product_id", c.getProductId());
    m.put("period", c.getPeriod());
    m.put("status", status);
    m.put("outcome", InvestigationRules.status(c).name().toLowerCase(Locale.ROOT));
    m.put("reason", InvestigationRules.reason(c));
    m.put("first_closed_at", c.getFirstInvestigateAt());
    LocalDate due = rules.dueOn(c);
    m.put("due_on", due == null ? null : due.toString());
    m.put("overdue", rules.overdue(c, now));
    m.put("late", rules.late(c));
    m.put("overdue_alerted", c.getOverdueAlerted());
    Snapshot s = c.getSnapshot();
    m.put("unit", s == null ? null : s.getUnit());
    m.put("count_variance", s == null ? null : s.getCountVariance());
    m.put("variance_pct", s == null ? null : s.getVariancePct());
    m.put("snapshot_status", s == null ? null : s.getStatus());
    m.put("revision", s == null ? null : s.getRevision());
    m.put("snapshot", s == null ? null : avro(s));
    m.put("investigation", c.getInvestigation() == null ? null : avro(c.getInvestigation()));
    return m;
  }

  /** An Avro record as a map of its (snake_case) fields, in schema order. */
  static Map<String, Object> avro(SpecificRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Schema.Field f : r.getSchema().getFields()) {
      Object v = r.get(f.pos());
      m.put(f.name(), v instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : v);
    }
    return m;
  }
}
