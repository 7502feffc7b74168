package org.massbalance.producers.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.massbalance.avro.Movement;
import org.massbalance.producers.csv.CsvFileException;
import org.massbalance.producers.csv.CsvRecordReader;
import org.massbalance.producers.csv.CsvRefusal;

/**
 * Sends the records of a CSV file to a topic, row by row, with one producer per file: refused rows
 * are collected (with line numbers and reasons) and sending goes on; a send failure stops the file
 * and fails it. Movements get {@code ingested_at} set to the send time. A progress line goes to the
 * progress stream every {@link #PROGRESS_ROWS} rows or {@link #PROGRESS_INTERVAL}.
 */
public final class Ingester {

  /** Rows between progress lines. */
  public static final long PROGRESS_ROWS = 10_000;

  /** Longest time between progress lines while rows are read. */
  public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);

  /** Refused rows listed in a summary; further ones are only counted. */
  public static final int MAX_LISTED = 1_000;

  private final ProducerFactory producers;
  private final PrintStream progress;
  private final Clock clock;

  /** An ingester with a producer factory, printing progress to a stream, on a clock. */
  public Ingester(ProducerFactory producers, PrintStream progress, Clock clock) {
    this.producers = producers;
    this.progress = progress;
    this.clock = clock;
  }

  /**
   * Sends a file to a topic.
   *
   * @return the rows sent and refused
   * @throws IngestException when the file cannot be read or refused whole, or a send failed
   */
  public <T extends SpecificRecord> IngestSummary ingest(
      Dataset<T> dataset, Path file, String topic) {
    try (InputStream in = Files.newInputStream(file)) {
      return ingest(dataset, in, topic);
    } catch (NoSuchFileException e) {
      throw new IngestException(dataset.name() + " file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new IngestException(
          dataset.name() + " file " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Sends the CSV of a stream to a topic.
   *
   * @return the rows sent and refused
   * @throws IngestException when the file cannot be read or refused whole, or a send failed
   */
  public <T extends SpecificRecord> IngestSummary ingest(
      Dataset<T> dataset, InputStream in, String topic) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    AtomicLong acknowledged = new AtomicLong();
    List<CsvRefusal> refused = new ArrayList<>();
    long[] counts = new long[2]; // [0] rows handed to the producer, [1] refused
    long[] lastProgress = {clock.millis(), 0};
    List<String> ignored;
    Producer<String, T> producer = producers.create(dataset.type());
    try {
      ignored =
          dataset
              .reader()
              .read(
                  in,
                  new CsvRecordReader.Sink<>() {
                    @Override
                    public void accept(long line, T record) {
                      if (failure.get() != null) {
                        throw new SendFailed();
                      }
                      if (record instanceof Movement movement) {
                        movement.setIngestedAt(clock.millis());
                      }
                      try {
                        producer.send(
                            new ProducerRecord<>(topic, dataset.key().apply(record), record),
                            (metadata, exception) -> {
                              if (exception != null) {
                                failure.compareAndSet(null, exception);
                              } else {
                                acknowledged.incrementAndGet();
                              }
                            });
                      } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                        throw new SendFailed();
                      }
                      counts[0]++;
                      report(dataset, counts, lastProgress);
                    }

                    @Override
                    public void refuse(CsvRefusal refusal) {
                      if (refused.size() < MAX_LISTED) {
                        refused.add(refusal);
                      }
                      counts[1]++;
                      report(dataset, counts, lastProgress);
                    }
                  });
      producer.flush();
    } catch (SendFailed e) {
      flushQuietly(producer);
      ignored = List.of();
    } catch (CsvFileException e) {
      flushQuietly(producer);
      if (failure.get() == null) {
        throw new IngestException(
            e.getMessage() + (counts[0] > 0 ? " (" + counts[0] + " rows before it were sent)" : ""),
            e);
      }
      ignored = List.of();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
      ignored = List.of();
    } finally {
      try {
        producer.close(Duration.ofSeconds(30));
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
      }
    }
    Exception cause = failure.get();
    if (cause != null) {
      throw new IngestException(
          "sending "
              + dataset.name()
              + " to topic "
              + topic
              + " failed after "
              + acknowledged.get()
              + " rows were acknowledged: "
              + describe(cause),
          cause);
    }
    return new IngestSummary(
        dataset.name(), topic, acknowledged.get(), counts[1], List.copyOf(refused), ignored);
  }

  private void report(Dataset<?> dataset, long[] counts, long[] lastProgress) {
    long rows = counts[0] + counts[1];
    long now = clock.millis();
    if (rows - lastProgress[1] >= PROGRESS_ROWS
        || now - lastProgress[0] >= PROGRESS_INTERVAL.toMillis()) {
      lastProgress[0] = now;
      lastProgress[1] = rows;
      progress.println(dataset.name() + ": " + counts[0] + " rows sent, " + counts[1] + " refused");
    }
  }

  private static void flushQuietly(Producer<?, ?> producer) {
    try {
      producer.flush();
    } catch (RuntimeException e) {
      // the first failure is the one reported
    }
  }

  private static String describe(Throwable e) {
    StringBuilder out = new StringBuilder();
    Throwable t = e;
    while (t != null) {
      if (out.length() > 0) {
        out.append(": ");
      }
      out.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
      if (t.getCause() == t) {
        break;
      }
      t = t.getCause();
      if (t != null && out.toString().contains(String.valueOf(t.getMessage()))) {
        break;
      }
    }
    return out.toString();
  }

  /** Stops reading the file after a send failure. */
  private static final class SendFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SendFailed() {
      super(null, null, false, false);
    }
  }
}
