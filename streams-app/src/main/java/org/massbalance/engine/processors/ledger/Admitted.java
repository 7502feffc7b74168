package org.massbalance.engine.processors.ledger;

import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.domain.SiteInfo;

/**
 * A movement admitted to its ledger, with the site and product validation judged it with when it
 * comes straight from validation (same task, same call), so the ledger does not look them up again;
 * both null when it comes through a topic (re-routed, or a transfer's arrival), and the ledger
 * looks them up.
 *
 * @param input the movement and what travels with it
 * @param site the movement's site as validation read it, or null
 * @param product the movement's product as validation read it, or null
 */
public record Admitted(LedgerInput input, SiteInfo site, ProductInfo product) {

  /** A movement read from a topic: the ledger looks its site and product up. */
  public static Admitted fromTopic(LedgerInput input) {
    return new Admitted(input, null, null);
  }

  /**
   * Whether the movement was read from its own partition of the movements topic (straight from
   * validation), not re-routed nor a transfer's arrival.
   */
  public boolean fromOwnPartition() {
    return site != null;
  }
}
