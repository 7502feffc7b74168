package org.massbalance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.massbalance.commandline.ApiOptions;
import org.massbalance.commandline.ClusterOptions;
import org.massbalance.engine.audit.AuditException;
import org.massbalance.engine.audit.AuditInput;
import org.massbalance.engine.audit.AuditPackage;
import org.massbalance.engine.audit.AuditReader;
import org.massbalance.engine.audit.Fsma204;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code massbalance audit --from yyyy-MM --to yyyy-MM [--site S ...] --out DIR --bootstrap
 * HOST:PORT --registry URL --api URL [--token T]}: the audit package of a range of months (ADR 11).
 * Progress goes to stderr; exit 1 with one readable line when a source cannot be reached or the
 * range holds no closed snapshot.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the audit package of a range of months into DIR: audit.xlsx, one",
      "CSV file per table, report.html, report.pdf, MANIFEST.sha256 and",
      "audit-FROM-TO.zip. Closed snapshots come from the snapshot topic, lots,",
      "traces and transformations from every engine instance's bulk reads.",
      "Progress on stderr."
    })
public final class AuditCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "yyyy-MM", description = "First month.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "yyyy-MM", description = "Last month.")
  String to;

  @Option(
      names = "--site",
      paramLabel = "S",
      description = "Only this site (repeatable; default: every site).")
  List<String> sites = new ArrayList<>();

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(
      names = "--fsma-columns",
      paramLabel = "FILE",
      description = {
        "Column headers of the FSMA 204 sheets (a properties file of some or all of the keys of",
        "fsma204-columns.properties, e.g. FDA's template names; default: that file)."
      })
  Path fsmaColumns;

  @Mixin ClusterOptions cluster;

  @Mixin ApiOptions.Required api;

  @Override
  public Integer call() {
    YearMonth first = month("--from", from);
    YearMonth last = month("--to", to);
    if (last.isBefore(first)) {
      throw new ParameterException(spec.commandLine(), "--to must not be before --from");
    }
    PrintWriter err = spec.commandLine().getErr();
    // An unreachable broker is reported in one line below, not by a warning per retry.
    String networkLog = "org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient";
    if (System.getProperty(networkLog) == null) {
      System.setProperty(networkLog, "error");
    }
    Map<String, Object> settings = cluster.clientSettings();
    long started = System.nanoTime();
    java.util.function.Consumer<String> progress = line -> progress(err, started, line);
    try (AuditInput input =
        new AuditReader(settings, api.url(), api.token(), progress)
            .read(first, last, sites, Instant.now().truncatedTo(ChronoUnit.SECONDS), out)) {
      Fsma204.Columns columns =
          fsmaColumns == null ? Fsma204.Columns.defaults() : Fsma204.Columns.of(fsmaColumns);
      List<String> files = AuditPackage.write(input, out, progress, columns);
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.printf(
          "Audit package %s to %s written to %s (%d files, %s)%n",
          first, last, out, files.size(), files.get(files.size() - 1));
      stdout.flush();
      return 0;
    } catch (AuditException e) {
      err.println("massbalance audit: " + e.getMessage());
      err.flush();
      return 1;
    } catch (IOException e) {
      err.println("massbalance audit: cannot write the package to " + out + ": " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  /** One progress line on stderr, with the seconds since the command started. */
  private static void progress(PrintWriter err, long started, String line) {
    err.printf("audit: [%6.1f s] %s%n", (System.nanoTime() - started) / 1e9, line);
    err.flush();
  }

  private YearMonth month(String option, String value) {
    try {
      if (!value.matches("\\d{4}-\\d{2}")) {
        throw new DateTimeParseException("", value, 0);
      }
      return YearMonth.parse(value);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(), option + " must be yyyy-MM, got '" + value + "'");
    }
  }
}
