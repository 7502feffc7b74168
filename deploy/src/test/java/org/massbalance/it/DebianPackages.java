package org.massbalance.it;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that lean on a Debian package (Confluent's Python client, Prometheus' parser): on a machine
 * with only Java they skip, naming the packages to install; under CI ({@code CI=true}), where
 * {@code .ci/run} installs them, a missing package fails the test instead, so CI always runs it.
 */
final class DebianPackages {

  private DebianPackages() {}

  /**
   * Goes on when {@code present}; otherwise skips (or fails under CI) with {@code whatIsMissing}
   * and the {@code apt-get} line that installs {@code packages}.
   */
  static void require(boolean present, String whatIsMissing, String packages) {
    if (present) {
      return;
    }
    String message =
        whatIsMissing + ": install it with `apt-get install -y " + packages + "` (.ci/run does)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message + "; CI=true, so a missing package fails the test");
    }
    Assumptions.abort(message + "; skipped");
  }
}
