package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.massbalance.avro.Reservation;

/**
 * The contract's Before each sale, as pure rules: what a reservation record must hold, what is
 * available (certified lots on hand less the open reservations, never below 0) and the verdict on a
 * reservation judged against it. Lots not certified at receipt never count as available.
 */
public final class ReservationRules {

  /** Status of an accepted reservation. */
  public static final String ACCEPTED = "ACCEPTED";

  /** Status of a refused reservation. */
  public static final String REFUSED = "REFUSED";

  private ReservationRules() {}

  /** A valid reservation, its quantity also in kg. */
  public record Valid(
      String reservationId,
      String siteId,
      String productId,
      BigDecimal quantity,
      Unit unit,
      BigDecimal quantityKg,
      Instant expiresAt,
      String requestedBy) {}

  /** Outcome of validation: exactly one of {@code accepted} and {@code rejection} is set. */
  public record Result(Valid accepted, Rejection rejection) {}

  /** Checks a reservation record against the rules, with every reason. */
  public static Result validate(Reservation raw) {
    FieldChecks.Problems p = new FieldChecks.Problems();
    String id = MovementValidator.clean(raw.getReservationId());
    String site = MovementValidator.clean(raw.getSiteId());
    String product = MovementValidator.clean(raw.getProductId());
    FieldChecks.id("reservation_id", id, true, p);
    FieldChecks.id("site_id", site, true, p);
    FieldChecks.id("product_id", product, true, p);
    BigDecimal quantity =
        FieldChecks.quantity(
            "quantity",
            "quantity",
            MovementValidator.clean(raw.getQuantity()),
            q -> q.signum() <= 0 ? "must be positive for a reservation" : null,
            p);
    Optional<Unit> unit =
        FieldChecks.unit("unit", "unit", MovementValidator.clean(raw.getUnit()), p);
    Instant expires = null;
    String when = MovementValidator.clean(raw.getExpiresAt());
    if (when == null) {
      p.add("expires_at", "expires_at: missing");
    } else {
      try {
        expires = Instant.parse(when.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        p.add(
            "expires_at",
            "expires_at: '" + FieldChecks.clip(when) + "' is not an ISO-8601 instant");
      }
    }
    String by = MovementValidator.clean(raw.getRequestedBy());
    FieldChecks.text("requested_by", by, p);
    if (!p.isEmpty()) {
      return new Result(null, p.rejection());
    }
    Unit u = unit.orElseThrow();
    return new Result(
        new Valid(id, site, product, quantity, u, u.toKg(quantity), expires, by), null);
  }

  /** Certified kg less reserved kg, never below 0. */
  public static BigDecimal availableKg(BigDecimal certifiedKg, BigDecimal reservedKg) {
    BigDecimal a = certifiedKg.subtract(reservedKg);
    return a.signum() < 0 ? BigDecimal.ZERO : a;
  }

  /** Whether a lot with {@code certifiedAtReceipt} counts as available: only a certified one. */
  public static boolean countsAsAvailable(Boolean certifiedAtReceipt) {
    return Boolean.TRUE.equals(certifiedAtReceipt);
  }

  /**
   * The verdict on a reservation of {@code quantityKg} until {@code expiresAt}, judged at {@code
   * now} with {@code availableKg} available: null when accepted, else the reason it is refused.
   */
  public static String refusal(
      BigDecimal quantityKg, Instant expiresAt, BigDecimal availableKg, Instant now) {
    if (!expiresAt.isAfter(now)) {
      return "expires_at " + expiresAt + " has passed";
    }
    if (quantityKg.compareTo(availableKg) > 0) {
      return "insufficient certified stock: "
          + Decimals.present(availableKg)
          + " kg available, "
          + Decimals.present(quantityKg)
          + " kg asked";
    }
    return null;
  }
}
