package org.massbalance.engine.processors.reference;

/**
 * A reference record (site, product or certificate) in a global store that cannot be read, e.g.
 * written with a schema that is not Avro: reported once per stored value by the look-ups that meet
 * it, so that the validate step sends it to the rejected topic (the global stores' loaders cannot
 * forward).
 *
 * @param topic the reference topic
 * @param id the record's key (site id, product id, NOP ID)
 * @param raw the stored bytes
 * @param reason why it cannot be read
 */
public record UnreadableReference(String topic, String id, byte[] raw, String reason) {}
