package org.massbalance.engine.domain;

/**
 * Why a record was rejected: a short code for metrics (low cardinality: the field or rule) and a
 * sentence for people.
 */
public record Rejection(String code, String reason) {

  /** Code of records that could not be decoded. */
  public static final String UNDECODABLE = "undecodable";

  /** Code of records larger than a movement may be. */
  public static final String TOO_LARGE = "too_large";

  /** Code of reference records (sites, products, certificates) that cannot be read. */
  public static final String REFERENCE_UNREADABLE = "reference_unreadable";

  /** Code and reason of a repeated movement_id with different content. */
  public static final Rejection CONFLICTING_DUPLICATE =
      new Rejection("conflicting_duplicate", "conflicting duplicate");

  /** Code and reason of a RECEIPT naming a lot id its site already holds for the product. */
  public static final Rejection LOT_ALREADY_RECEIVED =
      new Rejection("lot_already_received", "lot_id already received");
}
