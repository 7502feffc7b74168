package org.massbalance.engine.config;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.massbalance.topics.TopicDefaults;

/**
 * The engine's own settings, each a documented key with its default and validation in one place.
 * Kafka client, Streams and schema registry settings (SASL, SSL, {@code producer.*}, {@code
 * basic.auth.*}, ...) are given beside them and passed through untouched; the engine's own keys are
 * not (see {@link #kafkaSettings()} and {@link SettingKeys}).
 */
public final class EngineConfig extends AbstractConfig {

  /** Kafka Streams application id: stable, it names the consumer group and internal topics. */
  public static final String APPLICATION_ID_CONFIG = "application.id";

  private static final String APPLICATION_ID_DOC =
      "Kafka Streams application id. Keep it stable: it names the consumer group, the state"
          + " directory and the internal topics.";

  /** Default application id. */
  public static final String APPLICATION_ID_DEFAULT = "massbalance-engine";

  /** Kafka bootstrap servers. */
  public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";

  /** Schema registry URL(s). */
  public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";

  /** Input topic of movements. */
  public static final String TOPIC_MOVEMENTS_CONFIG = "topic.movements";

  /** Input topic of supplier certificates. */
  public static final String TOPIC_CERTIFICATES_CONFIG = "topic.certificates";

  /** Input topic of sites. */
  public static final String TOPIC_SITES_CONFIG = "topic.sites";

  /** Input topic of products. */
  public static final String TOPIC_PRODUCTS_CONFIG = "topic.products";

  /** Input topic of variance investigations. */
  public static final String TOPIC_INVESTIGATIONS_CONFIG = "topic.investigations";

  /** Input topic of transformations (processing steps). */
  public static final String TOPIC_TRANSFORMATIONS_CONFIG = "topic.transformations";

  /** Reference topic of yield bands. */
  public static final String TOPIC_YIELDS_CONFIG = "topic.yields";

  /** Input topic of period sign-offs. */
  public static final String TOPIC_SIGNOFFS_CONFIG = "topic.signoffs";

  /** Output topic of signed months. */
  public static final String TOPIC_SIGNED_CONFIG = "topic.signed";

  /** Compacted input topic of NOP Import Certificates. */
  public static final String TOPIC_IMPORT_CERTIFICATES_CONFIG = "topic.import.certificates";

  /** Days after the first close of an INVESTIGATE snapshot within which it must be investigated. */
  public static final String INVESTIGATION_DUE_DAYS_CONFIG = "investigation.due.days";

  /** How often (wall clock) investigations are checked for being overdue. */
  public static final String INVESTIGATION_CHECK_INTERVAL_CONFIG =
      "investigation.check.interval.ms";

  /** Output topic of alerts. */
  public static final String TOPIC_ALERTS_CONFIG = "topic.alerts";

  /** Output topic of snapshots. */
  public static final String TOPIC_SNAPSHOTS_CONFIG = "topic.snapshots";

  /** Output topic of consolidated snapshots. */
  public static final String TOPIC_CONSOLIDATED_CONFIG = "topic.snapshots.consolidated";

  /** Output topic of rejected records. */
  public static final String TOPIC_REJECTED_CONFIG = "topic.rejected";

  /** Topic carrying transfers to their destination's ledger. */
  public static final String TOPIC_TRANSFERS_CONFIG = "topic.transfers";

  /** Default transfers topic. */
  public static final String TOPIC_TRANSFERS_DEFAULT = "mass-balance-transfers";

  /** How far ahead of the wall clock occurred_at may be. */
  public static final String FUTURE_TOLERANCE_CONFIG = "movement.future.tolerance.ms";

  /** How long a movement id is remembered for de-duplication (wall clock since first seen). */
  public static final String DEDUP_HORIZON_CONFIG = "dedup.horizon.ms";

  /** Grace after a period's end before stream time closes it. */
  public static final String PERIOD_GRACE_CONFIG = "period.grace.ms";

  /** Idle time (no record, no lag) after which the wall clock closes periods. */
  public static final String PERIOD_IDLE_CLOSE_CONFIG = "period.idle.close.ms";

  /** How often the idle close is checked. */
  public static final String PERIOD_CLOSE_CHECK_CONFIG = "period.close.check.ms";

  /** Partitions of the movements topic (found at start when 0). */
  public static final String MOVEMENTS_PARTITIONS_CONFIG = "movements.partitions";

  /** Days before a certificate's expires_on at which CERTIFICATE_EXPIRING warns. */
  public static final String CERTIFICATE_WARNING_DAYS_CONFIG = "certificate.expiry.warning.days";

  /** How often (wall clock) certificates are checked for coming expiry. */
  public static final String CERTIFICATE_CHECK_INTERVAL_CONFIG =
      "certificate.expiry.check.interval.ms";

  /**
   * Largest age in days of a supplier's certificate record ({@code recorded_at}) at a RECEIPT
   * before SUPPLIER_VERIFICATION_STALE.
   */
  public static final String CERTIFICATE_VERIFICATION_MAX_AGE_DAYS_CONFIG =
      "certificate.verification.max.age.days";

  /** How often (wall clock) certificate records are compared for status changes. */
  public static final String CERTIFICATE_STATUS_INTERVAL_CONFIG =
      "certificate.status.check.interval.ms";

  /** HTTP API port. */
  public static final String API_PORT_CONFIG = "api.port";

  /** HTTP API bind host. */
  public static final String API_HOST_CONFIG = "api.host";

  /**
   * Host other instances use to reach this one's API (interactive queries); default: {@code
   * api.host}, or this machine's canonical host name when that is a wildcard.
   */
  public static final String API_ADVERTISED_HOST_CONFIG = "api.advertised.host";

  /** A writer token (the old single token): with it every /api call is allowed. */
  public static final String API_TOKEN_CONFIG = "api.token";

  /** Reader tokens, comma-separated: GET on /api. */
  public static final String API_TOKENS_READ_CONFIG = "api.tokens.read";

  /** Writer tokens, comma-separated: every /api call, writes included. */
  public static final String API_TOKENS_WRITE_CONFIG = "api.tokens.write";

  /** Serve the API without any token on a non-loopback address (an explicit choice). */
  public static final String API_AUTH_DISABLED_CONFIG = "api.auth.disabled";

  /** The secret instances prove themselves to each other with when forwarding a request. */
  public static final String API_INTERNAL_SECRET_CONFIG = "api.internal.secret";

  /** PKCS12 key store of the API's certificate: HTTPS when set. */
  public static final String API_TLS_KEYSTORE_LOCATION_CONFIG = "api.tls.keystore.location";

  /** Password of the API's key store. */
  public static final String API_TLS_KEYSTORE_PASSWORD_CONFIG = "api.tls.keystore.password";

  /** Type of the API's key store. */
  public static final String API_TLS_KEYSTORE_TYPE_CONFIG = "api.tls.keystore.type";

  /** Password of the API's private key (default: the key store's). */
  public static final String API_TLS_KEY_PASSWORD_CONFIG = "api.tls.key.password";

  /** Trust store of the other instances' certificates, for forwarding over HTTPS. */
  public static final String API_TLS_TRUSTSTORE_LOCATION_CONFIG = "api.tls.truststore.location";

  /** Password of the trust store. */
  public static final String API_TLS_TRUSTSTORE_PASSWORD_CONFIG = "api.tls.truststore.password";

  /** Type of the trust store. */
  public static final String API_TLS_TRUSTSTORE_TYPE_CONFIG = "api.tls.truststore.type";

  /**
   * Base URL of the lots' GS1 Digital Link URIs on labels ({@code {base}/01/{gtin}/10/{lot}});
   * empty: the API's own URL ({@code http://api.advertised.host:api.port}).
   */
  public static final String LABELS_RESOLVER_BASE_CONFIG = "labels.resolver.base";

  /** Topic replication factor for the topics the engine creates. */
  public static final String REPLICATION_FACTOR_CONFIG = "replication.factor";

  /** Off-heap memory of all RocksDB stores together (block cache and memtables), MB. */
  public static final String ROCKSDB_MEMORY_CONFIG = "rocksdb.memory.mb";

  /** Largest value the engine writes to any topic, bytes (ADR 10). */
  public static final String OUTPUT_MAX_BYTES_CONFIG = "output.max.bytes";

  private static final ConfigDef DEF =
      new ConfigDef()
          .define(
              APPLICATION_ID_CONFIG,
              Type.STRING,
              APPLICATION_ID_DEFAULT,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              APPLICATION_ID_DOC)
          .define(
              BOOTSTRAP_SERVERS_CONFIG,
              Type.STRING,
              "localhost:9092",
              Importance.HIGH,
              "Kafka bootstrap servers, host:port[,host:port...].")
          .define(
              SCHEMA_REGISTRY_URL_CONFIG,
              Type.STRING,
              "http://localhost:8081",
              Importance.HIGH,
              "Confluent-compatible schema registry URL(s), comma-separated.")
          .define(
              TOPIC_MOVEMENTS_CONFIG,
              Type.STRING,
              TopicDefaults.MOVEMENTS,
              Importance.MEDIUM,
              "Input topic of inventory movements.")
          .define(
              TOPIC_CERTIFICATES_CONFIG,
              Type.STRING,
              TopicDefaults.CERTIFICATES,
              Importance.MEDIUM,
              "Compacted input topic of supplier certificates.")
          .define(
              TOPIC_SITES_CONFIG,
              Type.STRING,
              TopicDefaults.SITES,
              Importance.MEDIUM,
              "Compacted input topic of sites.")
          .define(
              TOPIC_PRODUCTS_CONFIG,
              Type.STRING,
              TopicDefaults.PRODUCTS,
              Importance.MEDIUM,
              "Compacted input topic of products.")
          .define(
              TOPIC_ALERTS_CONFIG,
              Type.STRING,
              TopicDefaults.ALERTS,
              Importance.MEDIUM,
              "Output topic of alerts.")
          .define(
              TOPIC_SNAPSHOTS_CONFIG,
              Type.STRING,
              TopicDefaults.SNAPSHOTS,
              Importance.MEDIUM,
              "Compacted output topic of monthly snapshots.")
          .define(
              TOPIC_CONSOLIDATED_CONFIG,
              Type.STRING,
              TopicDefaults.SNAPSHOTS_CONSOLIDATED,
              Importance.MEDIUM,
              "Compacted output topic of consolidated snapshots.")
          .define(
              TOPIC_REJECTED_CONFIG,
              Type.STRING,
              TopicDefaults.REJECTED,
              Importance.MEDIUM,
              "Output topic of rejected records.")
          .define(
              TOPIC_INVESTIGATIONS_CONFIG,
              Type.STRING,
              TopicDefaults.INVESTIGATIONS,
              Importance.MEDIUM,
              "Input topic of variance investigations (compacted, key site|product|yyyy-MM);"
                  + " created by the engine when missing.")
          .define(
              TOPIC_TRANSFORMATIONS_CONFIG,
              Type.STRING,
              TopicDefaults.TRANSFORMATIONS,
              Importance.MEDIUM,
              "Input topic of transformations (processing steps, key site|transformation_id);"
                  + " created by the engine when missing.")
          .define(
              TOPIC_YIELDS_CONFIG,
              Type.STRING,
              TopicDefaults.YIELDS,
              Importance.MEDIUM,
              "Reference topic of yield bands (compacted, key input_product|output_product);"
                  + " created by the engine when missing.")
          .define(
              TOPIC_SIGNOFFS_CONFIG,
              Type.STRING,
              TopicDefaults.SIGNOFFS,
              Importance.MEDIUM,
              "Input topic of period sign-offs (key site|product, 5 years); created by the engine"
                  + " when missing.")
          .define(
              TOPIC_SIGNED_CONFIG,
              Type.STRING,
              TopicDefaults.SIGNED,
              Importance.MEDIUM,
              "Output topic of signed months (compacted, key site|product|yyyy-MM): the signed"
                  + " snapshot's revision and the SHA-256 of its value bytes.")
          .define(
              TOPIC_IMPORT_CERTIFICATES_CONFIG,
              Type.STRING,
              TopicDefaults.IMPORT_CERTIFICATES,
              Importance.MEDIUM,
              "Input topic of NOP Import Certificates (compacted, key the certificate number),"
                  + " whose certified quantity the import movements naming them draw from;"
                  + " created by the engine when missing.")
          .define(
              INVESTIGATION_DUE_DAYS_CONFIG,
              Type.INT,
              30,
              ConfigDef.Range.atLeast(0),
              Importance.MEDIUM,
              "Days after the first close of an INVESTIGATE snapshot by which an investigation"
                  + " with certifier_notified_on must exist, else INVESTIGATION_OVERDUE.")
          .define(
              INVESTIGATION_CHECK_INTERVAL_CONFIG,
              Type.LONG,
              Duration.ofMinutes(10).toMillis(),
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "How often (wall clock) open investigations are checked for being overdue, ms.")
          .define(
              TOPIC_TRANSFERS_CONFIG,
              Type.STRING,
              TOPIC_TRANSFERS_DEFAULT,
              Importance.LOW,
              "Topic carrying the movements the engine makes to their ledgers (a transfer's"
                  + " arrival, a transformation's inputs and outputs); created by the engine with"
                  + " the movements topic's partition count.")
          .define(
              FUTURE_TOLERANCE_CONFIG,
              Type.LONG,
              Duration.ofHours(24).toMillis(),
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              "How far ahead of the wall clock a movement's occurred_at may be, ms.")
          .define(
              DEDUP_HORIZON_CONFIG,
              Type.LONG,
              Duration.ofDays(35).toMillis(),
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "How long a movement id is remembered for de-duplication, ms of wall clock.")
          .define(
              PERIOD_GRACE_CONFIG,
              Type.LONG,
              Duration.ofDays(3).toMillis(),
              ConfigDef.Range.atLeast(0),
              Importance.MEDIUM,
              "A period closes when the partition's stream time passes its end plus this, ms.")
          .define(
              PERIOD_IDLE_CLOSE_CONFIG,
              Type.LONG,
              Duration.ofSeconds(30).toMillis(),
              ConfigDef.Range.atLeast(0),
              Importance.MEDIUM,
              "Once a partition has no lag and has been idle this long (ms), the wall clock"
                  + " closes its periods whose end plus grace has passed.")
          .define(
              PERIOD_CLOSE_CHECK_CONFIG,
              Type.LONG,
              Duration.ofSeconds(5).toMillis(),
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "How often the idle close is checked, ms.")
          .define(
              MOVEMENTS_PARTITIONS_CONFIG,
              Type.INT,
              0,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              "Partitions of the movements topic; 0 = found at start.")
          .define(
              CERTIFICATE_WARNING_DAYS_CONFIG,
              Type.LIST,
              "90,60,30",
              (name, value) -> {
                for (Object d : (java.util.List<?>) value) {
                  try {
                    if (Integer.parseInt(d.toString().trim()) < 0) {
                      throw new NumberFormatException();
                    }
                  } catch (NumberFormatException e) {
                    throw new org.apache.kafka.common.config.ConfigException(
                        name, value, "must be a list of whole numbers of days >= 0");
                  }
                }
              },
              Importance.LOW,
              "Warning thresholds of CERTIFICATE_EXPIRING, days before expires_on"
                  + " (industry practice, not regulation).")
          .define(
              CERTIFICATE_CHECK_INTERVAL_CONFIG,
              Type.LONG,
              Duration.ofHours(1).toMillis(),
              ConfigDef.Range.atLeast(1000),
              Importance.LOW,
              "How often certificates are checked for a coming expiry, ms of wall clock.")
          .define(
              CERTIFICATE_STATUS_INTERVAL_CONFIG,
              Type.LONG,
              Duration.ofSeconds(30).toMillis(),
              ConfigDef.Range.atLeast(100),
              Importance.LOW,
              "How often certificate records are compared with the last seen for"
                  + " SUPPLIER_STATUS_CHANGED, ms of wall clock.")
          .define(
              CERTIFICATE_VERIFICATION_MAX_AGE_DAYS_CONFIG,
              Type.INT,
              org.massbalance.engine.domain.VerificationFreshness.DEFAULT_MAX_AGE_DAYS,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              "Largest age in days of a supplier's certificate record (recorded_at, set by ingest"
                  + " integrity) at a RECEIPT's occurred_at before SUPPLIER_VERIFICATION_STALE.")
          .define(
              API_PORT_CONFIG,
              Type.INT,
              8080,
              ConfigDef.Range.between(0, 65535),
              Importance.MEDIUM,
              "HTTP API port (0 = any free port).")
          .define(API_HOST_CONFIG, Type.STRING, "0.0.0.0", Importance.LOW, "HTTP API bind address.")
          .define(
              API_ADVERTISED_HOST_CONFIG,
              Type.STRING,
              "",
              Importance.MEDIUM,
              "Host other instances reach this one's API at (never 0.0.0.0); default: api.host,"
                  + " or this machine's canonical host name when api.host is a wildcard.")
          .define(
              API_TOKEN_CONFIG,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              "A writer token (kept from before roles): with any token set, every /api call needs"
                  + " Authorization: Bearer <token>; 24 characters at least.")
          .define(
              API_TOKENS_READ_CONFIG,
              Type.PASSWORD,
              null,
              Importance.HIGH,
              "Reader tokens, comma-separated (several for rotation): GET on /api; 24 characters"
                  + " at least each.")
          .define(
              API_TOKENS_WRITE_CONFIG,
              Type.PASSWORD,
              null,
              Importance.HIGH,
              "Writer tokens, comma-separated: every /api call, writes (POST) included; 24"
                  + " characters at least each.")
          .define(
              API_AUTH_DISABLED_CONFIG,
              Type.BOOLEAN,
              false,
              Importance.HIGH,
              "true serves the API without tokens on a non-loopback api.host; without it such an"
                  + " instance with no token refuses to start.")
          .define(
              API_INTERNAL_SECRET_CONFIG,
              Type.PASSWORD,
              null,
              Importance.HIGH,
              "The secret instances prove themselves to each other with when they forward a"
                  + " request (the same on every instance, 24 characters at least); needed"
                  + " whenever tokens are set.")
          .define(
              API_TLS_KEYSTORE_LOCATION_CONFIG,
              Type.STRING,
              "",
              Importance.HIGH,
              "Key store (PKCS12) of the API's certificate and key: the API serves HTTPS only, and"
                  + " advertises https to the other instances.")
          .define(
              API_TLS_KEYSTORE_PASSWORD_CONFIG,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              "Password of api.tls.keystore.location.")
          .define(
              API_TLS_KEYSTORE_TYPE_CONFIG,
              Type.STRING,
              "PKCS12",
              Importance.LOW,
              "Type of api.tls.keystore.location.")
          .define(
              API_TLS_KEY_PASSWORD_CONFIG,
              Type.PASSWORD,
              null,
              Importance.LOW,
              "Password of the private key in the key store (default: the key store's).")
          .define(
              API_TLS_TRUSTSTORE_LOCATION_CONFIG,
              Type.STRING,
              "",
              Importance.MEDIUM,
              "Trust store (PKCS12) of the certificates of the other instances, for forwarding"
                  + " over HTTPS (default: the JVM's trusted authorities).")
          .define(
              API_TLS_TRUSTSTORE_PASSWORD_CONFIG,
              Type.PASSWORD,
              null,
              Importance.LOW,
              "Password of api.tls.truststore.location.")
          .define(
              API_TLS_TRUSTSTORE_TYPE_CONFIG,
              Type.STRING,
              "PKCS12",
              Importance.LOW,
              "Type of api.tls.truststore.location.")
          .define(
              LABELS_RESOLVER_BASE_CONFIG,
              Type.STRING,
              "",
              (name, value) -> {
                String v = value == null ? "" : value.toString().strip();
                if (!v.isEmpty() && !v.matches("(?i)https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
                  throw new org.apache.kafka.common.config.ConfigException(
                      name,
                      value,
                      "must be an http or https URL without query or fragment, e.g."
                          + " https://id.example.com");
                }
              },
              Importance.LOW,
              "Base URL of the lots' GS1 Digital Link URIs on labels: {base}/01/{gtin}/10/{lot},"
                  + " resolved by the engine to the lot's dashboard page; empty: the API's own URL"
                  + " (http://api.advertised.host:api.port). Set it to the address scanners reach"
                  + " the engine at (a load balancer, a public host name).")
          .define(
              REPLICATION_FACTOR_CONFIG,
              Type.SHORT,
              (short) -1,
              Importance.LOW,
              "Replication factor of topics the engine creates (-1 = broker default).")
          .define(
              OUTPUT_MAX_BYTES_CONFIG,
              Type.INT,
              1_000_000,
              ConfigDef.Range.atLeast(1024),
              Importance.LOW,
              "Largest value the engine writes to any topic, bytes; keep it under the topics'"
                  + " max.message.bytes (1048588 by default). A larger output is not written: a"
                  + " bounded record saying so goes to the rejected topic instead (ADR 10).")
          .define(
              ROCKSDB_MEMORY_CONFIG,
              Type.LONG,
              256L,
              ConfigDef.Range.atLeast(16),
              Importance.MEDIUM,
              "Off-heap memory of all the process's RocksDB stores together, MB: one shared block"
                  + " cache (index and filter blocks included), half of it at most for memtables."
                  + " Ignored when rocksdb.config.setter is set.");

  /**
   * Validates {@code settings}; keys it does not define are Kafka's or the registry's (see {@link
   * SettingKeys}).
   */
  public EngineConfig(Map<?, ?> settings) {
    super(DEF, settings, false);
  }

  /** Validates {@code settings}. */
  public EngineConfig(Properties settings) {
    this((Map<?, ?>) settings);
  }

  /** The definitions, for documentation. */
  public static ConfigDef definition() {
    return new ConfigDef(DEF);
  }

  /**
   * The settings for Kafka clients, Kafka Streams and the registry client: every setting given but
   * the engine's own keys (topic names, API, periods, ...), which Kafka would misread ({@code
   * topic.} is Kafka Streams' prefix of internal-topic configs), and unknown keys in the engine's
   * namespaces. {@code application.id}, {@code bootstrap.servers} and {@code schema.registry.url}
   * are both the engine's and Kafka's, and kept.
   */
  public Map<String, Object> kafkaSettings() {
    Map<String, Object> out = new java.util.HashMap<>();
    originals()
        .forEach(
            (k, v) -> {
              if (SettingKeys.passesThrough(k)) {
                out.put(k, v);
              }
            });
    return out;
  }

  /** The de-duplication horizon. */
  public Duration dedupHorizon() {
    return Duration.ofMillis(getLong(DEDUP_HORIZON_CONFIG));
  }

  /** Grace after a period's end. */
  public Duration periodGrace() {
    return Duration.ofMillis(getLong(PERIOD_GRACE_CONFIG));
  }

  /** Idle time before the wall clock closes periods. */
  public Duration periodIdleClose() {
    return Duration.ofMillis(getLong(PERIOD_IDLE_CLOSE_CONFIG));
  }

  /** Interval of the idle-close check. */
  public Duration periodCloseCheck() {
    return Duration.ofMillis(getLong(PERIOD_CLOSE_CHECK_CONFIG));
  }

  /** The CERTIFICATE_EXPIRING thresholds and the certificate check intervals. */
  public org.massbalance.engine.domain.CertificateWatch certificateWatch() {
    return new org.massbalance.engine.domain.CertificateWatch(
        getList(CERTIFICATE_WARNING_DAYS_CONFIG).stream()
            .map(d -> Integer.parseInt(d.trim()))
            .toList(),
        Duration.ofMillis(getLong(CERTIFICATE_CHECK_INTERVAL_CONFIG)),
        Duration.ofMillis(getLong(CERTIFICATE_STATUS_INTERVAL_CONFIG)),
        org.massbalance.engine.domain.VerificationFreshness.ofDays(
            getInt(CERTIFICATE_VERIFICATION_MAX_AGE_DAYS_CONFIG)));
  }

  /** The investigation rules' due days and check interval. */
  public org.massbalance.engine.domain.InvestigationRules investigationRules() {
    return new org.massbalance.engine.domain.InvestigationRules(
        getInt(INVESTIGATION_DUE_DAYS_CONFIG),
        Duration.ofMillis(getLong(INVESTIGATION_CHECK_INTERVAL_CONFIG)));
  }

  /** The future tolerance of occurred_at. */
  public Duration futureTolerance() {
    return Duration.ofMillis(getLong(FUTURE_TOLERANCE_CONFIG));
  }
}
