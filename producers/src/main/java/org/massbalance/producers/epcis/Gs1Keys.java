package org.massbalance.producers.epcis;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GS1 keys out of EPC URNs and GS1 Digital Links, by the Tag Data Standard: an SGLN or PGLN URN
 * {@code urn:epc:id:sgln:CompanyPrefix.LocationReference.Extension} gives the GLN {@code
 * CompanyPrefix + LocationReference + check digit}; an LGTIN, SGTIN or SGTIN pattern {@code
 * urn:epc:class:lgtin:CompanyPrefix.IndicatorItemReference.Lot} gives the GTIN {@code Indicator +
 * CompanyPrefix + ItemReference + check digit} and the lot (URN-escaped characters decoded); a
 * Digital Link {@code https://host/.../01/GTIN/10/LOT} or {@code .../414/GLN} or {@code
 * .../417/GLN} carries the key itself, whose check digit must hold (a GTIN-8, -12 or -13 is padded
 * to 14 digits with zeros).
 */
public final class Gs1Keys {

  /** A trade item class: GTIN-14 and lot (null when the class names none). */
  public record ItemClass(String gtin, String lot) {}

  private static final Pattern SGLN =
      Pattern.compile("^urn:epc:id:(?:sgln|pgln):([0-9]+)\\.([0-9]*)(?:\\.(.*))?$");
  private static final Pattern GTIN_URN =
      Pattern.compile("^urn:epc:(?:class:lgtin|id:sgtin|idpat:sgtin):([0-9]+)\\.([0-9]+)\\.(.+)$");
  private static final Pattern DL_GTIN =
      Pattern.compile(
          "^https?://[^/]+(?:/[^?#]*)?/01/([0-9]{8,14})(?:/22/[^/?#]+)?(?:/10/([^/?#]+))?"
              + "(?:/[^?#]*)?(?:[?#].*)?$");
  private static final Pattern DL_GLN =
      Pattern.compile(
          "^https?://[^/]+(?:/[^?#]*)?/(?:414|417)/([0-9]{13})(?:/[^?#]*)?(?:[?#].*)?$");

  private Gs1Keys() {}

  /** The GS1 mod-10 check digit of the digits of a key without its check digit. */
  public static int checkDigit(String digitsWithoutCheck) {
    int sum = 0;
    int n = digitsWithoutCheck.length();
    for (int i = 0; i < n; i++) {
      int d = digitsWithoutCheck.charAt(n - 1 - i) - '0';
      sum += (i % 2 == 0) ? 3 * d : d;
    }
    return (10 - sum % 10) % 10;
  }

  /** True when a string of digits ends with its check digit. */
  public static boolean checkDigitHolds(String key) {
    if (key.isEmpty() || !key.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    return checkDigit(key.substring(0, key.length() - 1)) == key.charAt(key.length() - 1) - '0';
  }

  /**
   * The 13-digit GLN of a location or party identifier (SGLN/PGLN URN or Digital Link with AI 414
   * or 417).
   *
   * @throws IllegalArgumentException when it is neither, or its check digit fails
   */
  public static String gln(String id) {
    String v = id.strip();
    Matcher urn = SGLN.matcher(v);
    if (urn.matches()) {
      String body = urn.group(1) + urn.group(2);
      if (body.length() != 12) {
        throw new IllegalArgumentException(
            "'" + id + "': company prefix and location reference are not 12 digits");
      }
      return body + checkDigit(body);
    }
    Matcher dl = DL_GLN.matcher(v);
    if (dl.matches()) {
      String gln = dl.group(1);
      if (!checkDigitHolds(gln)) {
        throw new IllegalArgumentException("'" + id + "': GLN " + gln + " has a wrong check digit");
      }
      return gln;
    }
    throw new IllegalArgumentException(
        "'" + id + "' is not an SGLN/PGLN URN or a GS1 Digital Link");
  }

  /** The GLN of an identifier when it has one. */
  public static Optional<String> glnIfAny(String id) {
    try {
      return Optional.of(gln(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The GTIN-14 and lot of an {@code epcClass} (LGTIN/SGTIN URN or pattern, or Digital Link).
   *
   * @throws IllegalArgumentException when it is neither, or its check digit fails
   */
  public static ItemClass itemClass(String epcClass) {
    String v = epcClass.strip();
    Matcher urn = GTIN_URN.matcher(v);
    if (urn.matches()) {
      String prefix = urn.group(1);
      String indicatorItem = urn.group(2);
      if (prefix.length() + indicatorItem.length() != 13) {
        throw new IllegalArgumentException(
            "'" + epcClass + "': company prefix and item reference are not 13 digits");
      }
      String body = indicatorItem.charAt(0) + prefix + indicatorItem.substring(1);
      String third = urn.group(3);
      String lot =
          v.startsWith("urn:epc:class:lgtin:") ? decode(third) : null; // sgtin: a serial, idpat: *
      return new ItemClass(body + checkDigit(body), lot);
    }
    Matcher dl = DL_GTIN.matcher(v);
    if (dl.matches()) {
      String gtin = "0".repeat(14 - dl.group(1).length()) + dl.group(1);
      if (dl.group(1).length() == 9 || dl.group(1).length() == 10 || dl.group(1).length() == 11) {
        throw new IllegalArgumentException("'" + epcClass + "': a GTIN has 8, 12, 13 or 14 digits");
      }
      if (!checkDigitHolds(gtin)) {
        throw new IllegalArgumentException(
            "'" + epcClass + "': GTIN " + gtin + " has a wrong check digit");
      }
      return new ItemClass(gtin, dl.group(2) == null ? null : decode(dl.group(2)));
    }
    throw new IllegalArgumentException(
        "'" + epcClass + "' is not an LGTIN/SGTIN URN or a GS1 Digital Link with a GTIN");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
