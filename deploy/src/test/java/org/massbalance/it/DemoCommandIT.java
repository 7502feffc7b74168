package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.massbalance.cli.MassBalanceCli;
import picocli.CommandLine;

/** {@code massbalance demo --once} on free ports prints the contract's figures and both alerts. */
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
    String almonds =
        printed
            .lines()
            .filter(l -> l.trim().startsWith("FRESNO") && l.contains("ALMONDS"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no FRESNO ALMONDS line in:\n" + printed));
    assertThat(almonds.trim().split("\\s+"))
        .as(almonds)
        .startsWith("FRESNO", "ALMONDS", "715", "lb", "715", "lb", "720", "lb", "-5", "lb");
    assertThat(almonds).contains("-5 lb (-0.69 %)");
    assertThat(printed).contains("Alerts (2, read back from mass-balance-alerts)");
    assertThat(printed.lines().filter(l -> l.contains("OVERSELL") && l.contains("OAKLAND/WALNUTS")))
        .as(printed)
        .hasSize(1);
    assertThat(
            printed
                .lines()
                .filter(l -> l.contains("VARIANCE_EXCEEDED") && l.contains("OAKLAND/PECANS")))
        .as(printed)
        .hasSize(1);
    // the label of the almonds on hand and the GS1 Digital Link its code holds
    assertThat(printed)
        .containsPattern(
            "Label of lot ALM-20251120-001 \\(while the demo runs\\): http://\\S+"
                + "/api/v1/lots/FRESNO/ALMONDS/ALM-20251120-001/label\\.svg")
        .containsPattern(
            "its QR code holds the lot's GS1 Digital Link: http://\\S+"
                + "/01/00614141123452/10/ALM-20251120-001");
  }
}
