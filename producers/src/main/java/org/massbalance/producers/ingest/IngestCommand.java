package org.massbalance.producers.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.massbalance.commandline.ClusterOptions;
import org.massbalance.producers.epcis.EpcisFileException;
import org.massbalance.producers.epcis.EpcisIngest;
import org.massbalance.producers.epcis.EpcisMaps;
import org.massbalance.producers.integrity.CurrentCertificates;
import org.massbalance.producers.integrity.IntegrityFileException;
import org.massbalance.producers.integrity.IntegrityIngest;
import org.massbalance.producers.integrity.IntegrityLimits;
import org.massbalance.producers.integrity.KafkaCurrentCertificates;
import org.massbalance.producers.transformations.TransformationIngest;
import org.massbalance.topics.TopicDefaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ingest movements|certificates|sites|products|investigations|yields|import-certificates
 * FILE --bootstrap HOST:PORT --registry URL [--topic NAME] [--producer-config FILE]}: sends a CSV
 * file to its topic. {@code ingest transformations FILE} groups a CSV of item rows by
 * transformation_id into transformations. {@code ingest integrity FILE [--only-known]
 * [--refresh-days N]} sends an INTEGRITY export (.xlsx, .xml, .zip, .csv) as certificate records;
 * {@code ingest epcis FILE --locations MAP --products MAP} sends the ObjectEvents of an EPCIS 2.0
 * document as movements and its TransformationEvents as transformations. Exit code 0 on success
 * (refused rows or events are listed, they do not fail the command), 2 on usage errors (unknown
 * dataset, missing option, missing file), 1 when the file is refused whole or sending fails.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Sends a CSV file of movements, certificates, sites, products, investigations,"
            + " transformations, yields or import certificates (import-certificates), an"
            + " INTEGRITY export"
            + " (integrity) or an EPCIS 2.0 document (epcis) to Kafka.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:sent (refused rows, if any, are listed)",
      "1:file refused whole, or sending failed",
      "2:usage error"
    })
public final class IngestCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DATASET",
      description =
          "movements, certificates, sites, products, investigations, transformations, yields,"
              + " import-certificates, integrity or epcis")
  private String dataset;

  @Parameters(
      index = "1",
      paramLabel = "FILE",
      description =
          "UTF-8 CSV file with a header row; for integrity .xlsx, .xml, .zip or .csv; for epcis"
              + " a JSON(-LD) EPCIS document")
  private Path file;

  @Mixin private ClusterOptions cluster;

  @Option(
      names = "--topic",
      paramLabel = "NAME",
      description = "topic (default: the contract's topic of the dataset)")
  private String topic;

  @Option(
      names = "--producer-config",
      paramLabel = "FILE",
      description =
          "properties file of extra producer and registry settings (SASL, SSL, ...); the same as"
              + " --client-config, which is read after it")
  private Path producerConfig;

  @Option(
      names = "--only-known",
      description = "integrity: send only NOP IDs already on the certificates topic")
  private boolean onlyKnown;

  @Option(
      names = "--refresh-days",
      paramLabel = "N",
      defaultValue = "7",
      description =
          "integrity: send an unchanged record again once the one on the topic was recorded N"
              + " days ago or more, renewing its recorded_at (default ${DEFAULT-VALUE})")
  private int refreshDays;

  @Option(
      names = "--locations",
      paramLabel = "MAP.csv",
      description = "epcis: CSV gln,site_id (13-digit GLN)")
  private Path locations;

  @Option(
      names = "--products",
      paramLabel = "MAP.csv",
      description = "epcis: CSV gtin,product_id (14-digit GTIN)")
  private Path products;

  private final Function<Map<String, Object>, ProducerFactory> producerFactories;
  private final Function<Map<String, Object>, CurrentCertificates> currentCertificates;
  private final Clock clock;

  /** The command as the launcher runs it, with real Kafka producers. */
  public IngestCommand() {
    this(
        configs -> {
          org.massbalance.commandline.ClusterCheck.require(configs);
          return new KafkaProducerFactory(
              (String) configs.get("bootstrap.servers"),
              (String) configs.get("schema.registry.url"),
              configs);
        },
        KafkaCurrentCertificates::new,
        Clock.systemUTC());
  }

  /**
   * The command with another producer factory (tests).
   *
   * @param producerFactories makes the producer factory from the merged client configuration
   * @param clock the clock for progress and {@code ingested_at}
   */
  public IngestCommand(
      Function<Map<String, Object>, ProducerFactory> producerFactories, Clock clock) {
    this(producerFactories, configs -> topic -> Map.of(), clock);
  }

  /**
   * The command with another producer factory and reader of the certificates on the topic (tests).
   *
   * @param producerFactories makes the producer factory from the merged client configuration
   * @param currentCertificates makes the reader of the certificates topic from the same
   * @param clock the clock for progress, {@code ingested_at} and {@code recorded_at}
   */
  public IngestCommand(
      Function<Map<String, Object>, ProducerFactory> producerFactories,
      Function<Map<String, Object>, CurrentCertificates> currentCertificates,
      Clock clock) {
    this.producerFactories = producerFactories;
    this.currentCertificates = currentCertificates;
    this.clock = clock;
  }

  /** Runs the command standalone; exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine(new IngestCommand()).execute(args));
  }

  /** A command line for the command, with its exception handling. */
  public static CommandLine commandLine(IngestCommand command) {
    return new CommandLine(command)
        .setExecutionExceptionHandler(
            (e, cmd, parseResult) -> {
              cmd.getErr().println("ingest failed: " + e.getMessage());
              cmd.getErr().flush();
              return 1;
            });
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String name = dataset.toLowerCase(java.util.Locale.ROOT);
    boolean integrity = "integrity".equals(name);
    boolean epcis = "epcis".equals(name);
    boolean transformations = "transformations".equals(name);
    Dataset<?> chosen = null;
    if (!integrity && !epcis && !transformations) {
      try {
        chosen = Dataset.byName(dataset);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            spec.commandLine(),
            "unknown dataset '"
                + dataset
                + "': expected movements, certificates, sites, products, investigations,"
                + " transformations, yields, import-certificates, integrity or epcis");
      }
    }
    if (epcis && (locations == null || products == null)) {
      throw new ParameterException(
          spec.commandLine(), "ingest epcis needs --locations MAP.csv and --products MAP.csv");
    }
    if (refreshDays < 0) {
      throw new ParameterException(spec.commandLine(), "--refresh-days must be 0 or more");
    }
    if (!Files.isRegularFile(file)) {
      throw new ParameterException(
          spec.commandLine(), "file " + file + " does not exist or is not a regular file");
    }
    Map<String, Object> configs = new HashMap<>();
    if (producerConfig != null) {
      configs.putAll(load(producerConfig));
    }
    try {
      configs.putAll(cluster.clientSettings());
    } catch (java.io.UncheckedIOException e) {
      throw new IngestException(e.getCause().getMessage(), e);
    }
    PrintStream progress = new PrintStream(new WriterStream(err), true, StandardCharsets.UTF_8);
    ProducerFactory factory;
    try {
      factory = producerFactories.apply(configs);
    } catch (java.io.UncheckedIOException e) {
      throw new IngestException(e.getCause().getMessage(), e);
    } catch (RuntimeException e) {
      throw new IngestException("cannot create the producer: " + e.getMessage(), e);
    }
    String report;
    if (integrity) {
      String target = topic != null ? topic : TopicDefaults.CERTIFICATES;
      try {
        report =
            new IntegrityIngest(
                    factory,
                    currentCertificates.apply(configs),
                    IntegrityLimits.defaults(),
                    clock,
                    progress)
                .ingest(file, target, onlyKnown, Duration.ofDays(refreshDays))
                .report();
      } catch (IntegrityFileException e) {
        throw new IngestException(e.getMessage(), e);
      }
    } else if (epcis) {
      String target = topic != null ? topic : TopicDefaults.MOVEMENTS;
      try {
        report =
            new EpcisIngest(factory, clock)
                .ingest(file, EpcisMaps.read(locations, products), target)
                .report();
      } catch (EpcisFileException e) {
        throw new IngestException(e.getMessage(), e);
      }
    } else if (transformations) {
      String target = topic != null ? topic : TopicDefaults.TRANSFORMATIONS;
      report = new TransformationIngest(factory, progress, clock).ingest(file, target).report();
    } else {
      String target = topic != null ? topic : chosen.defaultTopic();
      IngestSummary summary = new Ingester(factory, progress, clock).ingest(chosen, file, target);
      report = summary.report();
    }
    progress.flush();
    out.println(report);
    out.flush();
    return 0;
  }

  private Map<String, Object> load(Path path) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(path)) {
      properties.load(in);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "producer config " + path + " cannot be read: " + e.getMessage());
    }
    Map<String, Object> map = new HashMap<>();
    properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k).trim()));
    return map;
  }

  /** Writes a byte stream's UTF-8 text to a writer. */
  private static final class WriterStream extends java.io.OutputStream {
    private final PrintWriter writer;
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

    WriterStream(PrintWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      pending.write(b);
    }

    @Override
    public void flush() {
      writer.print(pending.toString(StandardCharsets.UTF_8));
      pending.reset();
      writer.flush();
    }
  }
}
