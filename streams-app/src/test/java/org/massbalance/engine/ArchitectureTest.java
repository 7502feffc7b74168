package org.massbalance.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Layering: the topology is pure; runtime, HTTP and tools sit on top of it, never under it; the
 * domain knows no Kafka; the queries read the stores, the HTTP routes read the queries; the audit
 * package and the exports are clients of the engine; the engine's packages form no cycle.
 */
class ArchitectureTest {

  private static final JavaClasses ENGINE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.massbalance.engine");

  @Test
  void topologyCodeImportsNoRuntimeHttpOrProducerCode() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.massbalance.engine.topology..",
            "org.massbalance.engine.processors..",
            "org.massbalance.engine.domain..",
            "org.massbalance.engine.stores..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.massbalance.engine.runtime..",
            "org.massbalance.engine.api..",
            "io.javalin..",
            "org.massbalance.producers..",
            "org.massbalance.local..",
            "org.massbalance.cli..",
            "org.massbalance.engine.audit..",
            "org.apache.poi..",
            "org.apache.pdfbox..")
        .check(ENGINE);
  }

  @Test
  void auditWritersAreKeptApartFromTheProcessingCode() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.massbalance.engine.api..",
            "org.massbalance.engine.query..",
            "org.massbalance.engine.runtime..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.massbalance.engine.audit..", "org.apache.poi..", "org.apache.pdfbox..")
        .check(ENGINE);
  }

  @Test
  void auditAndExportReachTheEngineOnlyThroughTopicsAndHttp() {
    noClasses()
        .that()
        .resideInAnyPackage("org.massbalance.engine.audit..", "org.massbalance.engine.export..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.massbalance.engine.processors..",
            "org.massbalance.engine.stores..",
            "org.massbalance.engine.query..",
            "org.massbalance.engine.api..",
            "org.massbalance.engine.topology..",
            "org.massbalance.engine.runtime..")
        .because(
            "the audit package and the exports are clients: they read the topics and the public"
                + " HTTP API like any other consumer, sharing with the engine only the records'"
                + " schemas and the domain's pure rules")
        .check(ENGINE);
  }

  @Test
  void labelsReachTheEngineOnlyThroughHttp() {
    noClasses()
        .that()
        .resideInAPackage("org.massbalance.engine.labels..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.massbalance.engine.processors..",
            "org.massbalance.engine.stores..",
            "org.massbalance.engine.query..",
            "org.massbalance.engine.api..",
            "org.massbalance.engine.topology..",
            "org.massbalance.engine.runtime..",
            "org.massbalance.engine.audit..",
            "org.apache.kafka..",
            "io.javalin..")
        .because(
            "a label is drawn from values (the HTTP route hands them in, the labels command reads"
                + " them from the public API): the same drawing for the engine and its clients")
        .check(ENGINE);
  }

  @Test
  void domainCodeKnowsNothingOfKafka() {
    noClasses()
        .that()
        .resideInAPackage("org.massbalance.engine.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..")
        .because(
            "the domain holds the contract's rules as pure functions of values: Kafka's stores,"
                + " clients and partitioning (murmur2) live in the processors, stores and config")
        .check(ENGINE);
  }

  @Test
  void queriesAndHttpKnowNothingOfTheProcessors() {
    noClasses()
        .that()
        .resideInAnyPackage("org.massbalance.engine.query..", "org.massbalance.engine.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.massbalance.engine.processors..")
        .because(
            "the queries read the stores and the domain's rules, the HTTP routes read the queries:"
                + " what the processors do, and how they decode reference data, is handed in")
        .check(ENGINE);
  }

  @Test
  void httpReadsNoStoreItself() {
    noClasses()
        .that()
        .resideInAPackage("org.massbalance.engine.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.massbalance.engine.stores..")
        .because(
            "the query package is the one reader of the stores; the routes route, parse, and write"
                + " JSON")
        .check(ENGINE);
  }

  /** No two packages depend on each other, directly or through others. */
  @Test
  void enginePackagesHaveNoCycles() {
    com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
        .matching("org.massbalance.engine.(*)..")
        .should()
        .beFreeOfCycles()
        .check(ENGINE);
  }

  /**
   * The processors' packages by job (ledger, lots, periods, reference, outputs) form no cycle
   * either: reference data and outputs under everything, the ledger under lots and periods.
   */
  @Test
  void processorPackagesHaveNoCycles() {
    com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
        .matching("org.massbalance.engine.processors.(*)..")
        .should()
        .beFreeOfCycles()
        .check(ENGINE);
  }
}
