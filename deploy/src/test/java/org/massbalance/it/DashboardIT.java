package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.ingest.Dataset;
import org.massbalance.topics.TopicDefaults;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's chromium, headless, through chromedriver) on the demo
 * data with a token set: the token is asked once, a wrong one is told; the book, the alerts (a new
 * one appears without a reload), the trace of SO-5501's sale down to supplier and NOP ID, and data
 * shown as text, never run as HTML. Screenshots of each page go to {@code target/dashboard/}.
 * Without chromium the test skips naming the packages (under CI it fails: .ci/run installs them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

  private static final String APP_ID = "massbalance-dashboard-it";
  private static final String TOKEN = "Dz6kP1rV9nXq3tLw8cMh5bJy";
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of(System.getProperty("basedir", "."), "target/dashboard");
  private static final String XSS = "<img src=x onerror=alert(1)>";

  @TempDir static Path tmp;
  private LocalStack stack;
  private EngineRunner engine;
  private WebDriver browser;

  @BeforeAll
  void start() throws Exception {
    DebianPackages.require(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Chromium and its driver are missing",
        "chromium chromium-driver");
    stack = ApiItSupport.startStack(tmp.resolve("stack"), 2);
    ApiItSupport.ingestReference(stack);
    engine = EngineRunner.start(ApiItSupport.settings(stack, tmp.resolve("state"), APP_ID, TOKEN));
    ApiItSupport.awaitRunning(engine);
    long movements = ApiItSupport.ingestMovements(stack);
    await("the engine applies " + movements + " movements")
        .atMost(ItSupport.DEADLINE)
        .until(() -> ApiItSupport.applied(engine) == movements);
    ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {() -> browser.quit(), engine, stack}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // the rest still closes
      }
    }
  }

  @Test
  @Order(1)
  void shouldAskTheTokenOnceAndTellAWrongOne() throws Exception {
    browser.get(engine.apiUrl() + "/");
    WebElement form = waitFor(By.id("token-form"));
    assertThat(form.isDisplayed()).isTrue();

    browser.findElement(By.id("token-input")).sendKeys("not-the-token");
    browser.findElement(By.cssSelector("#token-form button")).click();
    waitUntil(() -> browser.findElement(By.id("message")).getText().contains("token was refused"));

    browser.findElement(By.id("token-input")).clear();
    browser.findElement(By.id("token-input")).sendKeys(TOKEN);
    browser.findElement(By.cssSelector("#token-form button")).click();
    waitFor(By.cssSelector("tr[data-key='FRESNO|ALMONDS']"));
    assertThat(browser.findElement(By.id("token-form")).isDisplayed()).isFalse();
  }

  @Test
  @Order(2)
  void shouldShowTheBookOfEverySiteAndProduct() throws Exception {
    browser.get(engine.apiUrl() + "/#/");
    // The page may render again (a hash change): each check reads the row afresh.
    waitUntil(() -> rowText("FRESNO|ALMONDS").contains("715 lb"));
    assertThat(rowText("FRESNO|ALMONDS")).contains("715 lb").contains("within tolerance");
    assertThat(rowText("OAKLAND|WALNUTS")).contains("-50 kg").contains("oversold");
    assertThat(rowText("OAKLAND|PECANS")).contains("investigate");
    // The OVERSELL is a recent CRITICAL alert of OAKLAND WALNUTS; its link filters the alerts.
    assertThat(rowText("OAKLAND|WALNUTS")).contains("critical");
    browser.findElement(By.cssSelector("tr[data-key='OAKLAND|WALNUTS'] td:last-child a")).click();
    waitUntil(() -> browser.findElement(By.id("alert-list")).getText().contains("OVERSELL"));
    assertThat(browser.findElement(By.id("filter-site")).getAttribute("value"))
        .isEqualTo("OAKLAND");
    assertThat(
            browser.findElements(By.cssSelector("#alert-list tr[data-alert-id]")).stream()
                .map(WebElement::getText))
        .isNotEmpty()
        .allMatch(t -> t.contains("OAKLAND") && t.contains("WALNUTS"));
    browser.get(engine.apiUrl() + "/#/");
    waitUntil(() -> rowText("FRESNO|ALMONDS").contains("715 lb"));
    shot("overview");
  }

  @Test
  @Order(3)
  void shouldListAlertsAndShowANewOneWithoutReload() throws Exception {
    browser.get(engine.apiUrl() + "/#/alerts");
    waitUntil(() -> browser.findElement(By.id("alert-list")).getText().contains("OVERSELL"));
    assertThat(browser.findElement(By.id("alert-list")).getText()).contains("VARIANCE_EXCEEDED");
    shot("alerts");

    // A WASTE with no reason while the page is open: WASTE_UNDOCUMENTED appears on its own.
    ApiItSupport.ingestText(
        stack,
        ItSupport.ingester(stack),
        Dataset.MOVEMENTS,
        "movement_id,type,occurred_at,site_id,product_id,quantity,unit\n"
            + "dash-w1,WASTE,2025-11-20T10:00:00Z,FRESNO,ALMONDS,1,lb\n");
    await("the engine commits the new alert")
        .atMost(ItSupport.DEADLINE)
        .until(
            () ->
                ApiItSupport.get(engine.apiUrl(), "/api/v1/alerts?type=WASTE_UNDOCUMENTED", TOKEN)
                    .body()
                    .contains("dash-w1"));
    String url = browser.getCurrentUrl();
    new WebDriverWait(browser, Duration.ofSeconds(5))
        .until(d -> d.findElement(By.id("alert-list")).getText().contains("WASTE_UNDOCUMENTED"));
    assertThat(browser.getCurrentUrl()).isEqualTo(url);
  }

  @Test
  @Order(4)
  void shouldTraceSoFiveFiveZeroOneDownToSupplierAndNopId() throws Exception {
    browser.get(engine.apiUrl() + "/#/trace");
    waitFor(By.id("search-site")).sendKeys("FRESNO");
    browser.findElement(By.id("search-product")).sendKeys("ALMONDS");
    browser.findElement(By.id("search-movement")).sendKeys("m-003");
    browser.findElement(By.id("search-button")).click();
    waitUntil(() -> browser.findElements(By.cssSelector("#trace-result li.lot")).size() == 2);
    String tree = browser.findElement(By.id("trace-result")).getText();
    assertThat(tree)
        .contains("SALE m-003")
        .contains("lot ALM-20251014-001")
        .contains("lot ALM-20251109-001")
        .contains("NOP ID 8150000016");
    shot("trace");
  }

  @Test
  @Order(5)
  void shouldShowDataAsTextNeverAsHtml() throws Exception {
    // A lot of its own, and a sale from it whose document reference is markup.
    ApiItSupport.ingestText(
        stack,
        ItSupport.ingester(stack),
        Dataset.MOVEMENTS,
        "movement_id,type,occurred_at,site_id,product_id,quantity,unit,lot_id,document_ref\n"
            + "dash-r1,RECEIPT,2025-12-02T10:00:00Z,FRESNO,ALMONDS,10,lb,XSS-LOT,PO-1\n"
            + "dash-s1,SALE,2025-12-03T10:00:00Z,FRESNO,ALMONDS,1,lb,XSS-LOT,\""
            + XSS
            + "\"\n");
    await("the engine applies the sale")
        .atMost(ItSupport.DEADLINE)
        .until(
            () ->
                ApiItSupport.get(engine.apiUrl(), "/api/v1/lots/FRESNO/ALMONDS/XSS-LOT", TOKEN)
                    .body()
                    .contains("dash-s1"));
    browser.get(engine.apiUrl() + "/#/trace?site=FRESNO&product=ALMONDS&lot=XSS-LOT");
    waitUntil(() -> browser.findElement(By.id("trace-result")).getText().contains("dash-s1"));
    assertThat(browser.findElement(By.id("trace-result")).getText()).contains(XSS);
    assertThat(browser.findElements(By.cssSelector("#trace-result img"))).isEmpty();
    assertThatThrownBy(() -> browser.switchTo().alert())
        .as("no dialog opened")
        .isInstanceOf(NoAlertPresentException.class);
    ApiItSupport.Answer page = ApiItSupport.get(engine.apiUrl(), "/", null);
    assertThat(page.status()).isEqualTo(200);
    shot("lot");
  }

  @Test
  @Order(6)
  void shouldChartTheMonthsOfAProductAndMarkTheSignedOnes() throws Exception {
    // November is signed off (the contract's Period sign-off) before the page is opened
    ApiItSupport.Answer posted =
        ApiItSupport.post(
            engine.apiUrl(),
            "/api/v1/signoffs",
            "{\"site_id\":\"FRESNO\",\"period\":\"2025-11\",\"signed_by\":\"reviewer\"}",
            TOKEN);
    assertThat(posted.status()).as(posted.body()).isEqualTo(202);
    await("FRESNO's November is signed")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                ApiItSupport.get(engine.apiUrl(), "/api/v1/snapshots/FRESNO/ALMONDS/2025-11", TOKEN)
                    .json()
                    .path("signed_off")
                    .asBoolean());
    browser.get(engine.apiUrl() + "/#/product/FRESNO/ALMONDS");
    // The page shows the last 12 months by default; the example's month (2025-11) is asked for
    // with the page's own "from" field, so the test does not depend on today's date.
    WebElement from = waitFor(By.id("from-month"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].value = '2025-11'", from);
    browser.findElement(By.cssSelector("form.filters button[type='submit']")).click();
    waitFor(By.cssSelector("svg.chart"));
    waitUntil(
        () ->
            browser.findElements(By.cssSelector("tbody tr")).stream()
                .anyMatch(
                    r ->
                        r.getText().startsWith("2025-11")
                            && r.getText().contains("715")
                            && r.getText().contains("signed by reviewer")));
    shot("product");
  }

  @Test
  @Order(7)
  void shouldListSuppliersWithTheirCertificateAndLotsOnHand() throws Exception {
    // Lots on hand of the demo's supplier, counted independently from every key's lots.
    long onHand = 0;
    for (com.fasterxml.jackson.databind.JsonNode b :
        ApiItSupport.get(engine.apiUrl(), "/api/v1/balances?limit=1000", TOKEN)
            .json()
            .path("balances")) {
      String lots =
          "/api/v1/lots/" + b.path("site_id").asText() + "/" + b.path("product_id").asText();
      for (com.fasterxml.jackson.databind.JsonNode l :
          ApiItSupport.get(engine.apiUrl(), lots + "?limit=1000", TOKEN).json().path("lots")) {
        if ("8150000016".equals(l.path("supplier_nop_id").asText())
            && new java.math.BigDecimal(l.path("remaining").asText()).signum() > 0) {
          onHand++;
        }
      }
    }
    assertThat(onHand).as("the demo holds lots of 8150000016").isPositive();

    browser.get(engine.apiUrl() + "/#/suppliers");
    waitFor(By.cssSelector("tr[data-nop-id='8150000016']"));
    java.util.List<String> cells =
        new WebDriverWait(browser, ItSupport.DEADLINE)
            .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
            .until(
                d ->
                    d.findElements(By.cssSelector("tr[data-nop-id='8150000016'] td")).stream()
                        .map(WebElement::getText)
                        .toList());
    assertThat(cells.get(1)).isEqualTo("Valley Nut Growers");
    assertThat(cells.get(3)).isEqualTo("CERTIFIED");
    assertThat(cells.get(7)).isEqualTo("yes");
    assertThat(cells.get(8)).isEqualTo(Long.toString(onHand));
    // the import certificates below (the demo names none)
    assertThat(browser.findElement(By.id("import-certificates-title")).getText())
        .isEqualTo("Import certificates (0)");
    assertThat(browser.findElement(By.id("nav-suppliers")).getAttribute("class"))
        .contains("current");
    shot("suppliers");
  }

  @Test
  @Order(8)
  void shouldListTheOpenInvestigationOfOaklandPecans() throws Exception {
    // the list is read once per visit: visit again every 3 s until November has closed
    long[] visited = {0};
    browser.get(engine.apiUrl() + "/#/investigations");
    new WebDriverWait(browser, ItSupport.DEADLINE)
        .until(
            d -> {
              if (!browser
                  .findElements(By.cssSelector("tr[data-key='OAKLAND|PECANS|2025-11']"))
                  .isEmpty()) {
                return true;
              }
              if (System.nanoTime() - visited[0] > 3_000_000_000L) {
                visited[0] = System.nanoTime();
                browser.navigate().refresh();
              }
              return false;
            });
    WebElement pecans =
        browser.findElement(By.cssSelector("tr[data-key='OAKLAND|PECANS|2025-11']"));
    assertThat(pecans.getText()).contains("-10 %").contains("open");
    shot("investigations");
  }

  /** The demo's GTIN of ALMONDS. */
  private static final String ALMONDS_GTIN = "00614141123452";

  private static final Path LABELS = Path.of(System.getProperty("basedir", "."), "target/labels");

  @Test
  @Order(9)
  void shouldOpenTheLotOfAScannedLabelAndPrintItsLabel() throws Exception {
    // A keyboard-wedge scanner types the Digital Link of the label and Enter.
    String link = engine.apiUrl() + "/01/" + ALMONDS_GTIN + "/10/ALM-20251109-001";
    browser.get(engine.apiUrl() + "/#/trace");
    waitFor(By.id("search-scan")).sendKeys(link + org.openqa.selenium.Keys.ENTER);
    waitUntil(
        () ->
            browser
                    .getCurrentUrl()
                    .endsWith("#/trace?site=FRESNO&product=ALMONDS&lot=ALM-20251109-001")
                && browser.findElement(By.id("trace-result")).getText().contains("SALE m-003"));
    String tree = browser.findElement(By.id("trace-result")).getText();
    assertThat(tree).contains("lot ALM-20251109-001").contains("NOP ID 8150000016");

    // The element string of the human-readable line, typed the same way.
    browser.get(engine.apiUrl() + "/#/trace");
    waitFor(By.id("search-scan"))
        .sendKeys("(01)" + ALMONDS_GTIN + "(10)ALM-20251014-001" + org.openqa.selenium.Keys.ENTER);
    waitUntil(
        () ->
            browser.getCurrentUrl().endsWith("lot=ALM-20251014-001")
                && browser
                    .findElement(By.id("trace-result"))
                    .getText()
                    .contains("lot ALM-20251014-001"));

    // The resolver itself, opened as a phone's camera would: with a token configured it leads to
    // the dashboard, which resolves the link with the token it keeps.
    browser.get(link);
    waitUntil(
        () ->
            browser
                    .getCurrentUrl()
                    .endsWith("#/trace?site=FRESNO&product=ALMONDS&lot=ALM-20251109-001")
                && browser.findElement(By.id("trace-result")).getText().contains("SALE m-003"));
    shot("scanned-lot");

    // Print label: the label alone, as an image of the SVG; the print dialog is replaced.
    ((JavascriptExecutor) browser)
        .executeScript("window.print = () => { window.__printed = true; };");
    browser.findElement(By.id("print-label")).click();
    waitUntil(
        () ->
            Boolean.TRUE.equals(
                ((JavascriptExecutor) browser).executeScript("return window.__printed === true")));
    WebElement img = browser.findElement(By.id("label-image"));
    assertThat(img.getAttribute("src")).startsWith("data:image/svg+xml");
    assertThat(
            ((JavascriptExecutor) browser)
                .executeScript("return arguments[0].naturalWidth > 0", img))
        .isEqualTo(Boolean.TRUE);
    assertThat(browser.findElement(By.id("print-area")).isDisplayed()).isTrue();

    // The label rendered by Chromium, looked at (docs/labels/label.png) and read back by ZXing.
    ApiItSupport.Answer svg =
        ApiItSupport.get(
            engine.apiUrl(), "/api/v1/lots/FRESNO/ALMONDS/ALM-20251109-001/label.svg", TOKEN);
    assertThat(svg.status()).isEqualTo(200);
    Files.createDirectories(LABELS);
    Files.writeString(LABELS.resolve("label.svg"), svg.body());
    Files.writeString(
        LABELS.resolve("label.html"),
        "<!doctype html><html><body style=\"margin:0;background:#fff\">"
            + "<img id=\"label\" src=\"label.svg\" width=\"748\" height=\"506\"></body></html>");
    browser.get(LABELS.resolve("label.html").toAbsolutePath().toUri().toString());
    WebElement label = waitFor(By.id("label"));
    waitUntil(
        () ->
            Boolean.TRUE.equals(
                ((JavascriptExecutor) browser)
                    .executeScript(
                        "return arguments[0].complete && arguments[0].naturalWidth > 0", label)));
    byte[] png = label.getScreenshotAs(OutputType.BYTES);
    Files.write(LABELS.resolve("label.png"), png);
    java.awt.image.BufferedImage image =
        javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    assertThat(QrCodes.decodeAll(image)).containsExactly(link);
  }

  @Test
  @Order(10)
  void shouldWriteASheetOfLabelsWithTheLabelsCommand() throws Exception {
    Path pdf = tmp.resolve("labels.pdf");
    CommandResult ok =
        labels(
            "--site",
            "FRESNO",
            "--product",
            "ALMONDS",
            "--from",
            "2025-10-01",
            "--to",
            "2025-11-30",
            "--out",
            pdf.toString(),
            "--api",
            engine.apiUrl(),
            "--token",
            TOKEN);
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("3 labels of FRESNO ALMONDS").contains("(1 page, a4)");
    try (org.apache.pdfbox.pdmodel.PDDocument doc =
        org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      assertThat(doc.getNumberOfPages()).isEqualTo(1);
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
      assertThat(text)
          .contains("ALM-20251014-001", "ALM-20251109-001", "ALM-20251120-001")
          .contains("Organic almonds")
          .containsPattern("NOP ID\\s+8150000016")
          .contains("ORGANIC");
      java.awt.image.BufferedImage page =
          new org.apache.pdfbox.rendering.PDFRenderer(doc)
              .renderImageWithDPI(0, 200, org.apache.pdfbox.rendering.ImageType.RGB);
      Files.createDirectories(LABELS);
      javax.imageio.ImageIO.write(page, "png", LABELS.resolve("sheet.png").toFile());
      assertThat(QrCodes.decodeAll(page))
          .containsExactlyInAnyOrder(
              engine.apiUrl() + "/01/" + ALMONDS_GTIN + "/10/ALM-20251014-001",
              engine.apiUrl() + "/01/" + ALMONDS_GTIN + "/10/ALM-20251109-001",
              engine.apiUrl() + "/01/" + ALMONDS_GTIN + "/10/ALM-20251120-001");
    }

    // Every product of the site (the site's balances): the same three, ALMONDS being FRESNO's only.
    CommandResult all =
        labels(
            "--site",
            "OAKLAND",
            "--from",
            "2025-11-01",
            "--to",
            "2025-11-30",
            "--out",
            tmp.resolve("oakland.pdf").toString(),
            "--paper",
            "letter",
            "--api",
            engine.apiUrl(),
            "--token",
            TOKEN);
    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(all.out()).contains("without a GTIN"); // PECANS

    CommandResult none =
        labels(
            "--site",
            "FRESNO",
            "--from",
            "2020-01-01",
            "--to",
            "2020-01-31",
            "--out",
            tmp.resolve("none.pdf").toString(),
            "--api",
            engine.apiUrl(),
            "--token",
            TOKEN);
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.err()).contains("no lot received at FRESNO from 2020-01-01 to 2020-01-31");
    assertThat(tmp.resolve("none.pdf")).doesNotExist();

    CommandResult away =
        labels(
            "--site",
            "FRESNO",
            "--from",
            "2025-10-01",
            "--to",
            "2025-11-30",
            "--out",
            tmp.resolve("away.pdf").toString(),
            "--api",
            "http://127.0.0.1:9");
    assertThat(away.exit()).isEqualTo(1);
    assertThat(away.err()).contains("cannot reach the engine API at http://127.0.0.1:9");
  }

  private record CommandResult(int exit, String out, String err) {}

  private static CommandResult labels(String... args) {
    picocli.CommandLine cmd = org.massbalance.cli.MassBalanceCli.commandLine();
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    cmd.setOut(new java.io.PrintWriter(out, true));
    cmd.setErr(new java.io.PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "labels";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = cmd.execute(all);
    return new CommandResult(exit, out.toString(), err.toString());
  }

  private WebElement waitFor(By by) {
    return new WebDriverWait(browser, ItSupport.DEADLINE)
        .until(ExpectedConditions.presenceOfElementLocated(by));
  }

  private void waitUntil(java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser, ItSupport.DEADLINE)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .until(d -> condition.getAsBoolean());
  }

  /** The text of the overview's row of {@code key}, read again until it is not replaced. */
  private String rowText(String key) {
    return new WebDriverWait(browser, ItSupport.DEADLINE)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> d.findElement(By.cssSelector("tr[data-key='" + key + "']")).getText());
  }

  private void shot(String name) throws Exception {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(SHOTS.resolve(name + ".png"), png);
  }
}
