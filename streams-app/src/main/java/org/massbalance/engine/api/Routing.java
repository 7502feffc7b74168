package org.massbalance.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.massbalance.engine.query.KeyedStore;
import org.massbalance.engine.query.StoreAccess;

/**
 * Where a request is answered. A key is answered by the instance that owns it: requests for keys
 * held elsewhere are forwarded there, and answered from a standby replica (marked {@code "stale":
 * true}) while the owner cannot be reached. Lists that no single key routes (every book, a site's
 * books, the investigations, the suppliers' lots on hand) are gathered from every instance: each
 * answers its own part of a forwarded request, the first one sorts and pages the whole.
 */
final class Routing {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaStreams streams;
  private final InstanceRouter router;
  private final StoreAccess stores;

  Routing(KafkaStreams streams, InstanceRouter router, StoreAccess stores) {
    this.streams = streams;
    this.router = router;
    this.stores = stores;
  }

  /** Whether the request was forwarded by another instance (it answers its own part only). */
  static boolean forwarded(Context ctx) {
    return ctx.header(InstanceRouter.FORWARDED) != null;
  }

  /** 503 unless Kafka Streams runs (or rebalances). */
  void requireRunning() {
    KafkaStreams.State s = streams.state();
    if (s != KafkaStreams.State.RUNNING && s != KafkaStreams.State.REBALANCING) {
      throw new ApiException(503, "not ready: Kafka Streams is " + s);
    }
  }

  /**
   * Answers a keyed request here, at the owner, or from a standby (stale).
   *
   * @param local the answer from this instance's stores (standby copies too when given true)
   * @param notFound the 404's message when the key is held nowhere
   */
  void keyed(
      Context ctx,
      KeyedStore store,
      String key,
      Function<Boolean, Optional<Map<String, Object>>> local,
      String notFound) {
    String query = ctx.queryString() == null ? "" : ctx.queryString();
    Answer a = answer(ctx, store, key, ctx.path(), query, local, notFound);
    if (a.local() != null) {
      ApiServer.json(ctx, 200, a.local());
    } else {
      ctx.status(a.remote().statusCode()).contentType("application/json").result(a.remote().body());
    }
  }

  /**
   * A keyed answer as an object, for a route that presents it itself (a lot's label): from this
   * instance's stores as {@link #keyed} answers, or the owner's (or a standby's) answer to {@code
   * ownerPath?ownerQuery} (query empty: none), a JSON route of the same key. Any other answer is
   * thrown as an {@link ApiException} with its status and error.
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> keyedObject(
      Context ctx,
      KeyedStore store,
      String key,
      String ownerPath,
      String ownerQuery,
      Function<Boolean, Optional<Map<String, Object>>> local,
      String notFound) {
    Answer a = answer(ctx, store, key, ownerPath, ownerQuery, local, notFound);
    if (a.local() != null) {
      return a.local();
    }
    JsonNode body = read(a.remote().body());
    if (a.remote().statusCode() != 200) {
      throw new ApiException(
          a.remote().statusCode(), body.path("error").asText("the owner of " + key + " failed"));
    }
    return JSON.convertValue(body, Map.class);
  }

  /** This instance's answer ({@code local}: 200 with it) or another's ({@code remote}). */
  private record Answer(Map<String, Object> local, HttpResponse<String> remote) {}

  private Answer answer(
      Context ctx,
      KeyedStore store,
      String key,
      String path,
      String query,
      Function<Boolean, Optional<Map<String, Object>>> local,
      String notFound) {
    requireRunning();
    boolean forwarded = forwarded(ctx);
    boolean staleAllowed = "true".equals(ctx.queryParam("stale"));
    KeyQueryMetadata meta =
        router
            .locate(store.storeName(), key)
            .orElseThrow(() -> new ApiException(503, "not ready: no owner yet for " + key));
    if (forwarded || router.isSelf(meta.activeHost())) {
      return new Answer(
          answerLocally(
              store,
              meta.partition(),
              local,
              notFound,
              staleAllowed && !router.isSelf(meta.activeHost())),
          null);
    }
    Optional<HttpResponse<String>> r =
        router.get(
            meta.activeHost(),
            path + (query.isEmpty() ? "" : "?" + query),
            ctx.header("Authorization"));
    if (r.isPresent() && r.get().statusCode() != 503) {
      return new Answer(null, r.get());
    }
    if (meta.standbyHosts().stream().anyMatch(router::isSelf)) {
      return new Answer(answerLocally(store, meta.partition(), local, notFound, true), null);
    }
    for (HostInfo standby : meta.standbyHosts()) {
      Optional<HttpResponse<String>> s =
          router.get(
              standby,
              path + "?" + (query.isEmpty() ? "" : query + "&") + "stale=true",
              ctx.header("Authorization"));
      if (s.isPresent() && s.get().statusCode() != 503) {
        return new Answer(null, s.get());
      }
    }
    throw new ApiException(503, "not ready: the owner of " + key + " cannot be reached");
  }

  /**
   * What the owner of {@code key} answers for {@code pathAndQuery} (this instance's stores through
   * {@code local} when it owns it; else the owner, or a standby while the owner is away), for a
   * handler that puts several keys' answers together; never throws for a key that cannot be read.
   *
   * @param local the answer from this instance's stores (standby copies too when given true)
   */
  Fetched fetch(
      Context ctx,
      KeyedStore store,
      String key,
      String pathAndQuery,
      Function<Boolean, Optional<Map<String, Object>>> local) {
    Optional<KeyQueryMetadata> located = router.locate(store.storeName(), key);
    if (located.isEmpty()) {
      return Fetched.UNREACHED;
    }
    KeyQueryMetadata meta = located.get();
    if (router.isSelf(meta.activeHost())) {
      try {
        return new Fetched(local.apply(false), true);
      } catch (InvalidStateStoreException e) {
        try {
          return new Fetched(local.apply(true), true);
        } catch (InvalidStateStoreException e2) {
          return Fetched.UNREACHED;
        }
      }
    }
    Optional<HttpResponse<String>> r =
        router.get(meta.activeHost(), pathAndQuery, ctx.header("Authorization"));
    if (r.isPresent() && r.get().statusCode() == 200) {
      return new Fetched(Optional.of(map(r.get().body())), true);
    }
    if (r.isPresent() && r.get().statusCode() == 404) {
      return new Fetched(Optional.empty(), true);
    }
    for (HostInfo standby : meta.standbyHosts()) {
      String sep = pathAndQuery.contains("?") ? "&" : "?";
      Optional<HttpResponse<String>> s =
          router.get(standby, pathAndQuery + sep + "stale=true", ctx.header("Authorization"));
      if (s.isPresent() && s.get().statusCode() == 200) {
        return new Fetched(Optional.of(map(s.get().body())), true);
      }
    }
    return Fetched.UNREACHED;
  }

  /**
   * One key's answer for a handler putting several together.
   *
   * @param body the answer, empty when the key holds nothing (or could not be reached)
   * @param reached false when neither the owner nor a standby answered
   */
  record Fetched(Optional<Map<String, Object>> body, boolean reached) {
    static final Fetched UNREACHED = new Fetched(Optional.empty(), false);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(String body) {
    return JSON.convertValue(read(body), Map.class);
  }

  /**
   * Answers from this instance's stores. "Not found" is only answered when the key's partition of
   * {@code store} could be read here before and after the look-up: a look-up over this instance's
   * stores finds nothing when that partition is not among them at the moment (a task being handed
   * over, promoted from standby or restored), and that is "not ready" (503), not "no such book".
   */
  private Map<String, Object> answerLocally(
      KeyedStore store,
      int partition,
      Function<Boolean, Optional<Map<String, Object>>> local,
      String notFound,
      boolean stale) {
    String name = store.storeName();
    if (!stale && !stores.readable(name, partition, false)) {
      stale = true;
    }
    boolean before = stores.readable(name, partition, stale);
    Optional<Map<String, Object>> body;
    try {
      body = local.apply(stale);
    } catch (InvalidStateStoreException e) {
      try {
        body = local.apply(true);
        stale = true;
      } catch (InvalidStateStoreException e2) {
        throw new ApiException(503, "not ready: " + e2.getMessage());
      }
    }
    if (body.isEmpty() && !(before && stores.readable(name, partition, stale))) {
      throw new ApiException(
          503, "not ready: partition " + partition + " of " + name + " cannot be read here now");
    }
    Map<String, Object> b = body.orElseThrow(() -> new ApiException(404, notFound));
    b.put("stale", stale);
    return b;
  }

  /**
   * Asks every other instance for {@code pathAndQuery} (forwarded: each answers its own part) and
   * adds the objects of {@code field} of each answer to {@code into}; false when one did not
   * answer.
   */
  boolean gather(Context ctx, String pathAndQuery, String field, List<Map<String, Object>> into) {
    return gather(ctx, pathAndQuery, field, into, false);
  }

  /**
   * As {@link #gather(Context, String, String, List)}; with {@code notFoundIsEmpty}, an instance
   * answering 404 holds no part (nothing is missing).
   */
  @SuppressWarnings("unchecked")
  boolean gather(
      Context ctx,
      String pathAndQuery,
      String field,
      List<Map<String, Object>> into,
      boolean notFoundIsEmpty) {
    boolean complete = true;
    for (HostInfo other : router.others()) {
      Optional<HttpResponse<String>> r =
          router.get(other, pathAndQuery, ctx.header("Authorization"));
      if (r.isPresent() && r.get().statusCode() == 200) {
        for (JsonNode n : read(r.get().body()).path(field)) {
          into.add(JSON.convertValue(n, Map.class));
        }
      } else if (notFoundIsEmpty && r.isPresent() && r.get().statusCode() == 404) {
        // That instance holds no part of the list: nothing missing.
      } else {
        complete = false;
      }
    }
    return complete;
  }

  /**
   * The answer of a list gathered from every instance: a forwarded request gets this instance's
   * whole part, the first one the page at {@code offset} of the sorted whole and its total.
   */
  static Map<String, Object> gatheredPage(
      String field,
      List<Map<String, Object>> all,
      boolean forwarded,
      int offset,
      int limit,
      boolean complete) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", all.size());
    body.put("offset", forwarded ? 0 : offset);
    body.put(
        field,
        forwarded
            ? all
            : all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size())));
    body.put("complete", complete);
    return body;
  }

  /** This instance's part of a gathered list; 503 while its stores cannot be queried. */
  static <T> T local(Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidStateStoreException e) {
      throw new ApiException(503, "not ready: " + e.getMessage());
    }
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }
}
