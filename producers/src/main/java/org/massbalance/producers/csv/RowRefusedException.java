package org.massbalance.producers.csv;

/** Thrown by a {@link RowMapper} when a row cannot become a record; the message is the reason. */
public class RowRefusedException extends Exception {

  private static final long serialVersionUID = 1L;

  /** A refusal with its reason. */
  public RowRefusedException(String reason) {
    super(reason);
  }
}
