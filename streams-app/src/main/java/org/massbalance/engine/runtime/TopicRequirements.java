package org.massbalance.engine.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.topics.TopicDefaults;

/**
 * The topics the engine reads and writes, and the settings that keep their records as the contract
 * says (records kept at least 5 years, 7 CFR 205.103): one place for {@code topics create}, {@code
 * topics check} and the engine's own check at start. Kafka Streams creates its changelog and
 * repartition topics itself, with {@code replication.factor}.
 */
public final class TopicRequirements {

  /** Records must be kept this long at least: 5 years (one leap day included). */
  public static final Duration MIN_RETENTION = Duration.ofDays(5 * 365 + 1);

  /** What a topic is to the engine. */
  public enum Role {
    /** Inventory movements and transformations: kept 5 years, deleted after. */
    INPUT,
    /**
     * Reference data (certificates, sites, products, yields, import certificates) and
     * investigations: compacted.
     */
    REFERENCE,
    /** Alerts and rejected records: kept 5 years, deleted after. */
    OUTPUT,
    /** Snapshots and consolidated snapshots: compacted, the latest revision per key kept. */
    OUTPUT_COMPACTED,
    /**
     * The transfers topic (the engine's own movements): the movements topic's partition count, kept
     * 5 years.
     */
    INTERNAL;

    /** True when the topic must be compacted. */
    public boolean compacted() {
      return this == REFERENCE || this == OUTPUT_COMPACTED;
    }

    /** True for a topic the engine writes for its users. */
    public boolean output() {
      return this == OUTPUT || this == OUTPUT_COMPACTED;
    }
  }

  /** One topic the engine needs, by its configured name. */
  public record Topic(String name, Role role, String key) {

    /**
     * The topic settings {@code topics create} sets: cleanup policy, retention for deleted topics,
     * and {@code min.insync.replicas} (2 from replication factor 3 on, else 1) when the replication
     * factor is known.
     */
    public Map<String, String> configs(short replicationFactor) {
      Map<String, String> c = new LinkedHashMap<>();
      if (role.compacted()) {
        c.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
      } else {
        c.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        c.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(TopicDefaults.RETENTION.toMillis()));
      }
      if (replicationFactor > 0) {
        c.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, replicationFactor >= 3 ? "2" : "1");
      }
      return c;
    }
  }

  private TopicRequirements() {}

  /** Every topic the engine needs, by the names {@code config} gives them. */
  public static List<Topic> of(EngineConfig config) {
    List<Topic> topics = new ArrayList<>();
    add(topics, config, EngineConfig.TOPIC_MOVEMENTS_CONFIG, Role.INPUT);
    add(topics, config, EngineConfig.TOPIC_CERTIFICATES_CONFIG, Role.REFERENCE);
    add(topics, config, EngineConfig.TOPIC_SITES_CONFIG, Role.REFERENCE);
    add(topics, config, EngineConfig.TOPIC_PRODUCTS_CONFIG, Role.REFERENCE);
    add(topics, config, EngineConfig.TOPIC_INVESTIGATIONS_CONFIG, Role.REFERENCE);
    add(topics, config, EngineConfig.TOPIC_TRANSFORMATIONS_CONFIG, Role.INPUT);
    add(topics, config, EngineConfig.TOPIC_YIELDS_CONFIG, Role.REFERENCE);
    add(topics, config, EngineConfig.TOPIC_SIGNOFFS_CONFIG, Role.INPUT);
    add(topics, config, EngineConfig.TOPIC_IMPORT_CERTIFICATES_CONFIG, Role.REFERENCE);
    add(topics, config, EngineConfig.TOPIC_ALERTS_CONFIG, Role.OUTPUT);
    add(topics, config, EngineConfig.TOPIC_SNAPSHOTS_CONFIG, Role.OUTPUT_COMPACTED);
    add(topics, config, EngineConfig.TOPIC_CONSOLIDATED_CONFIG, Role.OUTPUT_COMPACTED);
    add(topics, config, EngineConfig.TOPIC_SIGNED_CONFIG, Role.OUTPUT_COMPACTED);
    add(topics, config, EngineConfig.TOPIC_REJECTED_CONFIG, Role.OUTPUT);
    add(topics, config, EngineConfig.TOPIC_TRANSFERS_CONFIG, Role.INTERNAL);
    return topics;
  }

  private static void add(List<Topic> topics, EngineConfig config, String key, Role role) {
    topics.add(new Topic(config.getString(key), role, key));
  }

  /**
   * Why {@code topic}, with the given settings, would lose records the contract keeps, if it would:
   * deleted where it must be compacted, or deleted sooner than {@link #MIN_RETENTION}.
   */
  public static Optional<String> loss(Topic topic, Map<String, String> settings) {
    String policy =
        settings
            .getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
            .toLowerCase(Locale.ROOT);
    boolean compact = policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT);
    boolean delete = policy.contains(TopicConfig.CLEANUP_POLICY_DELETE);
    if (topic.role().compacted() && !compact) {
      return Optional.of(
          "cleanup.policy="
              + policy
              + " but it must be compacted (cleanup.policy=compact): its latest record per key is"
              + " the record kept");
    }
    if (delete) {
      long retention =
          Long.parseLong(settings.getOrDefault(TopicConfig.RETENTION_MS_CONFIG, "604800000"));
      if (retention >= 0 && retention < MIN_RETENTION.toMillis()) {
        return Optional.of(
            "retention.ms="
                + retention
                + " ("
                + Duration.ofMillis(retention).toDays()
                + " days) deletes records before the 5 years the contract keeps them: set"
                + " retention.ms to at least "
                + MIN_RETENTION.toMillis()
                + " or -1");
      }
    }
    return Optional.empty();
  }

  /**
   * Every difference between {@code topic} as it is ({@code partitions}, {@code replicationFactor},
   * {@code settings}) and as {@code topics create} makes it; empty when none. {@code
   * wantPartitions} and {@code wantReplicationFactor} below 1 are not checked.
   */
  public static List<String> differences(
      Topic topic,
      int partitions,
      int replicationFactor,
      Map<String, String> settings,
      int wantPartitions,
      short wantReplicationFactor) {
    List<String> d = new ArrayList<>();
    loss(topic, settings).ifPresent(d::add);
    if (wantPartitions > 0 && partitions != wantPartitions) {
      d.add("partitions=" + partitions + ", want " + wantPartitions);
    }
    if (wantReplicationFactor > 0 && replicationFactor != wantReplicationFactor) {
      d.add("replication factor " + replicationFactor + ", want " + wantReplicationFactor);
    }
    if (wantReplicationFactor > 0) {
      String want =
          topic.configs(wantReplicationFactor).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
      String have = settings.getOrDefault(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
      if (!want.equals(have)) {
        d.add("min.insync.replicas=" + have + ", want " + want);
      }
    }
    return d;
  }
}
