package org.massbalance.producers.generate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.Yield;
import org.massbalance.commandline.ClusterCheck;
import org.massbalance.commandline.ClusterOptions;
import org.massbalance.producers.ingest.KafkaProducerFactory;
import org.massbalance.topics.TopicDefaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code massbalance generate}: a seeded synthetic multi-warehouse workload, to CSV files or to
 * Kafka at a fixed rate. Examples:
 *
 * <pre>
 * massbalance generate --seed 7 --movements 100000 --to csv --out /tmp/w.csv
 * massbalance generate --keys 100000 --movements 1000000 --rate 20000 \
 *     --to kafka --bootstrap localhost:9092 --registry http://localhost:8081
 * massbalance generate --transformation-share 0.1 --to csv --out /tmp/w.csv
 * </pre>
 *
 * <p>With {@code --transformation-share F} a share F of the records are transformations: to {@code
 * NAME-transformations.csv} and their yield bands to {@code NAME-yields.csv}, or to the {@code
 * transformations} and {@code yields} topics.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a seeded synthetic workload (sites, products, certificates and movements)",
      "to CSV files or to Kafka. The same seed and options give the same records."
    })
public final class GenerateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin WorkloadOptions workload = new WorkloadOptions(20, 0);

  @Mixin FaultRateOption faults;

  @Mixin TransformationShareOption transformationShare;

  @Option(names = "--products", description = "Products (default: enough for --keys, at least 50).")
  Integer products;

  @Option(
      names = "--movements",
      defaultValue = "100000",
      description =
          "Records to generate: movements, and transformations at --transformation-share"
              + " (default 100000).")
  long movements;

  @Option(
      names = "--rate",
      defaultValue = "0",
      description = "Records per second (default 0 = unthrottled).")
  double rate;

  @Option(
      names = "--start",
      defaultValue = "2026-01-01",
      description = "Site-local date of the first movement (default 2026-01-01).")
  LocalDate start;

  @Option(
      names = "--days",
      defaultValue = "28",
      description = "Days the movements spread over, evenly (default 28).")
  int days;

  @Option(names = "--to", defaultValue = "csv", description = "csv or kafka (default csv).")
  String to;

  @Option(
      names = "--out",
      description = "Movements CSV file (--to csv); reference files beside it.")
  Path out;

  @Option(names = "--bootstrap", description = "Kafka bootstrap servers (--to kafka).")
  String bootstrap;

  @Option(names = "--registry", description = "Schema registry URL (--to kafka).")
  String registry;

  @Option(
      names = "--client-config",
      paramLabel = "FILE",
      description =
          "Properties file of Kafka client and registry settings for a secured cluster"
              + " (--to kafka): security.protocol, sasl.*, ssl.*, schema.registry.ssl.*,"
              + " basic.auth.*, bearer.auth.*.")
  Path clientConfig;

  @Option(
      names = "--topic",
      defaultValue = TopicDefaults.MOVEMENTS,
      description = "Movements topic (default ${DEFAULT-VALUE}).")
  String topic;

  @Override
  public Integer call() throws Exception {
    WorkloadConfig config = config();
    PrintWriter err = spec.commandLine().getErr();
    MovementSink sink;
    if ("csv".equals(to)) {
      if (out == null) {
        throw new ParameterException(spec.commandLine(), "--to csv needs --out FILE");
      }
      sink = new CsvMovementSink(out, config.transformationShare() > 0);
    } else if ("kafka".equals(to)) {
      if (bootstrap == null || registry == null) {
        throw new ParameterException(
            spec.commandLine(), "--to kafka needs --bootstrap and --registry");
      }
      Map<String, Object> settings = new java.util.HashMap<>();
      if (clientConfig != null) {
        settings.putAll(ClusterOptions.read("--client-config", clientConfig));
      }
      settings.put("bootstrap.servers", bootstrap);
      settings.put("schema.registry.url", registry);
      ClusterCheck.require(settings);
      sink =
          new KafkaMovementSink(
              new KafkaProducerFactory(bootstrap, registry, settings),
              topic,
              System::currentTimeMillis);
    } else {
      throw new ParameterException(spec.commandLine(), "--to must be csv or kafka");
    }
    long started = System.nanoTime();
    MovementGenerator generator = new MovementGenerator(config);
    try (sink) {
      sink.reference(ReferenceData.of(config));
      pump(generator, new Throttler(rate, Throttler.SYSTEM), sink, err);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (config.transformationShare() > 0) {
      spec.commandLine()
          .getOut()
          .printf(
              "generated %d movements (%d faulty) and %d transformations (%d with a process"
                  + " gain, %d yield bands) over %d keys in %.1f s (%.0f records/s)%n",
              generator.produced() - generator.transformations(),
              generator.faults(),
              generator.transformations(),
              generator.gains(),
              generator.yields(),
              config.keys(),
              seconds,
              generator.produced() / Math.max(seconds, 1e-9));
      return 0;
    }
    spec.commandLine()
        .getOut()
        .printf(
            "generated %d movements (%d faulty) over %d keys in %.1f s (%.0f/s)%n",
            generator.produced(),
            generator.faults(),
            config.keys(),
            seconds,
            generator.produced() / Math.max(seconds, 1e-9));
    return 0;
  }

  /**
   * Sends every record of a generator to a sink, with progress on err: movements and
   * transformations through a throttler (the rate counts them), yield bands as they come.
   */
  public static void pump(
      MovementGenerator generator, Throttler throttler, MovementSink sink, PrintWriter err)
      throws Exception {
    long lastReport = System.nanoTime();
    while (generator.hasNext()) {
      SpecificRecord r = generator.nextRecord();
      if (r instanceof Yield y) {
        sink.sendYield(y);
        continue;
      }
      throttler.acquire();
      if (r instanceof Transformation t) {
        sink.sendTransformation(t);
      } else {
        sink.send((Movement) r);
      }
      if (err != null && System.nanoTime() - lastReport > 5_000_000_000L) {
        lastReport = System.nanoTime();
        err.printf("  ... %d movements%n", generator.produced());
        err.flush();
      }
    }
  }

  WorkloadConfig config() {
    int sites = workload.sites();
    int keys = workload.keys();
    int p = products != null ? products : Math.max(50, WorkloadConfig.productsFor(keys, sites));
    try {
      return new WorkloadConfig(
          workload.seed(),
          sites,
          p,
          keys,
          movements,
          start,
          days,
          faults.faultRate(),
          "m-",
          transformationShare.transformationShare());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** For tests. */
  static CommandLine commandLine() {
    return new CommandLine(new GenerateCommand());
  }
}
