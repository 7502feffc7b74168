package org.massbalance.engine.labels.sheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.labels.LabelData;
import org.massbalance.engine.labels.QrDecoder;

/**
 * A sheet of labels as PDF: eight labels a page in a grid, real text (extracted back by PDFBox),
 * and vector QR codes that ZXing reads back from the page rendered at 200 dpi.
 */
class LabelSheetPdfTest {

  private static List<LabelData> labels(int n) {
    List<LabelData> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(
          LabelData.of(
              "http://localhost:8080",
              "FRESNO",
              "ALMONDS",
              "Organic almonds é",
              i % 3 == 0 ? null : "09506000134352",
              "ALM-202511" + String.format("%02d", i) + "-001",
              LocalDate.of(2025, 11, i),
              "VNG-" + i,
              "8150000016",
              LabelData.Claim.ORGANIC,
              "CCOF"));
    }
    return out;
  }

  @Test
  void shouldPutEightLabelsOnAPageWithTextAndCodesThatReadBack() throws Exception {
    List<LabelData> labels = labels(9);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LabelSheetPdf.write(labels, LabelSheetPdf.Paper.a4, out);

    try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
      assertThat(doc.getNumberOfPages()).isEqualTo(2);
      assertThat(doc.getPage(0).getMediaBox().getWidth())
          .isCloseTo(595.3f, org.assertj.core.data.Offset.offset(0.5f));
      String text = new PDFTextStripper().getText(doc);
      for (LabelData l : labels) {
        assertThat(text).contains(l.lotId());
      }
      assertThat(text).contains("Organic almonds é").contains("NOP ID").contains("ORGANIC");
      assertThat(text).contains("(01)09506000134352(10)ALM-20251101-001");

      PDFRenderer renderer = new PDFRenderer(doc);
      Set<String> read = new HashSet<>();
      for (int p = 0; p < doc.getNumberOfPages(); p++) {
        BufferedImage page = renderer.renderImageWithDPI(p, 200, ImageType.RGB);
        read.addAll(QrDecoder.decodeAll(page));
      }
      Set<String> expected = new HashSet<>();
      labels.forEach(l -> expected.add(l.qrUri()));
      assertThat(read).isEqualTo(expected);
    }
  }

  @Test
  void shouldFitTheSameGridOnLetterPaper() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LabelSheetPdf.write(labels(8), LabelSheetPdf.Paper.letter, out);
    try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
      assertThat(doc.getNumberOfPages()).isEqualTo(1);
      assertThat(doc.getPage(0).getMediaBox().getWidth())
          .isCloseTo(612f, org.assertj.core.data.Offset.offset(0.5f));
      assertThat(doc.getPage(0).getMediaBox().getHeight())
          .isCloseTo(792f, org.assertj.core.data.Offset.offset(0.5f));
    }
  }
}
