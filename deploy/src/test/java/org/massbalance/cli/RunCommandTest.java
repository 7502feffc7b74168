package org.massbalance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.engine.runtime.StartupException;
import org.massbalance.producers.ingest.IngestException;
import picocli.CommandLine;

/** {@code run}: settings from the file and the environment, checked alike; readable errors. */
class RunCommandTest {

  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = MassBalanceCli.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private Path config(String text) throws Exception {
    return Files.writeString(tmp.resolve("engine.properties"), text);
  }

  @Test
  void shouldMapMassbalanceVariablesToKeys() {
    assertThat(
            RunCommand.fromEnvironment(
                Map.of(
                    "MASSBALANCE_TOPIC_ALERTS", "replay-alerts",
                    "MASSBALANCE_TOPIC_SNAPSHOTS_CONSOLIDATED", "replay-consolidated",
                    "MASSBALANCE_MAIN_CONSUMER_GROUP_INSTANCE_ID", "engine-1",
                    "MASSBALANCE_JAVA_OPTS", "-Xmx1g",
                    "MASSBALANCE_DEBUG", "1",
                    "HOME", "/root")))
        .containsOnly(
            Map.entry("topic.alerts", "replay-alerts"),
            Map.entry("topic.snapshots.consolidated", "replay-consolidated"),
            Map.entry("main.consumer.group.instance.id", "engine-1"));
  }

  @Test
  void shouldCheckEnvironmentOverridesLikeTheFileWhenStrict() throws Exception {
    Path file = config("api.port=0\n");

    assertThatThrownBy(() -> RunCommand.start(file, Map.of("MASSBALANCE_API_TOKN", "secret"), true))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("api.tokn (did you mean api.token?)");
  }

  @Test
  void shouldRefuseAMisspeltKeyWithStrictInOneReadableLine() throws Exception {
    Path file = config("api.tokn=secret\ncomit.interval.ms=200\n");

    assertThat(run("run", "--strict", "--config", file.toString())).isEqualTo(1);
    String printed = err.toString().strip();
    assertThat(printed)
        .startsWith("massbalance: error: unknown settings")
        .contains("api.tokn (did you mean api.token?)")
        .contains("comit.interval.ms (did you mean commit.interval.ms?)")
        .contains("correct or remove them")
        .doesNotContain("Exception")
        .doesNotContain("\n");
  }

  @Test
  void shouldSayWhatToDoWhenTheConfigFileIsMissing() {
    Path missing = tmp.resolve("nope.properties");

    assertThat(run("run", "--config", missing.toString())).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "massbalance: error: config file "
                + missing
                + " does not exist: give --config the path of a properties file");
  }

  @Test
  void shouldPrintNoJavaClassNames() {
    String line =
        MassBalanceCli.describe(
            new IngestException(
                "sending movements to topic inventory-movements failed after 0 rows were"
                    + " acknowledged",
                new KafkaException(
                    "org.apache.kafka.common.errors.TimeoutException: Topic inventory-movements"
                        + " not present in metadata after 60000 ms.")));

    assertThat(line)
        .isEqualTo(
            "error: sending movements to topic inventory-movements failed after 0 rows were"
                + " acknowledged: Topic inventory-movements not present in metadata after 60000"
                + " ms.")
        .doesNotContain("Exception");
  }

  @Test
  void shouldAskForTheStackTraceOfAnUnexpectedFailure() {
    assertThat(MassBalanceCli.describe(new NullPointerException()))
        .startsWith("error: the command failed (not a problem of settings or input")
        .contains("MASSBALANCE_DEBUG=1")
        .doesNotContain("NullPointer");
  }

  @Test
  void shouldStillNameAStartupFailureWithoutItsClass() {
    assertThat(
            MassBalanceCli.describe(
                new StartupException(
                    "topic 'inventory-movements' does not exist: create the contract's topics"
                        + " first")))
        .isEqualTo(
            "error: topic 'inventory-movements' does not exist: create the contract's topics"
                + " first");
  }
}
