package org.massbalance.engine.processors.ledger;

import java.math.BigDecimal;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.engine.domain.LedgerMovement;
import org.massbalance.engine.domain.OrderKey;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.domain.SiteInfo;
import org.massbalance.engine.stores.KeyState;

/**
 * A movement the ledger has applied, handed in process to the processors after it (periods, lots):
 * the movement, its reference data and what the ledger found.
 *
 * @param bookBeforeKg the book before the movement was applied (the current book)
 * @param bookAfterKg the book after it
 * @param inOrder true when no processed movement of the key comes after it in the contract's order
 * @param changesBook false for a movement dated before the last COUNT (it does not change the book)
 * @param oversold true when the ledger raised OVERSELL for it
 * @param late true when the ledger raised LATE_MOVEMENT for it
 * @param fromOwnPartition true when the movement was read from its own partition of the movements
 *     topic; false when it was re-routed or is a transfer's arrival (see {@link
 *     Admitted#fromOwnPartition()})
 * @param state the key's compact state after the ledger applied the movement: the processors after
 *     the ledger update it in the same call, and the ledger writes it once when they are done
 */
public record LedgerEvent(
    LedgerInput input,
    LedgerMovement movement,
    OrderKey order,
    SiteInfo site,
    ProductInfo product,
    BigDecimal bookBeforeKg,
    BigDecimal bookAfterKg,
    boolean inOrder,
    boolean changesBook,
    boolean oversold,
    boolean late,
    boolean fromOwnPartition,
    KeyState state) {}
