/**
 * The load generator ({@code massbalance generate}): a seeded, pure {@link
 * org.massbalance.producers.generate.MovementGenerator}, a token-bucket {@link
 * org.massbalance.producers.generate.Throttler} and thin writers to CSV or Kafka.
 */
package org.massbalance.producers.generate;
