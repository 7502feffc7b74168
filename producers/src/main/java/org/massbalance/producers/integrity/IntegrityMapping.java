package org.massbalance.producers.integrity;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.producers.csv.RowRefusedException;

/**
 * The contract's mapping of an INTEGRITY operation to a certificate record: {@code op_nopOpID} →
 * nop_id, {@code op_name} → operation_name, {@code op_certifierName} → certifier, {@code op_status}
 * → status (Certified, Surrendered, Suspended, Revoked upper-cased; any other word upper-cased with
 * {@code _} for spaces, which the engine never counts as certified), {@code op_statusEffectiveDate}
 * → status_effective (date part), scope columns {@code opSC_CR}, {@code opSC_LS}, {@code opSC_WC},
 * {@code opSC_HANDLING} holding "Certified" → scopes CROPS, LIVESTOCK, WILD_CROPS, HANDLING, {@code
 * op_nopAnniversaryDate} → anniversary (date part); recorded_at is the ingest's instant. Dates are
 * read as {@code yyyy-MM-dd} (with any time after it) or the US {@code M/d/yyyy} (with any time
 * after it).
 *
 * <p>A row whose {@code op_nopOpID} holds no digit at all is a description row, skipped (the
 * monthly export has such rows below its header); one with digits that is not exactly 10 ASCII
 * digits is refused, as is one without a status or with a status that is not words, or an
 * unreadable date.
 */
public final class IntegrityMapping {

  private static final Pattern NOP_ID = Pattern.compile("[0-9]{10}");
  private static final Pattern STATUS_WORDS = Pattern.compile("[A-Za-z]+([ _-][A-Za-z]+)*");
  private static final Pattern ISO_DATE =
      Pattern.compile("^([0-9]{4}-[0-9]{2}-[0-9]{2})([T ].*)?$");
  private static final Pattern US_DATE =
      Pattern.compile("^([0-9]{1,2}/[0-9]{1,2}/[0-9]{4})( .*)?$");
  private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("M/d/uuuu");

  private static final List<Map.Entry<String, String>> SCOPES =
      List.of(
          Map.entry(IntegrityColumns.SCOPE_CROPS, "CROPS"),
          Map.entry(IntegrityColumns.SCOPE_LIVESTOCK, "LIVESTOCK"),
          Map.entry(IntegrityColumns.SCOPE_WILD_CROPS, "WILD_CROPS"),
          Map.entry(IntegrityColumns.SCOPE_HANDLING, "HANDLING"));

  private IntegrityMapping() {}

  /**
   * True when a row is a description row (its id holds no digit): skipped, neither sent nor
   * refused.
   */
  public static boolean isDescriptionRow(Map<String, String> fields) {
    String id = value(fields, IntegrityColumns.ID);
    return id == null || id.chars().noneMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * The certificate record of an operation.
   *
   * @param fields the operation's values by column name ({@link IntegrityColumns}), untrimmed
   * @param recordedAt epoch milliseconds of the ingest
   * @throws RowRefusedException with the reason when the row cannot be mapped
   */
  public static SupplierCertificate map(Map<String, String> fields, long recordedAt)
      throws RowRefusedException {
    String id = value(fields, IntegrityColumns.ID);
    if (id == null || !NOP_ID.matcher(id).matches()) {
      throw new RowRefusedException(
          IntegrityColumns.ID + " '" + (id == null ? "" : id) + "' is not a 10-digit NOP ID");
    }
    return SupplierCertificate.newBuilder()
        .setNopId(id)
        .setOperationName(value(fields, IntegrityColumns.NAME))
        .setCertifier(value(fields, IntegrityColumns.CERTIFIER))
        .setStatus(status(value(fields, IntegrityColumns.STATUS)))
        .setStatusEffective(date(IntegrityColumns.STATUS_EFFECTIVE, fields))
        .setScopes(scopes(fields))
        .setExpiresOn(null)
        .setRecordedAt(recordedAt)
        .setAnniversary(date(IntegrityColumns.ANNIVERSARY, fields))
        .build();
  }

  /**
   * The record's status: the word upper-cased, spaces and hyphens as {@code _}.
   *
   * @throws RowRefusedException when it is empty or not words
   */
  public static String status(String word) throws RowRefusedException {
    if (word == null) {
      throw new RowRefusedException(IntegrityColumns.STATUS + " is empty");
    }
    if (!STATUS_WORDS.matcher(word).matches()) {
      throw new RowRefusedException(
          IntegrityColumns.STATUS + " '" + word + "' is not a status word");
    }
    return word.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
  }

  /**
   * The date part of a date value, as {@code yyyy-MM-dd}; null when empty.
   *
   * @throws RowRefusedException when it is not a date
   */
  static String date(String column, Map<String, String> fields) throws RowRefusedException {
    String v = value(fields, column);
    if (v == null) {
      return null;
    }
    try {
      Matcher iso = ISO_DATE.matcher(v);
      if (iso.matches()) {
        return LocalDate.parse(iso.group(1)).toString();
      }
      Matcher us = US_DATE.matcher(v);
      if (us.matches()) {
        return LocalDate.parse(us.group(1), US).toString();
      }
    } catch (DateTimeParseException e) {
      // refused below
    }
    throw new RowRefusedException(column + " '" + v + "' is not a date");
  }

  static List<String> scopes(Map<String, String> fields) {
    List<String> scopes = new ArrayList<>();
    for (Map.Entry<String, String> scope : SCOPES) {
      if ("certified".equalsIgnoreCase(value(fields, scope.getKey()))) {
        scopes.add(scope.getValue());
      }
    }
    return scopes;
  }

  private static String value(Map<String, String> fields, String column) {
    String v = fields.get(column);
    if (v == null) {
      return null;
    }
    v = v.strip();
    return v.isEmpty() ? null : v;
  }
}
