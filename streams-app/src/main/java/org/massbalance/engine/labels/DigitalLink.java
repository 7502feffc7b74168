package org.massbalance.engine.labels;

import java.nio.charset.StandardCharsets;

/**
 * GS1 Digital Link URIs of lots: {@code {base}/01/{gtin}/10/{lot}} (GS1 Digital Link URI Syntax
 * 1.x: the GTIN as the primary key in its 14-digit form, the batch/lot (AI 10) as its qualifier),
 * and the GS1 element string {@code (01)...(10)...} printed beneath a code.
 *
 * <p>A path segment's value is percent-encoded as RFC 3986 and GS1 Digital Link ask: every byte of
 * its UTF-8 form but the unreserved characters (letters, digits, {@code - . _ ~}) becomes {@code %}
 * and two upper-case hex digits. The contract's lot ids ({@code ^[A-Za-z0-9._-]{1,64}$}) therefore
 * pass unchanged; a transferred lot's {@code id@site} carries {@code %40}.
 */
public final class DigitalLink {

  /** The GS1 Application Identifier of the GTIN. */
  public static final String AI_GTIN = "01";

  /** The GS1 Application Identifier of a batch or lot number. */
  public static final String AI_LOT = "10";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private DigitalLink() {}

  /**
   * The Digital Link URI of lot {@code lotId} of the trade item {@code gtin14} under {@code base}
   * (a trailing {@code /} of the base is dropped).
   */
  public static String uri(String base, String gtin14, String lotId) {
    return stripSlash(base)
        + "/"
        + AI_GTIN
        + "/"
        + encode(gtin14)
        + "/"
        + AI_LOT
        + "/"
        + encode(lotId);
  }

  /**
   * The dashboard's page of a lot under {@code base}: {@code {base}/#/trace?site=&product=&lot=}
   * (the page a resolved Digital Link opens; the label's code for a product without a GTIN).
   */
  public static String dashboardUri(String base, String siteId, String productId, String lotId) {
    return stripSlash(base) + dashboardPath(siteId, productId, lotId);
  }

  /** The dashboard's page of a lot as a path from the server's root: {@code /#/trace?...}. */
  public static String dashboardPath(String siteId, String productId, String lotId) {
    return "/#/trace?site="
        + encode(siteId)
        + "&product="
        + encode(productId)
        + "&lot="
        + encode(lotId);
  }

  /**
   * The GS1 element string of a lot in human-readable form, {@code (01)gtin(10)lot}, as printed
   * beneath a code (GS1 General Specifications 4.14).
   */
  public static String elementString(String gtin14, String lotId) {
    return "(" + AI_GTIN + ")" + gtin14 + "(" + AI_LOT + ")" + lotId;
  }

  /** {@code value} percent-encoded as a URI path segment: unreserved characters as they are. */
  public static String encode(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  private static String stripSlash(String base) {
    String b = base.strip();
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    return b;
  }
}
