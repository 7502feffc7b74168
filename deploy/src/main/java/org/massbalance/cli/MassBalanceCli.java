package org.massbalance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import org.massbalance.local.PortInUseException;
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
      org.massbalance.engine.export.ExportCommand.class,
      AuditCommand.class,
      org.massbalance.producers.ingest.IngestCommand.class,
      org.massbalance.producers.generate.GenerateCommand.class,
      BenchCommand.class,
      RecoveryBenchCommand.class,
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
    return cmd;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  private static int handleFailure(
      Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (e instanceof PortInUseException) {
      err.println("massbalance: " + e.getMessage());
    } else {
      StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
      Throwable cause = e.getCause();
      if (cause != null
          && cause.getMessage() != null
          && !message.toString().contains(cause.getMessage())) {
        message.append(": ").append(cause.getMessage());
      }
      err.println("massbalance: error: " + e.getClass().getSimpleName() + ": " + message);
    }
    if (System.getenv("MASSBALANCE_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  /** Kafka is chatty: warnings and up on stderr unless the user set levels. */
  static void quietLogging() {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.org.massbalance", "info");
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
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
