package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Investigation;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.internal.InvestigationCase;

/** The rules of variance investigations, without Kafka. */
class InvestigationRulesTest {

  private static final Instant CLOSED = Instant.parse("2025-12-03T10:00:00Z");
  private static final InvestigationRules RULES = new InvestigationRules(30, Duration.ofHours(1));

  private static Snapshot snapshot(String status, int revision) {
    return Snapshot.newBuilder()
        .setSiteId("OAKLAND")
        .setProductId("PECANS")
        .setPeriod("2025-11")
        .setRevision(revision)
        .setUnit("kg")
        .setOpening("0")
        .setReceipts("800")
        .setSales("200")
        .setWaste("0")
        .setTransfersIn("0")
        .setTransfersOut("0")
        .setAdjustments("0")
        .setExpectedClosing("600")
        .setCounted("540")
        .setCountVariance("-60")
        .setVariancePct("-10")
        .setClosing("540")
        .setStatus(status)
        .setClosedAt(CLOSED.plus(Duration.ofDays(revision - 1)).toString())
        .build();
  }

  private static Investigation investigation(String notifiedOn) {
    return Investigation.newBuilder()
        .setSiteId("OAKLAND")
        .setProductId("PECANS")
        .setPeriod("2025-11")
        .setCause("SHRINKAGE")
        .setExplanation("moisture loss in storage")
        .setCorrectiveAction("humidity control")
        .setCertifierNotifiedOn(notifiedOn)
        .setInvestigatedBy("QA lead")
        .setRecordedAt("2025-12-10T09:00:00Z")
        .build();
  }

  private static InvestigationCase closedInvestigate() {
    return InvestigationRules.withSnapshot(
        InvestigationRules.empty("OAKLAND", "PECANS", "2025-11"),
        snapshot("INVESTIGATE", 1),
        CLOSED);
  }

  @Test
  void shouldNeedAnInvestigationOnlyForAnInvestigateSnapshot() {
    assertThat(InvestigationRules.needsInvestigation(snapshot("INVESTIGATE", 1))).isTrue();
    assertThat(InvestigationRules.needsInvestigation(snapshot("WITHIN_TOLERANCE", 1))).isFalse();
    assertThat(InvestigationRules.needsInvestigation(snapshot("NOT_COUNTED", 1))).isFalse();
  }

  @Test
  void shouldBeDueThirtyDaysAfterTheFirstInvestigateClose() {
    InvestigationCase c = closedInvestigate();
    assertThat(InvestigationRules.listed(c)).isTrue();
    assertThat(c.getFirstInvestigateAt()).isEqualTo(CLOSED.toString());
    assertThat(RULES.dueOn(c)).isEqualTo(LocalDate.parse("2026-01-02"));
    // a restatement keeps the first close
    InvestigationCase restated =
        InvestigationRules.withSnapshot(c, snapshot("INVESTIGATE", 2), CLOSED.plusSeconds(9));
    assertThat(RULES.dueOn(restated)).isEqualTo(LocalDate.parse("2026-01-02"));
  }

  @Test
  void shouldBeOverdueOnceItsDueDateHasEndedWhileOpenAndAlertOnce() {
    InvestigationCase c = closedInvestigate();
    assertThat(InvestigationRules.status(c)).isEqualTo(InvestigationRules.Status.OPEN);
    Instant endOfDueDate = RULES.dueOn(c).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    assertThat(RULES.overdue(c, CLOSED.plus(Duration.ofDays(30)))).isFalse();
    assertThat(RULES.overdue(c, endOfDueDate.minusSeconds(1))).as("still the due date").isFalse();
    Instant late = endOfDueDate;
    assertThat(RULES.overdue(c, late)).isTrue();
    assertThat(RULES.alertDue(c, late)).isTrue();
    c.setOverdueAlerted(true);
    assertThat(RULES.alertDue(c, late)).isFalse();
  }

  @Test
  void shouldStayOpenWithAnInvestigationWithoutCertifierNotification() {
    InvestigationCase c = closedInvestigate();
    c.setInvestigation(investigation(null));
    assertThat(InvestigationRules.status(c)).isEqualTo(InvestigationRules.Status.OPEN);
    assertThat(RULES.overdue(c, CLOSED.plus(Duration.ofDays(31)))).isTrue();
  }

  @Test
  void shouldBeDoneWithCertifierNotifiedAndLateWhenNotifiedAfterTheDueDate() {
    InvestigationCase c = closedInvestigate();
    c.setInvestigation(investigation("2025-12-20"));
    assertThat(InvestigationRules.status(c)).isEqualTo(InvestigationRules.Status.NOTIFIED);
    assertThat(RULES.overdue(c, CLOSED.plus(Duration.ofDays(60)))).isFalse();
    assertThat(RULES.late(c)).isFalse();
    c.setInvestigation(investigation("2026-01-03"));
    assertThat(RULES.late(c)).isTrue();
    c.setInvestigation(investigation("2026-01-02"));
    assertThat(RULES.late(c)).isFalse();
  }

  @Test
  void shouldBeWithdrawnByARestatementWithinTolerance() {
    InvestigationCase c =
        InvestigationRules.withSnapshot(
            closedInvestigate(), snapshot("WITHIN_TOLERANCE", 2), CLOSED.plusSeconds(60));
    assertThat(InvestigationRules.status(c)).isEqualTo(InvestigationRules.Status.WITHDRAWN);
    assertThat(RULES.overdue(c, CLOSED.plus(Duration.ofDays(90)))).isFalse();
  }

  @Test
  void shouldNameTheCaseInTheOverdueAlertWithADeterministicId() {
    InvestigationCase c = closedInvestigate();
    Instant now = CLOSED.plus(Duration.ofDays(31));
    Alert a = RULES.overdueAlert(c, now);
    assertThat(a.getType()).isEqualTo("INVESTIGATION_OVERDUE");
    assertThat(a.getSeverity()).isEqualTo("WARNING");
    assertThat(a.getSiteId()).isEqualTo("OAKLAND");
    assertThat(a.getProductId()).isEqualTo("PECANS");
    assertThat(a.getPeriod()).isEqualTo("2025-11");
    assertThat(a.getQuantity()).isEqualTo("-60");
    assertThat(a.getUnit()).isEqualTo("kg");
    assertThat(a.getMessage()).contains("PECANS", "OAKLAND", "2025-11", "-10 %", "2026-01-02");
    assertThat(a.getDetails()).containsEntry("due_on", "2026-01-02");
    assertThat(RULES.overdueAlert(c, now.plusSeconds(5)).getAlertId()).isEqualTo(a.getAlertId());
  }
}
