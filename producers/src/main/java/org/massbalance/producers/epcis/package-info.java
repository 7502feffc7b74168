/**
 * {@code ingest epcis}: GS1 EPCIS 2.0 JSON(-LD) documents validated against the official JSON
 * schema, their ObjectEvents mapped to movements and their TransformationEvents to transformations
 * through GLN and GTIN maps.
 */
package org.massbalance.producers.epcis;
