package org.massbalance.engine.audit;

public final class AuditFixturesAccess {
  public static AuditData data() {
    return AuditFixtures.data(java.time.Instant.parse("2026-11-30T09:00:00Z"));
  }
}
