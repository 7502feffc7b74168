package org.massbalance.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code Import certificates} sheet: each certificate drawn by a movement of the range, one row
 * per movement drawn from it (the rows add up to its received total), in number order.
 */
class ImportCertificatesSheetTest {

  private static final Instant GENERATED = Instant.parse("2026-11-30T09:00:00Z");

  private static ImportCertificatesSheet.Draw draw(
      long sequence, String site, String movement, String date, String kg, String... alerts) {
    return new ImportCertificatesSheet.Draw(
        sequence,
        site,
        "PECANS",
        movement,
        "RECEIPT",
        "L-" + sequence,
        date,
        new BigDecimal(kg),
        new BigDecimal(kg),
        "kg",
        List.of(alerts));
  }

  private static ImportCertificatesSheet.Certificate certificate(
      String number, ImportCertificatesSheet.Draw... draws) {
    BigDecimal received = BigDecimal.ZERO;
    for (ImportCertificatesSheet.Draw d : draws) {
      received = received.add(d.quantity());
    }
    return new ImportCertificatesSheet.Certificate(
        number,
        true,
        "PECANS",
        "0802900000",
        "kg",
        new BigDecimal("100"),
        received,
        new BigDecimal("100").subtract(received),
        "2025-10-01",
        "2025-12-31",
        "Nogales Export",
        "8150000016",
        "CCOF",
        "MX",
        List.of(draws));
  }

  @Test
  void shouldListEachCertificateUsedInTheRangeWithEveryMovementDrawnFromIt() {
    AuditData d = AuditFixtures.data(GENERATED);
    AuditData data =
        new AuditData(
            d.from(),
            d.to(),
            d.sites(),
            d.generatedAt(),
            d.snapshots(),
            d.consolidated(),
            d.traces(),
            d.lots(),
            d.certificates(),
            d.products(),
            d.alerts(),
            d.investigations(),
            List.of(
                certificate(
                    "222-0000000000-000002",
                    draw(1, "FRESNO", "r-1", "2025-11-03", "80"),
                    draw(2, "OAKLAND", "r-2", "2025-12-02", "30", "IMPORT_CERTIFICATE_OVERDRAWN")),
                certificate("111-0000000000-000001", draw(1, "FRESNO", "r-0", "2025-10-30", "5")),
                certificate("000-0000000000-000000", draw(1, "FRESNO", "r-9", "2025-11-30", "1"))));

    Table t = AuditTables.find(AuditTables.build(data), "Import certificates").orElseThrow();

    assertThat(t.sheet()).isEqualTo("Import certificates");
    assertThat(t.file()).isEqualTo("import-certificates.csv");
    assertThat(t.columns().get(0).name()).isEqualTo("certificate_number");
    int number = 0;
    int movement = column(t, "movement_id");
    int received = column(t, "received");
    int remaining = column(t, "remaining");
    int alerts = column(t, "alerts");
    // 111-... was drawn in October only: not used in November
    assertThat(t.rows())
        .extracting(r -> r.get(number) + " " + r.get(movement))
        .containsExactly(
            "000-0000000000-000000 r-9", "222-0000000000-000002 r-1", "222-0000000000-000002 r-2");
    assertThat(t.rows().get(1).get(received)).isEqualTo(new BigDecimal("110"));
    assertThat(t.rows().get(1).get(remaining)).isEqualTo(new BigDecimal("-10"));
    assertThat(t.rows().get(2).get(alerts)).isEqualTo("IMPORT_CERTIFICATE_OVERDRAWN");
  }

  private static int column(Table t, String name) {
    for (int i = 0; i < t.columns().size(); i++) {
      if (t.columns().get(i).name().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no column " + name);
  }
}
