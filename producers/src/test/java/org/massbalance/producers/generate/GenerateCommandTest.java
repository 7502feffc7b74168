package org.massbalance.producers.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = GenerateCommand.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @Test
  void writes_movements_and_reference_csv_files(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("w.csv");
    int code =
        run(
            "--seed",
            "3",
            "--sites",
            "5",
            "--keys",
            "40",
            "--movements",
            "1000",
            "--to",
            "csv",
            "--out",
            file.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("generated 1000 movements");
    assertThat(Files.readAllLines(file)).hasSize(1001);
    assertThat(Files.readAllLines(dir.resolve("w-sites.csv"))).hasSize(6);
    assertThat(Files.readAllLines(dir.resolve("w-products.csv"))).hasSize(51); // at least 50
    assertThat(Files.exists(dir.resolve("w-certificates.csv"))).isTrue();
  }

  @Test
  void writes_transformations_and_yields_beside_the_movements_at_a_share(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("w.csv");
    int code =
        run(
            "--seed",
            "3",
            "--sites",
            "5",
            "--keys",
            "40",
            "--movements",
            "2000",
            "--transformation-share",
            "0.1",
            "--to",
            "csv",
            "--out",
            file.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .containsPattern(
            "generated 1[89][0-9]{2} movements \\([0-9]+ faulty\\) and [12][0-9]{2} transformations"
                + " \\([0-9]+ with a process gain, [0-9]+ yield bands\\) over 40 keys");
    assertThat(Files.readAllLines(dir.resolve("w-transformations.csv")).size()).isGreaterThan(200);
    assertThat(Files.readAllLines(dir.resolve("w-yields.csv")).size()).isGreaterThan(10);
    if (System.getProperty("generate.sample") != null) {
      Files.copy(
          dir.resolve("w-transformations.csv"), Path.of(System.getProperty("generate.sample")));
    }

    assertThat(run("--transformation-share", "1.5", "--to", "csv", "--out", file.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("transformation share must be within 0..1");
  }

  @Test
  void writes_no_transformation_files_without_a_share(@TempDir Path dir) {
    Path file = dir.resolve("w.csv");
    assertThat(run("--sites", "5", "--keys", "40", "--movements", "100", "--out", file.toString()))
        .isZero();
    assertThat(out.toString())
        .contains("generated 100 movements")
        .doesNotContain("transformations");
    assertThat(Files.exists(dir.resolve("w-transformations.csv"))).isFalse();
    assertThat(Files.exists(dir.resolve("w-yields.csv"))).isFalse();
  }

  @Test
  void usage_errors_exit_with_two() {
    assertThat(run("--to", "csv")).isEqualTo(2);
    assertThat(run("--to", "kafka", "--bootstrap", "x:1")).isEqualTo(2);
    assertThat(run("--to", "ftp", "--out", "x.csv")).isEqualTo(2);
    assertThat(run("--sites", "2", "--products", "2", "--keys", "5", "--out", "x.csv"))
        .isEqualTo(2);
  }
}
