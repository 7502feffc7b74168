package org.massbalance.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.config.EngineConfig;

class TopicRequirementsTest {

  private static final EngineConfig CONFIG = new EngineConfig(new Properties());

  private static TopicRequirements.Topic topic(String key) {
    return TopicRequirements.of(CONFIG).stream()
        .filter(t -> t.key().equals(key))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shouldNameEveryTopicTheEngineNeedsByItsConfiguredName() {
    Properties p = new Properties();
    p.put("topic.alerts", "replay-alerts");
    List<TopicRequirements.Topic> topics = TopicRequirements.of(new EngineConfig(p));
    assertThat(topics)
        .extracting(TopicRequirements.Topic::key)
        .containsExactly(
            "topic.movements",
            "topic.certificates",
            "topic.sites",
            "topic.products",
            "topic.investigations",
            "topic.transformations",
            "topic.yields",
            "topic.signoffs",
            "topic.import.certificates",
            "topic.alerts",
            "topic.snapshots",
            "topic.snapshots.consolidated",
            "topic.signed",
            "topic.rejected",
            "topic.transfers");
    assertThat(topics)
        .filteredOn(t -> t.key().equals("topic.alerts"))
        .singleElement()
        .satisfies(t -> assertThat(t.name()).isEqualTo("replay-alerts"));
  }

  @Test
  void shouldCallASnapshotTopicThatDeletesLossy() {
    TopicRequirements.Topic snapshots = topic(EngineConfig.TOPIC_SNAPSHOTS_CONFIG);
    assertThat(TopicRequirements.loss(snapshots, Map.of("cleanup.policy", "delete")))
        .hasValueSatisfying(why -> assertThat(why).contains("must be compacted"));
    assertThat(
            TopicRequirements.loss(
                snapshots, Map.of("cleanup.policy", "compact,delete", "retention.ms", "604800000")))
        .hasValueSatisfying(why -> assertThat(why).contains("retention.ms=604800000 (7 days)"));
    assertThat(TopicRequirements.loss(snapshots, Map.of("cleanup.policy", "compact"))).isEmpty();
  }

  @Test
  void shouldKeepAlertsAtLeastFiveYears() {
    TopicRequirements.Topic alerts = topic(EngineConfig.TOPIC_ALERTS_CONFIG);
    long fiveYears = TopicRequirements.MIN_RETENTION.toMillis();
    assertThat(
            TopicRequirements.loss(
                alerts, Map.of("cleanup.policy", "delete", "retention.ms", "" + (fiveYears - 1))))
        .isPresent();
    assertThat(
            TopicRequirements.loss(
                alerts, Map.of("cleanup.policy", "delete", "retention.ms", "" + fiveYears)))
        .isEmpty();
    assertThat(
            TopicRequirements.loss(
                alerts, Map.of("cleanup.policy", "delete", "retention.ms", "-1")))
        .isEmpty();
    // The broker's default retention (7 days) when the topic sets none.
    assertThat(TopicRequirements.loss(alerts, Map.of())).isPresent();
  }

  @Test
  void shouldAskTwoInSyncReplicasFromReplicationFactorThree() {
    TopicRequirements.Topic alerts = topic(EngineConfig.TOPIC_ALERTS_CONFIG);
    assertThat(alerts.configs((short) 3)).containsEntry("min.insync.replicas", "2");
    assertThat(alerts.configs((short) 1)).containsEntry("min.insync.replicas", "1");
    assertThat(alerts.configs((short) -1)).doesNotContainKey("min.insync.replicas");
    assertThat(
            TopicRequirements.differences(
                alerts,
                4,
                3,
                Map.of(
                    "cleanup.policy", "delete", "retention.ms", "-1", "min.insync.replicas", "1"),
                4,
                (short) 3))
        .containsExactly("min.insync.replicas=1, want 2");
  }
}
