package org.massbalance.engine.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instance holds a key, and forwarding of requests to it (with the caller's token). Requests
 * forwarded once are marked so that they are never forwarded again.
 */
final class InstanceRouter {

  /** Header marking a request forwarded by another instance. */
  static final String FORWARDED = "X-Massbalance-Forwarded";

  private final KafkaStreams streams;
  private final HostInfo self;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  InstanceRouter(KafkaStreams streams, HostInfo self) {
    this.streams = streams;
    this.self = self;
  }

  /** Where a key of a store lives: its active host and its standbys. */
  Optional<KeyQueryMetadata> locate(String store, String key) {
    KeyQueryMetadata m = streams.queryMetadataForKey(store, key, new StringSerializer());
    if (m == null || m.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      return Optional.empty();
    }
    return Optional.of(m);
  }

  boolean isSelf(HostInfo host) {
    return self.equals(host);
  }

  /** Every other instance of the application. */
  List<HostInfo> others() {
    List<HostInfo> out = new ArrayList<>();
    for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
      if (!isSelf(m.hostInfo())) {
        out.add(m.hostInfo());
      }
    }
    return out;
  }

  /** A GET of {@code pathAndQuery} on {@code host}; empty when it cannot be reached. */
  Optional<HttpResponse<String>> get(HostInfo host, String pathAndQuery, String authorization) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
            .timeout(Duration.ofSeconds(5))
            .header(FORWARDED, "1")
            .GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      return Optional.of(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (java.io.IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
