package org.massbalance.engine.domain;

/**
 * Why a record was rejected: a short code for metrics (low cardinality: the field or rule) and a
 * sentence for people.
 */
public record Rejection(String code, String reason) {

  /** Code of records that could not be decoded. */
  public static final String UNDECODABLE = "undecodable";

  /** Code and reason of a repeated movement_id with different content. */
  public static final Rejection CONFLICTING_DUPLICATE =
      new Rejection("conflicting_duplicate", "conflicting duplicate");
}
