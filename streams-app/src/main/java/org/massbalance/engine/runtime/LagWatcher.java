package org.massbalance.engine.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.massbalance.engine.config.CaughtUp;

/**
 * The runtime's view of lag per task, refreshed in the background from the tasks' committed and end
 * offsets. A task is caught up when it has committed every input partition to its end.
 */
final class LagWatcher implements CaughtUp, AutoCloseable {

  private final Map<TaskId, Boolean> caughtUp = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "massbalance-lag-watcher");
            t.setDaemon(true);
            return t;
          });
  private volatile KafkaStreams streams;

  void watch(KafkaStreams streams) {
    this.streams = streams;
    scheduler.scheduleWithFixedDelay(this::refresh, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public boolean test(TaskId task) {
    return caughtUp.getOrDefault(task, false);
  }

  private void refresh() {
    KafkaStreams s = streams;
    if (s == null || s.state() != KafkaStreams.State.RUNNING) {
      return;
    }
    try {
      for (ThreadMetadata thread : s.metadataForLocalThreads()) {
        for (TaskMetadata task : thread.activeTasks()) {
          caughtUp.put(task.taskId(), caughtUp(task));
        }
      }
    } catch (RuntimeException e) {
      // metadata is unavailable during rebalances: keep the last view
    }
  }

  private static boolean caughtUp(TaskMetadata task) {
    Map<TopicPartition, Long> committed = task.committedOffsets();
    for (Map.Entry<TopicPartition, Long> end : task.endOffsets().entrySet()) {
      long c = committed.getOrDefault(end.getKey(), -1L);
      if (end.getValue() > 0 && c < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
