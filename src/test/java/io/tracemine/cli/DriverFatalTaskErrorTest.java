package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.SharedSpark;
import io.tracemine.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that runs out of heap makes Spark end the driver's JVM (exit 52) from inside the stage.
 * Before session 29 that shutdown was reported as "interrupted by a signal" with status {@code
 * interrupted}, no signal and no exit code; now it is a failure naming the error, its remedy and
 * the stage whose tables were not committed, with Spark's exit code. The task's error is injected
 * ({@code TRACEMINE_FAULT_FATAL_IN_STAGE}): a real {@code OutOfMemoryError} thrown in a task.
 */
@IntegrationTest
@ExtendWith(SharedSpark.class)
class DriverFatalTaskErrorTest {
  private final CliRunner cli = new CliRunner();

  @Test
  void aTaskOutOfMemoryFailsTheStageWithSparksExitCodeAndTheRerunFinishes(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out");
    cli.ingestAndExtractSmallPosts(out);
    String committedBefore = CliRunner.runIdOf(out, "extract");

    Path stderrFile = dir.resolve("fatal.err");
    Path stdoutFile = dir.resolve("fatal.out");
    ProcessBuilder submit =
        new ProcessBuilder("./submit.sh", "extract", "--output", out.toString(), "--json")
            .redirectError(stderrFile.toFile())
            .redirectOutput(stdoutFile.toFile());
    submit.environment().put(Invocation.FATAL_IN_STAGE, "extract");
    Process driver = submit.start();
    assertThat(driver.waitFor(5, TimeUnit.MINUTES)).as("driver ended").isTrue();
    String stderr = Files.readString(stderrFile);
    assertThat(driver.exitValue()).as(stderr).isEqualTo(FatalTaskErrors.EXIT_OOM);

    String expected =
        "extract failed: a Spark task hit a fatal error, which ends the JVM"
            + " (java.lang.OutOfMemoryError: Java heap space (TRACEMINE_FAULT_FATAL_IN_STAGE))"
            + " during [1/1] extract; its tables were not committed (the previous ones stand; the"
            + " next run removes its staging); give the driver more memory (--driver-memory; on a"
            + " cluster, --executor-memory) and rerun";
    assertThat(stderr.lines().filter(l -> l.startsWith("tracemine: ")).toList())
        .as(stderr)
        .containsExactly("tracemine: " + expected);
    assertThat(stderr)
        .as("one line instead of Spark's log of the error and its stack trace")
        .doesNotContain(" ERROR ")
        .doesNotContain("\tat ");

    List<String> lines = Files.readAllLines(stdoutFile);
    assertThat(lines).as(stderr).hasSize(1);
    var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(0));
    assertThat(doc.get("status").asText()).isEqualTo("failed");
    assertThat(doc.get("exit_code").asInt()).isEqualTo(FatalTaskErrors.EXIT_OOM);
    assertThat(doc.get("error").asText()).isEqualTo(expected);
    var ended = doc.get("interrupted");
    assertThat(ended.get("signal").isNull()).isTrue();
    assertThat(ended.get("fatal_error").asText())
        .isEqualTo("java.lang.OutOfMemoryError: Java heap space (TRACEMINE_FAULT_FATAL_IN_STAGE)");
    assertThat(ended.get("stage").asText()).isEqualTo("extract");
    assertThat(ended.get("stage_committed").asBoolean()).isFalse();
    assertThat(ended.get("lock").asText()).isEqualTo("released");

    assertThat(CliRunner.runIdOf(out, "extract"))
        .as("the failed stage committed nothing")
        .isEqualTo(committedBefore);
    cli.rerunLeavesNoStagingOrLock(out, "extract");
  }
}
