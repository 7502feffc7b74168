package org.massbalance.engine.processors.reference;

import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.config.RegistryUnavailableException;
import org.massbalance.engine.domain.Certification;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.stores.ReferenceStoreLayer;
import org.massbalance.serde.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supplier certificates from the global store, which holds the topic's records as written (key NOP
 * ID), decoded once per stored value (cached until the stored bytes change, in a cache that the
 * look-ups opened from one {@link ReferenceDecoders} share). A record that cannot be read counts as
 * unknown and is logged; one that cannot be read because the schema registry is away fails with
 * {@link RegistryUnavailableException} instead.
 */
public final class GlobalCertificates {

  private static final Logger LOG = LoggerFactory.getLogger(GlobalCertificates.class);

  private final ReadOnlyKeyValueStore<String, byte[]> store;
  private final Deserializer<SupplierCertificate> deserializer;
  private final String topic;
  private final EngineMetrics metrics;
  private java.util.function.Consumer<UnreadableReference> onUnreadable;
  private final java.util.Map<String, byte[]> reported = new java.util.HashMap<>();

  /** Certificates decoded, by NOP ID, with the stored bytes they were read from. */
  private final DecodedCache<Certification> decoded;

  /** The layer that counts the store's changes, when it has one (else null). */
  private final ReferenceStoreLayer changes;

  /** Look-ups over the global store, decoding with the topic's deserializer. */
  public GlobalCertificates(
      ReadOnlyKeyValueStore<String, byte[]> store,
      Deserializer<SupplierCertificate> deserializer,
      String topic) {
    this(store, deserializer, topic, null);
  }

  /** As above, counting unreadable records in {@code metrics} (may be null). */
  public GlobalCertificates(
      ReadOnlyKeyValueStore<String, byte[]> store,
      Deserializer<SupplierCertificate> deserializer,
      String topic,
      EngineMetrics metrics) {
    this(
        store,
        deserializer,
        topic,
        metrics,
        new DecodedCache<>(ReferenceDecoders.CERTIFICATE_LIMIT));
  }

  /** As above, keeping what it decodes in the given (shared) cache. */
  GlobalCertificates(
      ReadOnlyKeyValueStore<String, byte[]> store,
      Deserializer<SupplierCertificate> deserializer,
      String topic,
      EngineMetrics metrics,
      DecodedCache<Certification> decoded) {
    this.decoded = decoded;
    this.metrics = metrics;
    this.store = store;
    this.changes = ReferenceStoreLayer.of(store);
    this.deserializer = deserializer;
    this.topic = topic;
  }

  /** Reports each newly met unreadable record to {@code listener} (once per stored value). */
  public void onUnreadable(java.util.function.Consumer<UnreadableReference> listener) {
    this.onUnreadable = listener;
  }

  /** The certificate of {@code nopId}, if known and readable. */
  public Optional<Certification> find(String nopId) {
    if (nopId == null || nopId.isBlank()) {
      return Optional.empty();
    }
    String id = nopId.trim();
    // the change count first: a value kept at this count is the store's (ADR 24)
    long count = changes == null ? 1L : changes.changes();
    Certification unchanged = decoded.unchanged(id, changes, count);
    if (unchanged != null) {
      return Optional.of(unchanged);
    }
    byte[] raw = store.get(id);
    if (raw == null) {
      return Optional.empty();
    }
    ReferenceStoreLayer stamp = changes != null && changes.unchangedSince(count) ? changes : null;
    Certification cached = decoded.get(id, raw, stamp, count);
    if (cached != null) {
      return Optional.of(cached);
    }
    try {
      Certification c = Certification.of(deserializer.deserialize(topic, raw));
      decoded.put(id, raw, c, stamp, count);
      return Optional.of(c);
    } catch (RuntimeException e) {
      if (e instanceof SchemaRegistryException r && r.isRetriable()) {
        // The registry is away, the record may be good: retry from the last commit rather than
        // treat a known supplier as unknown.
        throw new RegistryUnavailableException(r);
      }
      // Bad input (undecodable bytes, a schema that is not Avro): logged and counted once per
      // stored value, and the supplier counts as unknown.
      byte[] before = reported.get(nopId);
      if (before == null || !java.util.Arrays.equals(before, raw)) {
        if (reported.size() >= 10_000) {
          reported.clear();
        }
        reported.put(nopId, raw);
        LOG.warn(
            "Certificate record '{}' cannot be read, treating it as unknown: {}",
            nopId,
            e.getMessage());
        if (metrics != null) {
          metrics.referenceUnreadable(topic);
        }
        if (onUnreadable != null) {
          onUnreadable.accept(new UnreadableReference(topic, nopId.trim(), raw, e.getMessage()));
        }
      }
      return Optional.empty();
    }
  }
}
