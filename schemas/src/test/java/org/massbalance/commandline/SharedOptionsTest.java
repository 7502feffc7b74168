package org.massbalance.commandline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code --client-config}, {@code --token-file} and {@code MASSBALANCE_API_TOKEN}. */
class SharedOptionsTest {

  @TempDir Path tmp;

  @Command(name = "probe")
  static final class Probe implements Runnable {
    @Mixin ClusterOptions cluster;
    @Mixin ApiOptions.Required api;

    @Override
    public void run() {}
  }

  private Probe parse(String... args) {
    Probe p = new Probe();
    new CommandLine(p).parseArgs(args);
    p.api.environment(Map.of());
    return p;
  }

  @Test
  void shouldReadTheClientConfigUnderTheClusterOptions() throws Exception {
    Path file = tmp.resolve("client.properties");
    Files.writeString(
        file,
        "security.protocol=SASL_SSL\nbootstrap.servers=elsewhere:1\nbasic.auth.user.info=u:p \n");
    Probe p =
        parse(
            "--bootstrap",
            "k:9093",
            "--registry",
            "https://r:8081",
            "--client-config",
            file.toString(),
            "--api",
            "https://e:8080");
    assertThat(p.cluster.clientSettings())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("basic.auth.user.info", "u:p")
        .containsEntry("bootstrap.servers", "k:9093")
        .containsEntry("schema.registry.url", "https://r:8081");
  }

  @Test
  void shouldNameAMissingClientConfigInOneLine() {
    Probe p =
        parse(
            "--bootstrap",
            "k:9093",
            "--registry",
            "r",
            "--client-config",
            tmp.resolve("nope").toString(),
            "--api",
            "a");
    assertThatThrownBy(p.cluster::clientSettings)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("--client-config")
        .hasMessageContaining("no such file");
  }

  @Test
  void shouldTakeTheTokenFromTheOptionThenTheFileThenTheEnvironment() throws Exception {
    Path file = tmp.resolve("token");
    Files.writeString(file, "from-file-token\n");
    assertThat(
            parse(
                    "--bootstrap",
                    "k",
                    "--registry",
                    "r",
                    "--api",
                    "a",
                    "--token",
                    "t1",
                    "--token-file",
                    file.toString())
                .api
                .token())
        .isEqualTo("t1");
    assertThat(
            parse(
                    "--bootstrap",
                    "k",
                    "--registry",
                    "r",
                    "--api",
                    "a",
                    "--token-file",
                    file.toString())
                .api
                .token())
        .isEqualTo("from-file-token");
    Probe env = parse("--bootstrap", "k", "--registry", "r", "--api", "a");
    env.api.environment(Map.of(ApiOptions.TOKEN_ENV, " from-env "));
    assertThat(env.api.token()).isEqualTo("from-env");
    assertThat(parse("--bootstrap", "k", "--registry", "r", "--api", "a").api.token()).isNull();
  }

  @Test
  void shouldRefuseAnEmptyTokenFile() throws Exception {
    Path file = tmp.resolve("empty");
    Files.writeString(file, "\n");
    Probe p =
        parse("--bootstrap", "k", "--registry", "r", "--api", "a", "--token-file", file.toString());
    assertThatThrownBy(p.api::token)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("is empty");
  }
}
