package org.massbalance.engine.processors.ledger;

import org.massbalance.avro.internal.LedgerInput;

/** A valid movement whose key or partition was wrong: it goes through the reroute topic. */
public record Reroute(LedgerInput input) {}
