package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.massbalance.avro.Alert;

/**
 * The ledger's OVERSELL rule (contract, alert table): an outbound movement (SALE, WASTE, TRANSFER
 * at its source, negative ADJUSTMENT) takes more than the book balance of its site|product at its
 * place in the order. That book is the current book for a movement after the last COUNT, and for
 * one dated before it (a LATE_MOVEMENT too) the last COUNT before it plus the net of the movements
 * between: the book over the processed movements before it. The alert's quantity is the shortfall,
 * outbound − max(book, 0).
 */
public final class OversellRule {

  private OversellRule() {}

  /**
   * The book a movement is judged against: {@code currentKg} when it comes after the last COUNT (or
   * there is none), else {@code bookBeforeItKg}, read only then (it scans the history).
   */
  public static BigDecimal bookAtPlace(
      boolean afterLastCount, BigDecimal currentKg, Supplier<BigDecimal> bookBeforeItKg) {
    return afterLastCount ? currentKg : bookBeforeItKg.get();
  }

  /**
   * The shortfall when {@code outboundKg} (positive) exceeds {@code bookKg}: outbound − max(book,
   * 0); empty when the book covers it.
   */
  public static Optional<BigDecimal> shortfall(BigDecimal outboundKg, BigDecimal bookKg) {
    if (outboundKg.compareTo(bookKg) <= 0) {
      return Optional.empty();
    }
    return Optional.of(outboundKg.subtract(bookKg.max(BigDecimal.ZERO)));
  }

  /**
   * The OVERSELL alert of {@code mv} judged against {@code bookKg}, the book at its place; empty
   * when {@code mv} is not outbound or the book covers it.
   *
   * @param beforeLastCount true when {@code mv} is dated before the last COUNT (the message says
   *     which book judged it)
   */
  public static Optional<Alert> judge(
      LedgerMovement mv,
      BigDecimal bookKg,
      boolean beforeLastCount,
      SiteInfo site,
      ProductInfo product,
      Instant detectedAt) {
    if (!mv.isOutbound()) {
      return Optional.empty();
    }
    return shortfall(mv.outboundKg(), bookKg)
        .map(missingKg -> alert(mv, bookKg, missingKg, beforeLastCount, site, product, detectedAt));
  }

  private static Alert alert(
      LedgerMovement mv,
      BigDecimal bookKg,
      BigDecimal shortfallKg,
      boolean beforeLastCount,
      SiteInfo site,
      ProductInfo product,
      Instant detectedAt) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("requested", Decimals.presentKg(mv.outboundKg(), product.unit()));
    details.put("book_balance", Decimals.presentKg(bookKg, product.unit()));
    if (beforeLastCount) {
      details.put("book_at", "its place before the last COUNT");
    }
    String message =
        // concatenated rather than formatted: OVERSELL is frequent, and a Formatter costs
        Alerts.takes(mv, product)
            + " but the book balance "
            + (beforeLastCount ? "at its place in the order (before the last COUNT) " : "")
            + "is "
            + Alerts.amount(bookKg, product)
            + ": "
            + Alerts.amount(shortfallKg, product)
            + " short.";
    return Alerts.forMovement(
        AlertType.OVERSELL, mv, site, product, null, shortfallKg, message, details, detectedAt);
  }
}
