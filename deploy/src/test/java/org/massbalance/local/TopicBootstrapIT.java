package org.massbalance.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.massbalance.topics.TopicDefaults;

class TopicBootstrapIT {

  @Test
  void createsContractTopicsWithTheirConfigsIdempotently() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(0).build().start();
        Admin admin = EmbeddedKafkaBrokerIT.admin(broker)) {
      // An existing topic with other settings is left alone.
      admin
          .createTopics(
              List.of(
                  new org.apache.kafka.clients.admin.NewTopic(TopicDefaults.SITES, 1, (short) 1)))
          .all()
          .get();

      TopicBootstrap bootstrap = new TopicBootstrap(broker.bootstrapServers(), 3, (short) 1);
      List<String> created = bootstrap.createTopics();
      assertThat(created)
          .containsExactlyInAnyOrder(
              TopicDefaults.MOVEMENTS,
              TopicDefaults.ALERTS,
              TopicDefaults.SNAPSHOTS,
              TopicDefaults.SNAPSHOTS_CONSOLIDATED,
              TopicDefaults.REJECTED,
              TopicDefaults.CERTIFICATES,
              TopicDefaults.PRODUCTS,
              TopicDefaults.INVESTIGATIONS,
              TopicDefaults.TRANSFORMATIONS,
              TopicDefaults.YIELDS,
              TopicDefaults.SIGNOFFS,
              TopicDefaults.SIGNED,
              TopicDefaults.IMPORT_CERTIFICATES,
              TopicDefaults.RESERVATIONS,
              TopicDefaults.RESERVATION_RESULTS);
      assertThat(bootstrap.createTopics()).isEmpty();

      Set<String> names =
          TopicBootstrap.contractTopics().stream()
              .map(TopicBootstrap.TopicSpec::name)
              .collect(Collectors.toSet());
      Map<String, TopicDescription> descriptions =
          admin.describeTopics(names).allTopicNames().get();
      Map<ConfigResource, Config> configs =
          admin
              .describeConfigs(
                  names.stream()
                      .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                      .toList())
              .all()
              .get();
      String fiveYears = String.valueOf(TopicDefaults.RETENTION.toMillis());
      for (TopicBootstrap.TopicSpec spec : TopicBootstrap.contractTopics()) {
        Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
        String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        int partitions = descriptions.get(spec.name()).partitions().size();
        if (spec.name().equals(TopicDefaults.SITES)) {
          assertThat(policy).isEqualTo("delete"); // pre-existing: untouched
          assertThat(partitions).isEqualTo(1);
          continue;
        }
        assertThat(partitions).as(spec.name()).isEqualTo(3);
        if (spec.compacted()) {
          assertThat(policy).as(spec.name()).isEqualTo("compact");
        } else {
          assertThat(policy).as(spec.name()).isEqualTo("delete");
          assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value())
              .as(spec.name())
              .isEqualTo(fiveYears);
        }
      }
      assertThat(
              TopicBootstrap.contractTopics().stream().filter(TopicBootstrap.TopicSpec::compacted))
          .extracting(TopicBootstrap.TopicSpec::name)
          .containsExactlyInAnyOrder(
              TopicDefaults.SNAPSHOTS,
              TopicDefaults.SNAPSHOTS_CONSOLIDATED,
              TopicDefaults.CERTIFICATES,
              TopicDefaults.SITES,
              TopicDefaults.PRODUCTS,
              TopicDefaults.INVESTIGATIONS,
              TopicDefaults.YIELDS,
              TopicDefaults.SIGNED,
              TopicDefaults.IMPORT_CERTIFICATES);
    }
  }
}
