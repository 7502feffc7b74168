package org.massbalance.serde;

import org.apache.avro.Schema;

/**
 * The few calls of a Confluent-compatible schema registry that the serdes need. Implementations are
 * thread-safe and cache their answers.
 */
public interface SchemaRegistryClient {

  /**
   * Registers a schema under a subject (or finds it already registered there).
   *
   * @return the schema's global id; registering the same schema again gives the same id
   * @throws SchemaRegistryException when the registry refuses or cannot be reached
   */
  int register(String subject, Schema schema);

  /**
   * The schema with a global id.
   *
   * @throws SchemaRegistryException when the id is unknown ({@link
   *     SchemaRegistryException#isNotFound()}) or the registry cannot be reached
   */
  Schema schemaById(int id);

  /**
   * The global id of a schema already registered under a subject, without registering it (for
   * {@code auto.register.schemas=false}).
   *
   * @throws SchemaRegistryException when it is not registered there or the registry cannot be
   *     reached
   */
  int lookup(String subject, Schema schema);
}
