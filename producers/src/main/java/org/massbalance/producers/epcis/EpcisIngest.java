package org.massbalance.producers.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.TransformationItem;
import org.massbalance.producers.ingest.ProducerFactory;
import org.massbalance.producers.ingest.RecordSender;
import org.massbalance.topics.TopicDefaults;

/**
 * {@code ingest epcis}: validates the document, maps every event (an event is sent whole or refused
 * whole, with its index and reason), then sends the movements of its ObjectEvents, keyed {@code
 * site|product}, and the transformations of its TransformationEvents, keyed {@code
 * site|transformation_id}, with {@code ingested_at} set. TransformationEvents sharing a {@code
 * transformationID} are one transformation: their inputs, then outputs, concatenated in document
 * order, at the latest of their event times, with the first document reference any of them has; the
 * group is refused whole (each of its events named) when one of its events cannot be mapped or when
 * they disagree on the site. A document refused whole sends nothing.
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
   * Ingests a document, sending transformations to the contract's topic.
   *
   * @throws EpcisFileException when the document or a map is refused whole
   */
  public EpcisSummary ingest(Path document, EpcisMaps maps, String topic) {
    return ingest(document, maps, topic, TopicDefaults.TRANSFORMATIONS);
  }

  /**
   * Ingests a document.
   *
   * @param topic the movements topic
   * @param transformationsTopic the transformations topic
   * @throws EpcisFileException when the document or a map is refused whole
   */
  public EpcisSummary ingest(
      Path document, EpcisMaps maps, String topic, String transformationsTopic) {
    JsonNode doc = EpcisDocuments.read(document, MAX_BYTES);
    JsonNode events = doc.path("epcisBody").path("eventList");
    EpcisMapping mapping = new EpcisMapping(maps);
    List<Movement> movements = new ArrayList<>();
    Map<Integer, String> refused = new TreeMap<>();
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    Map<Integer, EpcisMapping.TransformationPart> parts = new TreeMap<>();
    for (int i = 0; i < events.size(); i++) {
      JsonNode event = events.get(i);
      try {
        if ("TransformationEvent".equals(event.path("type").asText())) {
          JsonNode shared = event.get("transformationID");
          String group =
              shared != null && shared.isTextual() && !shared.asText().isBlank()
                  ? "id:" + shared.asText().strip()
                  : "event:" + i;
          groups.computeIfAbsent(group, k -> new ArrayList<>()).add(i);
          parts.put(i, mapping.transformation(event));
        } else {
          movements.addAll(mapping.map(event));
        }
      } catch (EpcisMapping.EventRefusedException e) {
        refused.put(i, e.getMessage());
      }
    }
    List<Transformation> transformations = new ArrayList<>();
    for (List<Integer> group : groups.values()) {
      Transformation t = transformation(group, parts, refused);
      if (t != null) {
        transformations.add(t);
      }
    }
    long now = clock.millis();
    movements.forEach(m -> m.setIngestedAt(now));
    transformations.forEach(t -> t.setIngestedAt(now));
    long sent =
        RecordSender.send(
            producers,
            Movement.class,
            topic,
            movements,
            m -> TopicDefaults.movementKey(m.getSiteId(), m.getProductId()));
    long sentTransformations =
        RecordSender.send(
            producers,
            Transformation.class,
            transformationsTopic,
            transformations,
            t -> TopicDefaults.transformationKey(t.getSiteId(), t.getTransformationId()));
    List<String> lines =
        refused.entrySet().stream()
            .map(e -> "eventList[" + e.getKey() + "]: " + e.getValue())
            .toList();
    return new EpcisSummary(
        topic, events.size(), sent, transformationsTopic, sentTransformations, lines);
  }

  /**
   * The transformation of a group of events (document order), or null when it is refused: then
   * every event of the group not refused already is, in {@code refused}.
   */
  private static Transformation transformation(
      List<Integer> group,
      Map<Integer, EpcisMapping.TransformationPart> parts,
      Map<Integer, String> refused) {
    List<Integer> failed = group.stream().filter(refused::containsKey).toList();
    String id =
        group.stream()
            .filter(parts::containsKey)
            .findFirst()
            .map(i -> "transformation '" + parts.get(i).transformationId() + "'")
            .orElse(null);
    if (!failed.isEmpty()) {
      for (int i : group) {
        if (!refused.containsKey(i)) {
          refused.put(
              i,
              id
                  + " is refused whole: its "
                  + (failed.size() == 1 ? "event " : "events ")
                  + failed.stream()
                      .map(f -> "eventList[" + f + "]")
                      .collect(Collectors.joining(", "))
                  + " cannot be mapped");
        }
      }
      return null;
    }
    Map<String, List<Integer>> bySite = new LinkedHashMap<>();
    for (int i : group) {
      bySite.computeIfAbsent(parts.get(i).siteId(), k -> new ArrayList<>()).add(i);
    }
    if (bySite.size() > 1) {
      String sites =
          bySite.entrySet().stream()
              .map(
                  e ->
                      e.getKey()
                          + " at "
                          + e.getValue().stream()
                              .map(i -> "eventList[" + i + "]")
                              .collect(Collectors.joining(", ")))
              .collect(Collectors.joining("; "));
      for (int i : group) {
        refused.put(i, id + ": its events disagree on the site (" + sites + ")");
      }
      return null;
    }
    List<TransformationItem> inputs = new ArrayList<>();
    List<TransformationItem> outputs = new ArrayList<>();
    EpcisMapping.TransformationPart latest = null;
    String documentRef = null;
    for (int i : group) {
      EpcisMapping.TransformationPart part = parts.get(i);
      inputs.addAll(part.inputs());
      outputs.addAll(part.outputs());
      if (latest == null
          || OffsetDateTime.parse(part.occurredAt())
              .isAfter(OffsetDateTime.parse(latest.occurredAt()))) {
        latest = part;
      }
      if (documentRef == null) {
        documentRef = part.documentRef();
      }
    }
    return Transformation.newBuilder()
        .setTransformationId(latest.transformationId())
        .setSiteId(latest.siteId())
        .setOccurredAt(latest.occurredAt())
        .setDocumentRef(documentRef)
        .setInputs(inputs)
        .setOutputs(outputs)
        .setIngestedAt(null)
        .build();
  }
}
