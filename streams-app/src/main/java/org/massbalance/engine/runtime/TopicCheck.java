package org.massbalance.engine.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.topics.TopicDefaults;

/**
 * Checks at start what the topology relies on: the movements topic exists, the transfers topic has
 * its partition count (it is created so when missing), and no output topic would lose records (an
 * output topic that is missing is created with the contract's settings rather than left to the
 * broker's auto-creation and its short default retention). Fails with a readable message naming the
 * topic and the setting.
 */
final class TopicCheck {

  private static final long TIMEOUT_S = 30;

  private TopicCheck() {}

  /** Returns the movements topic's partition count. */
  static int ensure(Admin admin, EngineConfig config) {
    String movements = config.getString(EngineConfig.TOPIC_MOVEMENTS_CONFIG);
    String transfers = config.getString(EngineConfig.TOPIC_TRANSFERS_CONFIG);
    int partitions =
        describe(admin, movements)
            .orElseThrow(
                () ->
                    new StartupException(
                        "topic '"
                            + movements
                            + "' does not exist: create the contract's topics first (the local"
                            + " stack does), or set "
                            + EngineConfig.TOPIC_MOVEMENTS_CONFIG))
            .partitions()
            .size();
    Optional<TopicDescription> t = describe(admin, transfers);
    if (t.isEmpty()) {
      short rf = config.getShort(EngineConfig.REPLICATION_FACTOR_CONFIG);
      NewTopic topic =
          new NewTopic(
                  transfers, Optional.of(partitions), rf < 0 ? Optional.empty() : Optional.of(rf))
              .configs(
                  Map.of(
                      TopicConfig.RETENTION_MS_CONFIG,
                      String.valueOf(TopicDefaults.RETENTION.toMillis())));
      try {
        admin.createTopics(List.of(topic)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new StartupException(
              "cannot create topic '" + transfers + "': " + e.getCause().getMessage());
        }
      } catch (InterruptedException | TimeoutException e) {
        throw new StartupException(
            "cannot create topic '"
                + transfers
                + "': Kafka did not answer within "
                + TIMEOUT_S
                + " s (is bootstrap.servers right?)",
            e);
      }
    } else if (t.get().partitions().size() != partitions) {
      throw new StartupException(
          "topic '"
              + transfers
              + "' has "
              + t.get().partitions().size()
              + " partitions but '"
              + movements
              + "' has "
              + partitions
              + ": they must match (a transfer reaches its destination's ledger by partition)");
    }
    checkOutputs(admin, config, partitions);
    ensureInputs(admin, config, partitions);
    return partitions;
  }

  /** Refuses an output topic that would lose records; creates those that are missing. */
  private static void checkOutputs(Admin admin, EngineConfig config, int partitions) {
    List<TopicRequirements.Topic> outputs =
        TopicRequirements.of(config).stream().filter(t -> t.role().output()).toList();
    Map<String, ClusterTopics.Existing> existing =
        ClusterTopics.describe(admin, outputs.stream().map(TopicRequirements.Topic::name).toList());
    List<TopicRequirements.Topic> missing =
        outputs.stream().filter(t -> !existing.containsKey(t.name())).toList();
    if (!missing.isEmpty()) {
      ClusterTopics.create(
          admin, missing, partitions, config.getShort(EngineConfig.REPLICATION_FACTOR_CONFIG));
    }
    for (TopicRequirements.Topic t : outputs) {
      ClusterTopics.Existing e = existing.get(t.name());
      if (e == null) {
        continue;
      }
      TopicRequirements.loss(t, e.settings())
          .ifPresent(
              why -> {
                throw new StartupException(
                    "output topic '"
                        + t.name()
                        + "' ("
                        + t.key()
                        + ") would lose records: "
                        + why
                        + ". Change the topic's settings (see `massbalance topics check --config"
                        + " FILE`), then start again.");
              });
    }
  }

  /**
   * The input topics the engine creates when missing, with the contract's settings: it reads them
   * from its first start, before anyone has written to them (investigations, transformations,
   * yields, import certificates).
   */
  static final List<String> CREATED_INPUTS =
      List.of(
          EngineConfig.TOPIC_INVESTIGATIONS_CONFIG,
          EngineConfig.TOPIC_TRANSFORMATIONS_CONFIG,
          EngineConfig.TOPIC_YIELDS_CONFIG,
          EngineConfig.TOPIC_SIGNOFFS_CONFIG,
          EngineConfig.TOPIC_IMPORT_CERTIFICATES_CONFIG);

  /** Creates the missing ones of {@link #CREATED_INPUTS}. */
  private static void ensureInputs(Admin admin, EngineConfig config, int partitions) {
    List<TopicRequirements.Topic> inputs =
        TopicRequirements.of(config).stream()
            .filter(t -> CREATED_INPUTS.contains(t.key()))
            .toList();
    Map<String, ClusterTopics.Existing> existing =
        ClusterTopics.describe(admin, inputs.stream().map(TopicRequirements.Topic::name).toList());
    List<TopicRequirements.Topic> missing =
        inputs.stream().filter(t -> !existing.containsKey(t.name())).toList();
    if (!missing.isEmpty()) {
      ClusterTopics.create(
          admin, missing, partitions, config.getShort(EngineConfig.REPLICATION_FACTOR_CONFIG));
    }
  }

  private static Optional<TopicDescription> describe(Admin admin, String topic) {
    try {
      return Optional.of(
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(TIMEOUT_S, TimeUnit.SECONDS)
              .get(topic));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw new StartupException(
          "cannot describe topic '"
              + topic
              + "': "
              + e.getCause().getMessage()
              + " (check bootstrap.servers, the security settings and that the cluster is up)");
    } catch (InterruptedException | TimeoutException e) {
      throw new StartupException(
          "Kafka did not answer within " + TIMEOUT_S + " s (is bootstrap.servers right?)", e);
    }
  }
}
