package org.massbalance.engine.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instance holds a key, and forwarding of requests to it. Requests forwarded once are marked
 * ({@code X-Massbalance-Forwarded}) so that they are never forwarded again; with an internal secret
 * the mark is the secret, the peer's proof that the request comes from an instance (the caller's
 * token, already checked here, is not passed on). Over HTTPS when the API serves HTTPS, trusting
 * the configured trust store and checking the peer's host name against its certificate.
 */
final class InstanceRouter {

  /** Header marking a request forwarded by another instance. */
  static final String FORWARDED = "X-Massbalance-Forwarded";

  /**
   * How requests are forwarded.
   *
   * @param scheme {@code http} or {@code https}, as every instance serves its API
   * @param tls the trust of the peers' certificates for https, or null for the JVM's default
   * @param access the peers' secret (the mark sent), and whether the API has tokens
   */
  record Forwarding(String scheme, javax.net.ssl.SSLContext tls, ApiAccess access) {

    /** Plain HTTP to an open API. */
    static final Forwarding PLAIN = new Forwarding("http", null, ApiAccess.open());
  }

  private final KafkaStreams streams;
  private final HostInfo self;
  private final Forwarding forwarding;
  private final HttpClient http;

  InstanceRouter(KafkaStreams streams, HostInfo self) {
    this(streams, self, Forwarding.PLAIN);
  }

  InstanceRouter(KafkaStreams streams, HostInfo self, Forwarding forwarding) {
    this.streams = streams;
    this.self = self;
    this.forwarding = forwarding;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
    if (forwarding.tls() != null) {
      b.sslContext(forwarding.tls());
    }
    this.http = b.build();
  }

  /** Where a key of a store lives: its active host and its standbys. */
  Optional<KeyQueryMetadata> locate(String store, String key) {
    KeyQueryMetadata m = streams.queryMetadataForKey(store, key, new StringSerializer());
    if (m == null || m.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      return Optional.empty();
    }
    return Optional.of(m);
  }

  /**
   * Where partition {@code partition} of {@code store} lives: its active host and its standbys;
   * empty while it has no active owner.
   */
  Optional<KeyQueryMetadata> locatePartition(String store, int partition) {
    KeyQueryMetadata m =
        streams.queryMetadataForKey(
            store, "", (topic, key, value, numPartitions) -> Optional.of(Set.of(partition)));
    if (m == null || m.equals(KeyQueryMetadata.NOT_AVAILABLE) || m.activeHost() == null) {
      return Optional.empty();
    }
    return Optional.of(m);
  }

  /**
   * The partition count of {@code store} (of the topics its tasks read), as the application's
   * metadata knows it; 0 while it knows none.
   */
  int partitions(String store) {
    int[] n = {0};
    KeyQueryMetadata m =
        streams.queryMetadataForKey(
            store,
            "",
            (topic, key, value, numPartitions) -> {
              n[0] = numPartitions;
              return Optional.of(Set.of(0));
            });
    return m == null || m.equals(KeyQueryMetadata.NOT_AVAILABLE) ? 0 : n[0];
  }

  /** Every instance of the application, this one included. */
  List<HostInfo> all() {
    List<HostInfo> out = new ArrayList<>();
    for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
      out.add(m.hostInfo());
    }
    if (!out.contains(self)) {
      out.add(self);
    }
    return out;
  }

  /** The base URL of {@code host}'s API ({@code scheme://host:port}). */
  String url(HostInfo host) {
    return forwarding.scheme() + "://" + host.host() + ":" + host.port();
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

  /**
   * A GET of {@code pathAndQuery} on {@code host}, marked as forwarded; empty when it cannot be
   * reached. {@code authorization} (the caller's) goes along only when peers have no secret to
   * prove themselves with.
   */
  Optional<HttpResponse<String>> get(HostInfo host, String pathAndQuery, String authorization) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(
                    forwarding.scheme() + "://" + host.host() + ":" + host.port() + pathAndQuery))
            .timeout(Duration.ofSeconds(5))
            .header(FORWARDED, forwarding.access().forwardedValue())
            .GET();
    if (authorization != null && !forwarding.access().hasSecret()) {
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
