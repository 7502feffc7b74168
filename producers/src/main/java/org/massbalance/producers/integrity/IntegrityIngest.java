package org.massbalance.producers.integrity;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.producers.csv.CsvRefusal;
import org.massbalance.producers.csv.RowRefusedException;
import org.massbalance.producers.ingest.ProducerFactory;
import org.massbalance.producers.ingest.RecordSender;

/**
 * {@code ingest integrity}: reads the whole file and maps every operation first (a file refused
 * whole sends nothing), then compares with the records on the topic and sends the others, keyed by
 * NOP ID, with {@code recorded_at} the ingest's instant.
 *
 * <p>A record is <em>unchanged</em>, and not sent again, when every field but {@code recorded_at}
 * equals the topic's record and that record was recorded less than {@code refreshAfter} ago: the
 * INTEGRITY database is the source of the verification, and a verification older than that is
 * renewed even when nothing changed, so that SUPPLIER_VERIFICATION_STALE keeps meaning "not
 * verified lately" (see ADR 0015). With {@code onlyKnown}, NOP IDs not on the topic are left out.
 */
public final class IntegrityIngest {

  /** Refused operations listed in a summary; further ones are only counted. */
  public static final int MAX_LISTED = 1_000;

  /** Default age after which an unchanged record is sent again to renew its recorded_at. */
  public static final Duration DEFAULT_REFRESH_AFTER = Duration.ofDays(7);

  private final ProducerFactory producers;
  private final CurrentCertificates current;
  private final IntegrityLimits limits;
  private final Clock clock;
  private final PrintStream progress;

  /**
   * An ingest.
   *
   * @param producers makes the producer
   * @param current reads the records on the topic
   * @param limits bounds of the readers
   * @param clock the ingest's clock (recorded_at)
   * @param progress where progress lines go
   */
  public IntegrityIngest(
      ProducerFactory producers,
      CurrentCertificates current,
      IntegrityLimits limits,
      Clock clock,
      PrintStream progress) {
    this.producers = producers;
    this.current = current;
    this.limits = limits;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * Ingests a file.
   *
   * @param file the export (.xlsx, .xml, .zip, .csv)
   * @param topic the certificates topic
   * @param onlyKnown leave out NOP IDs not on the topic
   * @param refreshAfter age after which an unchanged record is sent again
   * @return the summary
   * @throws IntegrityFileException when the file is refused whole (nothing sent)
   */
  public IntegritySummary ingest(
      Path file, String topic, boolean onlyKnown, Duration refreshAfter) {
    long now = clock.millis();
    List<SupplierCertificate> mapped = new ArrayList<>();
    List<CsvRefusal> refused = new ArrayList<>();
    long[] counts = new long[3]; // read, skipped, refused
    String format =
        new IntegrityReader(limits)
            .read(
                file,
                new IntegrityReader.Sink() {
                  @Override
                  public void row(long line, Map<String, String> fields) {
                    if (IntegrityMapping.isDescriptionRow(fields)) {
                      counts[1]++;
                      return;
                    }
                    counts[0]++;
                    try {
                      mapped.add(IntegrityMapping.map(fields, now));
                    } catch (RowRefusedException e) {
                      refuse(line, e.getMessage());
                    }
                  }

                  @Override
                  public void refuse(long line, String reason) {
                    if (refused.size() < MAX_LISTED) {
                      refused.add(new CsvRefusal(line, reason));
                    }
                    counts[2]++;
                  }
                });
    progress.println(
        "integrity: " + counts[0] + " operations read, " + counts[2] + " refused; comparing");
    Map<String, SupplierCertificate> onTopic = current.read(topic);
    List<SupplierCertificate> toSend = new ArrayList<>();
    long unchanged = 0;
    long unknown = 0;
    for (SupplierCertificate c : mapped) {
      SupplierCertificate existing = onTopic.get(c.getNopId());
      if (onlyKnown && existing == null) {
        unknown++;
      } else if (unchanged(existing, c, now, refreshAfter)) {
        unchanged++;
      } else {
        toSend.add(c);
      }
    }
    long sent =
        RecordSender.send(
            producers, SupplierCertificate.class, topic, toSend, SupplierCertificate::getNopId);
    return new IntegritySummary(
        format,
        topic,
        counts[0],
        sent,
        unchanged,
        unknown,
        counts[1],
        counts[2],
        List.copyOf(refused));
  }

  /**
   * True when {@code candidate} need not be sent: {@code existing} has the same fields but
   * recorded_at, and was recorded less than {@code refreshAfter} before {@code now}.
   */
  public static boolean unchanged(
      SupplierCertificate existing,
      SupplierCertificate candidate,
      long now,
      Duration refreshAfter) {
    if (existing == null) {
      return false;
    }
    Long recorded = existing.getRecordedAt();
    if (recorded == null || now - recorded >= refreshAfter.toMillis()) {
      return false;
    }
    return Objects.equals(existing.getNopId(), candidate.getNopId())
        && Objects.equals(existing.getOperationName(), candidate.getOperationName())
        && Objects.equals(existing.getCertifier(), candidate.getCertifier())
        && Objects.equals(existing.getStatus(), candidate.getStatus())
        && Objects.equals(existing.getStatusEffective(), candidate.getStatusEffective())
        && Objects.equals(existing.getScopes(), candidate.getScopes())
        && Objects.equals(existing.getExpiresOn(), candidate.getExpiresOn())
        && Objects.equals(existing.getAnniversary(), candidate.getAnniversary());
  }
}
