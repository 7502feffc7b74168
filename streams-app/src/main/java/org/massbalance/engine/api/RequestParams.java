package org.massbalance.engine.api;

import io.javalin.http.Context;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.massbalance.engine.domain.MovementValidator;

/**
 * The query API's request parameters, read and checked: a parameter that breaks its rule is a 400
 * naming the parameter and the rule, before anything is looked up.
 */
final class RequestParams {

  /** The largest page ({@code limit}) answered. */
  static final int MAX_LIMIT = 1000;

  /** What a lot id in a path or page token matches. */
  static final String LOT_ID = "[A-Za-z0-9._@-]{1,200}";

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private RequestParams() {}

  /**
   * The JSON object of a posted body. Only {@code application/json} is taken (415 otherwise): a
   * browser sends a cross-site form or a text/plain body without asking first, JSON it does not.
   */
  static com.fasterxml.jackson.databind.JsonNode jsonObject(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "Content-Type must be application/json");
    }
    com.fasterxml.jackson.databind.JsonNode body;
    try {
      body = JSON.readTree(ctx.body());
    } catch (Exception e) {
      throw new ApiException(400, "body must be a JSON object: " + e.getMessage());
    }
    if (body == null || !body.isObject()) {
      throw new ApiException(400, "body must be a JSON object");
    }
    return body;
  }

  /**
   * The string field {@code name} of a posted object (null when absent or null); a value of another
   * JSON type adds a problem.
   */
  static String text(
      com.fasterxml.jackson.databind.JsonNode body, String name, java.util.List<String> problems) {
    com.fasterxml.jackson.databind.JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      problems.add(name + " must be a string");
      return null;
    }
    return v.asText();
  }

  /** The path parameter {@code name}, an id of the contract's id rule. */
  static String id(Context ctx, String name) {
    String v = ctx.pathParam(name);
    if (!MovementValidator.isId(v)) {
      throw new ApiException(400, name + " must match " + MovementValidator.ID.pattern());
    }
    return v;
  }

  /** The query parameter {@code name}, an id of the contract's id rule; null when absent. */
  static String optionalId(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (!MovementValidator.isId(v)) {
      throw new ApiException(400, name + " must match " + MovementValidator.ID.pattern());
    }
    return v;
  }

  /** The path parameter {@code lot}, a lot id. */
  static String lotId(Context ctx) {
    String v = ctx.pathParam("lot");
    if (!v.matches(LOT_ID)) {
      throw new ApiException(400, "lot must match " + LOT_ID);
    }
    return v;
  }

  /** The path parameter {@code period}, yyyy-MM. */
  static YearMonth period(Context ctx) {
    return period(ctx.pathParam("period"), "period");
  }

  /** The value {@code p} of the parameter {@code name}, a required yyyy-MM. */
  static YearMonth period(String p, String name) {
    if (p == null || p.isEmpty()) {
      throw new ApiException(400, name + " is required (yyyy-MM)");
    }
    try {
      if (!p.matches("\\d{4}-\\d{2}")) {
        throw new DateTimeParseException("", p, 0);
      }
      return YearMonth.parse(p);
    } catch (DateTimeParseException e) {
      throw new ApiException(400, name + " must be yyyy-MM, got '" + p + "'");
    }
  }

  /** The query parameter {@code limit}: 1 to {@link #MAX_LIMIT}, default 100. */
  static int limit(Context ctx) {
    String l = ctx.queryParam("limit");
    if (l == null) {
      return 100;
    }
    try {
      int n = Integer.parseInt(l);
      if (n < 1 || n > MAX_LIMIT) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ApiException(400, "limit must be between 1 and " + MAX_LIMIT);
    }
  }

  /** The query parameter {@code offset}: from 0, default 0. */
  static int offset(Context ctx) {
    String o = ctx.queryParam("offset");
    if (o == null) {
      return 0;
    }
    try {
      int n = Integer.parseInt(o);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ApiException(400, "offset must be a number from 0");
    }
  }

  /** The query parameter {@code page_token}, matching {@code rule}; null when absent. */
  static String pageToken(Context ctx, String rule) {
    String v = ctx.queryParam("page_token");
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (!v.matches(rule)) {
      throw new ApiException(400, "page_token must match " + rule);
    }
    return v;
  }
}
