package org.massbalance.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The registry's state: schemas by global id, subjects and their versions, compatibility levels.
 * Every change is written to a compacted Kafka topic before it is applied in memory, and the topic
 * is read to its end on start, so ids and versions survive restarts. All methods are thread-safe.
 */
final class SchemaStore implements AutoCloseable {

  /** Compatibility levels a subject or the registry can have. */
  enum Level {
    NONE,
    BACKWARD,
    BACKWARD_TRANSITIVE,
    FORWARD,
    FORWARD_TRANSITIVE,
    FULL,
    FULL_TRANSITIVE;

    static Level parse(String text) {
      if (text == null) {
        throw invalidLevel();
      }
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw invalidLevel();
      }
    }

    private static RegistryException invalidLevel() {
      return new RegistryException(
          422,
          42203,
          "Invalid compatibility level. Valid values are none, backward, forward, full, "
              + "backward_transitive, forward_transitive, and full_transitive");
    }
  }

  /** One version of a subject. */
  record Version(String subject, int version, int id, String schema) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  private final String topic;
  private final Map<String, Object> security;
  private final KafkaProducer<String, String> producer;
  private final Map<Integer, String> schemasById = new HashMap<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<String, NavigableMap<Integer, Integer>> subjects = new TreeMap<>();
  private final Map<String, Level> subjectLevels = new HashMap<>();
  private Level globalLevel = Level.BACKWARD;
  private int maxId;

  SchemaStore(String bootstrapServers, String topic) {
    this(bootstrapServers, topic, (short) 1);
  }

  SchemaStore(String bootstrapServers, String topic, short replicationFactor) {
    this(bootstrapServers, topic, replicationFactor, Map.of());
  }

  /**
   * A store on the topic, its Kafka clients configured with {@code security} too ({@code
   * security.protocol}, {@code sasl.*}, {@code ssl.*} of a secured cluster).
   */
  SchemaStore(
      String bootstrapServers, String topic, short replicationFactor, Map<String, ?> security) {
    this.topic = topic;
    this.security = Map.copyOf(security);
    ensureTopic(bootstrapServers, topic, replicationFactor);
    Properties p = new Properties();
    p.putAll(this.security);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-store");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    try {
      replay(bootstrapServers);
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
  }

  private void ensureTopic(String bootstrapServers, String topic, short replicationFactor) {
    Map<String, Object> settings = new HashMap<>(security);
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(settings)) {
      NewTopic newTopic =
          new NewTopic(topic, 1, replicationFactor)
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(List.of(newTopic)).all().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create the schema topic " + topic, e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating the schema topic " + topic, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out creating the schema topic " + topic, e);
    }
  }

  private void replay(String bootstrapServers) {
    Properties p = new Properties();
    p.putAll(security);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    TopicPartition tp = new TopicPartition(topic, 0);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(60)).get(tp);
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (consumer.position(tp) < end) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("timed out reading the schema topic " + topic);
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          apply(r.key(), r.value());
        }
      }
    }
  }

  private synchronized void apply(String key, String value) {
    if (key == null) {
      return;
    }
    try {
      JsonNode k = JSON.readTree(key);
      String type = k.path("keytype").asText();
      if ("SCHEMA".equals(type)) {
        if (value == null) {
          return;
        }
        JsonNode v = JSON.readTree(value);
        if (v.path("deleted").asBoolean(false)) {
          return;
        }
        applySchema(
            v.get("subject").asText(),
            v.get("version").asInt(),
            v.get("id").asInt(),
            v.get("schema").asText());
      } else if ("CONFIG".equals(type)) {
        JsonNode subject = k.get("subject");
        Level level =
            value == null
                ? null
                : Level.parse(JSON.readTree(value).path("compatibilityLevel").asText());
        if (subject == null || subject.isNull()) {
          globalLevel = level == null ? Level.BACKWARD : level;
        } else if (level == null) {
          subjectLevels.remove(subject.asText());
        } else {
          subjectLevels.put(subject.asText(), level);
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // A record this registry does not understand: skip it, as Confluent's registry does.
    }
  }

  private void applySchema(String subject, int version, int id, String schema) {
    schemasById.put(id, schema);
    idsBySchema.putIfAbsent(schema, id);
    maxId = Math.max(maxId, id);
    subjects.computeIfAbsent(subject, s -> new TreeMap<>()).put(version, id);
  }

  /** Parses an Avro schema and returns its canonical text (the parsed schema's JSON). */
  static Schema parse(String schemaText) {
    if (schemaText == null || schemaText.isBlank()) {
      throw new RegistryException(422, 42201, "Invalid schema: empty schema");
    }
    try {
      return new Schema.Parser().parse(schemaText);
    } catch (SchemaParseException | NullPointerException | IllegalArgumentException e) {
      throw new RegistryException(422, 42201, "Invalid schema " + e.getMessage());
    }
  }

  /** Registers a schema under a subject; returns its global id. */
  synchronized int register(String subject, String schemaText) {
    Schema schema = parse(schemaText);
    String canonical = schema.toString();
    NavigableMap<Integer, Integer> versions = subjects.get(subject);
    if (versions != null) {
      for (int id : versions.values()) {
        if (schemasById.get(id).equals(canonical)) {
          return id;
        }
      }
      if (!isCompatible(schema, versions, effectiveLevel(subject), true)) {
        throw new RegistryException(
            409,
            409,
            "Schema being registered is incompatible with an earlier schema for subject \""
                + subject
                + "\"");
      }
    }
    int id = idsBySchema.getOrDefault(canonical, maxId + 1);
    int version = versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
    ObjectNode key = JSON.createObjectNode();
    key.put("keytype", "SCHEMA").put("subject", subject).put("version", version).put("magic", 1);
    ObjectNode value = JSON.createObjectNode();
    value
        .put("subject", subject)
        .put("version", version)
        .put("id", id)
        .put("schemaType", "AVRO")
        .put("schema", canonical)
        .put("deleted", false);
    write(key.toString(), value.toString());
    applySchema(subject, version, id, canonical);
    return id;
  }

  /** The version of {@code subject} holding this schema. */
  synchronized Version lookup(String subject, String schemaText) {
    NavigableMap<Integer, Integer> versions = requireSubject(subject);
    String canonical = parse(schemaText).toString();
    for (Map.Entry<Integer, Integer> e : versions.entrySet()) {
      if (schemasById.get(e.getValue()).equals(canonical)) {
        return new Version(subject, e.getKey(), e.getValue(), canonical);
      }
    }
    throw new RegistryException(404, 40403, "Schema not found");
  }

  /** The schema with this global id. */
  synchronized String schemaById(int id) {
    String schema = schemasById.get(id);
    if (schema == null) {
      throw schemaNotFound(id);
    }
    return schema;
  }

  /** Subject/version pairs using this global id. */
  synchronized List<Version> versionsOfId(int id) {
    String schema = schemaById(id);
    List<Version> result = new ArrayList<>();
    subjects.forEach(
        (subject, versions) ->
            versions.forEach(
                (version, vid) -> {
                  if (vid == id) {
                    result.add(new Version(subject, version, id, schema));
                  }
                }));
    return result;
  }

  static RegistryException schemaNotFound(Object id) {
    return new RegistryException(404, 40403, "Schema " + id + " not found");
  }

  /** All subjects, sorted. */
  synchronized List<String> subjects() {
    return new ArrayList<>(new TreeSet<>(subjects.keySet()));
  }

  /** Version numbers of a subject, ascending. */
  synchronized List<Integer> versions(String subject) {
    return new ArrayList<>(requireSubject(subject).keySet());
  }

  /** One version of a subject: a number, {@code latest} or {@code -1}. */
  synchronized Version version(String subject, String versionText) {
    NavigableMap<Integer, Integer> versions = requireSubject(subject);
    int version = parseVersion(versionText);
    if (version == -1) {
      version = versions.lastKey();
    }
    Integer id = versions.get(version);
    if (id == null) {
      throw new RegistryException(404, 40402, "Version " + version + " not found.");
    }
    return new Version(subject, version, id, schemasById.get(id));
  }

  /** Whether a schema could be registered against the given version (or, for latest, the level). */
  synchronized boolean checkCompatibility(String subject, String versionText, String schemaText) {
    Schema schema = parse(schemaText);
    int version = parseVersion(versionText);
    NavigableMap<Integer, Integer> versions = subjects.get(subject);
    if (versions == null || versions.isEmpty()) {
      if (version == -1) {
        return true;
      }
      throw subjectNotFound(subject);
    }
    if (version == -1) {
      return isCompatible(schema, versions, effectiveLevel(subject), false);
    }
    Integer id = versions.get(version);
    if (id == null) {
      throw new RegistryException(404, 40402, "Version " + version + " not found.");
    }
    NavigableMap<Integer, Integer> one = new TreeMap<>(Map.of(version, id));
    return isCompatible(schema, one, effectiveLevel(subject), false);
  }

  /** The registry-wide compatibility level. */
  synchronized Level globalLevel() {
    return globalLevel;
  }

  /** The level of a subject, falling back to the registry-wide one. */
  synchronized Level effectiveLevel(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }

  /** Sets the level of a subject, or the registry-wide one when {@code subject} is null. */
  synchronized void setLevel(String subject, Level level) {
    ObjectNode key = JSON.createObjectNode();
    key.put("keytype", "CONFIG");
    if (subject == null) {
      key.putNull("subject");
    } else {
      key.put("subject", subject);
    }
    key.put("magic", 0);
    ObjectNode value = JSON.createObjectNode().put("compatibilityLevel", level.name());
    write(key.toString(), value.toString());
    if (subject == null) {
      globalLevel = level;
    } else {
      subjectLevels.put(subject, level);
    }
  }

  private boolean isCompatible(
      Schema candidate, NavigableMap<Integer, Integer> versions, Level level, boolean registering) {
    if (level == Level.NONE || versions.isEmpty()) {
      return true;
    }
    boolean transitive = level.name().endsWith("_TRANSITIVE");
    List<Integer> ids =
        transitive ? new ArrayList<>(versions.values()) : List.of(versions.lastEntry().getValue());
    for (int id : ids) {
      Schema existing = new Schema.Parser().parse(schemasById.get(id));
      boolean backward = compatible(candidate, existing);
      boolean forward = compatible(existing, candidate);
      boolean ok =
          switch (level) {
            case BACKWARD, BACKWARD_TRANSITIVE -> backward;
            case FORWARD, FORWARD_TRANSITIVE -> forward;
            case FULL, FULL_TRANSITIVE -> backward && forward;
            case NONE -> true;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean compatible(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
  }

  private NavigableMap<Integer, Integer> requireSubject(String subject) {
    NavigableMap<Integer, Integer> versions = subjects.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw subjectNotFound(subject);
    }
    return versions;
  }

  private static RegistryException subjectNotFound(String subject) {
    return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
  }

  private static int parseVersion(String text) {
    if ("latest".equalsIgnoreCase(text)) {
      return -1;
    }
    try {
      int v = Integer.parseInt(text);
      if (v == -1 || v >= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new RegistryException(
        422,
        42202,
        "The specified version '"
            + text
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string"
            + " \"latest\"");
  }

  private void write(String key, String value) {
    try {
      producer
          .send(new ProducerRecord<>(topic, 0, key, value))
          .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(500, 50001, "Interrupted while writing to the schema topic");
    } catch (ExecutionException | TimeoutException e) {
      throw new RegistryException(
          500, 50001, "Error while writing to the schema topic: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
