package org.massbalance.engine.api;

import org.massbalance.avro.Investigation;
import org.massbalance.avro.SignOff;

/**
 * The writers of what the API takes: each posted record goes to its input topic, where the engine
 * judges it as any record there (a null writer: posting answers 503).
 *
 * @param investigations to {@code variance-investigations}
 * @param signOffs to {@code period-signoffs}
 */
public record Writers(TopicWriter<Investigation> investigations, TopicWriter<SignOff> signOffs)
    implements AutoCloseable {

  /** No writer: every post answers 503. */
  public static Writers none() {
    return new Writers(null, null);
  }

  @Override
  public void close() {
    for (TopicWriter<?> w : new TopicWriter<?>[] {investigations, signOffs}) {
      if (w != null) {
        w.close();
      }
    }
  }
}
