package org.massbalance.producers.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A CSV file with a field over 4,096 characters or a line over 64 KiB is refused, by line. */
class CsvLimitsTest {

  private static final String HEADER =
      "movement_id,type,occurred_at,site_id,product_id,quantity,unit,document_ref\n";
  private static final String GOOD = "m-1,RECEIPT,2025-11-01,FRESNO,ALMONDS,10,lb,PO-1\n";

  private static InputStream csv(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldRefuseAFieldOver4096CharactersNamingItsLine() {
    String row = "m-2,RECEIPT,2025-11-01,FRESNO,ALMONDS,10,lb," + "x".repeat(4097) + "\n";
    assertThatThrownBy(() -> CsvFormats.movements().readAll(csv(HEADER + GOOD + row)))
        .isInstanceOf(CsvFileException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("longer than 4096 characters");
  }

  @Test
  void shouldRefuseAQuotedFieldOver4096CharactersSpanningLines() {
    String row = "m-2,RECEIPT,2025-11-01,FRESNO,ALMONDS,10,lb,\"" + "y\n".repeat(3000) + "\"\n";
    assertThatThrownBy(() -> CsvFormats.movements().readAll(csv(HEADER + GOOD + row)))
        .isInstanceOf(CsvFileException.class)
        .hasMessageContaining("line 3: a field is longer than 4096 characters");
  }

  @Test
  void shouldRefuseALineOver64KibNamingIt() {
    String row = "m-2,RECEIPT,2025-11-01,FRESNO,ALMONDS,10,lb,PO" + ",".repeat(70_000) + "\n";
    assertThatThrownBy(() -> CsvFormats.movements().readAll(csv(HEADER + GOOD + row)))
        .isInstanceOf(CsvFileException.class)
        .hasMessageContaining("line 3 is longer than 65536 characters");
  }

  @Test
  void shouldReadAFieldOfExactly4096Characters() {
    String row = "m-2,RECEIPT,2025-11-01,FRESNO,ALMONDS,10,lb,\"" + "z".repeat(4096) + "\"\n";
    assertThat(CsvFormats.movements().readAll(csv(HEADER + GOOD + row)).records()).hasSize(2);
  }
}
