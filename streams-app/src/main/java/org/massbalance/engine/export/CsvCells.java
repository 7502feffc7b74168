package org.massbalance.engine.export;

/**
 * Text cells of the CSV files the engine writes ({@code export}, the audit package), neutralised
 * against formula injection: a spreadsheet reads a cell starting with {@code =}, {@code +}, {@code
 * -}, {@code @}, a tab or a carriage return as a formula (or a field separator), so such a cell
 * gets a leading {@code '} (OWASP's CSV injection advice).
 */
public final class CsvCells {

  private CsvCells() {}

  /** {@code s} with a leading {@code '} when it starts with a character a spreadsheet acts on. */
  public static String neutralise(String s) {
    if (s != null && !s.isEmpty()) {
      char c = s.charAt(0);
      if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
        return "'" + s;
      }
    }
    return s;
  }
}
