package org.massbalance.engine.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The topics of a cluster as {@link TopicRequirements} needs them: partitions, replication factor
 * and the effective settings (the broker's defaults included), and their creation. Errors are
 * {@link StartupException}s with a readable message.
 */
public final class ClusterTopics {

  private static final long TIMEOUT_S = 30;

  /** A topic as it is on the cluster. */
  public record Existing(int partitions, int replicationFactor, Map<String, String> settings) {}

  private ClusterTopics() {}

  /** The named topics that exist, with their partitions, replication factor and settings. */
  public static Map<String, Existing> describe(Admin admin, Collection<String> names) {
    Map<String, Existing> found = new LinkedHashMap<>();
    try {
      for (String name : names) {
        TopicDescription d;
        try {
          d =
              admin
                  .describeTopics(List.of(name))
                  .allTopicNames()
                  .get(TIMEOUT_S, TimeUnit.SECONDS)
                  .get(name);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof UnknownTopicOrPartitionException) {
            continue;
          }
          throw new StartupException(
              "cannot describe topic '" + name + "': " + e.getCause().getMessage());
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        Config config =
            admin
                .describeConfigs(List.of(resource))
                .all()
                .get(TIMEOUT_S, TimeUnit.SECONDS)
                .get(resource);
        Map<String, String> settings = new LinkedHashMap<>();
        for (ConfigEntry e : config.entries()) {
          if (e.value() != null) {
            settings.put(e.name(), e.value());
          }
        }
        found.put(
            name,
            new Existing(d.partitions().size(), d.partitions().get(0).replicas().size(), settings));
      }
      return found;
    } catch (ExecutionException e) {
      throw new StartupException("cannot read topic settings: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted while reading topics");
    } catch (TimeoutException e) {
      throw new StartupException(
          "Kafka did not answer within " + TIMEOUT_S + " s (is bootstrap.servers right?)");
    }
  }

  /**
   * Creates {@code topics} ({@code replicationFactor} below 1: the broker's default); returns the
   * names of those it created (one that appeared meanwhile is left as it is).
   */
  public static List<String> create(
      Admin admin, List<TopicRequirements.Topic> topics, int partitions, short replicationFactor) {
    List<String> created = new ArrayList<>();
    for (TopicRequirements.Topic t : topics) {
      NewTopic topic =
          new NewTopic(
                  t.name(),
                  java.util.Optional.of(partitions),
                  replicationFactor < 1
                      ? java.util.Optional.empty()
                      : java.util.Optional.of(replicationFactor))
              .configs(t.configs(replicationFactor));
      try {
        admin.createTopics(List.of(topic)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        created.add(t.name());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new StartupException(
              "cannot create topic '" + t.name() + "': " + e.getCause().getMessage());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StartupException("interrupted while creating topic '" + t.name() + "'");
      } catch (TimeoutException e) {
        throw new StartupException(
            "Kafka did not answer within " + TIMEOUT_S + " s creating topic '" + t.name() + "'");
      }
    }
    awaitVisible(admin, created);
    return created;
  }

  /**
   * Waits until every broker answering metadata describes {@code names}: a topic just created may
   * be unknown for a moment to the broker asked next (a {@code topics check} right after {@code
   * topics create}, or the engine's own start).
   */
  private static void awaitVisible(Admin admin, List<String> names) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    List<String> missing = new ArrayList<>(names);
    while (!missing.isEmpty()) {
      missing.removeIf(n -> !describe(admin, List.of(n)).isEmpty());
      if (missing.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new StartupException(
            "topics created but not visible after " + TIMEOUT_S + " s: " + missing);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StartupException("interrupted while waiting for topics " + missing);
      }
    }
  }
}
