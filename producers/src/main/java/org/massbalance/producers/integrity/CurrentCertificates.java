package org.massbalance.producers.integrity;

import java.util.Map;
import org.massbalance.avro.SupplierCertificate;

/**
 * The certificate records on the topic now, latest per NOP ID (what {@code --only-known} and
 * "unchanged" compare with).
 */
@FunctionalInterface
public interface CurrentCertificates {

  /** The latest record of each NOP ID on a topic (deleted ones absent). */
  Map<String, SupplierCertificate> read(String topic);
}
