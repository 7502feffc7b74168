package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.massbalance.avro.Alert;

/**
 * The ledger's alerts, their rules where they are the ledger's alone, and their messages: a COUNT
 * beyond the product's tolerance (VARIANCE_EXCEEDED), a movement dated before the last COUNT
 * (LATE_MOVEMENT), a WASTE without reason or document (WASTE_UNDOCUMENTED). Pure: the ledger
 * processor decides when to ask.
 */
public final class LedgerAlerts {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private LedgerAlerts() {}

  /**
   * VARIANCE_EXCEEDED for a COUNT of {@code mv.quantityKg()} against {@code bookAt}, the book at
   * its place: when 100 * |counted - book| exceeds tolerance * |book| (any variance at a zero
   * book); empty within tolerance.
   */
  public static Optional<Alert> varianceExceeded(
      LedgerMovement mv, SiteInfo site, ProductInfo product, BigDecimal bookAt, Instant now) {
    BigDecimal variance = mv.quantityKg().subtract(bookAt);
    boolean exceeded =
        bookAt.signum() == 0
            ? variance.signum() != 0
            : variance
                    .abs()
                    .multiply(HUNDRED)
                    .compareTo(product.tolerancePct().multiply(bookAt.abs()))
                > 0;
    if (!exceeded) {
      return Optional.empty();
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("counted", Decimals.presentKg(mv.quantityKg(), product.unit()));
    details.put("book_at_count", Decimals.presentKg(bookAt, product.unit()));
    BigDecimal pct = Decimals.percent(variance, bookAt);
    if (pct != null) {
      details.put("variance_pct", Decimals.present(pct));
    }
    details.put("tolerance_pct", Decimals.present(product.tolerancePct()));
    String message =
        String.format(
            "COUNT %s of %s at %s found %s against a book of %s: a variance of %s%s, beyond the"
                + " tolerance of %s%%.",
            mv.movementId(),
            mv.productId(),
            mv.siteId(),
            Alerts.amount(mv.quantityKg(), product),
            Alerts.amount(bookAt, product),
            Alerts.amount(variance, product),
            pct == null ? "" : " (" + Decimals.present(pct) + " %)",
            Decimals.present(product.tolerancePct()));
    return Optional.of(
        Alerts.forMovement(
            AlertType.VARIANCE_EXCEEDED, mv, site, product, null, variance, message, details, now));
  }

  /**
   * LATE_MOVEMENT for a movement dated before the last COUNT, at {@code lastCountAt}; when its
   * month is signed ({@code signedThrough}, the key's latest signed month, may be null) the details
   * name it and the month that takes the correction, as the one LATE_MOVEMENT of the movement.
   */
  public static Alert lateBeforeCount(
      LedgerMovement mv,
      SiteInfo site,
      ProductInfo product,
      Instant lastCountAt,
      String signedThrough,
      Instant now) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("reason", "before the last COUNT");
    details.put("last_count_at", lastCountAt.toString());
    YearMonth period = mv.period(site.zone());
    SignOffRules.correctionTarget(period, signedThrough)
        .ifPresent(
            in -> {
              details.put("signed_period", period.toString());
              details.put("corrected_in", in.toString());
            });
    String message =
        String.format(
            "%s of %s at %s is dated %s, before the last COUNT (%s): it does not change the book.",
            Alerts.describe(mv), mv.productId(), mv.siteId(), mv.instant(), lastCountAt);
    return Alerts.lateMovement(mv, site, product, message, details, now);
  }

  /** True when a WASTE lacks its reason or its document reference. */
  public static boolean undocumented(LedgerMovement mv) {
    return mv.movement().getReason() == null || mv.movement().getDocumentRef() == null;
  }

  /** WASTE_UNDOCUMENTED for a WASTE without reason or document, naming what is missing. */
  public static Alert wasteUndocumented(
      LedgerMovement mv, SiteInfo site, ProductInfo product, Instant now) {
    List<String> missing = new ArrayList<>();
    if (mv.movement().getReason() == null) {
      missing.add("reason");
    }
    if (mv.movement().getDocumentRef() == null) {
      missing.add("document_ref");
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("missing", String.join(",", missing));
    String message =
        "WASTE "
            + mv.movementId()
            + " of "
            + Alerts.amount(mv.quantityKg(), product)
            + " of "
            + mv.productId()
            + " at "
            + mv.siteId()
            + " has no "
            + String.join(" and no ", missing)
            + ".";
    return Alerts.forMovement(
        AlertType.WASTE_UNDOCUMENTED,
        mv,
        site,
        product,
        null,
        mv.quantityKg(),
        message,
        details,
        now);
  }
}
