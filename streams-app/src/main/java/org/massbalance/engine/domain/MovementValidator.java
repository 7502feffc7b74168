package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.massbalance.avro.Movement;
import org.massbalance.avro.internal.LedgerInput;

/**
 * The contract's rules for a movement (section Bad input), as a pure function: a decoded movement,
 * the sites' zones and the wall clock in; a normalised {@link LedgerInput} or the reasons out.
 */
public final class MovementValidator {

  /** Ids of sites, products, lots and movements. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** The longest id. */
  static final int ID_MAX = 64;

  /** Quantities: at most 6 decimals. */
  public static final Pattern QUANTITY = Pattern.compile("[+-]?[0-9]+(\\.[0-9]{1,6})?");

  /** Integer digits beyond which a quantity is refused as absurd (10^24 units). */
  public static final int MAX_INTEGER_DIGITS = 24;

  /**
   * Characters a free-text field (supplier_id, supplier_lot, supplier_nop_id, import_certificate,
   * origin_country, counterparty_id, document_ref, reason) may hold after trimming; a movement with
   * a longer one is rejected, so that no output built from a movement grows with its text (ADR 10).
   */
  public static final int MAX_TEXT_CHARS = 1_000;

  private static final char BOM = '\uFEFF';

  private final Function<String, ZoneId> siteZone;
  private final Duration futureTolerance;

  /**
   * @param siteZone the zone of a site (UTC for unknown sites)
   * @param futureTolerance how far ahead of the wall clock occurred_at may be (24 h)
   */
  public MovementValidator(Function<String, ZoneId> siteZone, Duration futureTolerance) {
    this.siteZone = siteZone;
    this.futureTolerance = futureTolerance;
  }

  /** Outcome: exactly one of {@code accepted} and {@code rejection} is set. */
  public record Result(LedgerInput accepted, Rejection rejection) {
    /** True when the movement passed every rule. */
    public boolean isAccepted() {
      return accepted != null;
    }
  }

  /** Checks {@code raw} against every rule at wall-clock time {@code now}. */
  public Result validate(Movement raw, Instant now) {
    Movement m = normalise(raw);
    FieldChecks.Problems problems = new FieldChecks.Problems();

    Optional<MovementType> type =
        MovementType.parse(m.getType()).filter(MovementType::fromMovementsTopic);
    if (m.getType() == null) {
      problems.add("type", "type: missing");
    } else if (type.isEmpty()) {
      problems.add(
          "type",
          "type: '"
              + FieldChecks.clip(m.getType())
              + "' is not one of "
              + MovementType.INPUT_NAMES);
    }
    FieldChecks.id("movement_id", m.getMovementId(), true, problems);
    FieldChecks.id("site_id", m.getSiteId(), true, problems);
    FieldChecks.id("product_id", m.getProductId(), true, problems);
    FieldChecks.id("lot_id", m.getLotId(), false, problems);
    Function<BigDecimal, String> rule = type.isPresent() ? type.get()::quantityRule : null;
    BigDecimal quantity =
        FieldChecks.quantity("quantity", "quantity", m.getQuantity(), rule, problems);
    Optional<Unit> unit = FieldChecks.unit("unit", "unit", m.getUnit(), problems);
    Instant instant =
        FieldChecks.occurredAt(
            m.getOccurredAt(),
            FieldChecks.zoneOf(m.getSiteId(), siteZone),
            type.map(MovementType::dateMeansEndOfDay).orElse(false),
            now,
            futureTolerance,
            problems);

    if (type.map(MovementType::takesDestination).orElse(false)) {
      String to = m.getToSiteId();
      if (to == null) {
        problems.add("to_site_id", "to_site_id: missing for " + type.get());
      } else if (!isId(to)) {
        problems.add(
            "to_site_id",
            "to_site_id: '" + FieldChecks.clip(to) + "' does not match " + ID.pattern());
      } else if (to.equals(m.getSiteId())) {
        problems.add("to_site_id", "to_site_id: must differ from site_id");
      }
    }

    if (m.getReservationId() != null) {
      FieldChecks.id("reservation_id", m.getReservationId(), false, problems);
      if (type.isPresent() && !type.get().consumesReservation()) {
        problems.add("reservation_id", "reservation_id: only a SALE names a reservation");
      }
    }

    FieldChecks.text("supplier_id", m.getSupplierId(), problems);
    FieldChecks.text("supplier_lot", m.getSupplierLot(), problems);
    FieldChecks.text("supplier_nop_id", m.getSupplierNopId(), problems);
    FieldChecks.text("import_certificate", m.getImportCertificate(), problems);
    FieldChecks.text("origin_country", m.getOriginCountry(), problems);
    FieldChecks.text("counterparty_id", m.getCounterpartyId(), problems);
    FieldChecks.text("document_ref", m.getDocumentRef(), problems);
    FieldChecks.text("reason", m.getReason(), problems);

    if (!problems.isEmpty()) {
      return new Result(null, problems.rejection());
    }
    m.setType(type.get().name());
    m.setUnit(unit.get().symbol());
    if (!type.get().takesDestination()) {
      m.setToSiteId(null);
    }
    LedgerInput in = new LedgerInput();
    in.setMovement(m);
    in.setEpochSecond(instant.getEpochSecond());
    in.setNano(instant.getNano());
    in.setQuantityKg(Decimals.store(unit.get().toKg(quantity)));
    in.setArrival(false);
    in.setSourceTopic("");
    in.setSourcePartition(-1);
    in.setSourceOffset(-1L);
    return new Result(in, null);
  }

  /**
   * Trims every value, drops a byte-order mark, and turns empty values into null: a new movement,
   * {@code raw} is left as it is. (Field by field rather than through Avro's builder, which deep
   * copies the record and resolves defaults on the hot path.)
   */
  static Movement normalise(Movement raw) {
    Movement m = new Movement();
    m.setMovementId(clean(raw.getMovementId()));
    m.setType(clean(raw.getType()));
    m.setOccurredAt(clean(raw.getOccurredAt()));
    m.setSiteId(clean(raw.getSiteId()));
    m.setProductId(clean(raw.getProductId()));
    m.setQuantity(clean(raw.getQuantity()));
    m.setUnit(clean(raw.getUnit()));
    m.setLotId(clean(raw.getLotId()));
    m.setSupplierId(clean(raw.getSupplierId()));
    m.setSupplierLot(clean(raw.getSupplierLot()));
    m.setSupplierNopId(clean(raw.getSupplierNopId()));
    m.setImportCertificate(clean(raw.getImportCertificate()));
    String origin = clean(raw.getOriginCountry());
    m.setOriginCountry(origin == null ? null : origin.toUpperCase(Locale.ROOT));
    m.setCounterpartyId(clean(raw.getCounterpartyId()));
    m.setDocumentRef(clean(raw.getDocumentRef()));
    m.setReason(clean(raw.getReason()));
    m.setToSiteId(clean(raw.getToSiteId()));
    m.setIngestedAt(raw.getIngestedAt());
    m.setReservationId(clean(raw.getReservationId()));
    return m;
  }

  /** True for a value matching {@link #ID}, checked without a regular expression. */
  public static boolean isId(String value) {
    int n = value.length();
    if (n < 1 || n > 64) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** True for a value matching {@link #QUANTITY}, checked without a regular expression. */
  public static boolean isQuantity(String value) {
    int n = value.length();
    int i = n > 0 && (value.charAt(0) == '+' || value.charAt(0) == '-') ? 1 : 0;
    int from = i;
    while (i < n && isDigit(value.charAt(i))) {
      i++;
    }
    if (i == from) {
      return false;
    }
    if (i == n) {
      return true;
    }
    if (value.charAt(i) != '.') {
      return false;
    }
    int decimals = n - i - 1;
    if (decimals < 1 || decimals > 6) {
      return false;
    }
    for (i++; i < n; i++) {
      if (!isDigit(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static String clean(String s) {
    if (s == null) {
      return null;
    }
    String t = s;
    while (!t.isEmpty() && t.charAt(0) == BOM) {
      t = t.substring(1);
    }
    t = t.strip();
    return t.isEmpty() ? null : t;
  }
}
