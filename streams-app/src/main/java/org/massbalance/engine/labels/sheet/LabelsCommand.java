package org.massbalance.engine.labels.sheet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.massbalance.commandline.ApiOptions;
import org.massbalance.engine.labels.LabelData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code massbalance labels --site S [--product P] --from yyyy-MM-dd --to yyyy-MM-dd --out FILE.pdf
 * [--paper a4|letter] [--client-config FILE] --api URL [--token T]}: a PDF sheet of the labels of
 * the lots received at a site (and product) in a range of site-local dates, read from the engine's
 * API like {@code export lots}: the site's products from its balances, each product's lots page
 * after page, and each lot received in the range's label. Exit 1 with one line when the engine
 * cannot be reached or no lot matches.
 */
@Command(
    name = "labels",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a PDF sheet of lot labels (QR code of the lot's GS1 Digital Link, product, lot,",
      "received date, supplier lot, NOP ID, organic claim, certifier) for the lots received at",
      "a site, of one product or all, between two site-local dates (both included)."
    })
public final class LabelsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--site", required = true, paramLabel = "S", description = "The site.")
  String site;

  @Option(
      names = "--product",
      paramLabel = "P",
      description = "Only this product (default: every product of the site).")
  String product;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "yyyy-MM-dd",
      description = "First receipt date (site-local).")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "yyyy-MM-dd",
      description = "Last receipt date (site-local), included.")
  String to;

  @Option(names = "--out", required = true, paramLabel = "FILE.pdf", description = "The PDF.")
  Path out;

  @Option(
      names = "--paper",
      defaultValue = "a4",
      paramLabel = "a4|letter",
      description = "Paper size (default ${DEFAULT-VALUE}); two columns of four 99 x 67 mm labels.")
  LabelSheetPdf.Paper paper;

  @Option(
      names = "--client-config",
      paramLabel = "FILE",
      description =
          "Properties file with the trust store of an HTTPS API (api.tls.truststore.location,"
              + " .password, .type).")
  Path clientConfig;

  @Mixin ApiOptions.Required api;

  @Override
  public Integer call() {
    LocalDate first = date("--from", from);
    LocalDate last = date("--to", to);
    if (last.isBefore(first)) {
      throw new ParameterException(spec.commandLine(), "--to must not be before --from");
    }
    PrintWriter err = spec.commandLine().getErr();
    try {
      LabelsClient client = new LabelsClient(api.url(), api.token(), apiTls(), err::println);
      client.requireReady();
      List<String> products = product != null ? List.of(product) : client.products(site);
      YearMonth firstMonth = YearMonth.from(first);
      YearMonth lastMonth = YearMonth.from(last);
      List<LabelData> labels = new ArrayList<>();
      for (String p : products) {
        for (LabelsClient.LotEntry l : client.lots(site, p)) {
          if (l.adjustment() || !inMonths(l.receivedPeriod(), firstMonth, lastMonth)) {
            continue;
          }
          LabelData label = client.label(site, p, l.lotId());
          LocalDate on = label.receivedOn();
          if (on != null && !on.isBefore(first) && !on.isAfter(last)) {
            labels.add(label);
          }
        }
      }
      if (labels.isEmpty()) {
        throw new LabelsException(
            "no lot received at "
                + site
                + (product == null ? "" : " of " + product)
                + " from "
                + first
                + " to "
                + last);
      }
      labels.sort(
          Comparator.comparing(LabelData::productId)
              .thenComparing(LabelData::receivedOn)
              .thenComparing(LabelData::lotId));
      write(labels);
      int pages = (labels.size() + LabelSheetPdf.PER_PAGE - 1) / LabelSheetPdf.PER_PAGE;
      long withoutGtin = labels.stream().filter(l -> l.gtin() == null).count();
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.printf(
          "%d labels of %s%s (%s to %s) written to %s (%d %s, %s)%n",
          labels.size(),
          site,
          product == null ? "" : " " + product,
          first,
          last,
          out,
          pages,
          pages == 1 ? "page" : "pages",
          paper);
      if (withoutGtin > 0) {
        stdout.printf(
            "%d of them without a GTIN: their codes open the lot in the dashboard%n", withoutGtin);
      }
      stdout.flush();
      return 0;
    } catch (LabelsException e) {
      err.println("massbalance labels: " + e.getMessage());
      err.flush();
      return 1;
    } catch (IOException e) {
      err.println("massbalance labels: cannot write " + out + ": " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  /** The trust store of {@code --client-config} for an HTTPS API, or null (the JDK's). */
  private javax.net.ssl.SSLContext apiTls() {
    if (clientConfig == null) {
      return null;
    }
    try {
      java.util.Map<String, Object> settings =
          org.massbalance.security.ClientConfigFile.read("--client-config", clientConfig);
      Object location = settings.get("api.tls.truststore.location");
      if (location == null || String.valueOf(location).isBlank()) {
        return null;
      }
      Object type = settings.get("api.tls.truststore.type");
      Object password = settings.get("api.tls.truststore.password");
      return org.massbalance.security.TlsStores.client(
          "api.tls.truststore.location",
          String.valueOf(location),
          type == null ? null : String.valueOf(type),
          password == null ? null : String.valueOf(password));
    } catch (IllegalArgumentException e) {
      throw new LabelsException(e.getMessage(), e);
    }
  }

  /** Writes the sheet beside {@code --out}, then moves it there: never half a file. */
  private void write(List<LabelData> labels) throws IOException {
    Path target = out.toAbsolutePath();
    Path tmp = Files.createTempFile(target.getParent(), ".labels-", ".pdf");
    try {
      try (OutputStream o = Files.newOutputStream(tmp)) {
        LabelSheetPdf.write(labels, paper, o);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static boolean inMonths(String period, YearMonth first, YearMonth last) {
    try {
      YearMonth m = YearMonth.parse(period);
      return !m.isBefore(first) && !m.isAfter(last);
    } catch (DateTimeParseException e) {
      return true; // no period given: let the label's date decide
    }
  }

  private LocalDate date(String option, String value) {
    try {
      if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
        throw new DateTimeParseException("", value, 0);
      }
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(), option + " must be yyyy-MM-dd, got '" + value + "'");
    }
  }
}
