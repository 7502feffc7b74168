/** Producers: CSV ingestion of movements and reference data into the contract's topics. */
package org.massbalance.producers;
