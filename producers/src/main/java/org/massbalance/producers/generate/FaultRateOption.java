package org.massbalance.producers.generate;

import picocli.CommandLine.Option;

/**
 * {@code --fault-rate F}: the share of faulty movements of a generated workload ({@code generate},
 * {@code bench}).
 */
public final class FaultRateOption {

  @Option(
      names = "--fault-rate",
      defaultValue = "0.01",
      description = "Share of faulty movements, 0..1 (default ${DEFAULT-VALUE}).")
  double faultRate;

  /** The share of faulty movements, 0..1. */
  public double faultRate() {
    return faultRate;
  }
}
