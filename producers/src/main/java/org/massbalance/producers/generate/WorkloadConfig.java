package org.massbalance.producers.generate;

import java.time.LocalDate;

/**
 * What to generate.
 *
 * @param seed random seed: the same config gives the same records
 * @param sites number of sites
 * @param products number of products
 * @param keys number of distinct site|product keys used (at most sites * products; 0 = all)
 * @param movements number of records: movements, and transformations at {@code transformationShare}
 * @param start site-local date of the first movement
 * @param days days the movements are spread over (evenly, in order)
 * @param faultRate share of movements with a fault (bad quantity, unit or date, or a conflicting
 *     duplicate), and of transformations whose outputs outweigh their inputs, 0..1
 * @param idPrefix prefix of movement and transformation ids (keeps two workloads on one topic
 *     apart)
 * @param transformationShare share of the records that are transformations (processing steps)
 *     instead of movements, 0..1; 0 gives exactly the movements of a workload without them
 */
public record WorkloadConfig(
    long seed,
    int sites,
    int products,
    int keys,
    long movements,
    LocalDate start,
    int days,
    double faultRate,
    String idPrefix,
    double transformationShare) {

  /** Validates and fills {@code keys}. */
  public WorkloadConfig {
    if (sites < 2) {
      throw new IllegalArgumentException("sites must be at least 2 (transfers need two)");
    }
    if (products < 1) {
      throw new IllegalArgumentException("products must be at least 1");
    }
    long all = (long) sites * products;
    if (keys <= 0) {
      keys = (int) Math.min(all, Integer.MAX_VALUE);
    }
    if (keys > all) {
      throw new IllegalArgumentException(
          "keys (" + keys + ") exceeds sites * products (" + all + ")");
    }
    if (movements < 0 || days < 1) {
      throw new IllegalArgumentException("movements must be >= 0 and days >= 1");
    }
    if (faultRate < 0 || faultRate > 1) {
      throw new IllegalArgumentException("fault rate must be within 0..1");
    }
    if (!(transformationShare >= 0 && transformationShare <= 1)) {
      throw new IllegalArgumentException("transformation share must be within 0..1");
    }
  }

  /** A workload of movements only (no transformations). */
  public WorkloadConfig(
      long seed,
      int sites,
      int products,
      int keys,
      long movements,
      LocalDate start,
      int days,
      double faultRate,
      String idPrefix) {
    this(seed, sites, products, keys, movements, start, days, faultRate, idPrefix, 0);
  }

  /** This workload with another share of transformations. */
  public WorkloadConfig withTransformationShare(double share) {
    return new WorkloadConfig(
        seed, sites, products, keys, movements, start, days, faultRate, idPrefix, share);
  }

  /** Products needed to reach {@code keys} over {@code sites}: ceil(keys / sites), at least one. */
  public static int productsFor(int keys, int sites) {
    return Math.max(1, (keys + sites - 1) / sites);
  }
}
