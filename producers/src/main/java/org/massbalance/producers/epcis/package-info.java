/**
 * {@code ingest epcis}: GS1 EPCIS 2.0 JSON(-LD) documents validated against the official JSON
 * schema and their ObjectEvents mapped to movements through GLN and GTIN maps.
 */
package org.massbalance.producers.epcis;
