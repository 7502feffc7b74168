package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massbalance.cli.MassBalanceCli;
import picocli.CommandLine;

/**
 * {@code massbalance demo --once} on free ports prints the contract's figures and alerts: the
 * almonds month and the second site's OVERSELL and VARIANCE_EXCEEDED; processing (the cracking's
 * yield in its band, its loss, a kernels sale traced through it to the supplier's NOP ID);
 * UNCERTIFIED_SOURCE for a sale drawing a lot received without a NOP ID;
 * IMPORT_CERTIFICATE_OVERDRAWN for the second shipment under one certificate; a signed month and a
 * late movement's correction in the next.
 */
class DemoCommandIT {

  @Test
  void demoOncePrintsBalancesAndAlertsAndExitsZero() {
    CommandLine cmd = MassBalanceCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));

    int exit =
        cmd.execute(
            "demo", "--once", "--kafka-port", "0", "--registry-port", "0", "--api-port", "0");

    String printed = out.toString();
    assertThat(exit).as("exit code; stdout:%n%s%nstderr:%n%s", printed, err).isZero();
    String almonds = String.join(" ", row(printed, "FRESNO", "ALMONDS"));
    assertThat(row(printed, "FRESNO", "ALMONDS"))
        .as(almonds)
        .startsWith("FRESNO", "ALMONDS", "715", "lb", "715", "lb", "720", "lb", "-5", "lb");
    assertThat(almonds).contains("-5 lb (-0.69 %)");
    assertThat(printed).contains("Alerts (6, read back from mass-balance-alerts)");
    List<String> alerts = section(printed, "Alerts (");
    assertThat(alerts.subList(1, alerts.size()).stream().map(l -> typeAndKey(l)))
        .as(printed)
        .containsExactlyInAnyOrder(
            "OVERSELL OAKLAND/WALNUTS",
            "VARIANCE_EXCEEDED OAKLAND/PECANS",
            // the receipt without a NOP ID, then the sale drawing its lot
            "SUPPLIER_CERTIFICATE_MISSING OAKLAND/ALMOND_KERNELS",
            "UNCERTIFIED_SOURCE OAKLAND/ALMOND_KERNELS",
            "IMPORT_CERTIFICATE_OVERDRAWN FRESNO/PECANS",
            // the movement dated in the signed month
            "LATE_MOVEMENT FRESNO/ALMOND_SHELLS");
    // a signed month never changes the book: 370 kg of shells made, 300 kg sold
    assertThat(row(printed, "FRESNO", "ALMOND_SHELLS")).startsWith("FRESNO", "ALMOND_SHELLS", "70");

    // processing: 1000 kg of in-shell almonds into 620 kg of kernels (MAIN) and 370 kg of shells
    List<String> processing = section(printed, "Processing at FRESNO: transformation");
    assertThat(processing.get(0)).contains("CRACK-20251110").contains("DONE");
    assertThat(processing)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("output ALMOND_KERNELS 620 kg (MAIN)")
                    // yield = MAIN output / inputs, within the yields band
                    .endsWith("yield 62 % of 1000 kg, band 55-70 %"))
        .anySatisfy(l -> assertThat(l).contains("ALMOND_SHELLS").contains("(BYPRODUCT)"))
        // loss = inputs - outputs; certified: every organic input from certified lots
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("inputs 1000 kg, outputs 990 kg, process loss 10 kg")
                    .contains("certified true, alerts 0"));
    // the kernels sale's trace crosses the transformation down to the supplier's NOP ID
    assertThat(processing)
        .anySatisfy(
            l -> assertThat(l).startsWith("Trace back of SALE p-002").contains("ALMOND_KERNELS"))
        .anySatisfy(l -> assertThat(l).contains("made by transformation CRACK-20251110 from"))
        .anySatisfy(
            l ->
                assertThat(l.trim())
                    .startsWith("ALMOND_INSHELL lot INS-20251103-001")
                    .contains("supplier VNG")
                    .contains("NOP ID 8150000016, certified at receipt true"));

    // organic integrity: the sale's quantity drawn from the lot not certified at receipt
    List<String> integrity = section(printed, "Organic integrity on the way out");
    assertThat(integrity.subList(1, integrity.size()))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains("CRITICAL UNCERTIFIED_SOURCE OAKLAND/ALMOND_KERNELS 200 kg")
                    .contains("certificate missing"));

    // import certificate: 600 kg then 500 kg against 1000 kg certified
    List<String> imports = section(printed, "Import certificate 484-4840000012-000031");
    assertThat(imports.get(0))
        .contains("certified 1000 kg, received 1100 kg in 2 shipments, remaining -100 kg")
        .endsWith("(overdrawn)");
    assertThat(imports.subList(1, imports.size()))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains("CRITICAL IMPORT_CERTIFICATE_OVERDRAWN FRESNO/PECANS 100 kg")
                    .contains("RECEIPT i-002"));

    // sign-off: every product's closed November at FRESNO, with its snapshot's SHA-256
    List<String> signOff = section(printed, "Period sign-off of FRESNO 2025-11");
    assertThat(signOff.stream().filter(l -> l.contains(" SIGNED revision ")))
        .hasSize(5)
        .allSatisfy(
            l ->
                assertThat(l)
                    .containsPattern(
                        "SIGNED revision 1, snapshot sha256 [0-9a-f]{12}\\.\\.\\., signed by demo"
                            + " reviewer at 2025-12-05T"));
    // the late movement: November stays, the open December takes the correction
    assertThat(signOff)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("Late movement p-003 after the sign-off")
                    .contains("FRESNO ALMOND_SHELLS 2025-11 stays revision 1")
                    .contains("2025-12")
                    .endsWith("takes corrections -300 kg"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("LATE_MOVEMENT FRESNO/ALMOND_SHELLS 300 kg")
                    .contains("signed period 2025-11")
                    .contains("correction into 2025-12"));
    // the label of the almonds on hand and the GS1 Digital Link its code holds
    assertThat(printed)
        .containsPattern(
            "Label of lot ALM-20251120-001 \\(while the demo runs\\): http://\\S+"
                + "/api/v1/lots/FRESNO/ALMONDS/ALM-20251120-001/label\\.svg")
        .containsPattern(
            "its QR code holds the lot's GS1 Digital Link: http://\\S+"
                + "/01/00614141123452/10/ALM-20251120-001");
  }

  /** An alert line's type and site/product. */
  private static String typeAndKey(String line) {
    String[] words = line.trim().split("\\s+");
    return words[1] + " " + words[2];
  }

  /** The balance row of site and product, split on blanks. */
  private static List<String> row(String printed, String site, String product) {
    return printed
        .lines()
        .map(l -> List.of(l.trim().split("\\s+")))
        .filter(w -> w.size() > 2 && w.get(0).equals(site) && w.get(1).equals(product))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + site + " " + product + " row in:\n" + printed));
  }

  /** The line starting with {@code heading} and those after it up to the next blank line. */
  private static List<String> section(String printed, String heading) {
    List<String> lines = printed.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(heading)) {
        List<String> out = new ArrayList<>();
        for (int j = i; j < lines.size() && !lines.get(j).isBlank(); j++) {
          out.add(lines.get(j));
        }
        return out;
      }
    }
    throw new AssertionError("no section " + heading + " in:\n" + printed);
  }
}
