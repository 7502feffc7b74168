package org.massbalance.engine.spec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.massbalance.engine.testing.EngineDriver;

/**
 * A fresh engine for every spec method: {@link Spec#engine()} (the spec's sites and products)
 * before it, closed after it. Books, de-duplication, alerts, rejected records, metrics and the wall
 * clock of one method never reach another, so a spec reads with the products of {@link Spec} (OATS,
 * ALMONDS, RICE, SAFFRON) as they are.
 */
abstract class FreshEngine {

  protected EngineDriver engine;

  @BeforeEach
  void startEngine() {
    engine = Spec.engine();
  }

  @AfterEach
  void stopEngine() {
    engine.close();
  }

  /** Identical repeats counted by this method's engine. */
  protected double duplicatesCounted() {
    return Spec.duplicatesTotal(engine.metrics());
  }

  /** Rejected records counted by this method's engine. */
  protected double rejectedCounted() {
    return Spec.rejectedTotal(engine.metrics());
  }
}
