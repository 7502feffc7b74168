package org.massbalance.engine.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * GS1 Digital Link URIs of lots: {@code {base}/01/{gtin14}/10/{lot}}, the lot percent-encoded as an
 * RFC 3986 path segment (GS1 Digital Link URI Syntax: every character outside the unreserved set).
 */
class DigitalLinkTest {

  @Test
  void shouldBuildTheUriOfALotUnderTheResolversBase() {
    assertThat(DigitalLink.uri("https://id.example.com", "09506000134352", "ALM-20251109-001"))
        .isEqualTo("https://id.example.com/01/09506000134352/10/ALM-20251109-001");
    assertThat(DigitalLink.uri("http://localhost:8080/", "00012345600012", "L1"))
        .as("a trailing slash of the base is dropped")
        .isEqualTo("http://localhost:8080/01/00012345600012/10/L1");
    assertThat(DigitalLink.uri("https://example.com/gs1", "00012345600012", "L1"))
        .as("a base with a path")
        .isEqualTo("https://example.com/gs1/01/00012345600012/10/L1");
  }

  @Test
  void shouldKeepLettersDigitsAndDotUnderscoreHyphenTildeAsTheyAre() {
    assertThat(DigitalLink.encode("ALM-20251109-001")).isEqualTo("ALM-20251109-001");
    assertThat(DigitalLink.encode("a.b_c-d~e")).isEqualTo("a.b_c-d~e");
    assertThat(DigitalLink.encode("AZaz09")).isEqualTo("AZaz09");
  }

  @Test
  void shouldPercentEncodeReservedAndOtherCharacters() {
    // GS1's own example lot with reserved characters, and every gen-delim and sub-delim
    assertThat(DigitalLink.encode("ABC/123")).isEqualTo("ABC%2F123");
    assertThat(DigitalLink.encode(":/?#[]@")).isEqualTo("%3A%2F%3F%23%5B%5D%40");
    assertThat(DigitalLink.encode("!$&'()*+,;=")).isEqualTo("%21%24%26%27%28%29%2A%2B%2C%3B%3D");
    assertThat(DigitalLink.encode("50% off")).isEqualTo("50%25%20off");
    assertThat(DigitalLink.encode("\"<>\\^`{|}")).isEqualTo("%22%3C%3E%5C%5E%60%7B%7C%7D");
    // a transferred lot's id@origin, and UTF-8 beyond ASCII
    assertThat(DigitalLink.encode("ALM-1@FRESNO")).isEqualTo("ALM-1%40FRESNO");
    assertThat(DigitalLink.encode("Café")).isEqualTo("Caf%C3%A9");
  }

  @Test
  void shouldGiveAUriWhosePathSegmentDecodesBackToTheLot() {
    String lot = "A/B?C#D%E F+G@H.I_J-K";
    String uri = DigitalLink.uri("https://id.example.com", "09506000134352", lot);
    URI parsed = URI.create(uri);
    assertThat(parsed.getRawQuery()).isNull();
    assertThat(parsed.getRawFragment()).isNull();
    String[] segments = parsed.getRawPath().split("/");
    assertThat(segments).hasSize(5);
    assertThat(
            java.net.URLDecoder.decode(
                segments[4].replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(lot);
  }

  @Test
  void shouldWriteTheElementStringAndTheDashboardsLotPage() {
    assertThat(DigitalLink.elementString("09506000134352", "ABC123"))
        .isEqualTo("(01)09506000134352(10)ABC123");
    assertThat(DigitalLink.dashboardPath("FRESNO", "ALMONDS", "ALM-1@OAKLAND"))
        .isEqualTo("/#/trace?site=FRESNO&product=ALMONDS&lot=ALM-1%40OAKLAND");
    assertThat(DigitalLink.dashboardUri("http://localhost:8080", "FRESNO", "ALMONDS", "L1"))
        .isEqualTo("http://localhost:8080/#/trace?site=FRESNO&product=ALMONDS&lot=L1");
  }
}
