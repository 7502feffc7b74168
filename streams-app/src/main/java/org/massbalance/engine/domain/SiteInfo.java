package org.massbalance.engine.domain;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A site as the engine uses it: its zone (default UTC), country (default US) and whether it is kept
 * organic only (default false: a product that is not organic entering it raises COMMINGLING_RISK).
 */
public record SiteInfo(String siteId, ZoneId zone, String country, boolean organicOnly) {

  /** Zone of sites without one. */
  public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;

  /** Country of sites without one. */
  public static final String DEFAULT_COUNTRY = "US";

  /** A site that is not kept organic only. */
  public SiteInfo(String siteId, ZoneId zone, String country) {
    this(siteId, zone, country, false);
  }

  /** The defaults the contract gives an unknown site. */
  public static SiteInfo defaults(String siteId) {
    return new SiteInfo(siteId, DEFAULT_ZONE, DEFAULT_COUNTRY);
  }

  /** True for a site in the United States. */
  public boolean isUs() {
    return "US".equals(country);
  }
}
