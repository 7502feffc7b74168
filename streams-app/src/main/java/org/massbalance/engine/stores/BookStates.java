package org.massbalance.engine.stores;

import java.math.BigDecimal;

/** Reading the book store: the book balance of a site|product. */
public final class BookStates {

  private BookStates() {}

  /** The book balance in kg: the last COUNT plus the net after it, or the net of all. */
  public static BigDecimal balanceKg(KeyState s) {
    return s == null ? BigDecimal.ZERO : s.balance();
  }
}
