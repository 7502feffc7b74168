/**
 * {@code ingest transformations}: a CSV of one row per input or output item, grouped by {@code
 * transformation_id} into {@code Transformation} records. Rows are refused only when they cannot be
 * read or grouped; the Processing rules (ids, quantities, item counts) are the engine's.
 */
package org.massbalance.producers.transformations;
