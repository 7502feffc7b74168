package org.massbalance.engine.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.massbalance.engine.audit.AuditData.ProcessRecord;
import org.massbalance.engine.audit.io.CloseableIterator;
import org.massbalance.engine.audit.io.ExternalSort;

/**
 * One pass over an {@link AuditInput}: each site|product's rows go to every table as the group is
 * read (the groups come in (site, product) order, so the sheets' rows come sorted), each site's
 * transformations before its first product, a report page per site and product; the tables built
 * from tallies (summary, suppliers) and the consolidated snapshots come at the end, and the FSMA
 * 204 rows, which come in another order than the groups, through an external sort. Memory holds one
 * group, one site's transformations and the tallies.
 */
final class AuditPass {

  /** Where the report's pages go. */
  interface Report {
    /** A site's processing page (its transformations of the range), before its products. */
    void processing(String site, List<ProcessRecord> transformations) throws IOException;

    /** One site and product's page. */
    void page(ReportModel.Page page) throws IOException;
  }

  /** What the pass tallied: the summary's rows (the report's cover). */
  record Result(List<Object[]> summary, long groups) {}

  /** FSMA rows kept in memory per sheet before a sorted run is written. */
  private static final long SORT_MEMORY = 24L << 20;

  private AuditPass() {}

  /** The whole package's rows for every FSMA day of the range. */
  static Result run(
      AuditInput in,
      Fsma204.Columns fsma,
      TableSpec.RowSink rows,
      Report report,
      Consumer<String> progress) {
    return run(in, fsma, day -> true, rows, report, progress);
  }

  /**
   * The package's rows to {@code rows} and its pages to {@code report} (null: none).
   *
   * @param days the site-local dates of the events the FSMA 204 sheets list
   */
  static Result run(
      AuditInput in,
      Fsma204.Columns fsma,
      Predicate<LocalDate> days,
      TableSpec.RowSink rows,
      Report report,
      Consumer<String> progress) {
    Path work;
    try {
      work = Files.createTempDirectory("massbalance-audit-pass-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
    Map<Fsma204.Kind, ExternalSort> sorts = new EnumMap<>(Fsma204.Kind.class);
    try {
      for (Fsma204.Kind k : Fsma204.Kind.values()) {
        sorts.put(k, new ExternalSort(work, k.name().toLowerCase(), SORT_MEMORY));
      }
      AuditInput.Scope scope = in.scope();
      AuditInput.Reference reference = in.reference();
      Fsma204.Builder fsmaRows =
          new Fsma204.Builder(
              fsma,
              scope,
              reference,
              days,
              (kind, key, row) -> sorts.get(kind).add(key, RowCodec.encode(row)));
      SummarySheet summary = new SummarySheet();
      SuppliersSheet suppliers = new SuppliersSheet();
      long groups = 0;
      try (CloseableIterator<KeyGroup> it = in.groups();
          CloseableIterator<ProcessRecord> ts = in.transformationRecords()) {
        Transformations pending = new Transformations(ts);
        for (; it.hasNext(); ) {
          KeyGroup g = it.next();
          if (!g.keyless()) {
            pending.upTo(g.siteId(), rows, report, summary, fsmaRows);
          }
          MassBalanceSheet.rows(g, rows);
          TraceBackSheet.rows(g, rows);
          TraceForwardSheet.rows(scope, g, rows);
          LotsSheet.rows(scope, g, rows);
          WasteSheet.rows(g, AuditRows.tolerance(reference.products(), g.productId()), rows);
          AlertsSheet.rows(g.alerts(), rows);
          InvestigationsSheet.rows(g, rows);
          summary.add(g);
          suppliers.add(scope, g);
          fsmaRows.add(g);
          if (report != null) {
            ReportModel.Page page = ReportModel.page(scope, reference, g);
            if (page != null) {
              report.page(page);
            }
          }
          if (++groups % 20_000 == 0) {
            progress.accept(groups + " site|product keys written");
          }
        }
        pending.upTo(null, rows, report, summary, fsmaRows);
      }
      ConsolidatedSheet.rows(reference.consolidated(), rows);
      suppliers.rows(reference.certificates(), rows);
      ImportCertificatesSheet.rows(scope, reference.importCertificates(), rows);
      SignOffsSheet.rows(sortedSignOffs(reference.signOffs()), rows);
      List<Object[]> summaryRows = summary.rows(scope, fsmaRows.missing());
      for (Object[] r : summaryRows) {
        rows.row(SummarySheet.SPEC, r);
      }
      for (Fsma204.Kind k : Fsma204.Kind.values()) {
        TableSpec spec = fsma.spec(k);
        try (CloseableIterator<ExternalSort.Entry> sorted = sorts.get(k).sorted()) {
          while (sorted.hasNext()) {
            rows.row(spec, RowCodec.decode(sorted.next().value()));
          }
        }
      }
      return new Result(summaryRows, groups);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      sorts.values().forEach(ExternalSort::close);
      try (Stream<Path> left = Files.list(work)) {
        for (Path p : left.toList()) {
          Files.deleteIfExists(p);
        }
        Files.deleteIfExists(work);
      } catch (IOException e) {
        // a temporary directory left behind
      }
    }
  }

  /** Sign-offs by site, product and period. */
  private static List<org.massbalance.avro.PeriodSignOff> sortedSignOffs(
      List<org.massbalance.avro.PeriodSignOff> signOffs) {
    List<org.massbalance.avro.PeriodSignOff> out = new ArrayList<>(signOffs);
    out.sort(
        java.util.Comparator.comparing(org.massbalance.avro.PeriodSignOff::getSiteId)
            .thenComparing(org.massbalance.avro.PeriodSignOff::getProductId)
            .thenComparing(org.massbalance.avro.PeriodSignOff::getPeriod));
    return out;
  }

  /** The transformations not written yet, by site; a site's are written before its products. */
  private static final class Transformations {
    private final CloseableIterator<ProcessRecord> it;
    private ProcessRecord head;

    Transformations(CloseableIterator<ProcessRecord> it) {
      this.it = it;
      this.head = it.hasNext() ? it.next() : null;
    }

    /** Writes every site's transformations up to {@code site} (all when null). */
    void upTo(
        String site,
        TableSpec.RowSink rows,
        Report report,
        SummarySheet summary,
        Fsma204.Builder fsma)
        throws IOException {
      while (head != null && (site == null || head.siteId().compareTo(site) <= 0)) {
        String current = head.siteId();
        List<ProcessRecord> ofSite = new ArrayList<>();
        while (head != null && head.siteId().equals(current)) {
          ProcessingSheet.rows(head, rows);
          summary.addTransformation();
          fsma.add(head);
          ofSite.add(head);
          head = it.hasNext() ? it.next() : null;
        }
        if (report != null) {
          report.processing(current, ofSite);
        }
      }
    }
  }
}
