package org.massbalance.engine.runtime;

/**
 * Bounds on what Avro allocates for strings, bytes and collections while decoding, so that a
 * garbage record declaring a 2 GB string is refused instead of exhausting memory. Set before Avro
 * first decodes (it reads them once); values the user set are kept.
 */
final class AvroLimits {

  private static final String LIMIT = String.valueOf(16 * 1024 * 1024);

  private AvroLimits() {}

  static void apply() {
    setIfAbsent("org.apache.avro.limits.string.maxLength", LIMIT);
    setIfAbsent("org.apache.avro.limits.bytes.maxLength", LIMIT);
    setIfAbsent("org.apache.avro.limits.collectionItems.maxLength", String.valueOf(1_000_000));
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
