package org.massbalance.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.cli.LocalCommand;
import org.massbalance.cli.MassBalanceCli;
import picocli.CommandLine;

class LocalStackIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SCHEMA =
      "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[]}\"}";

  @TempDir Path tmp;

  @Test
  void wholeStackOnFreePortsKeepsStateInItsDataDir() throws Exception {
    Path dataDir = tmp.resolve("stack");
    int id;
    try (LocalStack stack =
        LocalStack.builder()
            .kafkaPort(0)
            .registryPort(0)
            .partitions(2)
            .dataDir(dataDir)
            .build()
            .start()) {
      assertThat(stack.bootstrapServers()).startsWith("127.0.0.1:");
      assertThat(stack.registryUrl()).startsWith("http://127.0.0.1:");
      try (Admin admin = EmbeddedKafkaBrokerIT.admin(stack.broker())) {
        Set<String> expected =
            TopicBootstrap.contractTopics().stream()
                .map(TopicBootstrap.TopicSpec::name)
                .collect(Collectors.toSet());
        assertThat(admin.listTopics().names().get()).containsAll(expected).contains("_schemas");
      }
      HttpResponse<String> r = postSchema(stack.registryUrl());
      assertThat(r.statusCode()).isEqualTo(200);
      id = Integer.parseInt(r.body().replaceAll("\\D", ""));
    }
    assertThat(Files.exists(dataDir.resolve("kafka/cluster.id"))).isTrue();

    try (LocalStack again =
        LocalStack.builder().kafkaPort(0).registryPort(0).dataDir(dataDir).build().start()) {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(again.registryUrl() + "/subjects")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).isEqualTo("[\"r-value\"]");
      assertThat(postSchema(again.registryUrl()).body()).isEqualTo("{\"id\":" + id + "}");
    }
  }

  @Test
  void localCommandPrintsItsLinesAndStopsCleanly() throws Exception {
    CommandLine cmd = MassBalanceCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    LocalCommand local = cmd.getSubcommands().get("local").getCommand();
    Path dataDir = tmp.resolve("cli");
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                cmd.execute(
                    "local",
                    "--no-engine",
                    "--kafka-port=0",
                    "--registry-port=0",
                    "--partitions=1",
                    "--data-dir=" + dataDir));
    await().atMost(Duration.ofSeconds(60)).until(() -> local.isReady() || exit.isDone());
    assertThat(exit).isNotDone();
    String[] lines = out.toString().strip().split("\\R");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).matches("bootstrap=127\\.0\\.0\\.1:\\d+");
    assertThat(lines[1]).matches("registry=http://127\\.0\\.0\\.1:\\d+");
    String registry = lines[1].substring("registry=".length());
    assertThat(postSchema(registry).statusCode()).isEqualTo(200);

    local.stop();
    assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    assertThat(Files.exists(dataDir.resolve("kafka/kafka-logs/meta.properties"))).isTrue();
  }

  private static HttpResponse<String> postSchema(String registryUrl) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(registryUrl + "/subjects/r-value/versions"))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(HttpRequest.BodyPublishers.ofString(SCHEMA))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
