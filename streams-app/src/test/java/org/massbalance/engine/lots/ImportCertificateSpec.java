package org.massbalance.engine.lots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.transfer;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.massbalance.avro.Alert;
import org.massbalance.engine.testing.EngineDriver;

/**
 * Imports: an organic product entering a US site from abroad needs an NOP Import Certificate number
 * {@code NNN-NNNNNNNNNN-NNNNNN}: IMPORT_CERTIFICATE_MISSING when empty, _INVALID otherwise.
 */
class ImportCertificateSpec {

  static final String NOP = "8150000016";
  static final String VALID = "123-4567890123-456789";

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.site("FRESNO", "America/Los_Angeles", "US");
    engine.site("TORONTO", "America/Toronto", "CA");
    engine.site("MONTERREY", "America/Monterrey", "MX");
    engine.product("ALMONDS", "kg", "5.0", "ALM");
    engine.certificate(NOP, "CERTIFIED", "2019-04-01", null);
    // the well-formed number's record, so that its draws raise nothing (ImportCertificatesSpec)
    engine.importCertificate(VALID, "ALMONDS", "1000", "kg", "2025-01-01", "2025-12-31");
    return engine;
  }

  private static List<String> types(EngineDriver engine) {
    return engine.alerts().stream().map(Alert::getType).toList();
  }

  @ParameterizedTest(name = "origin {0}, certificate {1} -> {2}")
  @CsvSource(
      nullValues = "-",
      value = {
        "MX, -, IMPORT_CERTIFICATE_MISSING",
        "MX, '', IMPORT_CERTIFICATE_MISSING",
        "MX, 8150000016, IMPORT_CERTIFICATE_INVALID",
        "MX, 123-4567890123-45678, IMPORT_CERTIFICATE_INVALID",
        "MX, 123-4567890123-4567890, IMPORT_CERTIFICATE_INVALID",
        "MX, 123_4567890123_456789, IMPORT_CERTIFICATE_INVALID",
        "MX, 123-4567890123-456789, -",
        "mx, -, IMPORT_CERTIFICATE_MISSING",
        "US, -, -",
        "us, -, -",
        "-, -, -",
        "'', -, -",
      })
  void shouldCheckTheImportCertificateOfAReceiptAtAUsSite(
      String origin, String certificate, String expected) {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt("FRESNO", "ALMONDS", "10", "kg")
              .id("r1")
              .at("2025-11-09")
              .supplier("VNG", NOP)
              .origin(origin)
              .importCertificate(certificate));

      assertThat(types(engine)).isEqualTo(expected == null ? List.of() : List.of(expected));
    }
  }

  @Test
  void shouldKeepTheImportFactsOnTheLot() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt("FRESNO", "ALMONDS", "10", "kg")
              .id("r1")
              .at("2025-11-09")
              .lot("IMP-1")
              .supplier("VNG", NOP)
              .origin("MX")
              .importCertificate(VALID));

      var lot = engine.lot("FRESNO", "ALMONDS", "IMP-1");
      assertThat(lot.importCertificate()).isEqualTo(VALID);
      assertThat(lot.originCountry()).isEqualTo("MX");
      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldNotCheckAReceiptAtANonUsSite() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt("TORONTO", "ALMONDS", "10", "kg")
              .id("r1")
              .at("2025-11-09")
              .supplier("VNG", NOP)
              .origin("MX"));

      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldNotCheckAConventionalProduct() {
    try (EngineDriver engine = engine()) {
      engine.product("OATS", "kg", false);
      engine.send(receipt("FRESNO", "OATS", "10", "kg").id("r1").at("2025-11-09").origin("MX"));

      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldCheckATransferFromANonUsSiteAtItsUsDestination() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt("TORONTO", "ALMONDS", "100", "kg")
              .id("r1")
              .at("2025-11-01")
              .lot("T-1")
              .supplier("VNG", NOP),
          transfer("TORONTO", "FRESNO", "ALMONDS", "10", "kg").id("t1").at("2025-11-05"),
          transfer("TORONTO", "FRESNO", "ALMONDS", "10", "kg")
              .id("t2")
              .at("2025-11-05")
              .importCertificate(NOP),
          transfer("TORONTO", "FRESNO", "ALMONDS", "10", "kg")
              .id("t3")
              .at("2025-11-05")
              .importCertificate(VALID));

      assertThat(engine.alerts())
          .extracting(Alert::getType, Alert::getMovementId, Alert::getSiteId, Alert::getLotId)
          .containsExactly(
              org.assertj.core.api.Assertions.tuple(
                  "IMPORT_CERTIFICATE_MISSING", "t1", "FRESNO", "T-1"),
              org.assertj.core.api.Assertions.tuple(
                  "IMPORT_CERTIFICATE_INVALID", "t2", "FRESNO", "T-1"));
    }
  }

  @Test
  void shouldNotCheckTransfersBetweenUsSitesOrTowardsANonUsSite() {
    try (EngineDriver engine = engine()) {
      engine.site("OAKLAND", "America/Los_Angeles", "US");
      engine.send(
          receipt("FRESNO", "ALMONDS", "100", "kg").id("r1").at("2025-11-01").supplier("VNG", NOP),
          transfer("FRESNO", "OAKLAND", "ALMONDS", "10", "kg").id("t1").at("2025-11-05"),
          transfer("FRESNO", "TORONTO", "ALMONDS", "10", "kg").id("t2").at("2025-11-05"),
          transfer("TORONTO", "MONTERREY", "ALMONDS", "10", "kg").id("t3").at("2025-11-06"));

      assertThat(engine.alerts()).isEmpty();
    }
  }
}
