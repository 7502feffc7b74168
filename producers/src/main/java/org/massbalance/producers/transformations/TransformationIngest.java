package org.massbalance.producers.transformations;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.massbalance.avro.Transformation;
import org.massbalance.producers.csv.CsvFileException;
import org.massbalance.producers.csv.CsvRecordReader;
import org.massbalance.producers.csv.CsvRefusal;
import org.massbalance.producers.csv.CsvRow;
import org.massbalance.producers.ingest.IngestException;
import org.massbalance.producers.ingest.Ingester;
import org.massbalance.producers.ingest.ProducerFactory;
import org.massbalance.producers.ingest.RecordSender;
import org.massbalance.topics.TopicDefaults;

/**
 * {@code ingest transformations FILE}: the whole file is read and grouped ({@link
 * TransformationGroups}) before anything is sent, so a file refused whole (no header, a required
 * column missing, malformed CSV or UTF-8) sends nothing; then each transformation is sent keyed
 * {@code site|transformation_id}, with {@code ingested_at} set. A progress line goes to the
 * progress stream every {@link Ingester#PROGRESS_ROWS} rows read.
 */
public final class TransformationIngest {

  /** Refusals listed in a summary; further ones are only counted. */
  public static final int MAX_LISTED = Ingester.MAX_LISTED;

  private final ProducerFactory producers;
  private final PrintStream progress;
  private final Clock clock;

  /** An ingest sending with a producer factory, printing progress to a stream, on a clock. */
  public TransformationIngest(ProducerFactory producers, PrintStream progress, Clock clock) {
    this.producers = producers;
    this.progress = progress;
    this.clock = clock;
  }

  /**
   * Reads, groups and sends a file.
   *
   * @throws IngestException when the file cannot be read or is refused whole, or a send failed
   */
  public TransformationSummary ingest(Path file, String topic) {
    try (InputStream in = Files.newInputStream(file)) {
      return ingest(in, topic);
    } catch (NoSuchFileException e) {
      throw new IngestException("transformations file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new IngestException(
          "transformations file " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads, groups and sends the CSV of a stream.
   *
   * @throws IngestException when the file is refused whole or a send failed
   */
  public TransformationSummary ingest(InputStream in, String topic) {
    TransformationGroups groups = new TransformationGroups();
    long[] rows = {0};
    List<String> ignored;
    try {
      ignored =
          TransformationRows.reader()
              .read(
                  in,
                  new CsvRecordReader.Sink<>() {
                    @Override
                    public void accept(long line, TransformationRows.Row row) {
                      groups.add(row);
                      counted(rows);
                    }

                    @Override
                    public void refuse(CsvRefusal refusal) {
                      groups.refuse(null, refusal.line(), refusal.reason());
                      counted(rows);
                    }

                    @Override
                    public void refuse(CsvRow row, CsvRefusal refusal) {
                      groups.refuse(row.get("transformation_id"), refusal.line(), refusal.reason());
                      counted(rows);
                    }
                  });
    } catch (CsvFileException e) {
      throw new IngestException(e.getMessage() + " (nothing was sent)", e);
    }
    TransformationGroups.Result result = groups.result();
    long now = clock.millis();
    result.transformations().forEach(t -> t.setIngestedAt(now));
    long sent =
        RecordSender.send(
            producers,
            Transformation.class,
            topic,
            result.transformations(),
            TransformationIngest::key);
    List<TransformationGroups.Refusal> listed =
        result.refusals().size() > MAX_LISTED
            ? result.refusals().subList(0, MAX_LISTED)
            : result.refusals();
    return new TransformationSummary(
        topic,
        rows[0],
        sent,
        result.rowsRefused(),
        List.copyOf(listed),
        result.refusals().size(),
        ignored);
  }

  /** The key of a transformation as producers send it: {@code site|transformation_id}. */
  public static String key(Transformation t) {
    return TopicDefaults.transformationKey(
        t.getSiteId() == null ? "" : t.getSiteId(), t.getTransformationId());
  }

  private void counted(long[] rows) {
    if (++rows[0] % Ingester.PROGRESS_ROWS == 0) {
      progress.println("transformations: " + rows[0] + " rows read");
    }
  }
}
