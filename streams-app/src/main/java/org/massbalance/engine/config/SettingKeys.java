package org.massbalance.engine.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.massbalance.serde.SerdeConfig;

/**
 * Who each setting belongs to. The engine's own keys ({@link EngineConfig}) stay with the engine;
 * Kafka client, Streams and schema registry settings pass through to Kafka and the registry client.
 * A key none of them defines is unknown: it is reported with the closest known key, and passed
 * through unless it lies in one of the engine's own namespaces ({@code topic.}, {@code api.}, ...),
 * where Kafka would misread it ({@code topic.} is Kafka Streams' prefix of internal-topic configs,
 * so {@code topic.alerts} would become a topic config named {@code alerts} the broker refuses).
 */
public final class SettingKeys {

  /** Engine keys that are also Kafka or registry settings, with the same meaning. */
  private static final Set<String> SHARED =
      Set.of(
          EngineConfig.APPLICATION_ID_CONFIG,
          EngineConfig.BOOTSTRAP_SERVERS_CONFIG,
          EngineConfig.SCHEMA_REGISTRY_URL_CONFIG);

  /** First segments of the engine's own keys that no Kafka or registry setting starts with. */
  private static final Set<String> ENGINE_NAMESPACES =
      Set.of(
          "topic.",
          "api.",
          "period.",
          "dedup.",
          "movement.",
          "movements.",
          "certificate.",
          "investigation.",
          "labels.");

  private static final Set<String> ENGINE = EngineConfig.definition().names();

  private static final Set<String> PRODUCER = ProducerConfig.configNames();
  private static final Set<String> CONSUMER = ConsumerConfig.configNames();
  private static final Set<String> ADMIN = AdminClientConfig.configNames();
  private static final Set<String> TOPIC = constants(TopicConfig.class, "_CONFIG");
  private static final Set<String> REGISTRY = constants(SerdeConfig.class, "");

  /** Kafka Streams' own keys and the client keys it hands to its clients unprefixed. */
  private static final Set<String> KAFKA = union(StreamsConfig.configDef().names(), PRODUCER);

  static {
    KAFKA.addAll(CONSUMER);
    KAFKA.addAll(ADMIN);
  }

  /** Prefixes Kafka Streams routes to one client or to internal topics, with the keys after it. */
  private static final Map<String, Set<String>> PREFIXED =
      Map.of(
          StreamsConfig.PRODUCER_PREFIX, PRODUCER,
          StreamsConfig.CONSUMER_PREFIX, CONSUMER,
          StreamsConfig.MAIN_CONSUMER_PREFIX, CONSUMER,
          StreamsConfig.RESTORE_CONSUMER_PREFIX, CONSUMER,
          StreamsConfig.GLOBAL_CONSUMER_PREFIX, CONSUMER,
          StreamsConfig.ADMIN_CLIENT_PREFIX, ADMIN,
          StreamsConfig.TOPIC_PREFIX, TOPIC);

  /** Prefixes after which Kafka accepts any name (client tags, metrics context, providers). */
  private static final Set<String> OPEN_PREFIXES =
      Set.of(
          StreamsConfig.CLIENT_TAG_PREFIX,
          CommonClientConfigs.METRICS_CONTEXT_PREFIX,
          "config.providers.");

  private static final Set<String> CANDIDATES = candidates();

  private SettingKeys() {}

  /** True for the engine's own keys, which never reach a Kafka client. */
  public static boolean isEngineOnly(String key) {
    return ENGINE.contains(key) && !SHARED.contains(key);
  }

  /** True for a Kafka client, Kafka Streams, internal-topic or schema registry setting. */
  public static boolean isKafkaOrRegistry(String key) {
    if (KAFKA.contains(key) || REGISTRY.contains(key)) {
      return true;
    }
    for (Map.Entry<String, Set<String>> p : PREFIXED.entrySet()) {
      if (key.startsWith(p.getKey()) && p.getValue().contains(key.substring(p.getKey().length()))) {
        return true;
      }
    }
    return OPEN_PREFIXES.stream().anyMatch(key::startsWith);
  }

  /** True for a key the engine, Kafka or the registry client defines. */
  public static boolean isKnown(String key) {
    return ENGINE.contains(key) || isKafkaOrRegistry(key);
  }

  /**
   * True when the setting goes to Kafka and the registry client: not one of the engine's own, and
   * either a Kafka or registry setting or an unknown key outside the engine's namespaces (a plugin
   * of the user's, a custom RocksDB config setter, may read its own keys).
   */
  public static boolean passesThrough(String key) {
    if (isEngineOnly(key)) {
      return false;
    }
    String lower = key.toLowerCase(Locale.ROOT);
    return isKafkaOrRegistry(key) || ENGINE_NAMESPACES.stream().noneMatch(lower::startsWith);
  }

  /** The keys of {@code settings} nobody defines, in key order, each with the closest known key. */
  public static List<UnknownSetting> unknown(Map<?, ?> settings) {
    List<UnknownSetting> out = new ArrayList<>();
    new TreeSet<>(settings.keySet().stream().map(String::valueOf).toList())
        .forEach(
            key -> {
              if (!isKnown(key)) {
                out.add(new UnknownSetting(key, closest(key), passesThrough(key)));
              }
            });
    return out;
  }

  /**
   * The known key nearest to {@code key} by Damerau-Levenshtein distance (case ignored), when it is
   * near enough to be a likely misspelling: at most 2 edits, or one in six characters for long
   * keys.
   */
  public static Optional<String> closest(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, key.length() / 6);
    Comparator<String> order =
        Comparator.<String>comparingInt(c -> distance(lower, c))
            .thenComparing(c -> ENGINE.contains(c) ? 0 : 1)
            .thenComparing(Comparator.naturalOrder());
    return CANDIDATES.stream().filter(c -> distance(lower, c) <= limit).min(order);
  }

  /** Every known key, the client and topic ones also under their Kafka Streams prefixes. */
  private static Set<String> candidates() {
    Set<String> all = new TreeSet<>(ENGINE);
    all.addAll(KAFKA);
    all.addAll(REGISTRY);
    PREFIXED.forEach((prefix, names) -> names.forEach(name -> all.add(prefix + name)));
    return all;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  /** The values of the public static String constants of {@code type} named {@code *suffix}. */
  private static Set<String> constants(Class<?> type, String suffix) {
    Set<String> out = new TreeSet<>();
    for (Field f : type.getFields()) {
      if (Modifier.isStatic(f.getModifiers())
          && f.getType() == String.class
          && f.getName().endsWith(suffix)) {
        try {
          out.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return Set.copyOf(out);
  }

  /**
   * A key nobody defines.
   *
   * @param key the key as given
   * @param closest the known key it is most likely a misspelling of, if any
   * @param passedThrough whether it still goes to Kafka (false inside the engine's namespaces)
   */
  public record UnknownSetting(String key, Optional<String> closest, boolean passedThrough) {

    /** {@code comit.interval.ms (did you mean commit.interval.ms?)}. */
    @Override
    public String toString() {
      return key + closest.map(c -> " (did you mean " + c + "?)").orElse("");
    }
  }
}
