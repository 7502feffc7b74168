package org.massbalance.engine.api;

import java.time.Clock;
import org.apache.kafka.streams.KafkaStreams;
import org.massbalance.engine.domain.InvestigationRules;
import org.massbalance.engine.query.LedgerQueries;

/**
 * The query API's handlers, one class per resource, sharing one {@link Routing} (owner, standby,
 * gathering from every instance); {@link RequestParams} reads the parameters and {@link JsonViews}
 * writes the answers.
 */
record QueryRoutes(
    BalanceRoutes balances,
    SnapshotRoutes snapshots,
    LotRoutes lots,
    SupplierRoutes suppliers,
    InvestigationRoutes investigations,
    AlertRoutes alerts,
    TransformationRoutes transformations,
    LabelRoutes labels,
    SignOffRoutes signOffs,
    ImportCertificateRoutes importCertificates,
    ReservationRoutes reservations,
    BulkRoutes bulk) {

  /**
   * The handlers over {@code streams} and {@code ledger}, judging investigations by {@code rules},
   * writing posted ones with {@code writer} (null: posting answers 503), listing {@code
   * recentAlerts} (null: the alert list answers 503), by the engine's wall {@code clock}; lots'
   * Digital Links under {@code resolverBase}.
   */
  static QueryRoutes of(
      KafkaStreams streams,
      InstanceRouter router,
      LedgerQueries ledger,
      InvestigationRules rules,
      Writers writers,
      RecentAlerts recentAlerts,
      Clock clock,
      String resolverBase) {
    Routing routing = new Routing(streams, router, ledger.stores());
    return new QueryRoutes(
        new BalanceRoutes(routing, ledger, recentAlerts),
        new SnapshotRoutes(routing, ledger),
        new LotRoutes(routing, ledger),
        new SupplierRoutes(routing, ledger, clock),
        new InvestigationRoutes(routing, ledger, rules, writers.investigations(), clock),
        new AlertRoutes(routing, recentAlerts),
        new TransformationRoutes(routing, ledger),
        new LabelRoutes(routing, ledger, resolverBase),
        new SignOffRoutes(routing, ledger, writers.signOffs(), clock),
        new ImportCertificateRoutes(routing, ledger),
        new ReservationRoutes(
            routing, ledger, writers.reservations(), writers.reservationResults(), clock),
        new BulkRoutes(routing, router, ledger));
  }
}
