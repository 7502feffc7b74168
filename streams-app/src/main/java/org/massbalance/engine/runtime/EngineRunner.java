package org.massbalance.engine.runtime;

import java.util.Properties;

/**
 * A running engine: the Kafka Streams application and its HTTP API. Placeholder signature; the
 * engine fills it in.
 */
public final class EngineRunner implements AutoCloseable {

  private EngineRunner() {}

  /**
   * Starts the engine with the given settings (engine keys and Kafka client settings alike: {@code
   * bootstrap.servers}, {@code schema.registry.url}, {@code api.port}, {@code state.dir}, ...).
   */
  public static EngineRunner start(Properties settings) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Base URL of the HTTP API, e.g. {@code http://localhost:8080}. */
  public String apiUrl() {
    throw new UnsupportedOperationException("not yet");
  }

  /** True once the Kafka Streams application is RUNNING. */
  public boolean isRunning() {
    return false;
  }

  /** Blocks until the engine has stopped. */
  public void awaitTermination() throws InterruptedException {}

  @Override
  public void close() {}
}
