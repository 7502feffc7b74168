package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The named sums of a period (the contract's Arithmetic section): what each one adds to {@code
 * expected_closing}, whether it is part of the waste base, and under which names it is kept and
 * published. Periods, snapshots and consolidated snapshots are built from this table, so a new
 * figure is one entry here plus its fields (with a default) in the schemas that carry it: {@code
 * PeriodState} ({@link #stateField()}), {@code Snapshot} and {@code ConsolidatedSnapshot} ({@link
 * #publishedField()}) and {@code SiteFigures} ({@link #stateField()} as well). docs/extending.md
 * has the checklist.
 */
public enum Figure {
  /** Sum of RECEIPTs. */
  RECEIPTS("receipts", 1, true),
  /** Sum of SALEs. */
  SALES("sales", -1, false),
  /** Sum of WASTEs. */
  WASTE("waste", -1, false),
  /** Sum of transfers arriving. */
  TRANSFERS_IN("transfers_in", 1, true),
  /** Sum of transfers leaving. */
  TRANSFERS_OUT("transfers_out", -1, false),
  /** Signed sum of ADJUSTMENTs. */
  ADJUSTMENTS("adjustments", 1, false) {
    @Override
    public BigDecimal amountOf(BigDecimal quantityKg) {
      return quantityKg;
    }
  },
  /**
   * Sum of the positive ADJUSTMENTs: kept, never published, for the waste base (which counts what
   * came in, and a negative adjustment never does).
   */
  POSITIVE_ADJUSTMENTS(null, "positive_adjustments_kg", 0, true),
  /** Sum of PROCESS_INPUTs: what transformations took from the site's lots. */
  PROCESSED("processed", -1, false),
  /** Sum of PROCESS_OUTPUTs: what transformations made. */
  PRODUCED("produced", 1, true),
  /**
   * Signed net of the movements dated in signed months, booked into the first unsigned month after
   * them (the contract's Period sign-off): counted before any COUNT of the month.
   */
  CORRECTIONS("corrections", 1, false) {
    @Override
    public BigDecimal amountOf(BigDecimal quantityKg) {
      return quantityKg;
    }
  };

  /** The published figures, in the order of the snapshot schemas' fields. */
  public static final List<Figure> PUBLISHED =
      Arrays.stream(values()).filter(f -> f.publishedField != null).toList();

  /**
   * The figures of the first snapshot schema, digested by their position (see {@link
   * #digestedByPosition}).
   */
  private static final Set<Figure> FIRST =
      EnumSet.of(RECEIPTS, SALES, WASTE, TRANSFERS_IN, TRANSFERS_OUT, ADJUSTMENTS);

  private final String publishedField;
  private final String stateField;
  private final int closingSign;
  private final boolean wasteBase;

  Figure(String published, int closingSign, boolean wasteBase) {
    this(published, published + "_kg", closingSign, wasteBase);
  }

  Figure(String published, String stateField, int closingSign, boolean wasteBase) {
    this.publishedField = published;
    this.stateField = stateField;
    this.closingSign = closingSign;
    this.wasteBase = wasteBase;
  }

  /**
   * Whether the period digest (which tells whether a restatement changes a period) holds the figure
   * at a fixed position: the first six do; a figure added later is digested by name and only when
   * it is not zero, so that periods digested before it existed compare equal.
   */
  public boolean digestedByPosition() {
    return FIRST.contains(this);
  }

  /**
   * What a movement of {@code quantityKg} (signed as the movement is: only an ADJUSTMENT is
   * negative) adds to the figure: its size, or for a signed figure the signed quantity.
   */
  public BigDecimal amountOf(BigDecimal quantityKg) {
    return quantityKg.abs();
  }

  /**
   * The field of {@code Snapshot} and {@code ConsolidatedSnapshot} that publishes the figure (in
   * the product's unit), or null for a figure kept only for a rule.
   */
  public String publishedField() {
    return publishedField;
  }

  /** The field of {@code PeriodState} and {@code SiteFigures} holding the sum in exact kg. */
  public String stateField() {
    return stateField;
  }

  /**
   * What the figure's sum adds to {@code expected_closing}: 1 (inbound, or a signed sum), -1
   * (outbound), 0 (not part of it).
   */
  public int closingSign() {
    return closingSign;
  }

  /**
   * Whether the figure is part of the waste base ({@code max(opening, 0)} plus what came in: {@code
   * waste_pct} = 100 * waste / base).
   */
  public boolean wasteBase() {
    return wasteBase;
  }
}
