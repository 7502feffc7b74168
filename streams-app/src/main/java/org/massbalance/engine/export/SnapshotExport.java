package org.massbalance.engine.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.massbalance.avro.Snapshot;
import org.massbalance.serde.ConfluentAvroDeserializer;

/**
 * Reads the snapshot topic to its end (read_committed) and keeps the latest revision of each
 * site|product|period; prints the chosen period's snapshots as CSV (header row first) or JSON.
 */
public final class SnapshotExport {

  /** The snapshot fields, in the contract's order: the CSV header and the JSON keys. */
  public static final List<String> FIELDS =
      List.of(
          "site_id",
          "product_id",
          "period",
          "revision",
          "unit",
          "opening",
          "receipts",
          "sales",
          "waste",
          "transfers_in",
          "transfers_out",
          "adjustments",
          "expected_closing",
          "counted",
          "count_variance",
          "variance_pct",
          "closing",
          "waste_pct",
          "status");

  private static final Duration DEADLINE = Duration.ofMinutes(5);

  private SnapshotExport() {}

  /** The latest revision of every snapshot on {@code topic}, filtered by period and site. */
  public static List<Snapshot> latest(
      Map<String, Object> clientSettings, String topic, String period, String site) {
    Map<String, Snapshot> latest = latestRevisions(clientSettings, topic, Snapshot.class);
    List<Snapshot> out = new ArrayList<>();
    for (Snapshot s : latest.values()) {
      if (s.getPeriod().equals(period) && (site == null || s.getSiteId().equals(site))) {
        out.add(s);
      }
    }
    out.sort(Comparator.comparing(Snapshot::getSiteId).thenComparing(Snapshot::getProductId));
    return out;
  }

  /**
   * The latest revision (by its {@code revision} field; the later record on a tie) of every key of
   * a compacted snapshot topic, read to its end with read_committed; tombstones remove a key.
   */
  public static <T extends SpecificRecord> Map<String, T> latestRevisions(
      Map<String, Object> clientSettings, String topic, Class<T> type) {
    Map<String, T> latest = new HashMap<>();
    readAll(
        clientSettings,
        topic,
        type,
        (key, value) -> {
          if (value == null) {
            latest.remove(key);
            return;
          }
          T known = latest.get(key);
          if (known == null || revision(known) <= revision(value)) {
            latest.put(key, value);
          }
        });
    return latest;
  }

  /**
   * Reads every committed record of {@code topic} from the beginning to the end offsets found at
   * the start (read_committed), in partition order, giving each key and value (null for a
   * tombstone) to {@code sink}.
   *
   * @throws IllegalStateException when the topic does not exist or cannot be read in time
   */
  public static <T extends SpecificRecord> void readAll(
      Map<String, Object> clientSettings,
      String topic,
      Class<T> type,
      java.util.function.BiConsumer<String, T> sink) {
    Properties p = new Properties();
    p.putAll(clientSettings);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "massbalance-export-" + UUID.randomUUID());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    ConfluentAvroDeserializer<T> values = new ConfluentAvroDeserializer<>(type);
    values.configure(clientSettings, false);
    try (KafkaConsumer<String, T> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), values)) {
      List<TopicPartition> partitions = new ArrayList<>();
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("topic '" + topic + "' does not exist");
      }
      for (PartitionInfo info : infos) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plus(DEADLINE);
      while (!caughtUp(consumer, end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "could not read '" + topic + "' to its end in " + DEADLINE);
        }
        for (ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(200))) {
          sink.accept(r.key(), r.value());
        }
      }
    }
  }

  private static int revision(SpecificRecord r) {
    return (Integer) r.get(r.getSchema().getField("revision").pos());
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** One snapshot as a map of the contract's fields. */
  public static Map<String, Object> row(Snapshot s) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String f : FIELDS) {
      m.put(f, s.get(f));
    }
    return m;
  }

  /** Writes CSV: header row first, one row per snapshot (empty cells for null values). */
  public static void writeCsv(List<Snapshot> snapshots, Writer out) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader(FIELDS.toArray(String[]::new))
            .setRecordSeparator("\n")
            .get();
    // The printer is flushed, not closed: the writer belongs to the caller (standard output).
    CSVPrinter printer = new CSVPrinter(out, format);
    for (Snapshot s : snapshots) {
      List<Object> values = new ArrayList<>();
      for (String f : FIELDS) {
        Object v = s.get(f);
        // Quantities are exact decimal strings ("-5"): neutralise only what is not a number.
        values.add(
            v instanceof CharSequence text && !isNumber(text.toString())
                ? CsvCells.neutralise(text.toString())
                : v);
      }
      printer.printRecord(values);
    }
    printer.flush();
  }

  private static boolean isNumber(String s) {
    return s.matches("-?\\d+(\\.\\d+)?");
  }

  /** Writes a JSON array of objects with the contract's field names. */
  public static void writeJson(List<Snapshot> snapshots, Writer out) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Snapshot s : snapshots) {
      rows.add(row(s));
    }
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .writeValue(out, rows);
  }
}
