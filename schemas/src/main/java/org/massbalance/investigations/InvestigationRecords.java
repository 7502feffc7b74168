package org.massbalance.investigations;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.massbalance.avro.Investigation;
import org.massbalance.topics.TopicDefaults;

/**
 * The rules of an {@link Investigation} record, shared by every writer (the CSV ingest, the HTTP
 * API) and the engine, which rejects what breaks them: trimmed values, a known cause, ids and
 * period in the contract's form, the texts present, dates and instants that parse.
 */
public final class InvestigationRecords {

  /** The causes an investigation may name. */
  public static final Set<String> CAUSES =
      Set.of("SHRINKAGE", "WASTE", "THEFT", "MEASUREMENT_ERROR", "DATA_ENTRY_ERROR", "OTHER");

  /** Longest text accepted in explanation, corrective_action and investigated_by. */
  public static final int MAX_TEXT = 4000;

  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
  private static final Pattern PERIOD = Pattern.compile("^[0-9]{4}-[0-9]{2}$");
  private static final Pattern DATE = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");

  private InvestigationRecords() {}

  /**
   * The record of named text fields (a CSV row, a JSON body): every field but {@code
   * certifier_notified_on} empty when absent; not yet normalized or checked.
   */
  public static Investigation of(java.util.function.Function<String, String> field) {
    java.util.function.Function<String, String> text =
        name -> field.apply(name) == null ? "" : field.apply(name);
    return Investigation.newBuilder()
        .setSiteId(text.apply("site_id"))
        .setProductId(text.apply("product_id"))
        .setPeriod(text.apply("period"))
        .setCause(text.apply("cause"))
        .setExplanation(text.apply("explanation"))
        .setCorrectiveAction(text.apply("corrective_action"))
        .setCertifierNotifiedOn(field.apply("certifier_notified_on"))
        .setInvestigatedBy(text.apply("investigated_by"))
        .setRecordedAt(text.apply("recorded_at"))
        .build();
  }

  /** The record's key: {@code site|product|yyyy-MM}. */
  public static String key(Investigation i) {
    return TopicDefaults.periodKey(i.getSiteId(), i.getProductId(), i.getPeriod());
  }

  /**
   * The record with its values trimmed, the cause upper-cased and an empty {@code
   * certifier_notified_on} made null; {@code recordedAt} fills an empty {@code recorded_at}.
   */
  public static Investigation normalized(Investigation i, Instant recordedAt) {
    String notified = trim(i.getCertifierNotifiedOn());
    String recorded = trim(i.getRecordedAt());
    return Investigation.newBuilder()
        .setSiteId(trim(i.getSiteId()))
        .setProductId(trim(i.getProductId()))
        .setPeriod(trim(i.getPeriod()))
        .setCause(trim(i.getCause()).toUpperCase(Locale.ROOT))
        .setExplanation(trim(i.getExplanation()))
        .setCorrectiveAction(trim(i.getCorrectiveAction()))
        .setCertifierNotifiedOn(notified.isEmpty() ? null : notified)
        .setInvestigatedBy(trim(i.getInvestigatedBy()))
        .setRecordedAt(recorded.isEmpty() && recordedAt != null ? recordedAt.toString() : recorded)
        .build();
  }

  /** Every reason the (normalized) record breaks the rules; empty when it is valid. */
  public static List<String> problems(Investigation i) {
    List<String> p = new ArrayList<>();
    id(p, "site_id", i.getSiteId());
    id(p, "product_id", i.getProductId());
    String period = i.getPeriod();
    if (period == null || period.isEmpty()) {
      p.add("period is required (yyyy-MM)");
    } else if (!PERIOD.matcher(period).matches() || !parses(() -> YearMonth.parse(period))) {
      p.add("period must be yyyy-MM, got '" + period + "'");
    }
    String cause = i.getCause();
    if (cause == null || cause.isEmpty()) {
      p.add("cause is required (one of " + causes() + ")");
    } else if (!CAUSES.contains(cause.toUpperCase(Locale.ROOT))) {
      p.add("cause must be one of " + causes() + ", got '" + cause + "'");
    }
    text(p, "explanation", i.getExplanation());
    text(p, "corrective_action", i.getCorrectiveAction());
    text(p, "investigated_by", i.getInvestigatedBy());
    String notified = i.getCertifierNotifiedOn();
    if (notified != null
        && !notified.isEmpty()
        && (!DATE.matcher(notified).matches() || !parses(() -> LocalDate.parse(notified)))) {
      p.add("certifier_notified_on must be a date yyyy-MM-dd, got '" + notified + "'");
    }
    String recorded = i.getRecordedAt();
    if (recorded == null || recorded.isEmpty()) {
      p.add("recorded_at is required (an ISO-8601 instant)");
    } else if (!parses(() -> Instant.parse(recorded))) {
      p.add("recorded_at must be an ISO-8601 instant such as 2025-12-20T10:00:00Z");
    }
    return p;
  }

  /**
   * The problem with the record key {@code key} (as read: UTF-8, trimmed here) of a valid
   * investigation, or null when it is the investigation's own {@code site_id|product_id|period}.
   */
  public static String keyProblem(Investigation i, String key) {
    String expected = key(i);
    String got = key == null ? null : key.strip();
    if (expected.equals(got)) {
      return null;
    }
    return "key must be site_id|product_id|period (" + expected + "), got '" + got + "'";
  }

  /** The causes, in a stable order, for messages. */
  public static String causes() {
    return String.join(", ", CAUSES.stream().sorted().toList());
  }

  private static void id(List<String> p, String name, String v) {
    if (v == null || v.isEmpty()) {
      p.add(name + " is required");
    } else if (!ID.matcher(v).matches()) {
      p.add(name + " must match " + ID.pattern());
    }
  }

  private static void text(List<String> p, String name, String v) {
    if (v == null || v.isBlank()) {
      p.add(name + " is required");
    } else if (v.length() > MAX_TEXT) {
      p.add(name + " is longer than " + MAX_TEXT + " characters");
    }
  }

  private static boolean parses(Runnable r) {
    try {
      r.run();
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String trim(String s) {
    if (s == null) {
      return "";
    }
    String t = s.strip();
    return t.startsWith("\uFEFF") ? t.substring(1).strip() : t;
  }
}
