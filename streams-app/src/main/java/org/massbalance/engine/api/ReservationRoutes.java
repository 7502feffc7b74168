package org.massbalance.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.massbalance.avro.Reservation;
import org.massbalance.avro.ReservationResult;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.MovementValidator;
import org.massbalance.engine.domain.ReservationRules;
import org.massbalance.engine.domain.Unit;
import org.massbalance.engine.query.KeyedStore;
import org.massbalance.engine.query.LedgerQueries;

/**
 * Before each sale: {@code GET /api/v1/availability/{site}/{product}} answered by the key's owner
 * (a standby's answer marked stale), and {@code POST /api/v1/reservations}, which writes the
 * request to {@code sale-reservations} and answers with the engine's verdict (waiting up to {@link
 * #WAIT}, then 202 with the id).
 */
final class ReservationRoutes {

  /** How long a post waits for the verdict. */
  static final Duration WAIT = Duration.ofSeconds(5);

  /** A reservation's hold when the request names no {@code expires_at}. */
  static final Duration DEFAULT_HOLD = Duration.ofMinutes(15);

  private final Routing routing;
  private final LedgerQueries ledger;
  private final TopicWriter<Reservation> writer;
  private final ReservationResults results;
  private final Clock clock;

  ReservationRoutes(
      Routing routing,
      LedgerQueries ledger,
      TopicWriter<Reservation> writer,
      ReservationResults results,
      Clock clock) {
    this.routing = routing;
    this.ledger = ledger;
    this.writer = writer;
    this.results = results;
    this.clock = clock;
  }

  /** {@code GET /api/v1/availability/{site}/{product}?quantity=Q&unit=U}. */
  void availability(Context ctx) {
    String site = RequestParams.id(ctx, "site");
    String product = RequestParams.id(ctx, "product");
    String q = ctx.queryParam("quantity");
    BigDecimal quantity = BigDecimal.ZERO;
    if (q != null && !q.isBlank()) {
      if (!MovementValidator.isQuantity(q.strip()) || new BigDecimal(q.strip()).signum() < 0) {
        throw new ApiException(
            400, "quantity: '" + q + "' is not a non-negative decimal with at most 6 decimals");
      }
      quantity = new BigDecimal(q.strip());
    }
    String u = ctx.queryParam("unit");
    Unit given = null;
    if (u != null && !u.isBlank()) {
      given =
          Unit.parse(u.strip())
              .orElseThrow(
                  () -> new ApiException(400, "unit: '" + u + "' is not one of kg, g, t, lb, oz"));
    }
    Unit askedUnit = given;
    BigDecimal asked = quantity;
    routing.keyed(
        ctx,
        KeyedStore.BOOK,
        Keys.ledger(site, product),
        stale ->
            ledger
                .availability(site, product, stale)
                .map(
                    a ->
                        JsonViews.availability(
                            site,
                            product,
                            a,
                            asked,
                            askedUnit != null ? askedUnit : ledger.unitOf(product))),
        "no stock for site " + site + " and product " + product);
  }

  /**
   * {@code POST /api/v1/reservations} with {@code reservation_id} (optional: one is made), {@code
   * site_id, product_id, quantity, unit, expires_at} (optional: {@link #DEFAULT_HOLD} from now) and
   * {@code requested_by}: 200 with the verdict (status ACCEPTED or REFUSED, reason, available), or
   * 202 with the id when it did not come within {@link #WAIT}.
   */
  void post(Context ctx) {
    if (writer == null || results == null) {
      throw new ApiException(503, "not ready: reservations cannot be written here");
    }
    JsonNode body = RequestParams.jsonObject(ctx);
    List<String> problems = new ArrayList<>();
    String id = RequestParams.text(body, "reservation_id", problems);
    String site = RequestParams.text(body, "site_id", problems);
    String product = RequestParams.text(body, "product_id", problems);
    String quantity = RequestParams.text(body, "quantity", problems);
    String unit = RequestParams.text(body, "unit", problems);
    String expires = RequestParams.text(body, "expires_at", problems);
    String by = RequestParams.text(body, "requested_by", problems);
    Reservation r =
        Reservation.newBuilder()
            .setReservationId(id == null ? UUID.randomUUID().toString() : id)
            .setSiteId(site)
            .setProductId(product)
            .setQuantity(quantity)
            .setUnit(unit)
            .setExpiresAt(expires == null ? clock.instant().plus(DEFAULT_HOLD).toString() : expires)
            .setRequestedBy(by)
            .build();
    ReservationRules.Result checked = ReservationRules.validate(r);
    if (checked.rejection() != null) {
      problems.add(checked.rejection().reason());
    }
    if (!problems.isEmpty()) {
      Map<String, Object> err = new LinkedHashMap<>();
      err.put("error", "invalid reservation: " + String.join("; ", problems));
      err.put("status", 400);
      err.put("problems", problems);
      ApiServer.json(ctx, 400, err);
      return;
    }
    ReservationRules.Valid v = checked.accepted();
    results.expect(v.reservationId());
    try {
      writer.write(Keys.ledger(v.siteId(), v.productId()), r);
    } catch (RuntimeException e) {
      results.forget(v.reservationId());
      throw e;
    }
    ReservationResult answer = results.await(v.reservationId(), WAIT);
    if (answer == null) {
      Map<String, Object> pending = new LinkedHashMap<>();
      pending.put("reservation_id", v.reservationId());
      pending.put("status", "PENDING");
      ApiServer.json(ctx, 202, pending);
      return;
    }
    ApiServer.json(ctx, 200, JsonViews.avro(answer));
  }
}
