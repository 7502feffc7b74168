package org.massbalance.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.massbalance.engine.audit.AuditData.Allocation;
import org.massbalance.engine.audit.AuditData.Arrival;
import org.massbalance.engine.audit.AuditData.LineageInput;
import org.massbalance.engine.audit.AuditData.LotRecord;
import org.massbalance.engine.audit.AuditData.ProcessInput;
import org.massbalance.engine.audit.AuditData.ProcessOutput;
import org.massbalance.engine.audit.AuditData.ProcessRecord;
import org.massbalance.engine.audit.AuditData.TracedLot;
import org.massbalance.engine.audit.AuditData.TracedMovement;

/** The engine API's JSON (keyed answers and bulk lines) as the audit's records. */
final class EngineJson {

  private EngineJson() {}

  /** A back trace of {@code site|product} in {@code unit}. */
  static TracedMovement trace(String site, String product, String unit, JsonNode t) {
    List<TracedLot> lots = new ArrayList<>();
    for (JsonNode l : t.path("lots")) {
      lots.add(tracedLot(l));
    }
    return new TracedMovement(
        site,
        product,
        text(t, "movement_id"),
        text(t, "type"),
        text(t, "occurred_at"),
        text(t, "period"),
        dec(t, "quantity"),
        unit == null ? text(t, "unit") : unit,
        dec(t, "uncovered"),
        text(t, "counterparty_id"),
        text(t, "document_ref"),
        text(t, "to_site_id"),
        text(t, "reason"),
        lots);
  }

  static TracedLot tracedLot(JsonNode l) {
    return new TracedLot(
        text(l, "lot_id"),
        dec(l, "quantity"),
        text(l, "received_at"),
        text(l, "supplier_id"),
        text(l, "supplier_lot"),
        text(l, "supplier_nop_id"),
        bool(l, "certified_at_receipt"),
        text(l, "import_certificate"),
        text(l, "origin_country"),
        text(l, "origin_site_id"),
        text(l, "transformation_id"),
        inputs(l.path("inputs")));
  }

  static List<LineageInput> inputs(JsonNode inputs) {
    List<LineageInput> out = new ArrayList<>();
    for (JsonNode in : inputs) {
      out.add(
          new LineageInput(
              text(in, "product_id"),
              text(in, "lot_id"),
              decOrNull(in, "quantity"),
              text(in, "unit"),
              in.path("organic").asBoolean(true),
              text(in, "supplier_id"),
              text(in, "supplier_lot"),
              text(in, "supplier_nop_id"),
              bool(in, "certified_at_receipt"),
              text(in, "transformation_id"),
              text(in, "origin_site_id")));
    }
    return out;
  }

  /** A lot of {@code site|product} in {@code unit}, with its allocations. */
  static LotRecord lot(String site, String product, String unit, JsonNode l) {
    List<Allocation> allocations = new ArrayList<>();
    for (JsonNode a : l.path("allocations")) {
      allocations.add(
          new Allocation(
              text(a, "movement_id"),
              text(a, "type"),
              dec(a, "quantity"),
              text(a, "occurred_at"),
              text(a, "counterparty_id"),
              text(a, "document_ref"),
              text(a, "to_site_id")));
    }
    return new LotRecord(
        site,
        product,
        text(l, "lot_id"),
        unit,
        dec(l, "received"),
        dec(l, "remaining"),
        text(l, "received_at"),
        text(l, "received_period"),
        text(l, "supplier_id"),
        text(l, "supplier_lot"),
        text(l, "supplier_nop_id"),
        bool(l, "certified_at_receipt"),
        text(l, "import_certificate"),
        text(l, "origin_country"),
        text(l, "origin_site_id"),
        l.path("adjustment").asBoolean(false),
        allocations,
        text(l, "transformation_id"),
        inputs(l.path("inputs")),
        text(l, "receipt_movement_id"));
  }

  /** A transfer's arrival at {@code site|product} (its carried lots not known yet). */
  static Arrival arrival(String site, String product, String unit, JsonNode a) {
    return new Arrival(
        site,
        product,
        text(a, "movement_id"),
        text(a, "occurred_at"),
        text(a, "origin_site_id"),
        dec(a, "quantity"),
        unit,
        null,
        List.of());
  }

  /** A transformation as {@code GET /api/v1/transformations/{site}/{id}} answers it. */
  static ProcessRecord transformation(JsonNode t) {
    List<ProcessInput> inputs = new ArrayList<>();
    for (JsonNode in : t.path("inputs")) {
      inputs.add(
          new ProcessInput(
              text(in, "movement_id"),
              text(in, "product_id"),
              dec(in, "quantity"),
              text(in, "unit"),
              text(in, "lot_id"),
              inputs(in.path("drawn")),
              decOrNull(in, "uncovered")));
    }
    List<ProcessOutput> outputs = new ArrayList<>();
    for (JsonNode o : t.path("outputs")) {
      outputs.add(
          new ProcessOutput(
              text(o, "movement_id"),
              text(o, "product_id"),
              dec(o, "quantity"),
              text(o, "unit"),
              text(o, "role"),
              text(o, "lot_id"),
              decOrNull(o, "yield_pct"),
              decOrNull(o, "yield_min_pct"),
              decOrNull(o, "yield_max_pct")));
    }
    return new ProcessRecord(
        text(t, "site_id"),
        text(t, "transformation_id"),
        text(t, "occurred_at"),
        text(t, "document_ref"),
        text(t, "status"),
        inputs,
        outputs,
        decOrNull(t, "inputs_kg"),
        decOrNull(t, "outputs_kg"),
        decOrNull(t, "loss_kg"),
        decOrNull(t, "loss_pct"),
        decOrNull(t, "non_organic_inputs_kg"),
        bool(t, "certified"));
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static BigDecimal dec(JsonNode n, String field) {
    String v = text(n, field);
    return v == null ? BigDecimal.ZERO : new BigDecimal(v);
  }

  static BigDecimal decOrNull(JsonNode n, String field) {
    String v = text(n, field);
    return v == null ? null : new BigDecimal(v);
  }

  static Boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asBoolean();
  }
}
