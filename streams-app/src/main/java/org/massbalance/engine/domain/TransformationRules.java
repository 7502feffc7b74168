package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.TransformationItem;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.avro.internal.LotInput;
import org.massbalance.avro.internal.TransformationRecord;

/**
 * The contract's rules for a transformation once its inputs are drawn (section Processing): the
 * movements it makes ({@code {id}.in.{n}}, {@code {id}.out.{n}}), when a repeat is the same
 * transformation, PROCESS_GAIN and YIELD_OUT_OF_RANGE, the process loss, and whether its outputs
 * are certified. Pure: the transformation processor keeps the state and routes the movements.
 */
public final class TransformationRules {

  private static final char SEPARATOR = '\u001f';

  /** A report that an input was drawn. */
  public static final String INPUT_DRAWN = "INPUT_DRAWN";

  /** A report that an output's lot was created. */
  public static final String OUTPUT_CREATED = "OUTPUT_CREATED";

  private TransformationRules() {}

  /** The index {@code n} of a movement id {@code {id}.in.{n}} or {@code {id}.out.{n}}. */
  public static int indexOf(String movementId) {
    return Integer.parseInt(movementId.substring(movementId.lastIndexOf('.') + 1));
  }

  /** The movement id of input {@code n}: {@code {id}.in.{n}}. */
  public static String inputMovementId(String transformationId, int n) {
    return transformationId + ".in." + n;
  }

  /** The movement id of output {@code n}: {@code {id}.out.{n}}. */
  public static String outputMovementId(String transformationId, int n) {
    return transformationId + ".out." + n;
  }

  /**
   * The transformation id of a PROCESS_INPUT or PROCESS_OUTPUT movement id ({@code {id}.in.{n}} or
   * {@code {id}.out.{n}}), if it is one.
   */
  public static Optional<String> transformationOf(String movementId) {
    int dot = movementId.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String head = movementId.substring(0, dot);
    for (String side : new String[] {".in", ".out"}) {
      if (head.endsWith(side) && head.length() > side.length()) {
        return Optional.of(head.substring(0, head.length() - side.length()));
      }
    }
    return Optional.empty();
  }

  /** The PROCESS_INPUT of input {@code n} of a transformation, to its site|product ledger. */
  public static LedgerInput input(TransformationRecord t, int n) {
    return movement(
        t,
        MovementType.PROCESS_INPUT,
        inputMovementId(t.getTransformation().getTransformationId(), n),
        t.getTransformation().getInputs().get(n));
  }

  /**
   * The PROCESS_OUTPUT of output {@code n} of a transformation whose inputs were judged {@code j},
   * with the lineage and certification of the lot it makes.
   */
  public static LedgerInput output(TransformationRecord t, int n, Judgement j) {
    LedgerInput l =
        movement(
            t,
            MovementType.PROCESS_OUTPUT,
            outputMovementId(t.getTransformation().getTransformationId(), n),
            t.getTransformation().getOutputs().get(n));
    l.setLineage(new ArrayList<>(j.lineage()));
    l.setCertified(j.certified());
    return l;
  }

  /**
   * The movement of one item: its id, type and quantity, at the transformation's site, time and
   * document, with where the transformation was read (for a rejection) and its id.
   */
  private static LedgerInput movement(
      TransformationRecord in, MovementType type, String movementId, TransformationItem item) {
    Transformation t = in.getTransformation();
    Movement m = new Movement();
    m.setMovementId(movementId);
    m.setType(type.name());
    m.setOccurredAt(t.getOccurredAt());
    m.setSiteId(t.getSiteId());
    m.setProductId(item.getProductId());
    m.setQuantity(item.getQuantity());
    m.setUnit(item.getUnit());
    m.setLotId(item.getLotId());
    m.setDocumentRef(t.getDocumentRef());
    m.setIngestedAt(t.getIngestedAt());
    LedgerInput l = new LedgerInput();
    l.setMovement(m);
    l.setEpochSecond(in.getEpochSecond());
    l.setNano(in.getNano());
    l.setQuantityKg(Decimals.store(TransformationValidator.kg(item)));
    l.setArrival(false);
    l.setSourceTopic(in.getSourceTopic());
    l.setSourcePartition(in.getSourcePartition());
    l.setSourceOffset(in.getSourceOffset());
    l.setRawKey(in.getRawKey());
    l.setRawValue(in.getRawValue());
    l.setTransformationId(t.getTransformationId());
    return l;
  }

  /**
   * Digest of a valid transformation's parsed content (quantities in kg, the instant as numbers): a
   * repeat with the same digest is the same transformation, applied once.
   */
  public static byte[] digest(TransformationValidator.Valid v) {
    Transformation t = v.transformation();
    StringBuilder b = new StringBuilder(256);
    b.append(t.getSiteId()).append(SEPARATOR).append(t.getTransformationId()).append(SEPARATOR);
    b.append(v.at().getEpochSecond()).append('.').append(v.at().getNano()).append(SEPARATOR);
    b.append(t.getDocumentRef() == null ? "" : t.getDocumentRef());
    for (List<TransformationItem> items : List.of(t.getInputs(), t.getOutputs())) {
      b.append(SEPARATOR).append(items.size());
      for (TransformationItem i : items) {
        BigDecimal kg = TransformationValidator.kg(i);
        b.append(SEPARATOR).append(i.getProductId());
        b.append(SEPARATOR)
            .append(kg.signum() == 0 ? "0" : kg.stripTrailingZeros().toPlainString());
        b.append(SEPARATOR).append(i.getLotId() == null ? "" : i.getLotId());
        b.append(SEPARATOR).append(i.getRole() == null ? "" : i.getRole());
      }
    }
    return Sha256.of(b);
  }

  /**
   * What a transformation's drawn inputs show.
   *
   * @param inputKg the inputs' mass (all inputs, organic or not)
   * @param outputKg the outputs' mass
   * @param nonOrganicInputKg the part of the inputs' mass of products that are not organic
   * @param certified whether its outputs are certified: every input of an organic product was drawn
   *     entirely from lots certified at receipt
   * @param lineage the lots its inputs drew, in input order (a part no lot covered: no lot id)
   * @param alerts PROCESS_GAIN, then YIELD_OUT_OF_RANGE per MAIN output
   */
  public record Judgement(
      BigDecimal inputKg,
      BigDecimal outputKg,
      BigDecimal nonOrganicInputKg,
      boolean certified,
      List<LotInput> lineage,
      List<Alert> alerts) {

    /** The process loss: inputs' mass minus outputs' mass (negative for a gain). */
    public BigDecimal lossKg() {
      return inputKg.subtract(outputKg);
    }
  }

  /**
   * A transformation's masses, exact kg.
   *
   * @param inputKg the inputs' mass (organic or not)
   * @param outputKg the outputs' mass
   * @param nonOrganicInputKg the part of the inputs' mass of products that are not organic
   */
  public record Masses(BigDecimal inputKg, BigDecimal outputKg, BigDecimal nonOrganicInputKg) {

    /** The process loss: inputs' mass minus outputs' mass (negative for a gain). */
    public BigDecimal lossKg() {
      return inputKg.subtract(outputKg);
    }
  }

  /** The masses of {@code t}, with the products' organic flags from {@code products}. */
  public static Masses masses(Transformation t, Function<String, ProductInfo> products) {
    BigDecimal in = BigDecimal.ZERO;
    BigDecimal nonOrganic = BigDecimal.ZERO;
    for (TransformationItem i : t.getInputs()) {
      BigDecimal kg = TransformationValidator.kg(i);
      in = in.add(kg);
      if (!products.apply(i.getProductId()).organic()) {
        nonOrganic = nonOrganic.add(kg);
      }
    }
    BigDecimal out = BigDecimal.ZERO;
    for (TransformationItem o : t.getOutputs()) {
      out = out.add(TransformationValidator.kg(o));
    }
    return new Masses(in, out, nonOrganic);
  }

  /**
   * The yield of output {@code n}: its mass against the sum of the inputs whose products name a
   * band for it (the band: the span of theirs), or against every input when none does (no band).
   *
   * @param pct 100 * output / base, 6 places (null for a zero base)
   * @param baseKg the input mass it is measured against
   * @param band the expected band, or null
   */
  public record OutputYield(BigDecimal pct, BigDecimal baseKg, YieldBand band) {

    /** Whether a band names this output and its yield lies outside it. */
    public boolean outOfRange(BigDecimal outputKg) {
      return band != null && baseKg.signum() > 0 && !band.holds(outputKg, baseKg);
    }
  }

  /** The yield of output {@code n} of {@code t}, with the bands {@code yields} names. */
  public static OutputYield outputYield(
      Transformation t, int n, BiFunction<String, String, Optional<YieldBand>> yields) {
    TransformationItem o = t.getOutputs().get(n);
    Map<String, BigDecimal> inputKgByProduct = new LinkedHashMap<>();
    BigDecimal all = BigDecimal.ZERO;
    for (TransformationItem i : t.getInputs()) {
      BigDecimal kg = TransformationValidator.kg(i);
      inputKgByProduct.merge(i.getProductId(), kg, BigDecimal::add);
      all = all.add(kg);
    }
    YieldBand band = null;
    BigDecimal base = BigDecimal.ZERO;
    for (Map.Entry<String, BigDecimal> e : inputKgByProduct.entrySet()) {
      Optional<YieldBand> b = yields.apply(e.getKey(), o.getProductId());
      if (b.isPresent()) {
        band = band == null ? b.get() : band.span(b.get());
        base = base.add(e.getValue());
      }
    }
    if (band == null) {
      base = all;
    }
    return new OutputYield(Decimals.percent(TransformationValidator.kg(o), base), base, band);
  }

  /**
   * Judges a transformation whose every input has been drawn.
   *
   * @param drawn for each input index, the lots it drew (with their facts and the input product's
   *     organic flag)
   * @param products the products' reference data
   * @param yields the yield band of (input product, output product), if a record names one
   * @param site the transformation's site
   */
  public static Judgement judge(
      Transformation t,
      Instant at,
      SiteInfo site,
      Map<Integer, List<LotInput>> drawn,
      Function<String, ProductInfo> products,
      BiFunction<String, String, Optional<YieldBand>> yields,
      Instant now) {
    Masses masses = masses(t, products);
    BigDecimal in = masses.inputKg();
    BigDecimal out = masses.outputKg();
    BigDecimal nonOrganic = masses.nonOrganicInputKg();
    List<LotInput> lineage = new ArrayList<>();
    boolean certified = true;
    for (int n = 0; n < t.getInputs().size(); n++) {
      for (LotInput lot : drawn.getOrDefault(n, List.of())) {
        lineage.add(lot);
        if (lot.getOrganic()
            && (lot.getLotId() == null || !Boolean.TRUE.equals(lot.getCertifiedAtReceipt()))) {
          certified = false;
        }
      }
    }
    String period = ZoneOffsets.month(at, site.zone()).toString();
    List<Alert> alerts = new ArrayList<>();
    if (out.compareTo(in) > 0) {
      alerts.add(gain(t, at, period, in, out, now));
    }
    for (int n = 0; n < t.getOutputs().size(); n++) {
      TransformationItem o = t.getOutputs().get(n);
      if (!TransformationValidator.MAIN.equals(o.getRole())) {
        continue;
      }
      yieldAlert(t, n, o, at, period, products, yields, now).ifPresent(alerts::add);
    }
    return new Judgement(in, out, nonOrganic, certified, lineage, alerts);
  }

  private static Alert gain(
      Transformation t, Instant at, String period, BigDecimal in, BigDecimal out, Instant now) {
    BigDecimal excess = out.subtract(in);
    TransformationItem first = firstMain(t);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("transformation_id", t.getTransformationId());
    details.put("inputs_kg", Decimals.presentKg(in, Unit.KG));
    details.put("outputs_kg", Decimals.presentKg(out, Unit.KG));
    details.put("excess_kg", Decimals.presentKg(excess, Unit.KG));
    String message =
        "Transformation "
            + t.getTransformationId()
            + " at "
            + t.getSiteId()
            + " puts out "
            + Decimals.presentKg(out, Unit.KG)
            + " kg from "
            + Decimals.presentKg(in, Unit.KG)
            + " kg of inputs: "
            + Decimals.presentKg(excess, Unit.KG)
            + " kg more than went in.";
    return Alerts.about(
        AlertType.PROCESS_GAIN,
        t.getTransformationId(),
        t.getSiteId(),
        first.getProductId(),
        null,
        period,
        excess,
        Unit.KG,
        at,
        message,
        details,
        now);
  }

  /** The first MAIN output (the first output when none is MAIN): the product a gain is about. */
  private static TransformationItem firstMain(Transformation t) {
    for (TransformationItem o : t.getOutputs()) {
      if (TransformationValidator.MAIN.equals(o.getRole())) {
        return o;
      }
    }
    return t.getOutputs().get(0);
  }

  /**
   * YIELD_OUT_OF_RANGE for MAIN output {@code n}: its mass against the sum of the inputs whose
   * products name a band for it, outside the band (with several, the span of their bands).
   */
  private static Optional<Alert> yieldAlert(
      Transformation t,
      int n,
      TransformationItem o,
      Instant at,
      String period,
      Function<String, ProductInfo> products,
      BiFunction<String, String, Optional<YieldBand>> yields,
      Instant now) {
    OutputYield y = outputYield(t, n, yields);
    BigDecimal kg = TransformationValidator.kg(o);
    if (!y.outOfRange(kg)) {
      return Optional.empty();
    }
    YieldBand band = y.band();
    BigDecimal base = y.baseKg();
    Set<String> named = new LinkedHashSet<>();
    for (TransformationItem i : t.getInputs()) {
      if (yields.apply(i.getProductId(), o.getProductId()).isPresent()) {
        named.add(i.getProductId());
      }
    }
    BigDecimal pct = Decimals.percent(kg, base);
    ProductInfo product = products.apply(o.getProductId());
    Map<String, String> details = new LinkedHashMap<>();
    details.put("transformation_id", t.getTransformationId());
    details.put("inputs", String.join(",", named));
    details.put("inputs_kg", Decimals.presentKg(base, Unit.KG));
    details.put("output_kg", Decimals.presentKg(kg, Unit.KG));
    details.put("yield_pct", Decimals.present(pct));
    details.put("min_pct", Decimals.present(band.minPct()));
    details.put("max_pct", Decimals.present(band.maxPct()));
    String message =
        "Transformation "
            + t.getTransformationId()
            + " at "
            + t.getSiteId()
            + " yields "
            + Alerts.amount(kg, product)
            + " of "
            + o.getProductId()
            + " from "
            + Decimals.presentKg(base, Unit.KG)
            + " kg of "
            + String.join(", ", named)
            + ": "
            + Decimals.present(pct)
            + " %, outside the expected "
            + Decimals.present(band.minPct())
            + " to "
            + Decimals.present(band.maxPct())
            + " %.";
    return Optional.of(
        Alerts.about(
            AlertType.YIELD_OUT_OF_RANGE,
            outputMovementId(t.getTransformationId(), n),
            t.getSiteId(),
            o.getProductId(),
            null,
            period,
            kg,
            product.unit(),
            at,
            message,
            details,
            now));
  }
}
