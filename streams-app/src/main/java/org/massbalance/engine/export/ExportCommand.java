package org.massbalance.engine.export;

import java.io.PrintWriter;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.massbalance.avro.Snapshot;
import org.massbalance.topics.TopicDefaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code massbalance export snapshots --period yyyy-MM [--site S] [--format csv|json] --bootstrap
 * HOST:PORT --registry URL}: the latest revision of each closed snapshot of a period, read from the
 * snapshot topic; quantities in each product's unit, rounded half-even to 6 places.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Prints the latest revision of each closed snapshot of a period (CSV or JSON).")
public final class ExportCommand implements Callable<Integer> {

  /** What to export. */
  public enum What {
    snapshots
  }

  /** Output formats. */
  public enum Format {
    csv,
    json
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "snapshots", description = "What to export: snapshots.")
  What what;

  @Option(names = "--period", required = true, paramLabel = "yyyy-MM", description = "The period.")
  String period;

  @Option(names = "--site", paramLabel = "S", description = "Only this site.")
  String site;

  @Option(
      names = "--format",
      defaultValue = "csv",
      description = "csv or json (default ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--bootstrap",
      required = true,
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers.")
  String bootstrap;

  @Option(
      names = "--registry",
      required = true,
      paramLabel = "URL",
      description = "Schema registry URL.")
  String registry;

  @Option(
      names = "--topic",
      defaultValue = TopicDefaults.SNAPSHOTS,
      description = "Snapshot topic (default ${DEFAULT-VALUE}).")
  String topic;

  @Override
  public Integer call() throws Exception {
    try {
      YearMonth.parse(period);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(), "--period must be yyyy-MM, got '" + period + "'");
    }
    Map<String, Object> settings = new HashMap<>();
    settings.put("bootstrap.servers", bootstrap);
    settings.put("schema.registry.url", registry);
    List<Snapshot> rows = SnapshotExport.latest(settings, topic, period, site);
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      SnapshotExport.writeJson(rows, out);
      out.println();
    } else {
      SnapshotExport.writeCsv(rows, out);
    }
    out.flush();
    return 0;
  }
}
