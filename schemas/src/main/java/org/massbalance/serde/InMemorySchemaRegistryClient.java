package org.massbalance.serde;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * An in-memory schema registry for tests and for {@code mock://<scope>} URLs, like Confluent's mock
 * convention: every client of one scope sees the same registry. Identical schemas get the same
 * global id, even under different subjects. Thread-safe.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  /** The URL prefix that selects an in-memory registry. */
  public static final String MOCK_URL_PREFIX = "mock://";

  private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

  private final Map<Schema, Integer> idsBySchema = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, Map<Schema, Integer>> subjects = new HashMap<>();
  private int nextId = 1;

  /** A fresh registry of its own, in no scope. */
  public InMemorySchemaRegistryClient() {}

  /** The registry of a scope ({@code mock://scope}), created on first use. */
  public static InMemorySchemaRegistryClient forScope(String scope) {
    return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistryClient());
  }

  /** Forgets a scope, so that its next use starts empty. */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    Integer id = idsBySchema.get(schema);
    if (id == null) {
      id = nextId++;
      idsBySchema.put(schema, id);
      schemasById.put(id, schema);
    }
    subjects.computeIfAbsent(subject, s -> new HashMap<>()).put(schema, id);
    return id;
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw new SchemaRegistryException(
          "schema id " + id + " not found", 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
    }
    return schema;
  }

  @Override
  public synchronized int lookup(String subject, Schema schema) {
    Map<Schema, Integer> versions = subjects.get(subject);
    if (versions == null) {
      throw new SchemaRegistryException(
          "subject " + subject + " not found", 404, SchemaRegistryException.SUBJECT_NOT_FOUND);
    }
    Integer id = versions.get(schema);
    if (id == null) {
      throw new SchemaRegistryException(
          "schema not found under subject " + subject,
          404,
          SchemaRegistryException.SCHEMA_NOT_FOUND);
    }
    return id;
  }

  /** The number of versions registered under a subject (0 when unknown). */
  public synchronized int versionCount(String subject) {
    return subjects.getOrDefault(subject, Map.of()).size();
  }
}
