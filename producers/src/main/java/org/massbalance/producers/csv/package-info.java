/**
 * Readers of the contract's CSV formats (movements, certificates, sites, products): UTF-8, header
 * row, columns in any order, unknown columns ignored, byte-order mark ignored, values trimmed,
 * empty values null. They refuse only what they cannot read structurally; business rules are the
 * engine's.
 */
package org.massbalance.producers.csv;
