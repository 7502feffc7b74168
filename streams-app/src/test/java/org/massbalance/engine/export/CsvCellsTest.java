package org.massbalance.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Snapshot;

/** CSV text cells a spreadsheet would act on get a leading quote; numbers stay numbers. */
class CsvCellsTest {

  @Test
  void shouldNeutraliseFormulaAndControlStarts() {
    for (String s : List.of("=1+1", "+1", "-cmd", "@SUM(A1)", "\tx", "\rx")) {
      assertThat(CsvCells.neutralise(s)).as(s).isEqualTo("'" + s);
    }
    assertThat(CsvCells.neutralise("FRESNO")).isEqualTo("FRESNO");
    assertThat(CsvCells.neutralise("")).isEmpty();
  }

  @Test
  void shouldNeutraliseSnapshotTextButNotItsNumbers() throws Exception {
    Snapshot s = new Snapshot();
    for (org.apache.avro.Schema.Field f : Snapshot.getClassSchema().getFields()) {
      if (f.schema().getType() == org.apache.avro.Schema.Type.STRING) {
        s.put(f.pos(), "0");
      }
    }
    s.setSiteId("=HYPERLINK(\"x\")");
    s.setProductId("ALMONDS");
    s.setPeriod("2025-11");
    s.setRevision(1);
    s.setCountVariance("-5");
    StringWriter out = new StringWriter();
    SnapshotExport.writeCsv(List.of(s), out);
    String row = out.toString().lines().skip(1).findFirst().orElseThrow();
    assertThat(row).startsWith("\"'=HYPERLINK(\"\"x\"\")\",ALMONDS,2025-11,1,").contains(",-5,");
  }
}
