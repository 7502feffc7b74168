package org.massbalance.engine.stores;

import java.io.File;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A {@link StateStoreContext} that hands everything to another one, for a store layer that changes
 * one thing its store is told: what is registered (the history store's index, {@link #register}) or
 * the record metadata (no query position, {@link BytesStoreLayer}).
 */
public class DelegatingStateStoreContext implements StateStoreContext {

  private final StateStoreContext context;

  /** A context answering as {@code context} does. */
  public DelegatingStateStoreContext(StateStoreContext context) {
    this.context = context;
  }

  @Override
  public void register(StateStore store, StateRestoreCallback callback) {
    context.register(store, restoring(callback));
  }

  @Override
  public void register(StateStore store, StateRestoreCallback callback, CommitCallback commit) {
    context.register(store, restoring(callback), commit);
  }

  /**
   * The restore callback registered in place of the store's {@code callback}: the store's own here;
   * a layer that adds to what a restore does gives its own.
   */
  protected StateRestoreCallback restoring(StateRestoreCallback callback) {
    return callback;
  }

  @Override
  public String applicationId() {
    return context.applicationId();
  }

  @Override
  public TaskId taskId() {
    return context.taskId();
  }

  @Override
  public Optional<RecordMetadata> recordMetadata() {
    return context.recordMetadata();
  }

  @Override
  public Serde<?> keySerde() {
    return context.keySerde();
  }

  @Override
  public Serde<?> valueSerde() {
    return context.valueSerde();
  }

  @Override
  public File stateDir() {
    return context.stateDir();
  }

  @Override
  public StreamsMetrics metrics() {
    return context.metrics();
  }

  @Override
  public Map<String, Object> appConfigs() {
    return context.appConfigs();
  }

  @Override
  public Map<String, Object> appConfigsWithPrefix(String prefix) {
    return context.appConfigsWithPrefix(prefix);
  }
}
