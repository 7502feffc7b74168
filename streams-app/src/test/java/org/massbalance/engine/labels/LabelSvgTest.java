package org.massbalance.engine.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * A lot's label as SVG: its QR code decodes (ZXing, an independent decoder) to the lot's GS1
 * Digital Link, whatever characters the lot id holds; the text from data is escaped, never markup;
 * a product without a GTIN gets the lot's dashboard page and a note instead.
 */
class LabelSvgTest {

  private static final String BASE = "https://id.example.com";

  private static LabelData label(String name, String gtin, String lot, String supplierLot) {
    return LabelData.of(
        BASE,
        "FRESNO",
        "ALMONDS",
        name,
        gtin,
        lot,
        LocalDate.of(2025, 11, 9),
        supplierLot,
        "8150000016",
        LabelData.Claim.ORGANIC,
        "CCOF Certification Services");
  }

  @Test
  void shouldDrawTheDigitalLinkAsAQrCodeThatZxingReadsBack() throws Exception {
    String svg =
        LabelSvg.render(label("Organic almonds", "09506000134352", "ALM-20251109-001", "VNG-1"));

    java.nio.file.Path dir = java.nio.file.Path.of("target", "labels");
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.writeString(dir.resolve("label.svg"), svg); // to look at

    assertThat(QrDecoder.decodeSvg(svg))
        .isEqualTo("https://id.example.com/01/09506000134352/10/ALM-20251109-001");
    assertThat(svg)
        .contains(">Organic almonds</text>")
        .contains(">ALM-20251109-001</text>")
        .contains(">(01)09506000134352(10)ALM-20251109-001</text>")
        .contains(">Received  2025-11-09</text>")
        .contains(">Supplier lot  VNG-1</text>")
        .contains(">NOP ID  8150000016</text>")
        .contains(">Certifier  CCOF Certification</text>")
        .contains(">Services</text>")
        .contains(">ORGANIC</text>")
        .contains("width=\"99mm\" height=\"67mm\"");
  }

  @Test
  void shouldEncodeLotIdsWithReservedCharactersSoTheCodeReadsBackToTheirUri() throws Exception {
    // The contract's lot ids need no encoding; a transferred lot's id@site and any other
    // character must still make a URI whose code reads back exactly.
    for (String lot :
        new String[] {
          "ALM-1@FRESNO", "A/B", "a?b#c", "50%", "x y+z", "(10)&=;,'!*", "dot.under_score-hyphen~"
        }) {
      LabelData l = label("Almonds", "00012345600012", lot, null);
      String uri = QrDecoder.decodeSvg(LabelSvg.render(l));
      assertThat(uri).as(lot).isEqualTo(l.digitalLink());
      assertThat(uri)
          .as(lot)
          .isEqualTo(BASE + "/01/00012345600012/10/" + DigitalLink.encode(lot))
          .doesNotContain(" ", "#", "?");
    }
    assertThat(DigitalLink.encode("dot.under_score-hyphen~")).isEqualTo("dot.under_score-hyphen~");
  }

  @Test
  void shouldEscapeEveryTextFromDataAndHoldNoScript() throws Exception {
    String xss = "<script>alert(1)</script>\"&'";
    String svg =
        LabelSvg.render(label(xss, "09506000134352", "L1", "<img src=x onerror=alert(1)>"));

    assertThat(svg).doesNotContain("<script", "<img", "onerror=\"", "<style", "href");
    assertThat(svg).contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;");
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(doc.getElementsByTagName("script").getLength()).isZero();
    assertThat(doc.getDocumentElement().getTextContent()).contains("<script>alert(1)</script>");
  }

  @Test
  void shouldDropControlCharactersThatXmlCannotHold() {
    assertThat(LabelSvg.escape("a\u0000b\u001Fc\u0085d\uD800e")).isEqualTo("a b c d e");
    assertThat(LabelSvg.escape("😀 Café")).isEqualTo("😀 Café");
  }

  @Test
  void shouldGiveAProductWithoutGtinTheDashboardPageOfTheLotAndANote() throws Exception {
    LabelData l = label("Organic almonds", null, "ALM-20251109-001", "VNG-1");
    String svg = LabelSvg.render(l);

    assertThat(l.digitalLink()).isNull();
    assertThat(QrDecoder.decodeSvg(svg))
        .isEqualTo(BASE + "/#/trace?site=FRESNO&product=ALMONDS&lot=ALM-20251109-001");
    assertThat(svg).contains(LabelData.NO_GTIN_NOTE.substring(0, 30)).contains("no GTIN");
  }

  @Test
  void shouldCutTextsTooWideForTheLabel() {
    String name = "Organic almonds, whole, natural, unpasteurised, in 25 kg cartons from Fresno";
    String svg = LabelSvg.render(label(name, "09506000134352", "L1", "VNG-1"));

    assertThat(svg)
        .doesNotContain(">" + name + "</text>")
        .contains(">Organic almonds, whole, natural");
    assertThat(svg).contains("...</text>");
  }

  @Test
  void shouldStateTheOrganicClaimOfTheLot() {
    assertThat(LabelData.Claim.of(true, true)).isEqualTo(LabelData.Claim.ORGANIC);
    assertThat(LabelData.Claim.of(true, false)).isEqualTo(LabelData.Claim.NOT_CERTIFIED);
    assertThat(LabelData.Claim.of(true, null)).isEqualTo(LabelData.Claim.UNVERIFIED);
    assertThat(LabelData.Claim.of(false, true)).isEqualTo(LabelData.Claim.NON_ORGANIC);
  }

  @Test
  void shouldReadBackTheJsonItWrites() {
    LabelData l = label("Organic almonds", "09506000134352", "L1", "VNG-1");
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(LabelData.fromJson(json.valueToTree(l.toJson()))).isEqualTo(l);
    LabelData none = label(null, null, "L2", null);
    assertThat(LabelData.fromJson(json.valueToTree(none.toJson()))).isEqualTo(none);
    assertThat(none.toJson()).containsEntry("note", LabelData.NO_GTIN_NOTE);
  }
}
