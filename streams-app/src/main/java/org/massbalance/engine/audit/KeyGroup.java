package org.massbalance.engine.audit;

import java.util.List;
import java.util.Map;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.audit.AuditData.Arrival;
import org.massbalance.engine.audit.AuditData.InvestigationRecord;
import org.massbalance.engine.audit.AuditData.LotRecord;
import org.massbalance.engine.audit.AuditData.TracedMovement;

/**
 * Everything of one site|product in an audit range, each list in the package's order: snapshots by
 * period, back traces by occurred_at and movement id, lots by received_at and lot id, arrivals by
 * occurred_at, alerts by occurred_at, type and id, investigations by period. The alerts of no
 * site|product (a certificate's) form the group with empty site and product.
 *
 * @param receiptDocuments each RECEIPT's {@code document_ref} by movement id (from the movements
 *     topic: the engine keeps no document of a receipt)
 */
public record KeyGroup(
    String siteId,
    String productId,
    List<Snapshot> snapshots,
    List<TracedMovement> traces,
    List<LotRecord> lots,
    List<Arrival> arrivals,
    List<Alert> alerts,
    List<InvestigationRecord> investigations,
    Map<String, String> receiptDocuments) {

  /** Copies the lists and the map. */
  public KeyGroup {
    snapshots = List.copyOf(snapshots);
    traces = List.copyOf(traces);
    lots = List.copyOf(lots);
    arrivals = List.copyOf(arrivals);
    alerts = List.copyOf(alerts);
    investigations = List.copyOf(investigations);
    receiptDocuments = Map.copyOf(receiptDocuments);
  }

  /** The group of alerts that name no site|product. */
  public boolean keyless() {
    return siteId.isEmpty();
  }
}
