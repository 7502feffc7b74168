package org.massbalance.engine.stores;

import java.math.BigDecimal;
import org.massbalance.avro.internal.BookState;

/** Reading the book store: the book balance of a site|product. */
public final class BookStates {

  private BookStates() {}

  /** The book balance in kg: the last COUNT plus the net after it, or the net of all. */
  public static BigDecimal balanceKg(BookState s) {
    if (s == null) {
      return BigDecimal.ZERO;
    }
    BigDecimal net = new BigDecimal(s.getNetKg());
    return s.getLastCountKg() == null ? net : new BigDecimal(s.getLastCountKg()).add(net);
  }
}
