package org.massbalance.engine.audit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Snapshot;
import org.massbalance.commandline.ApiOptions;
import org.massbalance.commandline.ClusterOptions;
import org.massbalance.engine.export.SnapshotExport;
import org.massbalance.topics.TopicDefaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code massbalance export snapshots|alerts|lots|trace --period yyyy-MM [--site S] [--format
 * csv|json] --bootstrap HOST:PORT --registry URL [--api URL] [--token T]}: one table of a period;
 * {@code massbalance export fsma204 --lot LOT | --from yyyy-MM-dd --to yyyy-MM-dd --out DIR}: the
 * FSMA 204 receiving, shipping and transformation tables of one lot's chain or of a date range
 * ({@link Fsma204Export}). {@code snapshots}: the latest revision of each closed snapshot, read
 * from the snapshot topic; {@code alerts}: the period's alerts from the alert topic; {@code lots}
 * and {@code trace}: the audit package's {@code Lots} and {@code Trace back} tables of the
 * site|product keys with a closed snapshot in the period, from the engine's API ({@code --api}).
 * Quantities in each product's unit, rounded half-even to 6 places.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Prints one table of a period (CSV or JSON): snapshots (latest revision of each",
      "closed snapshot), alerts, lots or trace (the audit package's Lots and Trace back",
      "tables; these two need --api); fsma204 --lot LOT | --from --to writes the FSMA 204",
      "receiving, shipping and transformation CSVs of a lot's chain or a date range to --out."
    })
public final class ExportCommand implements Callable<Integer> {

  /** What to export. */
  public enum What {
    snapshots,
    alerts,
    lots,
    trace,
    fsma204
  }

  /** Output formats. */
  public enum Format {
    csv,
    json
  }

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "WHAT",
      description = "What to export: snapshots, alerts, lots, trace or fsma204.")
  What what;

  @Option(
      names = "--period",
      paramLabel = "yyyy-MM",
      description = "The period (snapshots, alerts, lots, trace).")
  String period;

  @Option(
      names = "--lot",
      paramLabel = "LOT",
      description =
          "fsma204: one lot's chain (lot id or traceability lot code), across sites and"
              + " transformations, among the months --from..--to (default: the 12 months to now).")
  String lot;

  @Option(
      names = "--from",
      paramLabel = "yyyy-MM-dd",
      description = "fsma204: the first site-local day of the range.")
  String fromDay;

  @Option(
      names = "--to",
      paramLabel = "yyyy-MM-dd",
      description = "fsma204: the last site-local day of the range.")
  String toDay;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "fsma204: the directory the three CSV files are written to.")
  Path outDir;

  @Option(
      names = "--fsma-columns",
      paramLabel = "FILE",
      description = "fsma204: column names laid over fsma204-columns.properties.")
  Path fsmaColumns;

  @Option(names = "--site", paramLabel = "S", description = "Only this site.")
  String site;

  @Option(
      names = "--format",
      defaultValue = "csv",
      description = "csv or json (default ${DEFAULT-VALUE}).")
  Format format;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--topic",
      defaultValue = TopicDefaults.SNAPSHOTS,
      description = "Snapshot topic (default ${DEFAULT-VALUE}).")
  String topic;

  @Mixin Api api;

  /** {@code --api} optional: only {@code lots} and {@code trace} read the engine's API. */
  static final class Api extends ApiOptions {

    @Option(
        names = "--api",
        paramLabel = "URL",
        description = "The engine's HTTP API (lots and trace), e.g. http://localhost:8080.")
    String api;

    @Override
    public String url() {
      return api;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (what == What.fsma204) {
      return fsma204(cluster.clientSettings());
    }
    if (period == null) {
      throw new ParameterException(
          spec.commandLine(), "export " + what + " needs --period yyyy-MM");
    }
    try {
      YearMonth.parse(period);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(), "--period must be yyyy-MM, got '" + period + "'");
    }
    Map<String, Object> settings = cluster.clientSettings();
    PrintWriter out = spec.commandLine().getOut();
    if (what == What.snapshots || what == What.alerts) {
      // lots and trace: the audit reader checks cluster, registry and engine itself
      org.massbalance.commandline.ClusterCheck.require(settings);
    }
    if (what != What.snapshots) {
      return table(settings, out);
    }
    List<Snapshot> rows = SnapshotExport.latest(settings, topic, period, site);
    if (format == Format.json) {
      SnapshotExport.writeJson(rows, out);
      out.println();
    } else {
      SnapshotExport.writeCsv(rows, out);
    }
    out.flush();
    return 0;
  }

  private int table(Map<String, Object> settings, PrintWriter out) throws Exception {
    YearMonth month = YearMonth.parse(period);
    List<String> sites = site == null ? List.of() : List.of(site);
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (what == What.alerts) {
        List<Alert> alerts = new ArrayList<>();
        SnapshotExport.readAll(
            settings,
            TopicDefaults.ALERTS,
            Alert.class,
            (k, a) -> {
              if (a != null && AuditReader.alertInRange(a, month, month, sites)) {
                alerts.add(a);
              }
            });
        alerts.sort(
            java.util.Comparator.comparing((Alert a) -> AuditRows.nz(a.getSiteId()))
                .thenComparing(a -> AuditRows.nz(a.getProductId()))
                .thenComparing(AuditRows.ALERT_ORDER));
        TableSpec table = AlertsSheet.SPEC;
        List<Object[]> rows = new ArrayList<>();
        for (Alert a : alerts) {
          rows.add(AlertsSheet.row(a));
        }
        print(table, rows.iterator(), out);
        return 0;
      }
      if (api.url() == null) {
        throw new ParameterException(spec.commandLine(), "export " + what + " needs --api URL");
      }
      TableSpec wanted = what == What.lots ? LotsSheet.SPEC : TraceBackSheet.SPEC;
      try (AuditInput input =
          new AuditReader(settings, api.url(), api.token(), line -> err.println("export: " + line))
              .read(month, month, sites, Instant.EPOCH)) {
        // the one table, written as the pass makes its rows
        Printer printer = new Printer(wanted, out, format);
        AuditPass.run(
            input,
            Fsma204.Columns.defaults(),
            (t, r) -> {
              if (t == wanted) {
                printer.row(r);
              }
            },
            null,
            line -> {});
        printer.close();
      }
    } catch (AuditException e) {
      err.println("massbalance export: " + e.getMessage());
      err.flush();
      return 1;
    }
    out.flush();
    return 0;
  }

  /** {@code export fsma204}: a lot's chain or a date range, as three CSV files in {@code --out}. */
  private int fsma204(Map<String, Object> settings) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (outDir == null) {
      throw new ParameterException(spec.commandLine(), "export fsma204 needs --out DIR");
    }
    if (api.url() == null) {
      throw new ParameterException(spec.commandLine(), "export fsma204 needs --api URL");
    }
    if (lot == null && (fromDay == null || toDay == null)) {
      throw new ParameterException(
          spec.commandLine(),
          "export fsma204 needs --lot LOT or --from yyyy-MM-dd --to yyyy-MM-dd");
    }
    LocalDate from;
    LocalDate to;
    try {
      to = toDay == null ? LocalDate.now(java.time.ZoneOffset.UTC) : LocalDate.parse(toDay);
      from = fromDay == null ? to.minusMonths(12).withDayOfMonth(1) : LocalDate.parse(fromDay);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(), "--from and --to must be yyyy-MM-dd: " + e.getParsedString());
    }
    if (from.isAfter(to)) {
      throw new ParameterException(spec.commandLine(), "--from " + from + " is after --to " + to);
    }
    List<String> sites = site == null ? List.of() : List.of(site);
    Fsma204.Columns columns =
        fsmaColumns == null ? Fsma204.Columns.defaults() : Fsma204.Columns.of(fsmaColumns);
    Consumer<String> progress = line -> err.println("export: " + line);
    try (AuditInput input =
        new AuditReader(settings, api.url(), api.token(), progress)
            .read(YearMonth.from(from), YearMonth.from(to), sites, Instant.EPOCH)) {
      List<Path> files =
          lot == null
              ? Fsma204Export.range(input, columns, from, to, outDir, progress)
              : Fsma204Export.lot(input, columns, lot, outDir, progress);
      for (Path f : files) {
        spec.commandLine().getOut().println(f);
      }
    } catch (AuditException e) {
      err.println("massbalance export: " + e.getMessage());
      err.flush();
      return 1;
    }
    spec.commandLine().getOut().flush();
    return 0;
  }

  private void print(TableSpec table, java.util.Iterator<Object[]> rows, PrintWriter out)
      throws java.io.IOException {
    Printer p = new Printer(table, out, format);
    while (rows.hasNext()) {
      p.row(rows.next());
    }
    p.close();
  }

  /** One table to the standard output, CSV or a JSON array, a row at a time. */
  private static final class Printer {
    private final CsvTableWriter csv;
    private final CsvTableWriter.Json json;
    private final PrintWriter out;

    Printer(TableSpec table, PrintWriter out, Format format) throws java.io.IOException {
      this.out = out;
      if (format == Format.json) {
        this.json = new CsvTableWriter.Json(table, out);
        this.csv = null;
      } else {
        this.json = null;
        this.csv = new CsvTableWriter(table, new WriterOutputStream(out));
      }
    }

    void row(Object[] r) {
      if (json != null) {
        json.row(r);
      } else {
        csv.row(r);
      }
    }

    void close() throws java.io.IOException {
      if (json != null) {
        json.close();
        out.println();
      } else {
        csv.flush();
      }
      out.flush();
    }
  }

  /** UTF-8 bytes written to a character writer (the command line's output). */
  private static final class WriterOutputStream extends java.io.OutputStream {
    private final java.io.Writer out;
    private final java.nio.charset.CharsetDecoder decoder =
        java.nio.charset.StandardCharsets.UTF_8.newDecoder();

    WriterOutputStream(java.io.Writer out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws java.io.IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      java.nio.CharBuffer chars = decoder.decode(java.nio.ByteBuffer.wrap(b, off, len));
      out.write(chars.toString());
    }

    @Override
    public void flush() throws java.io.IOException {
      out.flush();
    }
  }
}
