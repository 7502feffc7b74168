package org.massbalance.producers.integrity;

/**
 * Bounds that keep a hostile or broken file from exhausting memory: each is refused with a message
 * naming the bound, and nothing of the file is sent.
 *
 * @param maxFieldChars longest cell, element text or CSV field
 * @param maxDecompressedBytes largest decompressed XML (from a .zip) or sheet
 * @param maxZipEntries most entries a .zip or .xlsx may hold
 * @param maxRows most data rows or operations a file may hold
 */
public record IntegrityLimits(
    int maxFieldChars, long maxDecompressedBytes, int maxZipEntries, long maxRows) {

  /**
   * Defaults: 4,096 characters a field, 2 GiB decompressed, 1,000 zip entries, 2,000,000 rows (the
   * full database holds about 50,000 operations).
   */
  public static IntegrityLimits defaults() {
    return new IntegrityLimits(4_096, 2L << 30, 1_000, 2_000_000);
  }
}
