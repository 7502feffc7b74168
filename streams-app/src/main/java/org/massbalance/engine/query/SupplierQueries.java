package org.massbalance.engine.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.SupplierCertificate;

/**
 * The supplier certificates of the global store (every instance holds all of them), in NOP-ID
 * order, a page at a time. A record that cannot be decoded is listed as unreadable rather than
 * hidden.
 */
public final class SupplierQueries {

  /**
   * One certificate record.
   *
   * @param nopId the key: the supplier's NOP ID
   * @param certificate the record, or null when it cannot be read
   */
  public record SupplierView(String nopId, SupplierCertificate certificate) {

    /** True when the record could be decoded. */
    public boolean readable() {
      return certificate != null;
    }
  }

  /** A page of suppliers and how many certificate records there are in all. */
  public record Page(List<SupplierView> suppliers, int total) {}

  private SupplierQueries() {}

  /** The records after the first {@code offset}, at most {@code limit}, and the total. */
  public static Page page(
      ReadOnlyKeyValueStore<String, byte[]> store,
      Deserializer<SupplierCertificate> deserializer,
      String topic,
      int offset,
      int limit) {
    List<SupplierView> out = new ArrayList<>();
    int total = 0;
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        if (kv.value == null) {
          continue;
        }
        if (total >= offset && out.size() < limit) {
          out.add(new SupplierView(kv.key, decode(deserializer, topic, kv.value)));
        }
        total++;
      }
    }
    return new Page(out, total);
  }

  private static SupplierCertificate decode(
      Deserializer<SupplierCertificate> deserializer, String topic, byte[] value) {
    try {
      return deserializer.deserialize(topic, value);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
