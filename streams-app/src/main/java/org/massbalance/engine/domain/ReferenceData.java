package org.massbalance.engine.domain;

/** Look-ups of sites and products, with the contract's defaults for unknown ones. */
public interface ReferenceData {

  /** The site, or its defaults. */
  SiteInfo site(String siteId);

  /** The product, or its defaults. */
  ProductInfo product(String productId);
}
