/**
 * {@code ingest integrity}: the USDA Organic INTEGRITY Database's exports (monthly XLSX, bulk XML
 * plain or zipped, CSV with the {@code op_} columns) read with streaming parsers and bounded sizes,
 * mapped to supplier certificate records.
 */
package org.massbalance.producers.integrity;
