package org.massbalance.engine.processors.periods;

/**
 * A snapshot that no longer exists (its month has no movement and, after a restatement, a zero
 * opening): a tombstone for its key on the compacted snapshot topic.
 */
public record Withdrawn(String key) {}
