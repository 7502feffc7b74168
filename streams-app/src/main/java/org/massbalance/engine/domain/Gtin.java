package org.massbalance.engine.domain;

import java.util.Optional;

/**
 * GS1 Global Trade Item Numbers as the engine keeps them: 14 digits (GTIN-14) whose last is the GS1
 * check digit (GS1 General Specifications 7.9.1: weights 3 and 1 alternating from the right,
 * excluding the check digit; the check digit brings the sum to a multiple of 10). A GTIN-8, GTIN-12
 * (UPC-A) or GTIN-13 (EAN) is the same number written shorter: it is read zero-padded to 14 digits,
 * the form a GS1 Digital Link URI carries.
 */
public final class Gtin {

  private Gtin() {}

  /**
   * The 14-digit form of {@code text} (surrounding blanks ignored) when it is a GTIN-8, -12, -13 or
   * -14 of ASCII digits with a valid check digit; empty otherwise (null, blank, another length, a
   * non-digit, a wrong check digit).
   */
  public static Optional<String> normalize(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip();
    int n = t.length();
    if (n != 8 && n != 12 && n != 13 && n != 14) {
      return Optional.empty();
    }
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return Optional.empty();
      }
    }
    String gtin14 = "0".repeat(14 - n) + t;
    return checkDigit(gtin14.substring(0, 13)) == gtin14.charAt(13) - '0'
        ? Optional.of(gtin14)
        : Optional.empty();
  }

  /** Whether {@code text} is a GTIN (8, 12, 13 or 14 digits) with a valid check digit. */
  public static boolean isValid(String text) {
    return normalize(text).isPresent();
  }

  /**
   * The GS1 check digit of {@code digits} (the number without its check digit, any length): from
   * the right, weights 3, 1, 3, ...; the digit that brings the sum up to a multiple of 10.
   *
   * @throws IllegalArgumentException when {@code digits} holds a non-digit
   */
  public static int checkDigit(String digits) {
    int sum = 0;
    for (int i = digits.length() - 1, w = 3; i >= 0; i--, w = 4 - w) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not a digit: '" + c + "' in " + digits);
      }
      sum += (c - '0') * w;
    }
    return (10 - sum % 10) % 10;
  }
}
