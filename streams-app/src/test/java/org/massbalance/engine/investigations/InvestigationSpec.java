package org.massbalance.engine.investigations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Investigation;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.internal.InvestigationCase;
import org.massbalance.engine.domain.InvestigationRules;
import org.massbalance.engine.testing.EngineDriver;

/**
 * Variance investigations through the topology: a closed INVESTIGATE snapshot opens a case due 30
 * days after its first close; by the wall clock an open case past that raises INVESTIGATION_OVERDUE
 * once; an investigation with certifier_notified_on closes it; a restatement within tolerance
 * withdraws it; a bad investigation record is rejected with every reason.
 */
class InvestigationSpec {

  private static final String OAKLAND = "OAKLAND";
  private static final String PECANS = "PECANS";
  private static final String NOVEMBER = "2025-11";

  private EngineDriver engine;

  @BeforeEach
  void start() {
    engine = new EngineDriver(EngineDriver.DEFAULT_WALL_CLOCK, Map.of());
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  /** Receipt 800, sale 200, count 540 at month end: -60 kg, -10 %, INVESTIGATE; then closed. */
  private void closeAShortNovember() {
    engine.send(receipt(OAKLAND, PECANS, "800", "kg").at("2025-11-04T08:00:00Z").id("d-003"));
    engine.send(sale(OAKLAND, PECANS, "200", "kg").at("2025-11-15T08:00:00Z").id("d-004"));
    engine.send(count(OAKLAND, PECANS, "540", "kg").at("2025-11-30T20:00:00Z").id("d-005"));
    engine.advanceWallClock(Duration.ofSeconds(40)); // idle close
  }

  private static Investigation investigation(String notifiedOn) {
    return Investigation.newBuilder()
        .setSiteId(OAKLAND)
        .setProductId(PECANS)
        .setPeriod(NOVEMBER)
        .setCause("shrinkage")
        .setExplanation("moisture loss in storage")
        .setCorrectiveAction("humidity control")
        .setCertifierNotifiedOn(notifiedOn)
        .setInvestigatedBy("QA lead")
        .setRecordedAt("2026-01-20T09:00:00Z")
        .build();
  }

  private List<Alert> overdue() {
    return engine.alerts().stream()
        .filter(a -> a.getType().equals("INVESTIGATION_OVERDUE"))
        .toList();
  }

  @Test
  void shouldOpenACaseDueThirtyDaysAfterTheFirstClose() {
    closeAShortNovember();
    InvestigationCase c = engine.investigationCase(OAKLAND, PECANS, NOVEMBER);
    assertThat(c).isNotNull();
    assertThat(c.getSnapshot().getVariancePct()).isEqualTo("-10");
    assertThat(InvestigationRules.status(c)).isEqualTo(InvestigationRules.Status.OPEN);
    assertThat(InvestigationRules.defaults().dueOn(c).toString()).isEqualTo("2026-02-14");
  }

  @Test
  void shouldRaiseInvestigationOverdueOnceByTheWallClock() {
    closeAShortNovember();
    engine.alerts();
    // Closed 2026-01-15 (UTC), due 2026-02-14: nothing during that day, the alert once it ends.
    engine.advanceWallClock(Duration.ofDays(30).plusHours(23));
    assertThat(overdue()).isEmpty();
    engine.advanceWallClock(Duration.ofHours(2));
    List<Alert> first = overdue();
    assertThat(first).hasSize(1);
    Alert a = first.get(0);
    assertThat(a.getSiteId()).isEqualTo(OAKLAND);
    assertThat(a.getProductId()).isEqualTo(PECANS);
    assertThat(a.getPeriod()).isEqualTo(NOVEMBER);
    assertThat(a.getQuantity()).isEqualTo("-60");
    engine.advanceWallClock(Duration.ofDays(5));
    assertThat(overdue()).isEmpty();
  }

  @Test
  void shouldCloseTheCaseWithAnInvestigationNotifyingTheCertifier() {
    closeAShortNovember();
    engine.investigation(investigation(null));
    InvestigationCase c = engine.investigationCase(OAKLAND, PECANS, NOVEMBER);
    assertThat(c.getInvestigation().getCause()).isEqualTo("SHRINKAGE");
    assertThat(InvestigationRules.status(c)).isEqualTo(InvestigationRules.Status.OPEN);

    engine.investigation(investigation("2026-01-21"));
    c = engine.investigationCase(OAKLAND, PECANS, NOVEMBER);
    assertThat(InvestigationRules.status(c)).isEqualTo(InvestigationRules.Status.NOTIFIED);
    engine.alerts();
    engine.advanceWallClock(Duration.ofDays(40));
    assertThat(overdue()).isEmpty();
  }

  @Test
  void shouldKeepAnInvestigationRecordedBeforeTheClose() {
    engine.investigation(investigation("2025-12-01"));
    closeAShortNovember();
    InvestigationCase c = engine.investigationCase(OAKLAND, PECANS, NOVEMBER);
    assertThat(InvestigationRules.status(c)).isEqualTo(InvestigationRules.Status.NOTIFIED);
  }

  @Test
  void shouldWithdrawTheNeedWhenARestatementLeavesThePeriodWithinTolerance() {
    closeAShortNovember();
    // a sale found late: the count is now within 5 % of the book (550 expected, 540 counted)
    engine.send(sale(OAKLAND, PECANS, "50", "kg").at("2025-11-20T08:00:00Z").id("d-late"));
    InvestigationCase c = engine.investigationCase(OAKLAND, PECANS, NOVEMBER);
    assertThat(c.getSnapshot().getStatus()).isEqualTo("WITHIN_TOLERANCE");
    assertThat(InvestigationRules.status(c)).isEqualTo(InvestigationRules.Status.WITHDRAWN);
    assertThat(InvestigationRules.status(c).listed()).isEqualTo("done");
    assertThat(InvestigationRules.reason(c)).isEqualTo("within tolerance after restatement");
    engine.alerts();
    engine.advanceWallClock(Duration.ofDays(40));
    assertThat(overdue()).isEmpty();
  }

  @Test
  void shouldRejectABadInvestigationWithEveryReason() {
    Investigation bad =
        Investigation.newBuilder(investigation("2026-13-01"))
            .setCause("ALIENS")
            .setExplanation(" ")
            .build();
    engine.investigation(bad);
    engine.investigationRaw("OAKLAND|PECANS|2025-11", "not avro".getBytes(StandardCharsets.UTF_8));
    engine.investigation(
        Investigation.newBuilder(investigation(null)).setPeriod("2025-10").build());
    List<RejectedRecord> rejected = engine.rejected();
    assertThat(rejected).hasSize(2);
    assertThat(rejected.get(0).getReason())
        .contains("cause must be one of", "explanation is required", "certifier_notified_on");
    assertThat(rejected.get(0).getSourceTopic()).isEqualTo("variance-investigations");
    assertThat(rejected.get(1).getReason()).startsWith("investigation: cannot decode");
    assertThat(engine.investigationCase(OAKLAND, PECANS, NOVEMBER)).isNull();
    assertThat(engine.investigationCase(OAKLAND, PECANS, "2025-10")).isNotNull();
  }

  @Test
  void shouldListACaseNotifiedAfterTheDeadlineAsDoneLateWithItsAlertAlreadyRaised() {
    closeAShortNovember();
    engine.alerts();
    engine.advanceWallClock(Duration.ofDays(31));
    assertThat(overdue()).hasSize(1);

    engine.investigation(investigation("2026-02-20"));
    InvestigationCase c = engine.investigationCase(OAKLAND, PECANS, NOVEMBER);
    assertThat(InvestigationRules.status(c)).isEqualTo(InvestigationRules.Status.NOTIFIED);
    assertThat(InvestigationRules.status(c).listed()).isEqualTo("done");
    assertThat(InvestigationRules.defaults().late(c)).isTrue();
    assertThat(InvestigationRules.reason(c)).isEqualTo("certifier notified");
    engine.advanceWallClock(Duration.ofDays(5));
    assertThat(overdue()).isEmpty();
  }

  @Test
  void shouldKeepAndListAnInvestigationOfAPeriodWithinToleranceWithoutAnAlert() {
    // Receipt 800, sale 200, count 590: -10 kg, -1.67 %, within 5 %.
    engine.send(receipt(OAKLAND, PECANS, "800", "kg").at("2025-11-04T08:00:00Z").id("w-1"));
    engine.send(sale(OAKLAND, PECANS, "200", "kg").at("2025-11-15T08:00:00Z").id("w-2"));
    engine.send(count(OAKLAND, PECANS, "590", "kg").at("2025-11-30T20:00:00Z").id("w-3"));
    engine.advanceWallClock(Duration.ofSeconds(40));
    engine.investigation(investigation("2025-12-05"));

    InvestigationCase c = engine.investigationCase(OAKLAND, PECANS, NOVEMBER);
    assertThat(c.getFirstInvestigateAt()).as("never INVESTIGATE").isNull();
    assertThat(c.getInvestigation().getCause()).isEqualTo("SHRINKAGE");
    assertThat(InvestigationRules.listed(c)).isTrue();
    assertThat(InvestigationRules.status(c).listed()).isEqualTo("done");
    assertThat(InvestigationRules.reason(c)).startsWith("no investigation needed");
    assertThat(InvestigationRules.defaults().dueOn(c)).isNull();
    engine.alerts();
    engine.advanceWallClock(Duration.ofDays(40));
    assertThat(overdue()).isEmpty();
  }
}
