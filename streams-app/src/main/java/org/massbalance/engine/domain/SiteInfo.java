package org.massbalance.engine.domain;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** A site as the engine uses it: its zone (default UTC) and country (default US). */
public record SiteInfo(String siteId, ZoneId zone, String country) {

  /** Zone of sites without one. */
  public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;

  /** Country of sites without one. */
  public static final String DEFAULT_COUNTRY = "US";

  /** The defaults the contract gives an unknown site. */
  public static SiteInfo defaults(String siteId) {
    return new SiteInfo(siteId, DEFAULT_ZONE, DEFAULT_COUNTRY);
  }

  /** True for a site in the United States. */
  public boolean isUs() {
    return "US".equals(country);
  }
}
