package org.massbalance.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.transfer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ImportCertificate;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.internal.ImportCertificateEntry;
import org.massbalance.avro.internal.ImportCertificateState;
import org.massbalance.engine.domain.AlertIds;
import org.massbalance.engine.domain.AlertType;
import org.massbalance.engine.testing.EngineDriver;
import org.massbalance.engine.testing.MovementBuilder;

/**
 * Import certificates (the contract's section "Import certificates (quantities, not only the
 * number's format)"): each movement that imports an organic product into a US site under a
 * well-formed certificate number draws its quantity from that certificate, across sites and
 * products, in the order the engine processes them; the certificate's received total is the sum of
 * the draws.
 */
class ImportCertificatesSpec {

  static final String FRESNO = "FRESNO"; // US, America/Los_Angeles
  static final String OAKLAND = "OAKLAND"; // US, America/Los_Angeles
  static final String TORONTO = "TORONTO"; // CA
  static final String ALMONDS = "ALMONDS"; // lb
  static final String PECANS = "PECANS"; // kg
  static final String OATS = "OATS"; // kg, not organic
  static final String NOP = "8150000016";
  static final String CERT = "123-4567890123-456789";
  static final String OTHER = "987-6543210987-654321";

  static final String OVERDRAWN = "IMPORT_CERTIFICATE_OVERDRAWN";
  static final String UNKNOWN = "IMPORT_CERTIFICATE_UNKNOWN";
  static final String OUT_OF_VALIDITY = "IMPORT_CERTIFICATE_OUT_OF_VALIDITY";
  static final String PRODUCT_MISMATCH = "IMPORT_CERTIFICATE_PRODUCT_MISMATCH";

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.site(FRESNO, "America/Los_Angeles", "US");
    engine.site(OAKLAND, "America/Los_Angeles", "US");
    engine.site(TORONTO, "America/Toronto", "CA");
    engine.product(ALMONDS, "lb", "5.0", "ALM");
    engine.product(PECANS, "kg", "5.0", "PEC");
    engine.product(OATS, "kg", false);
    engine.certificate(NOP, "CERTIFIED", "2019-04-01", null);
    return engine;
  }

  /** A RECEIPT of an organic product at a US site from Mexico naming {@code certificate}. */
  private static MovementBuilder imported(
      String site, String product, String quantity, String unit, String certificate) {
    return receipt(site, product, quantity, unit)
        .supplier("VNG", NOP)
        .origin("MX")
        .importCertificate(certificate);
  }

  private static List<Alert> importAlerts(EngineDriver engine) {
    return engine.alerts().stream()
        .filter(a -> a.getType().startsWith("IMPORT_CERTIFICATE_"))
        .toList();
  }

  @Test
  void shouldRaiseNothingWhileTheDrawsAcrossSitesStayWithinTheCertifiedQuantity() {
    try (EngineDriver engine = engine()) {
      engine.importCertificate(CERT, ALMONDS, "1000", "lb", "2025-10-01", "2025-12-31");

      engine.send(
          imported(FRESNO, ALMONDS, "600", "lb", CERT).id("r-1").at("2025-11-03"),
          imported(OAKLAND, ALMONDS, "400", "lb", CERT).id("r-2").at("2025-11-04"));

      assertThat(engine.alerts()).isEmpty();
      ImportCertificateState state = engine.importCertificateState(CERT);
      assertThat(state.getDraws()).isEqualTo(2);
      assertThat(new BigDecimal(state.getReceivedKg())).isEqualByComparingTo("453.59237");
      assertThat(engine.importCertificateDraws(CERT))
          .extracting(e -> e.getDraw().getSiteId(), e -> e.getDraw().getMovementId())
          .containsExactly(tuple(FRESNO, "r-1"), tuple(OAKLAND, "r-2"));
    }
  }

  @Test
  void shouldRaiseOverdrawnOnceForTheMovementThatTakesTheTotalBeyondTheCertifiedQuantity() {
    try (EngineDriver engine = engine()) {
      engine.importCertificate(CERT, ALMONDS, "1000", "lb", "2025-10-01", "2025-12-31");

      engine.send(imported(FRESNO, ALMONDS, "600", "lb", CERT).id("r-1").at("2025-11-03"));
      engine.send(
          imported(OAKLAND, ALMONDS, "500", "lb", CERT).id("r-2").at("2025-11-04").lot("L-2"));

      List<Alert> alerts = engine.alerts();
      assertThat(alerts).hasSize(1);
      Alert a = alerts.get(0);
      assertThat(a.getType()).isEqualTo(OVERDRAWN);
      assertThat(a.getSeverity()).isEqualTo("CRITICAL");
      assertThat(a.getSiteId()).isEqualTo(OAKLAND);
      assertThat(a.getProductId()).isEqualTo(ALMONDS);
      assertThat(a.getMovementId()).isEqualTo("r-2");
      assertThat(a.getLotId()).isEqualTo("L-2");
      assertThat(a.getPeriod()).isEqualTo("2025-11");
      // the excess within this movement, in the product's unit
      assertThat(a.getQuantity()).isEqualTo("100");
      assertThat(a.getUnit()).isEqualTo("lb");
      assertThat(a.getDetails())
          .containsEntry("import_certificate", CERT)
          .containsEntry("certified", "1000")
          .containsEntry("received_before", "600")
          .containsEntry("received_after", "1100");
      assertThat(a.getMessage()).contains("r-2", CERT, "1000 lb", "1100 lb", "100 lb");
      assertThat(a.getAlertId())
          .isEqualTo(
              AlertIds.of(
                  AlertType.IMPORT_CERTIFICATE_OVERDRAWN,
                  "r-2",
                  OAKLAND,
                  ALMONDS,
                  "L-2",
                  "2025-11",
                  CERT));
    }
  }

  @Test
  void shouldTakeTheWholeMovementAsExcessOnceTheCertificateIsUsedUp() {
    try (EngineDriver engine = engine()) {
      engine.importCertificate(CERT, PECANS, "100", "kg", "2025-10-01", "2025-12-31");

      engine.send(
          imported(FRESNO, PECANS, "100", "kg", CERT).id("r-1").at("2025-11-03"),
          imported(FRESNO, PECANS, "30", "kg", CERT).id("r-2").at("2025-11-04"),
          imported(OAKLAND, PECANS, "20000", "g", CERT).id("r-3").at("2025-11-05"));

      assertThat(importAlerts(engine))
          .extracting(Alert::getType, Alert::getMovementId, Alert::getQuantity, Alert::getUnit)
          .containsExactly(
              tuple(OVERDRAWN, "r-2", "30", "kg"), tuple(OVERDRAWN, "r-3", "20", "kg"));
    }
  }

  @Test
  void shouldDrawInTheOrderTheEngineProcessesTheMovementsNotTheOrderTheyOccurred() {
    try (EngineDriver engine = engine()) {
      engine.importCertificate(CERT, PECANS, "100", "kg", "2025-10-01", "2025-12-31");

      // processed first though it occurred later: it is the one within
      engine.send(imported(OAKLAND, PECANS, "70", "kg", CERT).id("r-late").at("2025-11-20"));
      engine.send(imported(FRESNO, PECANS, "70", "kg", CERT).id("r-early").at("2025-11-02"));

      assertThat(importAlerts(engine))
          .extracting(Alert::getType, Alert::getMovementId, Alert::getSiteId, Alert::getQuantity)
          .containsExactly(tuple(OVERDRAWN, "r-early", FRESNO, "40"));
    }
  }

  @Test
  void shouldWarnOfAWellFormedNumberWithoutARecordAndCountItsDrawOnceTheRecordComes() {
    try (EngineDriver engine = engine()) {
      engine.send(imported(FRESNO, PECANS, "95", "kg", CERT).id("r-1").at("2025-11-03").lot("P-1"));

      List<Alert> first = engine.alerts();
      assertThat(first)
          .extracting(
              Alert::getType,
              Alert::getSeverity,
              Alert::getMovementId,
              Alert::getLotId,
              Alert::getQuantity)
          .containsExactly(tuple(UNKNOWN, "WARNING", "r-1", "P-1", "95"));
      assertThat(first.get(0).getMessage()).contains(CERT, "no record");

      engine.importCertificate(CERT, PECANS, "100", "kg", "2025-10-01", "2025-12-31");
      assertThat(engine.alerts()).as("a record does not judge the draws made").isEmpty();

      engine.send(imported(OAKLAND, PECANS, "10", "kg", CERT).id("r-2").at("2025-11-04"));

      assertThat(engine.alerts())
          .extracting(Alert::getType, Alert::getMovementId, Alert::getQuantity)
          .containsExactly(tuple(OVERDRAWN, "r-2", "5"));
    }
  }

  @Test
  void shouldRaiseOutOfValidityWhenTheSiteLocalDateIsOutsideTheValidity() {
    try (EngineDriver engine = engine()) {
      engine.importCertificate(CERT, PECANS, "1000", "kg", "2025-10-01", "2025-10-31");

      // 23:00 on 31 October in Los Angeles: within
      engine.send(imported(FRESNO, PECANS, "10", "kg", CERT).id("r-in").at("2025-11-01T06:00Z"));
      // 01:00 on 1 November in Los Angeles: after
      engine.send(imported(FRESNO, PECANS, "10", "kg", CERT).id("r-after").at("2025-11-01T08:00Z"));
      // 30 September: before
      engine.send(imported(OAKLAND, PECANS, "10", "kg", CERT).id("r-before").at("2025-09-30"));

      List<Alert> alerts = importAlerts(engine);
      assertThat(alerts)
          .extracting(
              Alert::getType,
              Alert::getSeverity,
              Alert::getMovementId,
              Alert::getPeriod,
              Alert::getQuantity)
          .containsExactly(
              tuple(OUT_OF_VALIDITY, "CRITICAL", "r-after", "2025-11", "10"),
              tuple(OUT_OF_VALIDITY, "CRITICAL", "r-before", "2025-09", "10"));
      assertThat(alerts.get(0).getDetails())
          .containsEntry("movement_date", "2025-11-01")
          .containsEntry("valid_from", "2025-10-01")
          .containsEntry("valid_to", "2025-10-31");
      assertThat(alerts.get(0).getMessage()).contains("after the validity");
      assertThat(alerts.get(1).getMessage()).contains("before the validity");
    }
  }

  @Test
  void shouldRaiseProductMismatchAndStillCountTheDraw() {
    try (EngineDriver engine = engine()) {
      engine.importCertificate(CERT, PECANS, "100", "kg", "2025-10-01", "2025-12-31");

      engine.send(imported(FRESNO, ALMONDS, "132.277357", "lb", CERT).id("r-1").at("2025-11-03"));
      engine.send(imported(FRESNO, PECANS, "50", "kg", CERT).id("r-2").at("2025-11-04"));

      List<Alert> alerts = importAlerts(engine);
      assertThat(alerts)
          .extracting(Alert::getType, Alert::getMovementId, Alert::getProductId, Alert::getUnit)
          .containsExactly(
              tuple(PRODUCT_MISMATCH, "r-1", ALMONDS, "lb"), tuple(OVERDRAWN, "r-2", PECANS, "kg"));
      assertThat(alerts.get(0).getDetails()).containsEntry("certificate_product_id", PECANS);
      // 132.277357 lb is 59.999999858966... kg: 100 kg certified, 109.999999858966... received,
      // 9.999999858966... kg over, 10 at 6 places
      assertThat(alerts.get(1).getQuantity()).isEqualTo("10");
    }
  }

  @Test
  void shouldRaiseEveryBrokenRuleOfOneMovementOnce() {
    try (EngineDriver engine = engine()) {
      engine.importCertificate(CERT, PECANS, "10", "kg", "2025-10-01", "2025-10-31");

      engine.send(imported(FRESNO, ALMONDS, "100", "lb", CERT).id("r-1").at("2025-11-03"));

      assertThat(importAlerts(engine))
          .extracting(Alert::getType)
          .containsExactly(PRODUCT_MISMATCH, OUT_OF_VALIDITY, OVERDRAWN);
    }
  }

  @Test
  void shouldUseALaterRecordFromThenOnAndLeaveTheDrawsMadeAsTheyStood() {
    try (EngineDriver engine = engine()) {
      engine.importCertificate(CERT, PECANS, "100", "kg", "2025-10-01", "2025-11-15");
      engine.send(
          imported(FRESNO, PECANS, "80", "kg", CERT).id("r-1").at("2025-11-03"),
          imported(OAKLAND, PECANS, "30", "kg", CERT).id("r-2").at("2025-11-04"));
      assertThat(engine.alerts())
          .extracting(Alert::getType, Alert::getMovementId, Alert::getQuantity)
          .containsExactly(tuple(OVERDRAWN, "r-2", "10"));

      // corrected: more quantity, a longer validity; 110 kg received so far
      engine.importCertificate(CERT, PECANS, "200", "kg", "2025-10-01", "2025-11-30");
      engine.send(imported(FRESNO, PECANS, "50", "kg", CERT).id("r-3").at("2025-11-20"));
      assertThat(engine.alerts()).isEmpty();

      // corrected again, below what was received: the next draw is all excess
      engine.importCertificate(CERT, PECANS, "150", "kg", "2025-10-01", "2025-11-30");
      assertThat(engine.alerts()).isEmpty();
      engine.send(imported(FRESNO, PECANS, "1", "kg", CERT).id("r-4").at("2025-11-21"));
      assertThat(engine.alerts())
          .extracting(Alert::getType, Alert::getMovementId, Alert::getQuantity)
          .containsExactly(tuple(OVERDRAWN, "r-4", "1"));

      assertThat(engine.importCertificateDraws(CERT))
          .extracting(
              e -> e.getDraw().getMovementId(),
              e -> new BigDecimal(e.getReceivedAfterKg()).stripTrailingZeros().toPlainString(),
              ImportCertificateEntry::getAlerts)
          .containsExactly(
              tuple("r-1", "80", List.of()),
              tuple("r-2", "110", List.of(OVERDRAWN)),
              tuple("r-3", "160", List.of()),
              tuple("r-4", "161", List.of(OVERDRAWN)));
      ImportCertificateState state = engine.importCertificateState(CERT);
      assertThat(state.getRecords()).isEqualTo(3);
      assertThat(new BigDecimal(state.getCertifiedKg())).isEqualByComparingTo("150");
    }
  }

  @Test
  void shouldDrawATransferArrivingAtAUsSiteFromAbroadAtItsDestination() {
    try (EngineDriver engine = engine()) {
      engine.importCertificate(CERT, PECANS, "50", "kg", "2025-10-01", "2025-12-31");
      engine.send(
          receipt(TORONTO, PECANS, "100", "kg")
              .id("r-t")
              .at("2025-11-01")
              .lot("T-1")
              .supplier("VNG", NOP),
          transfer(TORONTO, FRESNO, PECANS, "40", "kg")
              .id("t-1")
              .at("2025-11-05")
              .importCertificate(CERT),
          transfer(TORONTO, OAKLAND, PECANS, "30", "kg")
              .id("t-2")
              .at("2025-11-06")
              .importCertificate(CERT));

      assertThat(importAlerts(engine))
          .extracting(
              Alert::getType,
              Alert::getSiteId,
              Alert::getMovementId,
              Alert::getLotId,
              Alert::getQuantity)
          .containsExactly(tuple(OVERDRAWN, OAKLAND, "t-2", "T-1", "20"));
      assertThat(engine.importCertificateDraws(CERT))
          .extracting(e -> e.getDraw().getType(), e -> e.getDraw().getOrigin())
          .containsExactly(tuple("TRANSFER", TORONTO), tuple("TRANSFER", TORONTO));
    }
  }

  @Test
  void shouldNotDrawWhereTheImportCheckDoesNotApply() {
    try (EngineDriver engine = engine()) {
      engine.importCertificate(CERT, PECANS, "1", "kg", "2025-10-01", "2025-12-31");
      engine.send(
          // from the US
          receipt(FRESNO, PECANS, "10", "kg")
              .id("r-us")
              .at("2025-11-01")
              .supplier("VNG", NOP)
              .importCertificate(CERT),
          // into a site abroad
          imported(TORONTO, PECANS, "10", "kg", CERT).id("r-ca").at("2025-11-01"),
          // not organic
          imported(FRESNO, OATS, "10", "kg", CERT).id("r-oats").at("2025-11-01"),
          // between US sites
          transfer(FRESNO, OAKLAND, PECANS, "5", "kg")
              .id("t-us")
              .at("2025-11-02")
              .importCertificate(CERT),
          // a number of another form (IMPORT_CERTIFICATE_INVALID, no draw)
          imported(FRESNO, PECANS, "10", "kg", "123-456").id("r-bad").at("2025-11-03"));

      assertThat(importAlerts(engine))
          .extracting(Alert::getType)
          .containsExactly("IMPORT_CERTIFICATE_INVALID");
      assertThat(engine.importCertificateState(CERT).getDraws()).isZero();
    }
  }

  @Test
  void shouldDrawARepeatedMovementOnce() {
    try (EngineDriver engine = engine()) {
      engine.importCertificate(CERT, PECANS, "100", "kg", "2025-10-01", "2025-12-31");
      MovementBuilder r = imported(FRESNO, PECANS, "60", "kg", CERT).id("r-1").at("2025-11-03");
      engine.send(r);
      engine.send(r);

      assertThat(engine.alerts()).isEmpty();
      assertThat(new BigDecimal(engine.importCertificateState(CERT).getReceivedKg()))
          .isEqualByComparingTo("60");
    }
  }

  @Test
  void shouldRejectABadRecordWithEveryReasonAndKeepNoState() {
    try (EngineDriver engine = engine()) {
      engine.importCertificate(
          ImportCertificate.newBuilder()
              .setCertificateNumber("8150000016")
              .setProductId("PECANS!")
              .setHtsCode("0802.12.0000")
              .setQuantity("-5")
              .setUnit("lbs")
              .setValidFrom("2025-12-01")
              .setValidTo("2025-11-31")
              .setExporter("x".repeat(1001))
              .build());
      engine.importCertificateKeyed(
          OTHER,
          ImportCertificate.newBuilder()
              .setCertificateNumber(CERT)
              .setProductId(PECANS)
              .setHtsCode("0802120000")
              .setQuantity("1")
              .setUnit("kg")
              .setValidFrom("2025-11-01")
              .setValidTo("2025-11-01")
              .build());
      engine.importCertificateRaw(CERT, "not avro".getBytes(StandardCharsets.UTF_8));
      engine.importCertificateRaw(CERT, null); // a tombstone: ignored

      List<RejectedRecord> rejected = engine.rejected();
      assertThat(rejected).hasSize(3);
      assertThat(rejected.get(0).getReason())
          .startsWith("import certificate: ")
          .contains(
              "certificate_number: '8150000016' is not an NOP Import Certificate number",
              "a 10-digit NOP ID is never one",
              "product_id: 'PECANS!' does not match",
              "hts_code: '0802.12.0000' is not 10 digits (write it without dots: 0802120000)",
              "quantity: must be positive",
              "unit: 'lbs' is not one of kg, g, t, lb, oz",
              "valid_to: '2025-11-31' is not a date yyyy-MM-dd",
              "exporter: 1001 characters");
      assertThat(rejected.get(0).getSourceTopic()).isEqualTo("import-certificates");
      assertThat(rejected.get(1).getReason())
          .isEqualTo(
              "import certificate: key: '" + OTHER + "' is not the certificate number " + CERT);
      assertThat(rejected.get(2).getReason()).startsWith("import certificate: cannot decode");
      assertThat(engine.importCertificateState(CERT)).isNull();
      assertThat(engine.importCertificateState(OTHER)).isNull();
    }
  }

  @Test
  void shouldAcceptARecordWithSpacesAndAnUpperCaseUnit() {
    try (EngineDriver engine = engine()) {
      engine.importCertificate(
          ImportCertificate.newBuilder()
              .setCertificateNumber(" " + CERT + " ")
              .setProductId(" PECANS")
              .setHtsCode("0802120000 ")
              .setQuantity(" 2 ")
              .setUnit("T")
              .setValidFrom("2025-10-01")
              .setValidTo("2025-10-01")
              .build());

      assertThat(engine.rejected()).isEmpty();
      ImportCertificateState state = engine.importCertificateState(CERT);
      assertThat(state.getCertificate().getUnit()).isEqualTo("t");
      assertThat(new BigDecimal(state.getCertifiedKg())).isEqualByComparingTo("2000");
    }
  }

  @Test
  void shouldRejectARecordWhoseValidityEndsBeforeItBegins() {
    try (EngineDriver engine = engine()) {
      engine.importCertificate(CERT, PECANS, "100", "kg", "2025-12-01", "2025-11-01");

      assertThat(engine.rejected())
          .extracting(RejectedRecord::getReason)
          .containsExactly(
              "import certificate: valid_to: 2025-11-01 is before valid_from 2025-12-01");
    }
  }
}
