package org.massbalance.engine.processors.outputs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.massbalance.avro.Alert;
import org.massbalance.engine.domain.IsoInstants;
import org.massbalance.engine.stores.StoreNames;

/**
 * Passes alerts on to their topic and keeps the most recent ones of the task (keyed by detection
 * time, then id) for the query API; older ones are trimmed each minute.
 */
public final class AlertRecorder implements Processor<String, Alert, String, Alert> {

  /** Recent alerts kept per task. */
  public static final int KEEP = 10_000;

  private ProcessorContext<String, Alert> context;
  private KeyValueStore<Bytes, Alert> recent;
  private long count;
  // the last detected_at read and its epoch millis: the alerts of one movement, and of one pass of
  // the stream thread, share their detection time, so most keys need no parse
  private String lastDetectedAt;
  private long lastDetectedMs;

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.recent = context.getStateStore(StoreNames.RECENT_ALERTS);
    this.count = recent.approximateNumEntries();
    context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, t -> trim());
  }

  @Override
  public void process(Record<String, Alert> record) {
    Alert a = record.value();
    recent.put(key(a), a);
    count++;
    context.forward(record);
  }

  /** The store key: detection time (ms, big-endian) then the alert id. */
  Bytes key(Alert a) {
    String detectedAt = a.getDetectedAt();
    if (lastDetectedAt == null || !lastDetectedAt.equals(detectedAt)) {
      lastDetectedMs = epochMillis(detectedAt);
      lastDetectedAt = detectedAt;
    }
    long t = lastDetectedMs;
    byte[] id = a.getAlertId().getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(8 + id.length).putLong(t).put(id).array());
  }

  private static long epochMillis(String detectedAt) {
    try {
      return IsoInstants.epochMillis(detectedAt);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private void trim() {
    if (count <= KEEP) {
      return;
    }
    long excess = count - KEEP;
    List<Bytes> old = new ArrayList<>();
    try (KeyValueIterator<Bytes, Alert> it = recent.all()) {
      while (it.hasNext() && old.size() < excess) {
        old.add(it.next().key);
      }
    }
    old.forEach(recent::delete);
    count = recent.approximateNumEntries();
  }
}
