package org.massbalance.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.massbalance.avro.ImportCertificate;

/**
 * The rules of an {@link ImportCertificate} record (the contract's Import certificates and Bad
 * input sections), shared by the CSV ingest, which refuses a row breaking them, and the engine,
 * which rejects such a record: the number {@code NNN-NNNNNNNNNN-NNNNNN} (ASCII digits), a product
 * id of the id rule, a 10-digit HTS code, a positive quantity of at most 6 decimals in kg, g, t, lb
 * or oz, the dates {@code yyyy-MM-dd} with {@code valid_from <= valid_to}, texts of at most {@value
 * #MAX_TEXT} characters, and a record keyed by its own number.
 */
public final class ImportCertificateRecords {

  /** Every field, in the order of the record (and of the CSV format's columns). */
  public static final List<String> COLUMNS =
      List.of(
          "certificate_number",
          "product_id",
          "hts_code",
          "quantity",
          "unit",
          "valid_from",
          "valid_to",
          "exporter",
          "importer_nop_id",
          "certifier",
          "origin_country");

  /** Fields a record must have. */
  public static final List<String> REQUIRED =
      List.of(
          "certificate_number",
          "product_id",
          "hts_code",
          "quantity",
          "unit",
          "valid_from",
          "valid_to");

  /** Longest text accepted in exporter, importer_nop_id, certifier and origin_country. */
  public static final int MAX_TEXT = 1000;

  /** More integer digits than this in a quantity are refused as absurd. */
  public static final int MAX_INTEGER_DIGITS = 24;

  /** An NOP Import Certificate number. */
  public static final Pattern NUMBER = Pattern.compile("^[0-9]{3}-[0-9]{10}-[0-9]{6}$");

  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
  private static final Pattern HTS = Pattern.compile("^[0-9]{10}$");
  private static final Pattern NOP_ID = Pattern.compile("^[0-9]{10}$");
  private static final Pattern QUANTITY = Pattern.compile("^[+-]?[0-9]+(\\.[0-9]{1,6})?$");
  private static final Pattern DATE = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
  private static final Set<String> UNITS = Set.of("kg", "g", "t", "lb", "oz");

  private ImportCertificateRecords() {}

  /** The record of named text fields (a CSV row): null where absent; not normalized or checked. */
  public static ImportCertificate of(Function<String, String> field) {
    return ImportCertificate.newBuilder()
        .setCertificateNumber(field.apply("certificate_number"))
        .setProductId(field.apply("product_id"))
        .setHtsCode(field.apply("hts_code"))
        .setQuantity(field.apply("quantity"))
        .setUnit(field.apply("unit"))
        .setValidFrom(field.apply("valid_from"))
        .setValidTo(field.apply("valid_to"))
        .setExporter(field.apply("exporter"))
        .setImporterNopId(field.apply("importer_nop_id"))
        .setCertifier(field.apply("certifier"))
        .setOriginCountry(field.apply("origin_country"))
        .build();
  }

  /** The record's key: its certificate number. */
  public static String key(ImportCertificate c) {
    return c.getCertificateNumber();
  }

  /**
   * A new record with every value trimmed (a UTF-8 byte-order mark dropped), empty values null and
   * a known unit in lower case; {@code c} is kept.
   */
  public static ImportCertificate normalized(ImportCertificate c) {
    String unit = clean(c.getUnit());
    if (unit != null && UNITS.contains(unit.toLowerCase(Locale.ROOT))) {
      unit = unit.toLowerCase(Locale.ROOT);
    }
    return ImportCertificate.newBuilder()
        .setCertificateNumber(clean(c.getCertificateNumber()))
        .setProductId(clean(c.getProductId()))
        .setHtsCode(clean(c.getHtsCode()))
        .setQuantity(clean(c.getQuantity()))
        .setUnit(unit)
        .setValidFrom(clean(c.getValidFrom()))
        .setValidTo(clean(c.getValidTo()))
        .setExporter(clean(c.getExporter()))
        .setImporterNopId(clean(c.getImporterNopId()))
        .setCertifier(clean(c.getCertifier()))
        .setOriginCountry(clean(c.getOriginCountry()))
        .build();
  }

  /**
   * Every reason the (normalized) record breaks the rules, each {@code "<field>: <why>"}, in field
   * order; empty when it is valid.
   */
  public static List<String> problems(ImportCertificate c) {
    List<String> p = new ArrayList<>();
    String number = c.getCertificateNumber();
    if (number == null) {
      p.add("certificate_number: missing");
    } else if (!NUMBER.matcher(number).matches()) {
      p.add(
          "certificate_number: '"
              + clip(number)
              + "' is not an NOP Import Certificate number NNN-NNNNNNNNNN-NNNNNN"
              + (NOP_ID.matcher(number).matches() ? " (a 10-digit NOP ID is never one)" : ""));
    }
    String product = c.getProductId();
    if (product == null) {
      p.add("product_id: missing");
    } else if (!ID.matcher(product).matches()) {
      p.add("product_id: '" + clip(product) + "' does not match " + ID.pattern());
    }
    String hts = c.getHtsCode();
    if (hts == null) {
      p.add("hts_code: missing");
    } else if (!HTS.matcher(hts).matches()) {
      String digits = hts.replace(".", "");
      p.add(
          "hts_code: '"
              + clip(hts)
              + "' is not 10 digits"
              + (HTS.matcher(digits).matches() ? " (write it without dots: " + digits + ")" : ""));
    }
    quantity(c.getQuantity(), p);
    String unit = c.getUnit();
    if (unit == null) {
      p.add("unit: missing");
    } else if (!UNITS.contains(unit)) {
      p.add("unit: '" + clip(unit) + "' is not one of kg, g, t, lb, oz");
    }
    LocalDate from = date("valid_from", c.getValidFrom(), p);
    LocalDate to = date("valid_to", c.getValidTo(), p);
    if (from != null && to != null && from.isAfter(to)) {
      p.add("valid_to: " + to + " is before valid_from " + from);
    }
    text("exporter", c.getExporter(), p);
    text("importer_nop_id", c.getImporterNopId(), p);
    text("certifier", c.getCertifier(), p);
    text("origin_country", c.getOriginCountry(), p);
    return p;
  }

  /**
   * The problem with the record key {@code key} (as read: UTF-8, trimmed here) of a record whose
   * number is {@code number}, or null when the key is that number.
   */
  public static String keyProblem(String number, String key) {
    String got = clean(key);
    if (got != null && got.equals(number)) {
      return null;
    }
    return got == null
        ? "key: missing (must be the certificate number " + number + ")"
        : "key: '" + clip(got) + "' is not the certificate number " + number;
  }

  /** True for a well-formed import certificate number. */
  public static boolean validNumber(String number) {
    return number != null && NUMBER.matcher(number).matches();
  }

  /** The exact value of a valid record's quantity. */
  public static BigDecimal quantity(ImportCertificate valid) {
    return new BigDecimal(valid.getQuantity());
  }

  private static void quantity(String q, List<String> p) {
    if (q == null) {
      p.add("quantity: missing");
      return;
    }
    if (q.length() > 64 || !QUANTITY.matcher(q).matches()) {
      p.add("quantity: '" + clip(q) + "' is not a decimal with at most 6 decimals");
      return;
    }
    BigDecimal v = new BigDecimal(q);
    if (v.precision() - v.scale() > MAX_INTEGER_DIGITS) {
      p.add("quantity: more than " + MAX_INTEGER_DIGITS + " integer digits");
    } else if (v.signum() <= 0) {
      p.add("quantity: must be positive");
    }
  }

  private static LocalDate date(String name, String v, List<String> p) {
    if (v == null) {
      p.add(name + ": missing");
      return null;
    }
    if (DATE.matcher(v).matches()) {
      try {
        return LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        // not a date of the calendar: said below
      }
    }
    p.add(name + ": '" + clip(v) + "' is not a date yyyy-MM-dd");
    return null;
  }

  private static void text(String name, String v, List<String> p) {
    if (v != null && v.length() > MAX_TEXT) {
      p.add(name + ": " + v.length() + " characters, more than the limit of " + MAX_TEXT);
    }
  }

  /** Trimmed, a byte-order mark dropped; null when empty. */
  private static String clean(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    if (t.startsWith("\uFEFF")) {
      t = t.substring(1).strip();
    }
    return t.isEmpty() ? null : t;
  }

  /** Values in reasons are clipped so that a 1 MB value does not make a 1 MB reason. */
  private static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
