package org.massbalance.producers.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.massbalance.avro.Movement;
import org.massbalance.producers.ingest.ProducerFactory;
import org.massbalance.producers.ingest.RecordSender;
import org.massbalance.topics.TopicDefaults;

/**
 * {@code ingest epcis}: validates the document, maps every event (an event is sent whole or refused
 * whole, with its index and reason), then sends the movements, keyed {@code site|product}, with
 * {@code ingested_at} set. A document refused whole sends nothing.
 */
public final class EpcisIngest {

  /** The largest document read: 64 MiB (read as a tree, it takes several times that in heap). */
  public static final long MAX_BYTES = 64L << 20;

  private final ProducerFactory producers;
  private final Clock clock;

  /** An ingest sending with a producer factory, on a clock (ingested_at). */
  public EpcisIngest(ProducerFactory producers, Clock clock) {
    this.producers = producers;
    this.clock = clock;
  }

  /**
   * Ingests a document.
   *
   * @throws EpcisFileException when the document or a map is refused whole
   */
  public EpcisSummary ingest(Path document, EpcisMaps maps, String topic) {
    JsonNode doc = EpcisDocuments.read(document, MAX_BYTES);
    JsonNode events = doc.path("epcisBody").path("eventList");
    EpcisMapping mapping = new EpcisMapping(maps);
    List<Movement> movements = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      try {
        movements.addAll(mapping.map(events.get(i)));
      } catch (EpcisMapping.EventRefusedException e) {
        refused.add("eventList[" + i + "]: " + e.getMessage());
      }
    }
    long now = clock.millis();
    movements.forEach(m -> m.setIngestedAt(now));
    long sent =
        RecordSender.send(
            producers,
            Movement.class,
            topic,
            movements,
            m -> TopicDefaults.movementKey(m.getSiteId(), m.getProductId()));
    return new EpcisSummary(topic, events.size(), sent, List.copyOf(refused));
  }
}
