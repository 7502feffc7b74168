package org.massbalance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.massbalance.avro.Alert;

/**
 * The demo's processing, organic integrity, import certificate and sign-off steps, asked of the
 * engine's own HTTP API as any client would: waits for what the engine has done (a transformation's
 * outputs, closed and signed months, a correction) and prints what it answers. The names of the
 * transformation, the sale, the certificate and the late movement are those of the demo's files.
 */
final class DemoSteps {

  /** The site where the demo processes almonds, imports pecans and signs a month off. */
  static final String SITE = "FRESNO";

  /** The month the demo signs off at {@link #SITE}. */
  static final String SIGNED_MONTH = "2025-11";

  /** The month the late movement's correction lands in: the first after the signed one. */
  static final String CORRECTION_MONTH = "2025-12";

  /** The cracking of {@code transformations.csv}. */
  static final String TRANSFORMATION = "CRACK-20251110";

  /** The sale of kernels ({@code kernel-sales.csv}) whose trace crosses the transformation. */
  static final String KERNELS = "ALMOND_KERNELS";

  static final String KERNEL_SALE = "p-002";

  /** The NOP Import Certificate of {@code import-certificates.csv}, drawn by two shipments. */
  static final String IMPORT_CERTIFICATE = "484-4840000012-000031";

  /** The product and movement of {@code late-movements.csv}, dated in the signed month. */
  static final String LATE_PRODUCT = "ALMOND_SHELLS";

  static final String LATE_MOVEMENT = "p-003";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String api;
  private final Duration deadline;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  DemoSteps(String api, Duration deadline) {
    this.api = api;
    this.deadline = deadline;
  }

  /** Waits until the engine has processed the import certificate's record. */
  void awaitImportCertificateKnown() throws InterruptedException {
    await(
        "import certificate " + IMPORT_CERTIFICATE + " known",
        "/api/v1/import-certificates/" + IMPORT_CERTIFICATE,
        c -> c.path("known").asBoolean(false));
  }

  /**
   * Waits until the transformation has drawn its inputs and sent its outputs, then until each
   * output's ledger holds the lot it made (so that a movement sent now is applied after it);
   * answers the transformation.
   */
  JsonNode awaitTransformationDone() throws InterruptedException {
    String path = "/api/v1/transformations/" + SITE + "/" + TRANSFORMATION;
    JsonNode t =
        await(
            "transformation " + TRANSFORMATION + " done",
            path,
            d -> "DONE".equals(d.path("status").asText()));
    for (JsonNode o : t.path("outputs")) {
      String product = o.path("product_id").asText();
      await(
          "the lot of " + TRANSFORMATION + "'s " + product,
          "/api/v1/balances/" + SITE + "/" + product,
          b -> b.path("lots").size() > 0);
    }
    return await("transformation " + TRANSFORMATION, path, d -> true);
  }

  /** Waits until the kernels sale has been applied, and answers its back trace. */
  JsonNode awaitKernelSaleTrace() throws InterruptedException {
    return await(
        "the trace of " + KERNEL_SALE,
        "/api/v1/trace/" + SITE + "/" + KERNELS + "/" + KERNEL_SALE,
        t -> t.path("lots").size() > 0);
  }

  /**
   * Waits until every product's {@link #SIGNED_MONTH} at {@link #SITE} is closed, signs it off with
   * {@code POST /api/v1/signoffs} and waits until each month written is signed; answers the site's
   * months as signed.
   */
  JsonNode signOff() throws InterruptedException {
    String months = "/api/v1/signoffs/" + SITE + "/" + SIGNED_MONTH;
    await(
        SITE + " " + SIGNED_MONTH + " closed for every product",
        months,
        m -> m.path("complete").asBoolean() && allMonths(m, s -> !"OPEN".equals(s)));
    String body =
        "{\"site_id\":\""
            + SITE
            + "\",\"period\":\""
            + SIGNED_MONTH
            + "\",\"signed_by\":\"demo reviewer\",\"note\":\"sent to the certifier\"}";
    JsonNode posted = post("/api/v1/signoffs", body);
    List<String> written = new ArrayList<>();
    posted.path("written").forEach(p -> written.add(p.asText()));
    if (written.isEmpty()) {
      throw new IllegalStateException("the sign-off wrote nothing: " + posted);
    }
    return await(
        SITE + " " + SIGNED_MONTH + " signed",
        months,
        m -> {
          for (JsonNode month : m.path("months")) {
            if (written.contains(month.path("product_id").asText())
                && !"SIGNED".equals(month.path("status").asText())) {
              return false;
            }
          }
          return true;
        });
  }

  /**
   * Waits until the late movement's correction is in {@link #CORRECTION_MONTH}, the open month
   * after the signed one; answers its (provisional) snapshot.
   */
  JsonNode awaitCorrection() throws InterruptedException {
    return await(
        "the correction in " + CORRECTION_MONTH,
        snapshotPath(LATE_PRODUCT, CORRECTION_MONTH),
        s -> !"0".equals(s.path("corrections").asText("0")));
  }

  /** The snapshot of {@code product} at {@link #SITE} for {@code month}, as the API answers it. */
  JsonNode snapshot(String product, String month) throws InterruptedException {
    return await(
        "the snapshot of " + product + " " + month, snapshotPath(product, month), s -> true);
  }

  /** The import certificate as the API answers it, its draws included. */
  JsonNode importCertificate() throws InterruptedException {
    return await(
        "import certificate " + IMPORT_CERTIFICATE,
        "/api/v1/import-certificates/" + IMPORT_CERTIFICATE,
        c -> c.path("known").asBoolean(false));
  }

  /** Processing: the transformation (inputs, outputs with yield and band, loss) and the trace. */
  static void printProcessing(PrintWriter out, JsonNode t, JsonNode trace) {
    out.println();
    out.printf(
        "Processing at %s: transformation %s (%s, %s)%n",
        t.path("site_id").asText(),
        t.path("transformation_id").asText(),
        t.path("occurred_at").asText(),
        t.path("status").asText());
    for (JsonNode in : t.path("inputs")) {
      List<String> lots = new ArrayList<>();
      in.path("drawn").forEach(d -> lots.add(d.path("lot_id").asText()));
      out.printf(
          "  input  %-14s %s %s from lot %s%n",
          in.path("product_id").asText(),
          in.path("quantity").asText(),
          in.path("unit").asText(),
          String.join(", ", lots));
    }
    for (JsonNode o : t.path("outputs")) {
      String yield = "";
      if (!o.path("yield_min_pct").isNull() && o.has("yield_min_pct")) {
        yield =
            String.format(
                ": yield %s %% of %s kg, band %s-%s %%",
                o.path("yield_pct").asText(),
                o.path("yield_base_kg").asText(),
                o.path("yield_min_pct").asText(),
                o.path("yield_max_pct").asText());
      }
      out.printf(
          "  output %-14s %s %s (%s) into lot %s%s%n",
          o.path("product_id").asText(),
          o.path("quantity").asText(),
          o.path("unit").asText(),
          o.path("role").asText(),
          o.path("lot_id").asText(),
          yield);
    }
    out.printf(
        "  inputs %s kg, outputs %s kg, process loss %s kg (%s %%), certified %s, alerts %d%n",
        t.path("inputs_kg").asText(),
        t.path("outputs_kg").asText(),
        t.path("loss_kg").asText(),
        t.path("loss_pct").asText(),
        t.path("certified").asText(),
        t.path("alerts").size());
    out.printf(
        "Trace back of %s %s (%s %s of %s at %s)%n",
        trace.path("type").asText(),
        trace.path("movement_id").asText(),
        trace.path("quantity").asText(),
        trace.path("unit").asText(),
        trace.path("product_id").asText(),
        trace.path("site_id").asText());
    for (JsonNode lot : trace.path("lots")) {
      out.printf(
          "  lot %s (%s %s) made by transformation %s from%n",
          lot.path("lot_id").asText(),
          lot.path("quantity").asText(),
          trace.path("unit").asText(),
          lot.path("transformation_id").asText("-"));
      for (JsonNode in : lot.path("inputs")) {
        out.printf(
            "    %s lot %s (%s %s): supplier %s lot %s, NOP ID %s, certified at receipt %s%n",
            in.path("product_id").asText(),
            in.path("lot_id").asText(),
            in.path("quantity").asText(),
            in.path("unit").asText(),
            in.path("supplier_id").asText("-"),
            in.path("supplier_lot").asText("-"),
            in.path("supplier_nop_id").asText("-"),
            in.path("certified_at_receipt").asText("-"));
      }
    }
  }

  /** Organic integrity: each UNCERTIFIED_SOURCE (a sale drawing lots not certified at receipt). */
  static void printOrganicIntegrity(PrintWriter out, List<Alert> alerts) {
    out.println();
    out.println("Organic integrity on the way out (sales drawing lots not certified at receipt)");
    printAlerts(out, alerts, "UNCERTIFIED_SOURCE");
  }

  /** Import certificates: the certificate's certified, received and remaining, and its alerts. */
  static void printImportCertificate(PrintWriter out, JsonNode c, List<Alert> alerts) {
    out.println();
    out.printf(
        "Import certificate %s (%s from %s): certified %s %s, received %s %s in %d shipments,"
            + " remaining %s %s%s%n",
        c.path("certificate_number").asText(),
        c.path("product_id").asText(),
        c.path("origin_country").asText(),
        c.path("certified").asText(),
        c.path("unit").asText(),
        c.path("received").asText(),
        c.path("unit").asText(),
        c.path("draws").asLong(),
        c.path("remaining").asText(),
        c.path("unit").asText(),
        c.path("overdrawn").asBoolean() ? " (overdrawn)" : "");
    printAlerts(out, alerts, "IMPORT_CERTIFICATE_");
  }

  /**
   * Period sign-off: each signed month (revision, the start of its snapshot's SHA-256), then the
   * late movement's correction in the next month and its LATE_MOVEMENT.
   */
  static void printSignOff(
      PrintWriter out,
      JsonNode months,
      JsonNode signedLate,
      JsonNode correction,
      List<Alert> alerts) {
    out.println();
    out.printf("Period sign-off of %s %s%n", SITE, SIGNED_MONTH);
    for (JsonNode m : months.path("months")) {
      String sha = m.path("snapshot_sha256").asText("");
      out.printf(
          "  %-14s %s revision %s, snapshot sha256 %s..., signed by %s at %s%n",
          m.path("product_id").asText(),
          m.path("status").asText(),
          m.path("revision").asText(),
          sha.length() > 12 ? sha.substring(0, 12) : sha,
          m.path("signed_by").asText("-"),
          m.path("signed_at").asText("-"));
    }
    out.printf(
        "Late movement %s after the sign-off: %s %s %s stays revision %s; %s (revision %s, %s)"
            + " takes corrections %s %s%n",
        LATE_MOVEMENT,
        SITE,
        LATE_PRODUCT,
        SIGNED_MONTH,
        signedLate.path("revision").asText(),
        CORRECTION_MONTH,
        correction.path("revision").asText(),
        correction.path("status").asText(),
        correction.path("corrections").asText(),
        correction.path("unit").asText());
    printAlerts(
        out,
        alerts.stream().filter(a -> LATE_MOVEMENT.equals(a.getMovementId())).toList(),
        "LATE_MOVEMENT");
  }

  private static void printAlerts(PrintWriter out, List<Alert> alerts, String typePrefix) {
    for (Alert a : alerts) {
      if (a.getType().startsWith(typePrefix)) {
        out.printf(
            "  %-8s %s %s/%s %s %s: %s%n",
            a.getSeverity(),
            a.getType(),
            a.getSiteId(),
            a.getProductId(),
            a.getQuantity(),
            a.getUnit(),
            a.getMessage());
      }
    }
  }

  private static boolean allMonths(JsonNode gathered, Predicate<String> status) {
    JsonNode months = gathered.path("months");
    if (months.isEmpty()) {
      return false;
    }
    for (JsonNode m : months) {
      if (!status.test(m.path("status").asText())) {
        return false;
      }
    }
    return true;
  }

  private static String snapshotPath(String product, String month) {
    return "/api/v1/snapshots/" + SITE + "/" + product + "/" + month;
  }

  /** Asks {@code path} until it answers 200 with a body {@code done} accepts; answers the body. */
  private JsonNode await(String what, String path, Predicate<JsonNode> done)
      throws InterruptedException {
    Instant until = Instant.now().plus(deadline);
    String last = "no answer";
    while (Instant.now().isBefore(until)) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(api + path))
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        last = r.statusCode() + " " + r.body();
        if (r.statusCode() == 200) {
          JsonNode body = JSON.readTree(r.body());
          if (done.test(body)) {
            return body;
          }
        }
      } catch (IOException notYet) {
        last = notYet.toString();
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "the demo waited " + deadline + " for " + what + " (GET " + path + ": " + last + ")");
  }

  private JsonNode post(String path, String body) throws InterruptedException {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(api + path))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException("POST " + path + ": " + r.statusCode() + " " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("POST " + path + ": " + e.getMessage(), e);
    }
  }
}
