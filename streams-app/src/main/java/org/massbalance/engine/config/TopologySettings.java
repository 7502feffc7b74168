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
    InvestigationRules investigationRules) {

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
