package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.topics.TopicDefaults;

/**
 * Two instances on one port, bound to 127.0.0.1 and 127.0.0.2 (two hosts as far as the engine can
 * tell): each advertises its own address ({@code api.advertised.host} defaults to the bind
 * address), and each answers every key, forwarding to the other for the keys the other owns.
 */
class AdvertisedHostIT {

  private static final String APP_ID = "massbalance-advertised-it";

  @TempDir Path tmp;

  @Test
  void shouldAnswerEveryKeyFromTwoInstancesOnTheSamePortAtTwoAddresses() throws Exception {
    int port = portFreeOn("127.0.0.1", "127.0.0.2");
    try (LocalStack stack = ApiItSupport.startStack(tmp.resolve("stack"), 4)) {
      ApiItSupport.ingestReference(stack);
      try (EngineRunner a = EngineRunner.start(settings(stack, "127.0.0.1", port, "a"));
          EngineRunner b = EngineRunner.start(settings(stack, "127.0.0.2", port, "b"))) {
        assertThat(a.apiUrl()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(b.apiUrl()).isEqualTo("http://127.0.0.2:" + port);
        ApiItSupport.awaitRunning(a, b);
        long movements = ApiItSupport.ingestMovements(stack);
        await("both instances apply " + movements + " movements")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> ApiItSupport.applied(a, b) == movements);
        ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);
        ApiItSupport.awaitRunning(a, b);

        List<String[]> keys = ApiItSupport.keys();
        // Each instance owns some keys, so each answer below forwards for some of them.
        assertThat(keys)
            .anyMatch(
                k -> ApiItSupport.owner(a, k[0], k[1]).activeHost().host().equals("127.0.0.1"))
            .anyMatch(
                k -> ApiItSupport.owner(a, k[0], k[1]).activeHost().host().equals("127.0.0.2"));
        for (String[] k : keys) {
          String path = "/api/v1/balances/" + k[0] + "/" + k[1];
          ApiItSupport.Answer fromA = ApiItSupport.get(a.apiUrl(), path, null);
          ApiItSupport.Answer fromB = ApiItSupport.get(b.apiUrl(), path, null);
          assertThat(fromA.status()).as("127.0.0.1 " + path + ": " + fromA.body()).isEqualTo(200);
          assertThat(fromB.status()).as("127.0.0.2 " + path + ": " + fromB.body()).isEqualTo(200);
          assertThat(fromA.json()).as(path).isEqualTo(fromB.json());
          assertThat(fromA.json().path("site_id").asText()).isEqualTo(k[0]);
        }
      }
    }
  }

  private Properties settings(LocalStack stack, String host, int port, String name) {
    Properties p = ApiItSupport.settings(stack, tmp.resolve("state-" + name), APP_ID, null);
    p.put("api.host", host);
    p.put("api.port", String.valueOf(port));
    return p;
  }

  /** A port free on every one of {@code hosts}. */
  private static int portFreeOn(String... hosts) throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(InetAddress.getByName(hosts[0]), 0));
        port = s.getLocalPort();
      }
      boolean free = true;
      for (String host : hosts) {
        try (ServerSocket s = new ServerSocket()) {
          s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException busy) {
          free = false;
        }
      }
      if (free) {
        return port;
      }
    }
    throw new IOException("no port free on every one of " + List.of(hosts));
  }
}
