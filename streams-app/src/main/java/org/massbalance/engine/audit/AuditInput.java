package org.massbalance.engine.audit;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.PeriodSignOff;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.audit.io.CloseableIterator;

/**
 * What an audit package is written from, read once in one pass: the range, the reference data
 * (small: certificates, products, sites, consolidated snapshots), every site|product's records in
 * (site, product) order, and the transformations in (site, occurred_at, id) order. {@link
 * AuditData} holds it all in memory (tests, small ranges); the reader's spooled input holds it in
 * sorted files (ADR 33).
 */
public interface AuditInput extends AutoCloseable {

  /** The range and who asked: the months, the sites (empty: every site), when it was made. */
  record Scope(YearMonth from, YearMonth to, List<String> sites, Instant generatedAt) {

    /** Copies the list. */
    public Scope {
      sites = List.copyOf(sites);
    }

    /** Whether {@code period} (yyyy-MM) lies in the range. */
    public boolean inRange(String period) {
      if (period == null || period.length() != 7) {
        return false;
      }
      YearMonth p = YearMonth.parse(period);
      return !p.isBefore(from) && !p.isAfter(to);
    }

    /** Whether {@code site} is one the package is about. */
    public boolean inScope(String site) {
      return sites.isEmpty() || sites.contains(site);
    }
  }

  /**
   * The reference data: certificate records by NOP ID, products and sites by id (latest), the
   * range's consolidated snapshots (latest revision), the import certificates drawn in the range
   * and the sign-offs of the range's months at the sites asked for (all small: one record per
   * certificate, product, site or signed month).
   */
  record Reference(
      Map<String, SupplierCertificate> certificates,
      Map<String, Product> products,
      Map<String, Site> sites,
      List<ConsolidatedSnapshot> consolidated,
      List<ImportCertificatesSheet.Certificate> importCertificates,
      List<PeriodSignOff> signOffs) {

    /** Copies the maps and the lists. */
    public Reference {
      certificates = Map.copyOf(certificates);
      products = Map.copyOf(products);
      sites = Map.copyOf(sites);
      consolidated = List.copyOf(consolidated);
      importCertificates = List.copyOf(importCertificates);
      signOffs = List.copyOf(signOffs);
    }

    /** Reference data without import certificates or sign-offs. */
    public Reference(
        Map<String, SupplierCertificate> certificates,
        Map<String, Product> products,
        Map<String, Site> sites,
        List<ConsolidatedSnapshot> consolidated) {
      this(certificates, products, sites, consolidated, List.of(), List.of());
    }

    /** The sign-off of {@code site}'s {@code product} for {@code period}, or null. */
    public PeriodSignOff signOff(String site, String product, String period) {
      for (PeriodSignOff s : signOffs) {
        if (s.getSiteId().equals(site)
            && s.getProductId().equals(product)
            && s.getPeriod().equals(period)) {
          return s;
        }
      }
      return null;
    }
  }

  /** The range and sites. */
  Scope scope();

  /** The reference data. */
  Reference reference();

  /** Every site|product's records, in (site, product) order; alerts of no key first. */
  CloseableIterator<KeyGroup> groups();

  /** The range's transformations, by site, occurred_at and id. */
  CloseableIterator<AuditData.ProcessRecord> transformationRecords();

  @Override
  default void close() {}
}
