/**
 * Avro serialization in the Confluent wire format (magic byte 0, 4-byte big-endian schema id, Avro
 * binary) with a small Confluent-compatible schema registry client, and a registry-free serde for
 * internal topics and state stores.
 */
package org.massbalance.serde;
