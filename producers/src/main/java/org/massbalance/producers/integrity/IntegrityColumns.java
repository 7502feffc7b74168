package org.massbalance.producers.integrity;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The INTEGRITY export's column (and XML element) names that the mapping reads. */
public final class IntegrityColumns {

  /** NOP ID (10 digits); the XLSX header row is the row holding it. */
  public static final String ID = "op_nopOpID";

  /** Operation name. */
  public static final String NAME = "op_name";

  /** Certifying agent. */
  public static final String CERTIFIER = "op_certifierName";

  /** Status word: Certified, Surrendered, Suspended, Revoked, ... */
  public static final String STATUS = "op_status";

  /** Date (and time) the status took effect. */
  public static final String STATUS_EFFECTIVE = "op_statusEffectiveDate";

  /** Anniversary date of the certification. */
  public static final String ANNIVERSARY = "op_nopAnniversaryDate";

  /** Scope columns holding "Certified": crops. */
  public static final String SCOPE_CROPS = "opSC_CR";

  /** Livestock scope. */
  public static final String SCOPE_LIVESTOCK = "opSC_LS";

  /** Wild crops scope. */
  public static final String SCOPE_WILD_CROPS = "opSC_WC";

  /** Handling scope. */
  public static final String SCOPE_HANDLING = "opSC_HANDLING";

  /** Every column the mapping reads, in the order of the contract. */
  public static final List<String> ALL =
      List.of(
          ID,
          NAME,
          CERTIFIER,
          STATUS,
          STATUS_EFFECTIVE,
          SCOPE_CROPS,
          SCOPE_LIVESTOCK,
          SCOPE_WILD_CROPS,
          SCOPE_HANDLING,
          ANNIVERSARY);

  /** Columns a header must hold. */
  public static final List<String> REQUIRED = List.of(ID, STATUS);

  private static final Map<String, String> BY_LOWER_CASE =
      ALL.stream().collect(Collectors.toMap(c -> c.toLowerCase(Locale.ROOT), Function.identity()));

  private IntegrityColumns() {}

  /**
   * The column a header cell or element names (case-insensitive, trimmed, a byte-order mark
   * dropped), if the mapping reads it.
   */
  public static Optional<String> of(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
    return Optional.ofNullable(BY_LOWER_CASE.get(n));
  }
}
