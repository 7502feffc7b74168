package org.massbalance.producers.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.producers.csv.RowRefusedException;

class IntegrityMappingTest {

  private static final long NOW = 1_764_000_000_000L;

  private static Map<String, String> operation(String id, String status) {
    Map<String, String> f = new HashMap<>();
    f.put("op_nopOpID", id);
    f.put("op_status", status);
    return f;
  }

  @Test
  void shouldMapEveryColumnOfTheContract() throws RowRefusedException {
    Map<String, String> f = operation(" 8150000016 ", "Certified");
    f.put("op_name", "Valley Nut Growers");
    f.put("op_certifierName", "CCOF Certification Services");
    f.put("op_statusEffectiveDate", "2019-04-01 00:00:00");
    f.put("opSC_CR", "Certified");
    f.put("opSC_LS", "");
    f.put("opSC_WC", "Surrendered");
    f.put("opSC_HANDLING", "certified");
    f.put("op_nopAnniversaryDate", "3/15/2019");

    SupplierCertificate c = IntegrityMapping.map(f, NOW);

    assertThat(c.getNopId()).isEqualTo("8150000016");
    assertThat(c.getOperationName()).isEqualTo("Valley Nut Growers");
    assertThat(c.getCertifier()).isEqualTo("CCOF Certification Services");
    assertThat(c.getStatus()).isEqualTo("CERTIFIED");
    assertThat(c.getStatusEffective()).isEqualTo("2019-04-01");
    assertThat(c.getScopes()).containsExactly("CROPS", "HANDLING");
    assertThat(c.getAnniversary()).isEqualTo("2019-03-15");
    assertThat(c.getRecordedAt()).isEqualTo(NOW);
    assertThat(c.getExpiresOn()).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "Certified,CERTIFIED",
    "Surrendered,SURRENDERED",
    "Suspended,SUSPENDED",
    "Revoked,REVOKED",
    "REVOKED,REVOKED",
    "In Progress,IN_PROGRESS",
    "Pending Surrender,PENDING_SURRENDER",
    "Applied-for,APPLIED_FOR"
  })
  void shouldUpperCaseTheStatusWordWithUnderscoresForSpaces(String word, String status)
      throws RowRefusedException {
    assertThat(IntegrityMapping.map(operation("8150000016", word), NOW).getStatus())
        .isEqualTo(status);
  }

  @ParameterizedTest
  @CsvSource({"815000001", "81500000160", "815000001X", "８１５００００016"})
  void shouldRefuseAnIdThatIsNotTenAsciiDigits(String id) {
    assertThatThrownBy(() -> IntegrityMapping.map(operation(id, "Certified"), NOW))
        .isInstanceOf(RowRefusedException.class)
        .hasMessage("op_nopOpID '" + id + "' is not a 10-digit NOP ID");
  }

  @Test
  void shouldTakeARowWhoseIdHoldsNoDigitForADescriptionRow() {
    assertThat(IntegrityMapping.isDescriptionRow(operation("NOP ID of the operation", null)))
        .isTrue();
    assertThat(IntegrityMapping.isDescriptionRow(operation(null, "Status"))).isTrue();
    assertThat(IntegrityMapping.isDescriptionRow(operation("815000001", "Certified"))).isFalse();
  }

  @Test
  void shouldRefuseAnEmptyStatusOrOneThatIsNotWords() {
    assertThatThrownBy(() -> IntegrityMapping.map(operation("8150000016", " "), NOW))
        .hasMessage("op_status is empty");
    assertThatThrownBy(() -> IntegrityMapping.map(operation("8150000016", "Certified!!"), NOW))
        .hasMessage("op_status 'Certified!!' is not a status word");
  }

  @ParameterizedTest
  @CsvSource({
    "2025-06-01,2025-06-01",
    "2025-06-01T00:00:00,2025-06-01",
    "2025-06-01 13:45:00.000,2025-06-01",
    "6/1/2025,2025-06-01",
    "06/01/2025 12:00:00 AM,2025-06-01"
  })
  void shouldKeepTheDatePartOfTheStatusEffectiveDate(String value, String date)
      throws RowRefusedException {
    Map<String, String> f = operation("8150000016", "Certified");
    f.put("op_statusEffectiveDate", value);
    assertThat(IntegrityMapping.map(f, NOW).getStatusEffective()).isEqualTo(date);
  }

  @ParameterizedTest
  @CsvSource({"2025-13-45", "yesterday", "2025/06/01", "13/1/2025"})
  void shouldRefuseADateItCannotRead(String value) {
    Map<String, String> f = operation("8150000016", "Certified");
    f.put("op_statusEffectiveDate", value);
    assertThatThrownBy(() -> IntegrityMapping.map(f, NOW))
        .hasMessage("op_statusEffectiveDate '" + value + "' is not a date");
  }
}
