package org.massbalance.engine.api;

import io.javalin.http.Context;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.massbalance.engine.query.ImportCertificateQueries;
import org.massbalance.engine.query.KeyedStore;
import org.massbalance.engine.query.LedgerQueries;
import org.massbalance.imports.ImportCertificateRecords;

/**
 * {@code /api/v1/import-certificates}: an import certificate with its certified, received and
 * remaining quantities and the movements drawn from it (answered by the owner of its number), and
 * the list of every certificate the engine holds (gathered from every instance).
 */
final class ImportCertificateRoutes {

  /** What a page token (the sequence of the last draw of the page before) matches. */
  static final String PAGE_TOKEN = "[0-9]{1,12}";

  private final Routing routing;
  private final LedgerQueries ledger;

  ImportCertificateRoutes(Routing routing, LedgerQueries ledger) {
    this.routing = routing;
    this.ledger = ledger;
  }

  /**
   * {@code GET /api/v1/import-certificates/{number}?page_token=&limit=}: the certificate and a page
   * of the movements drawn from it, in the order the engine processed them.
   */
  void certificate(Context ctx) {
    String number = ctx.pathParam("number");
    if (!ImportCertificateRecords.validNumber(number)) {
      throw new ApiException(
          400, "number must be an NOP Import Certificate number NNN-NNNNNNNNNN-NNNNNN");
    }
    int limit = RequestParams.limit(ctx);
    String token = RequestParams.pageToken(ctx, PAGE_TOKEN);
    long after = token == null ? 0 : Long.parseLong(token);
    routing.keyed(
        ctx,
        KeyedStore.IMPORT_CERTIFICATES,
        number,
        stale ->
            ledger
                .importCertificates()
                .certificate(number, after, limit, stale)
                .map(v -> JsonViews.importCertificate(v, true)),
        "no import certificate " + number + " (no record of it and no movement naming it)");
  }

  /**
   * {@code GET /api/v1/import-certificates?from=yyyy-MM&to=yyyy-MM&offset=&limit=}: every
   * certificate (record or draws) held by the engine, gathered from every instance, in number
   * order, a page at a time; with {@code from} (and {@code to}, default {@code from}), those drawn
   * by a movement dated in those site-local months.
   */
  void certificates(Context ctx) {
    String fromParam = ctx.queryParam("from");
    String toParam = ctx.queryParam("to");
    YearMonth from = null;
    YearMonth to = null;
    if (fromParam != null && !fromParam.isEmpty()) {
      from = RequestParams.period(fromParam, "from");
      to = toParam == null || toParam.isEmpty() ? from : RequestParams.period(toParam, "to");
      if (to.isBefore(from)) {
        throw new ApiException(400, "to must not be before from");
      }
    } else if (toParam != null && !toParam.isEmpty()) {
      throw new ApiException(400, "to needs from");
    }
    int limit = RequestParams.limit(ctx);
    int offset = RequestParams.offset(ctx);
    routing.requireRunning();
    YearMonth f = from;
    YearMonth t = to;
    List<Map<String, Object>> all = new ArrayList<>();
    for (ImportCertificateQueries.View v :
        Routing.local(() -> ledger.importCertificates().listed(f, t))) {
      all.add(JsonViews.importCertificate(v, false));
    }
    boolean forwarded = Routing.forwarded(ctx);
    boolean complete = true;
    if (!forwarded) {
      String q = from == null ? "" : "?from=" + from + "&to=" + to;
      complete = routing.gather(ctx, ctx.path() + q, "import_certificates", all);
    }
    all.sort(Comparator.comparing(m -> String.valueOf(m.get("certificate_number"))));
    ApiServer.json(
        ctx,
        200,
        Routing.gatheredPage("import_certificates", all, forwarded, offset, limit, complete));
  }
}
