package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.TransformationItem;

/**
 * The contract's rules for a transformation (sections Processing and Bad input), as a pure
 * function: a decoded transformation, the sites' zones and the wall clock in; a normalised one with
 * its instant, or every reason out. Its id follows the id rules with at most {@value #MAX_ID}
 * characters (so that {@code {id}.out.{n}} is a movement id); its inputs and outputs number 1 to
 * {@value #MAX_ITEMS} each, with positive quantities, and never share a product.
 */
public final class TransformationValidator {

  /** The longest transformation id. */
  public static final int MAX_ID = 56;

  /** The most inputs, and the most outputs, of one transformation. */
  public static final int MAX_ITEMS = 100;

  /** The role of a main product (the default), whose yield is checked. */
  public static final String MAIN = "MAIN";

  /** The role of a by-product. */
  public static final String BYPRODUCT = "BYPRODUCT";

  private final Function<String, ZoneId> siteZone;
  private final Duration futureTolerance;

  /**
   * @param siteZone the zone of a site (UTC for unknown sites)
   * @param futureTolerance how far ahead of the wall clock occurred_at may be (24 h)
   */
  public TransformationValidator(Function<String, ZoneId> siteZone, Duration futureTolerance) {
    this.siteZone = siteZone;
    this.futureTolerance = futureTolerance;
  }

  /**
   * A transformation that passed every rule.
   *
   * @param transformation trimmed values, canonical units, outputs' roles filled in
   * @param at when it happened
   */
  public record Valid(Transformation transformation, Instant at) {}

  /** Outcome: exactly one of {@code accepted} and {@code rejection} is set. */
  public record Result(Valid accepted, Rejection rejection) {}

  /** Checks {@code raw} against every rule at wall-clock time {@code now}. */
  public Result validate(Transformation raw, Instant now) {
    Transformation t = normalise(raw);
    FieldChecks.Problems p = new FieldChecks.Problems();
    FieldChecks.id(
        "transformation_id", "transformation_id", t.getTransformationId(), true, MAX_ID, p);
    FieldChecks.id("site_id", t.getSiteId(), true, p);
    Instant at =
        FieldChecks.occurredAt(
            t.getOccurredAt(),
            FieldChecks.zoneOf(t.getSiteId(), siteZone),
            false,
            now,
            futureTolerance,
            p);
    FieldChecks.text("document_ref", t.getDocumentRef(), p);
    items("inputs", t.getInputs(), false, p);
    items("outputs", t.getOutputs(), true, p);
    Set<String> inputProducts = new HashSet<>();
    for (TransformationItem i : t.getInputs()) {
      inputProducts.add(i.getProductId());
    }
    for (TransformationItem o : t.getOutputs()) {
      if (o.getProductId() != null && inputProducts.contains(o.getProductId())) {
        p.add(
            "outputs",
            "outputs: product "
                + FieldChecks.clip(o.getProductId())
                + " is an input too (an input and an output never share a product)");
        break;
      }
    }
    if (!p.isEmpty()) {
      return new Result(null, p.rejection());
    }
    return new Result(new Valid(t, at), null);
  }

  private static void items(
      String name, List<TransformationItem> items, boolean outputs, FieldChecks.Problems p) {
    if (items.isEmpty() || items.size() > MAX_ITEMS) {
      p.add(name, name + ": " + items.size() + " items, must be 1 to " + MAX_ITEMS);
    }
    int n = 0;
    for (TransformationItem item : items.subList(0, Math.min(items.size(), MAX_ITEMS))) {
      String at = name + "[" + n++ + "]";
      FieldChecks.id(
          name, at + ".product_id", item.getProductId(), true, MovementValidator.ID_MAX, p);
      FieldChecks.id(name, at + ".lot_id", item.getLotId(), false, MovementValidator.ID_MAX, p);
      FieldChecks.quantity(
          name,
          at + ".quantity",
          item.getQuantity(),
          q -> q.signum() <= 0 ? "must be positive" : null,
          p);
      Optional<Unit> unit = FieldChecks.unit(name, at + ".unit", item.getUnit(), p);
      unit.ifPresent(u -> item.setUnit(u.symbol()));
      String role = item.getRole();
      if (outputs) {
        if (role == null) {
          item.setRole(MAIN);
        } else if (role.equals(MAIN) || role.equals(BYPRODUCT)) {
          item.setRole(role);
        } else {
          p.add(name, at + ".role: '" + FieldChecks.clip(role) + "' is not one of MAIN, BYPRODUCT");
        }
      } else if (role != null) {
        p.add(name, at + ".role: only an output has a role");
      }
    }
  }

  /** Trims every value and turns empty values into null (a new record; {@code raw} is kept). */
  static Transformation normalise(Transformation raw) {
    Transformation t = new Transformation();
    t.setTransformationId(MovementValidator.clean(raw.getTransformationId()));
    t.setSiteId(MovementValidator.clean(raw.getSiteId()));
    t.setOccurredAt(MovementValidator.clean(raw.getOccurredAt()));
    t.setDocumentRef(MovementValidator.clean(raw.getDocumentRef()));
    t.setInputs(normalise(raw.getInputs()));
    t.setOutputs(normalise(raw.getOutputs()));
    t.setIngestedAt(raw.getIngestedAt());
    return t;
  }

  private static List<TransformationItem> normalise(List<TransformationItem> items) {
    List<TransformationItem> out = new ArrayList<>();
    if (items == null) {
      return out;
    }
    for (TransformationItem i : items) {
      TransformationItem c = new TransformationItem();
      c.setProductId(MovementValidator.clean(i.getProductId()));
      c.setQuantity(MovementValidator.clean(i.getQuantity()));
      c.setUnit(MovementValidator.clean(i.getUnit()));
      c.setLotId(MovementValidator.clean(i.getLotId()));
      String role = MovementValidator.clean(i.getRole());
      c.setRole(role == null ? null : role.toUpperCase(Locale.ROOT));
      out.add(c);
    }
    return out;
  }

  /** An item's quantity in kg (of a valid transformation). */
  public static BigDecimal kg(TransformationItem item) {
    return Unit.parse(item.getUnit()).orElseThrow().toKg(new BigDecimal(item.getQuantity()));
  }
}
