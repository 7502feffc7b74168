package org.massbalance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.regex.Pattern;
import org.massbalance.engine.runtime.StartupException;
import org.massbalance.local.PortInUseException;
import org.massbalance.producers.ingest.IngestException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code massbalance} command line. Each subcommand is a class listed in {@code subcommands}
 * below: adding one is one line there.
 *
 * <p>Exit codes: 0 success, 1 runtime failure (one readable line on stderr), 2 usage error.
 */
@Command(
    name = "massbalance",
    mixinStandardHelpOptions = true,
    versionProvider = MassBalanceCli.Version.class,
    description = "Streaming organic mass-balance engine on Kafka Streams.",
    subcommands = {
      LocalCommand.class,
      DemoCommand.class,
      RunCommand.class,
      org.massbalance.engine.audit.ExportCommand.class,
      org.massbalance.engine.export.SignOffCommand.class,
      AuditCommand.class,
      org.massbalance.engine.labels.sheet.LabelsCommand.class,
      org.massbalance.producers.ingest.IngestCommand.class,
      org.massbalance.producers.generate.GenerateCommand.class,
      BenchCommand.class,
      RecoveryBenchCommand.class,
      TopicsCommand.class,
      // demo, run, ingest, export, generate and bench go here, one class each.
      CommandLine.HelpCommand.class,
    })
public final class MassBalanceCli implements Runnable {

  @Spec CommandSpec spec;

  /** Entry point of the launcher and the shaded jar. */
  public static void main(String[] args) {
    quietLogging();
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (for tests and embedding): error handling included. */
  public static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new MassBalanceCli());
    cmd.setExecutionExceptionHandler(MassBalanceCli::handleFailure);
    cmd.getSubcommands().get("run").getCommandSpec().usageMessage().footer(RunCommand.keysHelp());
    return cmd;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  private static int handleFailure(
      Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    err.println("massbalance: " + describe(e));
    if (System.getenv("MASSBALANCE_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  /** Java class names as exceptions print them: {@code org.example.FooException: }. */
  private static final Pattern CLASS_NAME =
      Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*");

  /**
   * One line for the user: what is wrong and what to do, in words, without Java class names. A
   * failure that is not a user's (a bug) says how to see where it happened.
   */
  static String describe(Throwable e) {
    if (e instanceof PortInUseException) {
      return e.getMessage();
    }
    StringBuilder message = new StringBuilder();
    int depth = 0;
    for (Throwable t = e; t != null && depth < 5; t = t.getCause(), depth++) {
      String m = t.getMessage() == null ? "" : CLASS_NAME.matcher(t.getMessage()).replaceAll("");
      if (!m.isBlank() && !message.toString().contains(m.strip())) {
        message.append(message.length() == 0 ? "" : ": ").append(m.strip());
      }
    }
    if (message.length() == 0) {
      message.append("the command failed");
    }
    if (!expected(e)) {
      message.append(
          " (not a problem of settings or input: set MASSBALANCE_DEBUG=1 to see where it"
              + " happened, and please report it)");
    }
    return "error: " + message;
  }

  /**
   * Failures whose message is written for the user: bad settings, input, or an unreachable peer.
   */
  private static boolean expected(Throwable e) {
    return e instanceof StartupException
        || e instanceof IngestException
        || e instanceof IOException
        || e instanceof java.io.UncheckedIOException;
  }

  /** Kafka is chatty: warnings and up on stderr unless the user set levels. */
  static void quietLogging() {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.org.massbalance", "info");
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    // A refused login is reported once, in the command's own line (ClusterCheck).
    setIfAbsent(
        "org.slf4j.simpleLogger.log.org.apache.kafka.clients.admin.internals.AdminMetadataManager",
        "error");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** The version from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = MassBalanceCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"massbalance " + p.getProperty("version", "unknown")};
    }
  }
}
