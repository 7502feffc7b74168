package org.massbalance.producers.generate;

import picocli.CommandLine.Option;

/**
 * {@code --seed N --sites N --keys N}: the shape of a seeded workload, shared by {@code generate},
 * {@code bench} and {@code bench-recovery}. Each command gives its own defaults of {@code --sites}
 * and {@code --keys} by the instance it mixes in ({@code @Mixin WorkloadOptions workload = new
 * WorkloadOptions(20, 0);}); the help shows them.
 */
public final class WorkloadOptions {

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--sites", description = "Sites (default ${DEFAULT-VALUE}).")
  int sites;

  @Option(
      names = "--keys",
      description = "site|product keys in use, 0 = sites * products (default ${DEFAULT-VALUE}).")
  int keys;

  /**
   * The options with these defaults.
   *
   * @param sites default of {@code --sites}
   * @param keys default of {@code --keys} (0: every site|product)
   */
  public WorkloadOptions(int sites, int keys) {
    this.sites = sites;
    this.keys = keys;
  }

  /** The random seed. */
  public long seed() {
    return seed;
  }

  /** The number of sites. */
  public int sites() {
    return sites;
  }

  /** The number of site|product keys in use (0: every site|product). */
  public int keys() {
    return keys;
  }
}
