package org.massbalance.engine.domain;

import java.math.BigDecimal;

/**
 * A product as the engine uses it: reporting unit (default kg), organic flag (default true),
 * variance tolerance in percent (default 5.0), lot prefix (default the product id).
 */
public record ProductInfo(
    String productId, Unit unit, boolean organic, BigDecimal tolerancePct, String lotPrefix) {

  /** Tolerance of products without one. */
  public static final BigDecimal DEFAULT_TOLERANCE_PCT = new BigDecimal("5.0");

  /** The defaults the contract gives an unknown product. */
  public static ProductInfo defaults(String productId) {
    return new ProductInfo(productId, Unit.KG, true, DEFAULT_TOLERANCE_PCT, productId);
  }
}
