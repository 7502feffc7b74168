package org.massbalance.engine.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The contract's import rule: an organic product entering a US site from abroad (a RECEIPT at a US
 * site whose {@code origin_country}, case-insensitive, empty meaning US, is not US; or a TRANSFER
 * from a non-US site to a US site) needs an NOP Import Certificate number {@code
 * NNN-NNNNNNNNNN-NNNNNN} (ASCII digits). A 10-digit NOP ID is never one.
 */
public final class Imports {

  private static final Pattern CERTIFICATE = Pattern.compile("^[0-9]{3}-[0-9]{10}-[0-9]{6}$");

  private Imports() {}

  /** True when a RECEIPT at {@code site} of goods from {@code originCountry} is an import. */
  public static boolean receiptIsImport(SiteInfo site, String originCountry) {
    return site.isUs() && !isUs(originCountry);
  }

  /** True when a TRANSFER from {@code from} to {@code to} is an import. */
  public static boolean transferIsImport(SiteInfo from, SiteInfo to) {
    return to.isUs() && !from.isUs();
  }

  /** True for a well-formed import certificate number. */
  public static boolean validCertificate(String number) {
    return number != null && CERTIFICATE.matcher(number).matches();
  }

  /** True for an empty (null or blank) certificate number. */
  public static boolean missing(String number) {
    return number == null || number.isBlank();
  }

  private static boolean isUs(String country) {
    return country == null
        || country.isBlank()
        || "US".equals(country.trim().toUpperCase(Locale.ROOT));
  }
}
