package org.massbalance.engine.query;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.ImportCertificate;
import org.massbalance.avro.internal.ImportCertificateEntry;
import org.massbalance.avro.internal.ImportCertificateState;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.stores.StoreNames;

/**
 * Import certificates from this instance's stores (standby copies too when stale): a certificate
 * with a page of its draws in processing order, and the certificates this instance holds.
 */
public final class ImportCertificateQueries {

  /** The largest sequence a draw's key can carry. */
  private static final long LAST_SEQUENCE = 999_999_999_999L;

  private final StoreAccess stores;

  ImportCertificateQueries(StoreAccess stores) {
    this.stores = stores;
  }

  /**
   * A certificate held here as seen now.
   *
   * @param number the certificate number
   * @param certificate its latest valid record, or null when none came
   * @param certifiedKg the record's quantity in kg, or null
   * @param receivedKg the sum of its draws, in kg
   * @param draws how many draws were made
   * @param periods the site-local months of the draws, sorted
   * @param entries a page of its draws, in processing order
   * @param nextAfter the sequence to ask the next page after, or null on the last page
   */
  public record View(
      String number,
      ImportCertificate certificate,
      BigDecimal certifiedKg,
      BigDecimal receivedKg,
      long draws,
      List<String> periods,
      List<ImportCertificateEntry> entries,
      Long nextAfter) {}

  /**
   * The certificate {@code number} held here, if any, with at most {@code limit} of its draws after
   * sequence {@code after} (0: from the first).
   */
  public Optional<View> certificate(String number, long after, int limit, boolean stale) {
    ReadOnlyKeyValueStore<String, ImportCertificateState> states =
        stores.kv(StoreNames.IMPORT_CERTIFICATES, stale);
    ImportCertificateState s = states.get(number);
    if (s == null) {
      return Optional.empty();
    }
    ReadOnlyKeyValueStore<String, ImportCertificateEntry> draws =
        stores.kv(StoreNames.IMPORT_CERTIFICATE_DRAWS, stale);
    List<ImportCertificateEntry> page = new ArrayList<>();
    Long next = null;
    try (KeyValueIterator<String, ImportCertificateEntry> it =
        draws.range(
            Keys.importCertificateDraw(number, Math.min(after, LAST_SEQUENCE - 1) + 1),
            Keys.importCertificateDraw(number, LAST_SEQUENCE))) {
      while (it.hasNext()) {
        KeyValue<String, ImportCertificateEntry> kv = it.next();
        if (page.size() == limit) {
          next = page.get(page.size() - 1).getSequence();
          break;
        }
        page.add(kv.value);
      }
    }
    return Optional.of(view(number, s, List.copyOf(page), next));
  }

  /**
   * Every certificate held here (no draws listed), in number order; with {@code from} and {@code
   * to}, only those drawn by a movement dated (site-local) in those months.
   */
  public List<View> listed(YearMonth from, YearMonth to) {
    ReadOnlyKeyValueStore<String, ImportCertificateState> states =
        stores.kv(StoreNames.IMPORT_CERTIFICATES, false);
    List<View> out = new ArrayList<>();
    try (KeyValueIterator<String, ImportCertificateState> it = states.all()) {
      while (it.hasNext()) {
        KeyValue<String, ImportCertificateState> kv = it.next();
        if (from != null && !drawnIn(kv.value.getPeriods(), from, to)) {
          continue;
        }
        out.add(view(kv.key, kv.value, List.of(), null));
      }
    }
    return out;
  }

  private static boolean drawnIn(List<String> periods, YearMonth from, YearMonth to) {
    for (String p : periods) {
      YearMonth m = YearMonth.parse(p);
      if (!m.isBefore(from) && !m.isAfter(to)) {
        return true;
      }
    }
    return false;
  }

  private static View view(
      String number, ImportCertificateState s, List<ImportCertificateEntry> page, Long next) {
    return new View(
        number,
        s.getCertificate(),
        s.getCertifiedKg() == null ? null : new BigDecimal(s.getCertifiedKg()),
        new BigDecimal(s.getReceivedKg()),
        s.getDraws(),
        List.copyOf(s.getPeriods()),
        page,
        next);
  }
}
