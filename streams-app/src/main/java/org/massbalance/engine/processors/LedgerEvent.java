package org.massbalance.engine.processors;

import java.math.BigDecimal;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.engine.domain.LedgerMovement;
import org.massbalance.engine.domain.OrderKey;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.domain.SiteInfo;

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
    boolean late) {}
