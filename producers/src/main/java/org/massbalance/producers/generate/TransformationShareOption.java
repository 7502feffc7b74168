package org.massbalance.producers.generate;

import picocli.CommandLine.Option;

/**
 * {@code --transformation-share F}: the share of a generated workload's records that are
 * transformations (processing steps) instead of movements ({@code generate}, {@code bench}).
 */
public final class TransformationShareOption {

  @Option(
      names = "--transformation-share",
      defaultValue = "0",
      description =
          "Share of the records that are transformations (processing steps) instead of"
              + " movements, 0..1 (default ${DEFAULT-VALUE}).")
  double transformationShare;

  /** The share of transformations, 0..1. */
  public double transformationShare() {
    return transformationShare;
  }
}
