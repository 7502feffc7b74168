package org.massbalance.engine.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.engine.config.TopologySettings;
import org.massbalance.engine.metrics.EngineMetrics;

/**
 * Stores, internal topics and processors are named, and the names are pinned here: renaming one
 * orphans its state or records on upgrade, so a change must be deliberate (and migrated).
 */
class TopologyNamesTest {

  private static final TopologyDescription DESCRIPTION =
      MassBalanceTopology.build(settings()).describe();

  private static TopologySettings settings() {
    Properties p = new Properties();
    p.put(EngineConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://names");
    return TopologySettings.from(new EngineConfig(p), EngineMetrics.inMemory());
  }

  @Test
  void shouldNameEveryStateStore() {
    Set<String> stores = new TreeSet<>();
    for (TopologyDescription.Subtopology s : DESCRIPTION.subtopologies()) {
      for (TopologyDescription.Node n : s.nodes()) {
        if (n instanceof TopologyDescription.Processor p) {
          stores.addAll(p.stores());
        }
      }
    }
    for (TopologyDescription.GlobalStore g : DESCRIPTION.globalStores()) {
      stores.addAll(g.processor().stores());
    }
    assertThat(stores)
        .containsExactlyInAnyOrder(
            "ledger-book-store",
            "ledger-history-store",
            "period-state-store",
            "period-open-index-store",
            "period-clock-store",
            "consolidation-sites-store",
            "consolidation-store",
            "lots-store",
            "lots-open-spill-store",
            "certificate-expiry-store",
            "certificate-status-seen-store",
            "investigations-store",
            "transformations-store",
            "import-certificates-store",
            "import-certificate-draws-store",
            "yields-global-store",
            "sites-global-store",
            "products-global-store",
            "certificates-global-store");
  }

  @Test
  void shouldReadAndWriteTheContractTopicsAndOneNamedRepartitionTopic() {
    Set<String> sources = new HashSet<>();
    Set<String> sinks = new HashSet<>();
    for (TopologyDescription.Subtopology s : DESCRIPTION.subtopologies()) {
      for (TopologyDescription.Node n : s.nodes()) {
        if (n instanceof TopologyDescription.Source src) {
          sources.addAll(src.topicSet());
        } else if (n instanceof TopologyDescription.Sink sink) {
          sinks.add(sink.topic());
        }
      }
    }
    assertThat(sources)
        .containsExactlyInAnyOrder(
            "inventory-movements",
            "variance-investigations",
            "transformations",
            "period-signoffs",
            "import-certificates",
            "mass-balance-transfers",
            "movements-reroute-repartition",
            "investigations-by-ledger-repartition",
            "snapshots-by-product-repartition",
            "transformations-by-id-repartition",
            "transformation-reports-repartition",
            "signoffs-by-key-repartition",
            "import-certificates-by-number-repartition",
            "import-certificate-draws-repartition");
    assertThat(sinks)
        .containsExactlyInAnyOrder(
            "mass-balance-alerts",
            "inventory-movements-rejected",
            "mass-balance-transfers",
            "movements-reroute-repartition",
            "investigations-by-ledger-repartition",
            "mass-balance-snapshots",
            "mass-balance-snapshots-consolidated",
            "mass-balance-signoffs",
            "snapshots-by-product-repartition",
            "transformations-by-id-repartition",
            "transformation-reports-repartition",
            "signoffs-by-key-repartition",
            "import-certificates-by-number-repartition",
            "import-certificate-draws-repartition");
  }

  @Test
  void shouldKeepTheLedgerAndItsInputsInOneSubtopologyAndTheConsolidationInAnother() {
    // ledger (with the investigation cases and the import certificates, whose alerts join the
    // ledger's), consolidation, transformations (with their validation), and the validations of
    // investigations, of sign-offs and of import certificates
    assertThat(DESCRIPTION.subtopologies()).hasSize(6);
  }

  @Test
  void shouldNameTheLotsAndCertificateProcessorsAndConnectTheLotsStoreToTheLedger() {
    Map<String, Set<String>> storesOf = new java.util.HashMap<>();
    for (TopologyDescription.Subtopology s : DESCRIPTION.subtopologies()) {
      for (TopologyDescription.Node n : s.nodes()) {
        if (n instanceof TopologyDescription.Processor p) {
          storesOf.put(p.name(), p.stores());
        }
      }
    }
    assertThat(storesOf)
        .containsKeys(
            "ledger",
            "lots",
            "certificate-expiry",
            "supplier-status",
            "investigations",
            "transformations",
            "import-certificates");
    assertThat(storesOf.get("transformations")).containsExactly("transformations-store");
    assertThat(storesOf.get("import-certificates"))
        .containsExactlyInAnyOrder("import-certificates-store", "import-certificate-draws-store");
    assertThat(storesOf.get("investigations")).containsExactly("investigations-store");
    assertThat(storesOf.get("ledger")).contains("lots-store");
    assertThat(storesOf.get("lots")).contains("lots-store");
    assertThat(storesOf.get("supplier-status")).contains("ledger-book-store");
    assertThat(storesOf.get("lots")).contains("lots-open-spill-store");
    assertThat(storesOf.get("supplier-status")).contains("lots-open-spill-store");
  }

  @Test
  void shouldCreateTheNamedChangelogAndRepartitionTopics() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "massbalance-engine");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver driver =
        new TopologyTestDriver(MassBalanceTopology.build(settings()), p)) {
      Map<String, ?> stores = driver.getAllStateStores();
      assertThat(stores.keySet()).contains("ledger-book-store", "ledger-history-store");
    }
    assertThat(Names.REROUTE).isEqualTo("movements-reroute");
    assertThat(Names.LOTS).isEqualTo("lots");
    assertThat(Names.INVESTIGATIONS_BY_LEDGER).isEqualTo("investigations-by-ledger");
    assertThat(Names.TRANSFORMATIONS_BY_ID).isEqualTo("transformations-by-id");
    assertThat(Names.TRANSFORMATION_REPORTS).isEqualTo("transformation-reports");
    assertThat(Names.SIGNOFFS_BY_KEY).isEqualTo("signoffs-by-key");
    assertThat(Names.IMPORT_CERTIFICATES_BY_NUMBER).isEqualTo("import-certificates-by-number");
    assertThat(Names.IMPORT_CERTIFICATE_DRAWS).isEqualTo("import-certificate-draws");
    assertThat(Names.IMPORT_CERTIFICATES).isEqualTo("import-certificates");
  }
}
