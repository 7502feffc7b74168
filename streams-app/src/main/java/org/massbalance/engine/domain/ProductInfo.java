package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.util.Optional;
import org.massbalance.avro.Product;

/**
 * A product as the engine uses it: reporting unit (default kg), organic flag (default true),
 * variance tolerance in percent (default 5.0), lot prefix (default the product id), and for lot
 * labels its display name and GTIN (both optional).
 *
 * @param name the display name, or null
 * @param gtin the GTIN in its 14-digit form ({@link Gtin#normalize}), or null when the product has
 *     none or an invalid one
 */
public record ProductInfo(
    String productId,
    Unit unit,
    boolean organic,
    BigDecimal tolerancePct,
    String lotPrefix,
    String name,
    String gtin) {

  /** A product without a name or GTIN. */
  public ProductInfo(
      String productId, Unit unit, boolean organic, BigDecimal tolerancePct, String lotPrefix) {
    this(productId, unit, organic, tolerancePct, lotPrefix, null, null);
  }

  /** Tolerance of products without one. */
  public static final BigDecimal DEFAULT_TOLERANCE_PCT = new BigDecimal("5.0");

  /** The defaults the contract gives an unknown product. */
  public static ProductInfo defaults(String productId) {
    return new ProductInfo(productId, Unit.KG, true, DEFAULT_TOLERANCE_PCT, productId);
  }

  /**
   * The product a record describes, with the contract's defaults for what it leaves out or gets
   * wrong: a unit that is absent or unknown is kg, no organic flag is organic, a tolerance that is
   * not a number from 0 up is 5.0 ({@link #parseTolerancePct}), a blank lot prefix is the product
   * id (a given one is trimmed), a blank name is none (a given one is trimmed), a GTIN that is not
   * valid ({@link #parseGtin}) is none.
   */
  public static ProductInfo of(Product p) {
    Unit unit = Unit.KG;
    if (p.getUnit() != null && !p.getUnit().isBlank()) {
      unit = Unit.parse(p.getUnit()).orElse(Unit.KG);
    }
    boolean organic = p.getOrganic() == null || p.getOrganic();
    BigDecimal tolerance = parseTolerancePct(p.getTolerancePct()).orElse(DEFAULT_TOLERANCE_PCT);
    String prefix =
        p.getLotPrefix() == null || p.getLotPrefix().isBlank()
            ? p.getProductId()
            : p.getLotPrefix().trim();
    String name = p.getName() == null || p.getName().isBlank() ? null : p.getName().trim();
    return new ProductInfo(
        p.getProductId(),
        unit,
        organic,
        tolerance,
        prefix,
        name,
        parseGtin(p.getGtin()).orElse(null));
  }

  /**
   * The GTIN a record's {@code gtin} holds, in its 14-digit form: a GTIN-8, -12, -13 or -14 with a
   * valid check digit (surrounding blanks ignored); empty when it is absent, blank or not a valid
   * GTIN, where the product has none.
   */
  public static Optional<String> parseGtin(String gtin) {
    return Gtin.normalize(gtin);
  }

  /**
   * The tolerance a record's {@code tolerance_pct} holds: the exact decimal (surrounding blanks
   * ignored) when it is a number from 0 up; empty when it is absent, blank, not a number or
   * negative, where the default applies.
   */
  public static Optional<BigDecimal> parseTolerancePct(String tolerancePct) {
    if (tolerancePct == null || tolerancePct.isBlank()) {
      return Optional.empty();
    }
    try {
      BigDecimal t = new BigDecimal(tolerancePct.trim());
      return t.signum() >= 0 ? Optional.of(t) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
