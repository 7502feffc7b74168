package org.massbalance.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.massbalance.topics.TopicDefaults;

/**
 * Creates the contract's topics, idempotently: a topic that already exists is left as it is.
 * Compacted topics ({@code mass-balance-snapshots}, {@code mass-balance-snapshots-consolidated},
 * {@code supplier-certificates}, {@code sites}, {@code products}) get {@code
 * cleanup.policy=compact}; the others ({@code inventory-movements}, {@code mass-balance-alerts},
 * {@code inventory-movements-rejected}) get {@code retention.ms} of {@link
 * TopicDefaults#RETENTION}.
 */
public final class TopicBootstrap {

  /** Partitions of each topic on the local stack unless told otherwise. */
  public static final int DEFAULT_PARTITIONS = 4;

  /** One topic of the contract and whether it is compacted. */
  public record TopicSpec(String name, boolean compacted) {

    /** The topic configuration this bootstrap sets. */
    public Map<String, String> configs() {
      return compacted
          ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
          : Map.of(
              TopicConfig.CLEANUP_POLICY_CONFIG,
              TopicConfig.CLEANUP_POLICY_DELETE,
              TopicConfig.RETENTION_MS_CONFIG,
              String.valueOf(TopicDefaults.RETENTION.toMillis()));
    }
  }

  private final String bootstrapServers;
  private Map<String, Object> security = Map.of();
  private final int partitions;
  private final short replicationFactor;

  /**
   * A bootstrap against a cluster.
   *
   * @param partitions partitions of each new topic (at least 1)
   * @param replicationFactor replication factor of each new topic (1 locally)
   */
  public TopicBootstrap(String bootstrapServers, int partitions, short replicationFactor) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replication factor must be at least 1");
    }
    this.bootstrapServers = bootstrapServers;
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
  }

  /** The same bootstrap with these client settings too (a secured cluster's SASL and SSL). */
  public TopicBootstrap withClientSettings(Map<String, ?> settings) {
    this.security = Map.copyOf(settings);
    return this;
  }

  /** A local bootstrap: {@link #DEFAULT_PARTITIONS} partitions, replication factor 1. */
  public TopicBootstrap(String bootstrapServers) {
    this(bootstrapServers, DEFAULT_PARTITIONS, (short) 1);
  }

  /** The contract's topics with their default names. */
  public static List<TopicSpec> contractTopics() {
    return List.of(
        new TopicSpec(TopicDefaults.MOVEMENTS, false),
        new TopicSpec(TopicDefaults.ALERTS, false),
        new TopicSpec(TopicDefaults.SNAPSHOTS, true),
        new TopicSpec(TopicDefaults.SNAPSHOTS_CONSOLIDATED, true),
        new TopicSpec(TopicDefaults.REJECTED, false),
        new TopicSpec(TopicDefaults.CERTIFICATES, true),
        new TopicSpec(TopicDefaults.SITES, true),
        new TopicSpec(TopicDefaults.PRODUCTS, true),
        new TopicSpec(TopicDefaults.INVESTIGATIONS, true),
        new TopicSpec(TopicDefaults.TRANSFORMATIONS, false),
        new TopicSpec(TopicDefaults.YIELDS, true),
        new TopicSpec(TopicDefaults.SIGNOFFS, false),
        new TopicSpec(TopicDefaults.SIGNED, true),
        new TopicSpec(TopicDefaults.IMPORT_CERTIFICATES, true));
  }

  /** Creates the contract topics that are missing; returns the names of those it created. */
  public List<String> createTopics() {
    return createTopics(contractTopics());
  }

  /** Creates the given topics that are missing; returns the names of those it created. */
  public List<String> createTopics(List<TopicSpec> topics) {
    Map<String, Object> settings = new java.util.HashMap<>(security);
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(settings)) {
      Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
      Map<String, NewTopic> wanted = new LinkedHashMap<>();
      for (TopicSpec spec : topics) {
        if (!existing.contains(spec.name())) {
          wanted.put(
              spec.name(),
              new NewTopic(spec.name(), partitions, replicationFactor).configs(spec.configs()));
        }
      }
      if (wanted.isEmpty()) {
        return List.of();
      }
      CreateTopicsResult result = admin.createTopics(wanted.values());
      List<String> created = new ArrayList<>();
      for (Map.Entry<String, NewTopic> e : wanted.entrySet()) {
        try {
          result.values().get(e.getKey()).get(60, TimeUnit.SECONDS);
          created.add(e.getKey());
        } catch (ExecutionException ex) {
          if (!(ex.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "cannot create topic " + e.getKey() + ": " + ex.getCause().getMessage(),
                ex.getCause());
          }
        }
      }
      return created;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out talking to " + bootstrapServers, e);
    }
  }
}
