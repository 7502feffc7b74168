package org.massbalance.engine.labels.sheet;

/** Why {@code labels} cannot make its sheet, in one line for the user. */
final class LabelsException extends RuntimeException {

  LabelsException(String message) {
    super(message);
  }

  LabelsException(String message, Throwable cause) {
    super(message, cause);
  }
}
