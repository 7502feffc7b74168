package org.massbalance.producers.csv;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the contract's example files: {@code shared/spec/examples} beside the repository. */
public final class ContractExamples {

  private ContractExamples() {}

  /** The examples folder, or the test is skipped with a message when it is not there. */
  public static Path dir() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/spec/examples");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    assumeTrue(
        false,
        "contract examples not found: expected shared/spec/examples beside the repository (looked"
            + " upwards from "
            + here
            + ")");
    return null;
  }
}
