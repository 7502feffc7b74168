package org.massbalance.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.PeriodSignOff;

/**
 * The PDF report drawn as the report is, and the sign-off block filled from the signed months: on
 * the demo's November with FRESNO's ALMONDS signed. The page of FRESNO and ALMONDS is rendered to
 * {@code target/audit-report-fresno-almonds.png} for a person to look at.
 */
class AuditReportPdfTest {

  private static final Instant GENERATED = Instant.parse("2026-11-30T09:00:00Z");
  private static final String SHA = "ab".repeat(32);

  @TempDir Path dir;

  private static AuditData signed() {
    return AuditFixtures.data(GENERATED)
        .withSignOffs(
            List.of(
                PeriodSignOff.newBuilder()
                    .setSiteId("FRESNO")
                    .setProductId("ALMONDS")
                    .setPeriod("2025-11")
                    .setRevision(2)
                    .setSnapshotSha256(SHA)
                    .setSignedBy("Dana Auditor")
                    .setSignedAt("2025-12-03T10:00:00Z")
                    .setNote("November closed")
                    .build()));
  }

  @Test
  void shouldListEachSignOffInTheSignOffsSheet() throws IOException {
    AuditPackage.write(signed(), dir, line -> {});

    List<String> csv = Files.readAllLines(dir.resolve("sign-offs.csv"));
    assertThat(csv.get(0))
        .isEqualTo("site,product,period,revision,sha256,signed_by,signed_at,note");
    assertThat(csv)
        .hasSize(2)
        .element(1)
        .isEqualTo(
            "FRESNO,ALMONDS,2025-11,2,"
                + SHA
                + ",Dana Auditor,2025-12-03T10:00:00Z,November closed");
  }

  @Test
  void shouldFillTheSignOffBlockOfASignedMonthAndDrawTheReportAsTables() throws IOException {
    AuditPackage.write(signed(), dir, line -> {});

    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).contains("Dana Auditor").contains(SHA).contains("2025-12-03T10:00:00Z");
    try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(dir.resolve("report.pdf")))) {
      int page = page(pdf, "FRESNO \u2013 ALMONDS", "Mass balance");
      PDFTextStripper text = new PDFTextStripper();
      text.setStartPage(page);
      text.setEndPage(page + 1);
      String fresno = text.getText(pdf);
      assertThat(fresno)
          .contains("Sign-off")
          .contains("Dana Auditor")
          .contains("2025-12-03T10:00:00Z")
          .contains(SHA)
          .contains("Mass balance");
      assertThat(fresno).containsPattern("page \\d+");
      BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(page - 1, 80);
      Path png = Path.of("target", "audit-report-fresno-almonds.png");
      Files.createDirectories(png.getParent());
      ImageIO.write(image, "png", png.toFile());
      assertThat(nonWhite(image)).isGreaterThan(image.getWidth() * image.getHeight() / 50);
      int signOff = page(pdf, "Dana Auditor", "Sign-off");
      ImageIO.write(
          new PDFRenderer(pdf).renderImageWithDPI(signOff - 1, 80),
          "png",
          Path.of("target", "audit-report-fresno-almonds-sign-off.png").toFile());
    }
  }

  /** The first page (1-based) holding both texts. */
  private static int page(PDDocument pdf, String a, String b) throws IOException {
    PDFTextStripper text = new PDFTextStripper();
    for (int p = 1; p <= pdf.getNumberOfPages(); p++) {
      text.setStartPage(p);
      text.setEndPage(p);
      String t = text.getText(pdf);
      if (t.contains(a) && t.contains(b)) {
        return p;
      }
    }
    throw new AssertionError("no page of " + a + " and " + b);
  }

  private static long nonWhite(BufferedImage image) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          n++;
        }
      }
    }
    return n;
  }
}
