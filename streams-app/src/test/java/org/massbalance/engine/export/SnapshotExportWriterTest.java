package org.massbalance.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Snapshot;

/**
 * The export writes to the command line's output stream and must leave it open: ExportCommand
 * prints a newline after the JSON, and the launcher's stdout is that stream.
 *
 * <p>Fails today: {@code writeCsv} closes the writer (CSVPrinter in try-with-resources) and {@code
 * writeJson} too (Jackson's AUTO_CLOSE_TARGET), so ExportCommand's {@code out.println()} after the
 * JSON is silently dropped and the process's stdout is closed.
 */
class SnapshotExportWriterTest {

  private static Snapshot snapshot() {
    return Snapshot.newBuilder()
        .setSiteId("FRESNO")
        .setProductId("ALMONDS")
        .setPeriod("2025-11")
        .setRevision(1)
        .setUnit("lb")
        .setOpening("500")
        .setReceipts("1750")
        .setSales("1500")
        .setWaste("30")
        .setTransfersIn("0")
        .setTransfersOut("0")
        .setAdjustments("0")
        .setExpectedClosing("720")
        .setCounted("715")
        .setCountVariance("-5")
        .setVariancePct("-0.694444")
        .setClosing("715")
        .setWastePct("1.333333")
        .setStatus("WITHIN_TOLERANCE")
        .build();
  }

  @Test
  void writeJsonLeavesTheOutputOpen() throws Exception {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    SnapshotExport.writeJson(List.of(snapshot()), out);
    out.println();
    out.flush();
    assertThat(out.checkError()).as("the writer was closed by writeJson").isFalse();
    assertThat(text.toString()).endsWith("]" + System.lineSeparator());
  }

  @Test
  void writeCsvLeavesTheOutputOpen() throws Exception {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    SnapshotExport.writeCsv(List.of(snapshot()), out);
    out.print("after");
    out.flush();
    assertThat(out.checkError()).as("the writer was closed by writeCsv").isFalse();
    assertThat(text.toString()).endsWith("after");
  }
}
