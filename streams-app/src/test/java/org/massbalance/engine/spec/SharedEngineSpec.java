package org.massbalance.engine.spec;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.massbalance.engine.testing.EngineDriver;

/**
 * One engine per spec class (a TopologyTestDriver costs ~0.5 s to build). Each test gets products
 * of its own, registered with the spec's settings under fresh ids, so books, de-duplication and
 * alerts never leak between tests; the names OATS, ALMONDS, RICE and SAFFRON (fields here) shadow
 * the constants of {@link Spec} inside the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedEngineSpec {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  protected EngineDriver engine;

  /** kg, 5.0 % */
  protected String OATS;

  /** lb, 5.0 % */
  protected String ALMONDS;

  /** t, 2.5 % */
  protected String RICE;

  /** g, 0 % */
  protected String SAFFRON;

  private double duplicatesAtStart;
  private double rejectedAtStart;

  @BeforeAll
  void startEngine() {
    engine = Spec.engine();
  }

  @AfterAll
  void stopEngine() {
    engine.close();
  }

  @BeforeEach
  void freshProducts() {
    int n = SEQUENCE.incrementAndGet();
    OATS = "OATS-" + n;
    ALMONDS = "ALMONDS-" + n;
    RICE = "RICE-" + n;
    SAFFRON = "SAFFRON-" + n;
    engine
        .product(OATS, "kg", "5.0", "OAT")
        .product(ALMONDS, "lb", "5.0", "ALM")
        .product(RICE, "t", "2.5", "RCE")
        .product(SAFFRON, "g", "0", "SAF");
    engine.alerts();
    engine.rejected();
    duplicatesAtStart = Spec.duplicatesTotal(engine.metrics());
    rejectedAtStart = Spec.rejectedTotal(engine.metrics());
  }

  /** Identical repeats counted since the test started. */
  protected double duplicatesCounted() {
    return Spec.duplicatesTotal(engine.metrics()) - duplicatesAtStart;
  }

  /** Rejected records counted since the test started. */
  protected double rejectedCounted() {
    return Spec.rejectedTotal(engine.metrics()) - rejectedAtStart;
  }
}
