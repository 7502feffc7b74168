package org.massbalance.engine.topology;

import java.time.Duration;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.engine.domain.CertificateWatch;
import org.massbalance.engine.metrics.EngineMetrics;

/**
 * Everything {@link MassBalanceTopology#build} needs: topics with serdes, the domain knobs and the
 * meters. No I/O happens in building the topology.
 *
 * @param movementsPartitions partitions of the movements topic, to recognise records on the wrong
 *     partition (0: only the key is checked)
 * @param certificateWatch CERTIFICATE_EXPIRING thresholds and check interval
 */
public record TopologySettings(
    Topics topics,
    Duration futureTolerance,
    Duration dedupHorizon,
    int movementsPartitions,
    EngineMetrics metrics,
    CertificateWatch certificateWatch) {

  /** Settings from a validated configuration. */
  public static TopologySettings from(EngineConfig config, EngineMetrics metrics) {
    return new TopologySettings(
        Topics.from(config),
        config.futureTolerance(),
        config.dedupHorizon(),
        config.getInt(EngineConfig.MOVEMENTS_PARTITIONS_CONFIG),
        metrics,
        config.certificateWatch());
  }
}
