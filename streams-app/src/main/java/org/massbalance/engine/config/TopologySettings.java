package org.massbalance.engine.config;

import java.time.Duration;
import org.massbalance.engine.domain.CertificateWatch;
import org.massbalance.engine.domain.InvestigationRules;
import org.massbalance.engine.metrics.EngineMetrics;

/**
 * Everything {@link org.massbalance.engine.topology.MassBalanceTopology#build} needs: topics with
 * serdes, the domain knobs and the meters. No I/O happens in building the topology.
 *
 * @param certificateWatch CERTIFICATE_EXPIRING thresholds and check interval
 * @param investigationRules due days and check interval of variance investigations
 * @param movementsPartitions partitions of the movements topic, to recognise records on the wrong
 *     partition (0: only the key is checked)
 * @param openLotsInRecord lots on hand kept in a key's record, the oldest ones; a key holding more
 *     spills the newer ones to a store of their own (ADR 18; {@link #DEFAULT_OPEN_LOTS_IN_RECORD})
 */
public record TopologySettings(
    Topics topics,
    Duration futureTolerance,
    Duration dedupHorizon,
    int movementsPartitions,
    Duration periodGrace,
    Duration periodIdleClose,
    Duration periodCloseCheck,
    CaughtUp caughtUp,
    EngineMetrics metrics,
    CertificateWatch certificateWatch,
    InvestigationRules investigationRules,
    int openLotsInRecord) {

  /**
   * Lots on hand kept in a key's record by default: about 3 KB of record at most, rewritten with
   * every movement of the key (ADR 18).
   */
  public static final int DEFAULT_OPEN_LOTS_IN_RECORD = 64;

  /** Settings keeping the default number of lots on hand in a key's record. */
  public TopologySettings(
      Topics topics,
      Duration futureTolerance,
      Duration dedupHorizon,
      int movementsPartitions,
      Duration periodGrace,
      Duration periodIdleClose,
      Duration periodCloseCheck,
      CaughtUp caughtUp,
      EngineMetrics metrics,
      CertificateWatch certificateWatch,
      InvestigationRules investigationRules) {
    this(
        topics,
        futureTolerance,
        dedupHorizon,
        movementsPartitions,
        periodGrace,
        periodIdleClose,
        periodCloseCheck,
        caughtUp,
        metrics,
        certificateWatch,
        investigationRules,
        DEFAULT_OPEN_LOTS_IN_RECORD);
  }

  /** These settings keeping {@code n} (at least 1) lots on hand in a key's record. */
  public TopologySettings withOpenLotsInRecord(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("at least one lot in the record, not " + n);
    }
    return new TopologySettings(
        topics,
        futureTolerance,
        dedupHorizon,
        movementsPartitions,
        periodGrace,
        periodIdleClose,
        periodCloseCheck,
        caughtUp,
        metrics,
        certificateWatch,
        investigationRules,
        n);
  }

  /** Settings from a validated configuration. */
  public static TopologySettings from(EngineConfig config, EngineMetrics metrics) {
    return from(config, metrics, CaughtUp.ALWAYS);
  }

  /** Settings from a validated configuration, with the runtime's view of lag. */
  public static TopologySettings from(
      EngineConfig config, EngineMetrics metrics, CaughtUp caughtUp) {
    return new TopologySettings(
        Topics.from(config),
        config.futureTolerance(),
        config.dedupHorizon(),
        config.getInt(EngineConfig.MOVEMENTS_PARTITIONS_CONFIG),
        config.periodGrace(),
        config.periodIdleClose(),
        config.periodCloseCheck(),
        caughtUp,
        metrics,
        config.certificateWatch(),
        config.investigationRules());
  }
}
