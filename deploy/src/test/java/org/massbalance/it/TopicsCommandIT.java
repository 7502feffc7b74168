package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.cli.MassBalanceCli;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.engine.runtime.StartupException;
import org.massbalance.local.LocalStack;
import org.massbalance.topics.TopicDefaults;

/**
 * {@code massbalance topics create|check} on the local stack, and the engine refusing to start on
 * an output topic that would lose records.
 */
class TopicsCommandIT {

  private static final String SEVEN_DAYS_MS = "604800000";

  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  @Test
  void shouldCreateEveryTopicThenFindNoDifferenceThenNameAShortenedRetention() throws Exception {
    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"));
        Admin admin = ItSupport.admin(stack)) {
      Path config = config(stack);

      // The local stack made the contract's topics; create adds the transfers topic.
      Run create = topics("create", config);
      assertThat(create.exit()).as(create.err()).isZero();
      assertThat(create.out())
          .containsPattern("mass-balance-transfers\\s+created")
          .containsPattern(TopicDefaults.SNAPSHOTS + "\\s+exists");

      Run clean = topics("check", config);
      assertThat(clean.exit()).as(clean.out() + clean.err()).isZero();
      assertThat(clean.out()).containsPattern("all \\d+ as the contract wants");

      // Someone shortens the alert topic's retention to 7 days: check names the topic and setting.
      set(admin, TopicDefaults.ALERTS, Map.of("retention.ms", SEVEN_DAYS_MS));
      Run broken = topics("check", config);
      assertThat(broken.exit()).isEqualTo(1);
      assertThat(broken.out())
          .contains(TopicDefaults.ALERTS + " (topic.alerts): retention.ms=" + SEVEN_DAYS_MS)
          .doesNotContain(TopicDefaults.SNAPSHOTS);
      assertThat(broken.err()).contains("1 difference(s)");
    }
  }

  @Test
  void shouldRefuseToStartTheEngineOnASevenDaySnapshotTopic() throws Exception {
    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"));
        Admin admin = ItSupport.admin(stack)) {
      set(
          admin,
          TopicDefaults.SNAPSHOTS,
          Map.of("cleanup.policy", "delete", "retention.ms", SEVEN_DAYS_MS));
      assertThatThrownBy(
              () ->
                  EngineRunner.start(
                      ItSupport.engineSettings(stack, tmp.resolve("state"), "topics-it")))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("output topic '" + TopicDefaults.SNAPSHOTS + "'")
          .hasMessageContaining("cleanup.policy=delete")
          .hasMessageContaining("must be compacted");

      // Compacted, but deleting after 7 days too: still refused, for the retention.
      set(
          admin,
          TopicDefaults.SNAPSHOTS,
          Map.of("cleanup.policy", "compact,delete", "retention.ms", SEVEN_DAYS_MS));
      assertThatThrownBy(
              () ->
                  EngineRunner.start(
                      ItSupport.engineSettings(stack, tmp.resolve("state"), "topics-it")))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("output topic '" + TopicDefaults.SNAPSHOTS + "'")
          .hasMessageContaining("retention.ms=" + SEVEN_DAYS_MS);
    }
  }

  private Path config(LocalStack stack) throws Exception {
    Path file = tmp.resolve("engine.properties");
    Files.writeString(
        file,
        "bootstrap.servers="
            + stack.bootstrapServers()
            + "\nschema.registry.url="
            + stack.registryUrl()
            + "\nreplication.factor=1\n");
    return file;
  }

  private static Run topics(String action, Path config) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        MassBalanceCli.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute("topics", action, "--config", config.toString());
    return new Run(exit, out.toString(), err.toString());
  }

  private static void set(Admin admin, String topic, Map<String, String> settings)
      throws Exception {
    ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    List<AlterConfigOp> ops =
        settings.entrySet().stream()
            .map(
                e ->
                    new AlterConfigOp(
                        new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
            .toList();
    admin.incrementalAlterConfigs(Map.of(r, ops)).all().get(30, TimeUnit.SECONDS);
    // The broker applies the change a moment after the controller has it.
    await("the broker applies " + settings + " to " + topic)
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Config c = admin.describeConfigs(List.of(r)).all().get(30, TimeUnit.SECONDS).get(r);
              return settings.entrySet().stream()
                  .allMatch(e -> e.getValue().equals(c.get(e.getKey()).value()));
            });
  }
}
