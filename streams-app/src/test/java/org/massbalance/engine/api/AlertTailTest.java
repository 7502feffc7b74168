package org.massbalance.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;

/**
 * The recent alerts the API lists: the last ones of each partition of the alert topic, newest first
 * by detection time, filtered as asked, and counted per site|product for the overview.
 */
class AlertTailTest {

  @Test
  void shouldListNewestFirstAcrossPartitions() {
    AlertTail tail = new AlertTail(10);
    tail.add(0, alert("a1", "OVERSELL", "CRITICAL", "2026-11-02T10:00:00Z"));
    tail.add(1, alert("b1", "OVERSELL", "CRITICAL", "2026-11-02T10:00:01.500Z"));
    tail.add(0, alert("a2", "WASTE_UNDOCUMENTED", "WARNING", "2026-11-02T10:00:01Z"));

    assertThat(ids(tail.newest(a -> true, 10))).containsExactly("b1", "a2", "a1");
  }

  @Test
  void shouldKeepOnlyTheLastAlertsOfEachPartition() {
    AlertTail tail = new AlertTail(2);
    tail.add(0, alert("a1", "OVERSELL", "CRITICAL", "2026-11-02T10:00:00Z"));
    tail.add(0, alert("a2", "OVERSELL", "CRITICAL", "2026-11-02T10:00:01Z"));
    tail.add(0, alert("a3", "OVERSELL", "CRITICAL", "2026-11-02T10:00:02Z"));
    tail.add(1, alert("b1", "OVERSELL", "CRITICAL", "2026-11-01T10:00:00Z"));

    assertThat(ids(tail.newest(a -> true, 10))).containsExactly("a3", "a2", "b1");
  }

  @Test
  void shouldFilterBeforeTheLimit() {
    AlertTail tail = new AlertTail(10);
    tail.add(0, alert("a1", "OVERSELL", "CRITICAL", "2026-11-02T10:00:00Z"));
    tail.add(0, alert("a2", "WASTE_UNDOCUMENTED", "WARNING", "2026-11-02T10:00:01Z"));
    tail.add(0, alert("a3", "WASTE_UNDOCUMENTED", "WARNING", "2026-11-02T10:00:02Z"));

    assertThat(ids(tail.newest(a -> a.getType().equals("OVERSELL"), 1))).containsExactly("a1");
    assertThat(ids(tail.newest(a -> true, 2))).containsExactly("a3", "a2");
  }

  @Test
  void shouldCountWarningAndCriticalAlertsPerSiteAndProduct() {
    AlertTail tail = new AlertTail(10);
    tail.add(0, alert("a1", "OVERSELL", "CRITICAL", "2026-11-02T10:00:00Z"));
    tail.add(0, alert("a2", "WASTE_UNDOCUMENTED", "WARNING", "2026-11-02T10:00:01Z"));
    tail.add(0, alert("a3", "CERTIFICATE_EXPIRING", "INFO", "2026-11-02T10:00:02Z"));

    Map<String, long[]> counts = tail.warningCounts();
    assertThat(counts).containsOnlyKeys("LONDON|OATS");
    assertThat(counts.get("LONDON|OATS")).containsExactly(2, 1);
  }

  private static List<String> ids(List<Alert> alerts) {
    return alerts.stream().map(Alert::getAlertId).toList();
  }

  private static Alert alert(String id, String type, String severity, String detectedAt) {
    return Alert.newBuilder()
        .setAlertId(id)
        .setType(type)
        .setSeverity(severity)
        .setSiteId("LONDON")
        .setProductId("OATS")
        .setDetectedAt(detectedAt)
        .setMessage(type)
        .setDetails(Map.of())
        .build();
  }
}
