package org.massbalance.engine.testing;

import java.util.ArrayList;
import java.util.List;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.TransformationItem;

/**
 * Builds transformations as a producer would write them, reading like the spec: {@code
 * transformation(FRESNO, "CRACK-1").at(NOV_10).input(IN_SHELL, "100", "kg").output(KERNELS, "60",
 * "kg")}.
 */
public final class TransformationBuilder {

  private final Transformation t = new Transformation();
  private final List<TransformationItem> inputs = new ArrayList<>();
  private final List<TransformationItem> outputs = new ArrayList<>();

  private TransformationBuilder(String site, String id) {
    t.setSiteId(site);
    t.setTransformationId(id);
    t.setOccurredAt("2025-11-01");
  }

  /** A transformation {@code id} at {@code site}. */
  public static TransformationBuilder transformation(String site, String id) {
    return new TransformationBuilder(site, id);
  }

  public TransformationBuilder at(String occurredAt) {
    t.setOccurredAt(occurredAt);
    return this;
  }

  public TransformationBuilder document(String ref) {
    t.setDocumentRef(ref);
    return this;
  }

  /** An input drawn first-in first-out. */
  public TransformationBuilder input(String product, String quantity, String unit) {
    return input(product, quantity, unit, null);
  }

  /** An input drawing lot {@code lot} first. */
  public TransformationBuilder input(String product, String quantity, String unit, String lot) {
    inputs.add(item(product, quantity, unit, lot, null));
    return this;
  }

  /** A MAIN output (engine-assigned lot id). */
  public TransformationBuilder output(String product, String quantity, String unit) {
    outputs.add(item(product, quantity, unit, null, null));
    return this;
  }

  /** An output with its role and lot id (either may be null). */
  public TransformationBuilder output(
      String product, String quantity, String unit, String role, String lot) {
    outputs.add(item(product, quantity, unit, lot, role));
    return this;
  }

  /** A BYPRODUCT output. */
  public TransformationBuilder byproduct(String product, String quantity, String unit) {
    return output(product, quantity, unit, "BYPRODUCT", null);
  }

  private static TransformationItem item(
      String product, String quantity, String unit, String lot, String role) {
    TransformationItem i = new TransformationItem();
    i.setProductId(product);
    i.setQuantity(quantity);
    i.setUnit(unit);
    i.setLotId(lot);
    i.setRole(role);
    return i;
  }

  public Transformation build() {
    Transformation out = Transformation.newBuilder(t).build();
    out.setInputs(new ArrayList<>(inputs));
    out.setOutputs(new ArrayList<>(outputs));
    return out;
  }
}
