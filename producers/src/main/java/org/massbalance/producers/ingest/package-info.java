/** Sending CSV files to Kafka: the {@code ingest} command and the ingester behind it. */
package org.massbalance.producers.ingest;
