package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.massbalance.avro.Alert;
import org.massbalance.avro.internal.LotFacts;

/**
 * Organic integrity on the way out (the contract's section of that name): UNCERTIFIED_SOURCE when a
 * SALE of an organic product draws from lots not certified at receipt, and COMMINGLING_RISK when a
 * product that is not organic enters a site kept organic only. Pure: the lots processor knows what
 * each movement drew and where goods came in.
 */
public final class OrganicIntegrity {

  /** Why a lot made from a transformation is not certified. */
  public static final String UPSTREAM = "an uncertified input upstream";

  /** Why a lot received without a NOP ID is not certified. */
  public static final String CERTIFICATE_MISSING = "certificate missing";

  /** Why a lot received from a supplier not certified that day is not certified. */
  public static final String SUPPLIER_NOT_CERTIFIED = "supplier not certified at receipt";

  private OrganicIntegrity() {}

  /**
   * A lot that is not certified, what a sale drew from it and why.
   *
   * @param reason one of {@link #UPSTREAM}, {@link #CERTIFICATE_MISSING}, {@link
   *     #SUPPLIER_NOT_CERTIFIED}
   */
  public record UncertifiedLot(String lotId, BigDecimal kg, String reason) {}

  /** Why the lot of {@code facts} (not certified at receipt) is not certified. */
  public static String whyUncertified(LotFacts facts) {
    if (facts.getTransformationId() != null) {
      return UPSTREAM;
    }
    return facts.getSupplierNopId() == null ? CERTIFICATE_MISSING : SUPPLIER_NOT_CERTIFIED;
  }

  /**
   * UNCERTIFIED_SOURCE for {@code mv} (a movement that sells to a customer) of an organic product
   * that drew from the {@code uncertified} lots (none: no alert): once per movement, its quantity
   * what it drew from them.
   */
  public static Optional<Alert> uncertifiedSource(
      LedgerMovement mv,
      SiteInfo site,
      ProductInfo product,
      List<UncertifiedLot> uncertified,
      Instant now) {
    if (uncertified.isEmpty() || !product.organic() || !mv.type().sellsToCustomer()) {
      return Optional.empty();
    }
    BigDecimal kg = BigDecimal.ZERO;
    for (UncertifiedLot l : uncertified) {
      kg = kg.add(l.kg());
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put(
        "lots",
        uncertified.stream()
            .map(l -> l.lotId() + " (" + l.reason() + ")")
            .collect(Collectors.joining(", ")));
    for (UncertifiedLot l : uncertified) {
      details.put("lot." + l.lotId(), Decimals.presentKg(l.kg(), product.unit()));
    }
    String lots =
        uncertified.size() == 1
            ? "lot " + uncertified.get(0).lotId() + " (" + uncertified.get(0).reason() + ")"
            : uncertified.size() + " lots not certified at receipt (" + details.get("lots") + ")";
    String message =
        Alerts.takes(mv, product)
            + " as organic; "
            + Alerts.amount(kg, product)
            + " of it comes from "
            + lots
            + ".";
    return Optional.of(
        Alerts.forMovement(
            AlertType.UNCERTIFIED_SOURCE,
            mv,
            site,
            product,
            uncertified.size() == 1 ? uncertified.get(0).lotId() : null,
            kg,
            message,
            details,
            now));
  }

  /**
   * COMMINGLING_RISK for {@code mv}, which brings a product into {@code site}: when the product is
   * not organic and the site is kept organic only; once per movement.
   */
  public static Optional<Alert> comminglingRisk(
      LedgerMovement mv, SiteInfo site, ProductInfo product, String lotId, Instant now) {
    if (product.organic() || !site.organicOnly()) {
      return Optional.empty();
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("organic_only", "true");
    details.put("organic", "false");
    String message =
        Alerts.describe(mv)
            + " brings "
            + Alerts.amount(mv.quantityKg().abs(), product)
            + " of "
            + mv.productId()
            + ", which is not organic, into "
            + mv.siteId()
            + ", a site kept organic only.";
    return Optional.of(
        Alerts.forMovement(
            AlertType.COMMINGLING_RISK,
            mv,
            site,
            product,
            lotId,
            mv.quantityKg().abs(),
            message,
            details,
            now));
  }
}
