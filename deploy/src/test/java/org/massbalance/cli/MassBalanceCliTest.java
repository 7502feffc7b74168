package org.massbalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MassBalanceCliTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = MassBalanceCli.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @Test
  void versionAndHelp() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("massbalance ");
    assertThat(run("local", "--help")).isZero();
    assertThat(out.toString())
        .contains("--kafka-port", "--registry-port", "--api-port", "--no-engine");
    assertThat(run("generate", "--help")).isZero();
    assertThat(out.toString()).contains("--seed", "--movements", "--rate", "--keys", "--to");
    assertThat(run("bench", "--help")).isZero();
    assertThat(out.toString()).contains("--records", "--keys", "--latency-rate");
  }

  @Test
  void runHelpListsEveryEngineKeyWithItsDefault() {
    assertThat(run("run", "--help")).isZero();
    String help = out.toString();
    for (String key : org.massbalance.engine.config.EngineConfig.definition().names()) {
      assertThat(help).as(key).contains("  " + key + " = ");
    }
    assertThat(help).contains("  period.grace.ms = 259200000").contains("  api.token = none");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("local", "--no-such-option")).isEqualTo(2);
    assertThat(run("local", "--kafka-port", "notanumber")).isEqualTo(2);
    assertThat(run("nosuchcommand")).isEqualTo(2);
  }

  @Test
  void takenPortIsOneReadableLine() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int port = taken.getLocalPort();
      assertThat(run("local", "--no-engine", "--kafka-port", String.valueOf(port))).isEqualTo(1);
      assertThat(out.toString()).isEmpty();
      assertThat(err.toString().strip())
          .isEqualTo("massbalance: kafka: port " + port + " on 127.0.0.1 is already in use");

      err.getBuffer().setLength(0);
      assertThat(run("local", "--api-port", String.valueOf(port))).isEqualTo(1);
      assertThat(err.toString().strip()).contains("engine API: port " + port).doesNotContain("\n");
    }
  }
}
