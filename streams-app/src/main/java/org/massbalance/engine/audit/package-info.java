/**
 * The audit package ({@code massbalance audit}): {@link org.massbalance.engine.audit.AuditReader}
 * gathers closed snapshots, certificates, products and alerts from the topics and lots and back
 * traces from the engine's API into one {@link org.massbalance.engine.audit.AuditData}; pure
 * writers turn it into tables ({@link org.massbalance.engine.audit.AuditTables}) and files (XLSX,
 * CSV, HTML, PDF, manifest, zip). Nothing here is used by the topology. See ADR 11.
 */
package org.massbalance.engine.audit;
