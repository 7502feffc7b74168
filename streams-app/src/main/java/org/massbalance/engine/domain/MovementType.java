package org.massbalance.engine.domain;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The six movement types and their rank in the contract's order of movements: 0 for inbound
 * (RECEIPT, positive ADJUSTMENT, a transfer's arrival), 1 for outbound, 2 for COUNT.
 */
public enum MovementType {
  RECEIPT,
  SALE,
  WASTE,
  TRANSFER,
  ADJUSTMENT,
  COUNT;

  /** Each type under its name as the contract writes it: the common case, without a copy. */
  private static final Map<String, Optional<MovementType>> BY_NAME = new HashMap<>();

  static {
    for (MovementType t : values()) {
      BY_NAME.put(t.name(), Optional.of(t));
    }
  }

  /** The type named by {@code text} (case-insensitive, trimmed), if any. */
  public static Optional<MovementType> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Optional<MovementType> exact = BY_NAME.get(text);
    if (exact != null) {
      return exact;
    }
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
