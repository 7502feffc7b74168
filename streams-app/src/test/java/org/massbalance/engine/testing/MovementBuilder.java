package org.massbalance.engine.testing;

import java.util.concurrent.atomic.AtomicLong;
import org.massbalance.avro.Movement;

/**
 * Builds movements as a producer would write them, reading like the spec: {@code sale(FRESNO,
 * ALMONDS, "600", "lb").at("2025-11-12").id("m-003")}.
 */
public final class MovementBuilder {

  /**
   * Default movement ids: unique in the run, fixed-width so that they sort by bytes in the order
   * the builders were made. Two movements of a test without ids of their own then take the same
   * place in the contract's order (instant, rank, movement_id) whichever tests ran before ("mv-10"
   * would sort before "mv-9").
   */
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Movement.Builder m = Movement.newBuilder();

  private MovementBuilder(String type, String site, String product, String quantity, String unit) {
    m.setMovementId(String.format("mv-%010d", SEQUENCE.incrementAndGet()))
        .setType(type)
        .setSiteId(site)
        .setProductId(product)
        .setQuantity(quantity)
        .setUnit(unit)
        .setOccurredAt("2025-11-01");
  }

  /** A movement of any type (including invalid ones). */
  public static MovementBuilder movement(
      String type, String site, String product, String quantity, String unit) {
    return new MovementBuilder(type, site, product, quantity, unit);
  }

  public static MovementBuilder receipt(String site, String product, String quantity, String unit) {
    return new MovementBuilder("RECEIPT", site, product, quantity, unit);
  }

  public static MovementBuilder sale(String site, String product, String quantity, String unit) {
    return new MovementBuilder("SALE", site, product, quantity, unit);
  }

  public static MovementBuilder waste(String site, String product, String quantity, String unit) {
    return new MovementBuilder("WASTE", site, product, quantity, unit)
        .reason("spoiled")
        .document("WD-1");
  }

  public static MovementBuilder count(String site, String product, String quantity, String unit) {
    return new MovementBuilder("COUNT", site, product, quantity, unit);
  }

  public static MovementBuilder adjustment(
      String site, String product, String quantity, String unit) {
    return new MovementBuilder("ADJUSTMENT", site, product, quantity, unit);
  }

  public static MovementBuilder transfer(
      String site, String toSite, String product, String quantity, String unit) {
    return new MovementBuilder("TRANSFER", site, product, quantity, unit).toSite(toSite);
  }

  public MovementBuilder id(String id) {
    m.setMovementId(id);
    return this;
  }

  public MovementBuilder at(String occurredAt) {
    m.setOccurredAt(occurredAt);
    return this;
  }

  public MovementBuilder lot(String lot) {
    m.setLotId(lot);
    return this;
  }

  public MovementBuilder reason(String reason) {
    m.setReason(reason);
    return this;
  }

  public MovementBuilder document(String ref) {
    m.setDocumentRef(ref);
    return this;
  }

  public MovementBuilder toSite(String site) {
    m.setToSiteId(site);
    return this;
  }

  public MovementBuilder supplier(String supplierId, String nopId) {
    m.setSupplierId(supplierId);
    m.setSupplierNopId(nopId);
    return this;
  }

  public MovementBuilder supplierLot(String supplierLot) {
    m.setSupplierLot(supplierLot);
    return this;
  }

  public MovementBuilder importCertificate(String number) {
    m.setImportCertificate(number);
    return this;
  }

  public MovementBuilder origin(String country) {
    m.setOriginCountry(country);
    return this;
  }

  public MovementBuilder counterparty(String id) {
    m.setCounterpartyId(id);
    return this;
  }

  /** The sale reservation the movement fills ({@code reservation_id}). */
  public MovementBuilder reservation(String reservationId) {
    m.setReservationId(reservationId);
    return this;
  }

  public MovementBuilder type(String type) {
    m.setType(type);
    return this;
  }

  public MovementBuilder quantity(String quantity) {
    m.setQuantity(quantity);
    return this;
  }

  public MovementBuilder unit(String unit) {
    m.setUnit(unit);
    return this;
  }

  public MovementBuilder site(String site) {
    m.setSiteId(site);
    return this;
  }

  public MovementBuilder product(String product) {
    m.setProductId(product);
    return this;
  }

  public Movement build() {
    return m.build();
  }
}
