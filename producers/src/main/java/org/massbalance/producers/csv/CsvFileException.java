package org.massbalance.producers.csv;

/** The whole file cannot be read: no header, missing required columns, malformed CSV or UTF-8. */
public class CsvFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A file-level failure with its reason. */
  public CsvFileException(String message) {
    super(message);
  }

  /** A file-level failure with its reason and cause. */
  public CsvFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
