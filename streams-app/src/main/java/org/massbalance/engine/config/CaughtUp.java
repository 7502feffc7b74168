package org.massbalance.engine.config;

import org.apache.kafka.streams.processor.TaskId;

/**
 * Whether a task has consumed its input partitions to their end (no lag). The idle close of periods
 * waits for it, so a replay that pauses does not close periods early.
 */
@FunctionalInterface
public interface CaughtUp {

  /** Always caught up: for the TopologyTestDriver, which has no lag. */
  CaughtUp ALWAYS = task -> true;

  /** True when {@code task} has no lag on its input partitions. */
  boolean test(TaskId task);
}
