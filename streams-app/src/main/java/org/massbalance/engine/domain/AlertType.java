package org.massbalance.engine.domain;

/** The contract's alert types and the severity each is raised with. */
public enum AlertType {
  OVERSELL(Severity.CRITICAL),
  LOT_OVERDRAWN(Severity.WARNING),
  UNTRACEABLE_OUTBOUND(Severity.CRITICAL),
  VARIANCE_EXCEEDED(Severity.WARNING),
  WASTE_UNDOCUMENTED(Severity.WARNING),
  WASTE_HIGH(Severity.WARNING),
  SUPPLIER_CERTIFICATE_MISSING(Severity.CRITICAL),
  SUPPLIER_NOT_CERTIFIED(Severity.CRITICAL),
  SUPPLIER_VERIFICATION_STALE(Severity.WARNING),
  IMPORT_CERTIFICATE_MISSING(Severity.CRITICAL),
  IMPORT_CERTIFICATE_INVALID(Severity.CRITICAL),
  CERTIFICATE_EXPIRING(Severity.WARNING),
  SUPPLIER_STATUS_CHANGED(Severity.CRITICAL),
  LATE_MOVEMENT(Severity.INFO),
  INVESTIGATION_OVERDUE(Severity.WARNING),
  PROCESS_GAIN(Severity.CRITICAL),
  YIELD_OUT_OF_RANGE(Severity.WARNING),
  UNCERTIFIED_SOURCE(Severity.CRITICAL),
  COMMINGLING_RISK(Severity.WARNING),
  IMPORT_CERTIFICATE_OVERDRAWN(Severity.CRITICAL),
  IMPORT_CERTIFICATE_UNKNOWN(Severity.WARNING),
  IMPORT_CERTIFICATE_OUT_OF_VALIDITY(Severity.CRITICAL),
  IMPORT_CERTIFICATE_PRODUCT_MISMATCH(Severity.CRITICAL);

  /** Alert severities. */
  public enum Severity {
    INFO,
    WARNING,
    CRITICAL
  }

  private final Severity severity;

  AlertType(Severity severity) {
    this.severity = severity;
  }

  /** The severity alerts of this type carry. */
  public Severity severity() {
    return severity;
  }
}
