package org.massbalance.engine.topology;

/**
 * Names of the topology's processors and repartition topics. Repartition topics are named {@code
 * <application.id>-<name>-repartition}; renaming one orphans its records on upgrade, so {@code
 * TopologyNamesTest} pins them.
 */
public final class Names {

  /** Source of the movements topic. */
  public static final String MOVEMENTS_SOURCE = "movements-source";

  /** Decoding and validation of movements. */
  public static final String VALIDATE = "validate";

  /** Repartition of records whose key or partition was wrong. */
  public static final String REROUTE = "movements-reroute";

  /** Source of transfers arriving at their destination. */
  public static final String TRANSFERS_SOURCE = "transfers-source";

  /** The ledger's merged input. */
  public static final String LEDGER_INPUT = "ledger-input";

  /** The ledger: de-duplication, book balances, immediate alerts. */
  public static final String LEDGER = "ledger";

  /** Monthly periods and snapshots. */
  public static final String PERIODS = "periods";

  /** Repartition of site figures by product|period for the consolidation. */
  public static final String SNAPSHOTS_BY_PRODUCT = "snapshots-by-product";

  /** Consolidation by product and period. */
  public static final String CONSOLIDATION = "consolidation";

  /** Sink of snapshots. */
  public static final String SNAPSHOTS_SINK = "snapshots-sink";

  /** Sink of tombstones of withdrawn snapshots. */
  public static final String SNAPSHOT_TOMBSTONES_SINK = "snapshot-tombstones-sink";

  /** Sink of consolidated snapshots. */
  public static final String CONSOLIDATED_SINK = "consolidated-sink";

  /** Alerts of certificate expiry and supplier status, merged (the first merge of alerts). */
  public static final String ALERTS_FROM_SUPPLIERS = "alerts-suppliers";

  /** ... and of the investigation cases. */
  public static final String ALERTS_FROM_INVESTIGATIONS = "alerts-investigations";

  /** ... and of the periods. */
  public static final String ALERTS_FROM_PERIODS = "alerts-periods";

  /** ... and of the lots. */
  public static final String ALERTS_FROM_LOTS = "alerts-lots";

  /** ... and of the ledger: every alert, merged, towards the recorder. */
  public static final String ALERTS_FROM_LEDGER = "alerts-ledger";

  /** The lots after the ledger: allocation, traces, lot and certificate alerts. */
  public static final String LOTS = "lots";

  /** CERTIFICATE_EXPIRING by the wall clock (in the ledger sub-topology's tasks). */
  public static final String CERTIFICATE_EXPIRY = "certificate-expiry";

  /** SUPPLIER_STATUS_CHANGED by the wall clock (in the ledger sub-topology's tasks). */
  public static final String SUPPLIER_STATUS = "supplier-status";

  /** Sink of alerts. */
  public static final String ALERTS_SINK = "alerts-sink";

  /** Sink of rejected records from validation. */
  public static final String REJECTED_SINK = "rejected-sink";

  /** Sink of rejected records from the ledger (conflicting duplicates). */
  public static final String LEDGER_REJECTED_SINK = "ledger-rejected-sink";

  /** Sink of transfers' arrivals (with their carried lots) towards their destination. */
  public static final String TRANSFERS_SINK = "transfers-sink";

  /** Source of the variance-investigations topic. */
  public static final String INVESTIGATIONS_SOURCE = "investigations-source";

  /** Decoding and validation of investigations. */
  public static final String INVESTIGATIONS_VALIDATE = "investigations-validate";

  /** Sink of rejected investigations. */
  public static final String INVESTIGATIONS_REJECTED_SINK = "investigations-rejected-sink";

  /**
   * Repartition of valid investigations by {@code site|product}, with the movements topic's
   * partition count, so each reaches the ledger task holding its snapshots.
   */
  public static final String INVESTIGATIONS_BY_LEDGER = "investigations-by-ledger";

  /** Investigation cases: snapshots, withdrawals and investigations merged. */
  public static final String INVESTIGATIONS_INPUT = "investigations-input";

  /** Investigation cases and INVESTIGATION_OVERDUE by the wall clock. */
  public static final String INVESTIGATIONS = "investigations";

  /** Loader of sites (the global stores' loaders are named after them). */
  public static final String SITES_LOADER = "sites-loader";

  /** Loader of products. */
  public static final String PRODUCTS_LOADER = "products-loader";

  /** Loader of certificates. */
  public static final String CERTIFICATES_LOADER = "certificates-loader";

  /** Source of the transformations topic. */
  public static final String TRANSFORMATIONS_SOURCE = "transformations-source";

  /** Decoding and validation of transformations. */
  public static final String TRANSFORMATIONS_VALIDATE = "transformations-validate";

  /** Sink of rejected transformations. */
  public static final String TRANSFORMATIONS_REJECTED_SINK = "transformations-rejected-sink";

  /**
   * Repartition of valid transformations by {@code site|transformation_id}, with the movements
   * topic's partition count (its topic: {@code
   * <application.id>-transformations-by-id-repartition}).
   */
  public static final String TRANSFORMATIONS_BY_ID = "transformations-by-id";

  /**
   * Repartition of what the ledgers did for a transformation (an input drawn, an output's lot made)
   * back to it, by {@code site|transformation_id}.
   */
  public static final String TRANSFORMATION_REPORTS = "transformation-reports";

  /** The transformation processor's input: transformations and the reports about them. */
  public static final String TRANSFORMATIONS_INPUT = "transformations-input";

  /** Transformations: de-duplication, inputs out, reports in, outputs out. */
  public static final String TRANSFORMATIONS = "transformations";

  /** Sink of the movements a transformation makes, towards the transfers topic. */
  public static final String PROCESS_MOVEMENTS_SINK = "process-movements-sink";

  /** Alerts of transformations (PROCESS_GAIN, YIELD_OUT_OF_RANGE). */
  public static final String ALERTS_FROM_TRANSFORMATIONS = "alerts-transformations";

  /** Sink of conflicting duplicate transformations. */
  public static final String TRANSFORMATIONS_DUPLICATE_SINK = "transformations-duplicate-sink";

  /** Source of the import-certificates topic. */
  public static final String IMPORT_CERTIFICATES_SOURCE = "import-certificates-source";

  /** Decoding and validation of import certificate records. */
  public static final String IMPORT_CERTIFICATES_VALIDATE = "import-certificates-validate";

  /** Sink of rejected import certificate records. */
  public static final String IMPORT_CERTIFICATES_REJECTED_SINK =
      "import-certificates-rejected-sink";

  /**
   * Repartition of valid import certificate records by certificate number, with the movements
   * topic's partition count (its topic: {@code
   * <application.id>-import-certificates-by-number-repartition}).
   */
  public static final String IMPORT_CERTIFICATES_BY_NUMBER = "import-certificates-by-number";

  /**
   * Repartition of the draws of import movements (from the lots processor) by certificate number,
   * with the same partition count, so that a certificate's record and draws meet in one task.
   */
  public static final String IMPORT_CERTIFICATE_DRAWS = "import-certificate-draws";

  /** The import-certificate processor's input: certificate records and draws. */
  public static final String IMPORT_CERTIFICATES_INPUT = "import-certificates-input";

  /** Import certificates: records, draws, their alerts. */
  public static final String IMPORT_CERTIFICATES = "import-certificates";

  /** Alerts of import certificates (OVERDRAWN, UNKNOWN, OUT_OF_VALIDITY, PRODUCT_MISMATCH). */
  public static final String ALERTS_FROM_IMPORT_CERTIFICATES = "alerts-import-certificates";

  /** Loader of the yields global store. */
  public static final String YIELDS_LOADER = "yields-loader";

  /** Source of the period sign-offs topic. */
  public static final String SIGNOFFS_SOURCE = "signoffs-source";

  /** Decoding and validation of period sign-offs. */
  public static final String SIGNOFFS_VALIDATE = "signoffs-validate";

  /** Sink of rejected sign-offs (undecodable, breaking a rule). */
  public static final String SIGNOFFS_REJECTED_SINK = "signoffs-rejected-sink";

  /**
   * Repartition of valid sign-offs by {@code site|product}, with the movements topic's partition
   * count, to their key's periods (its topic: {@code
   * <application.id>-signoffs-by-key-repartition}).
   */
  public static final String SIGNOFFS_BY_KEY = "signoffs-by-key";

  /** The periods' input: the ledger's applied movements and the sign-offs. */
  public static final String PERIODS_INPUT = "periods-input";

  /** Sink of signed months. */
  public static final String SIGNED_SINK = "signed-sink";

  /** Sink of sign-offs the periods refused (a month not closed, no snapshot). */
  public static final String PERIODS_REJECTED_SINK = "periods-rejected-sink";

  private Names() {}
}
