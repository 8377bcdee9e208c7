package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.SharedSpark;
import io.tracemine.testing.IntegrationTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver ended by SIGTERM (Ctrl-C, {@code kill}, an Airflow timeout) while a stage runs: one line
 * saying where it stopped and whether the stage committed, no Spark errors or stack traces, the
 * manifest agreeing with that line, and a rerun that finishes cleanly.
 */
@IntegrationTest
@ExtendWith(SharedSpark.class)
class DriverSignalledTest {
  private final CliRunner cli = new CliRunner();

  @Test
  void aSignalledStageSaysWhereItStoppedAndTheRerunFinishes(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    cli.ingestAndExtractSmallPosts(out);
    String committedBefore = CliRunner.runIdOf(out, "extract");

    Path log = dir.resolve("signalled-extract.err");
    Process driver =
        new ProcessBuilder("./submit.sh", "extract", "--output", out.toString())
            .redirectError(log.toFile())
            .start();
    try (var lines =
        new BufferedReader(
            new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null && !line.startsWith("[1/1] extract:")) {
        // the stage has not begun
      }
      assertThat(line).as("extract began; stderr: %s", Files.readString(log)).isNotNull();
      driver.destroy(); // SIGTERM to the JVM: submit.sh execs it
    }
    assertThat(driver.waitFor(5, TimeUnit.MINUTES)).as("signalled driver ended").isTrue();
    String stderr = Files.readString(log);
    assertThat(driver.exitValue()).as(stderr).isEqualTo(143);

    List<String> said = stderr.lines().filter(l -> l.startsWith("tracemine: ")).toList();
    assertThat(said).as(stderr).hasSize(1);
    assertThat(stderr)
        .as("no Spark error or stack trace after the signal")
        .doesNotContain(" ERROR ")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
    boolean committed = !CliRunner.runIdOf(out, "extract").equals(committedBefore);
    assertThat(said.get(0))
        .startsWith("tracemine: extract interrupted by a signal ")
        .contains(
            committed
                ? "after [1/1] extract committed its tables"
                : "during [1/1] extract; its tables were not committed");

    cli.rerunLeavesNoStagingOrLock(out, "extract");
    assertThat(cli.execute("mine", "--output", out.toString(), "--quiet")).as(cli.err()).isZero();
  }
}
