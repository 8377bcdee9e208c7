package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A driver ended by SIGTERM in its first seconds, while it reads its settings or while Spark starts
 * (the output already locked): one line saying that no table was changed, and no lock left. The
 * command sends itself the signal at that point ({@code TRACEMINE_FAULT_SIGNAL_AT}).
 */
@IntegrationTest
class DriverSignalledAtStartTest {
  @ParameterizedTest
  @ValueSource(strings = {Invocation.SIGNAL_AT_SETTINGS, Invocation.SIGNAL_AT_SPARK_START})
  void aSignalBeforeTheFirstStageSaysNothingWasChanged(String point, @TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out");
    Path log = dir.resolve("signalled.err");
    ProcessBuilder submit =
        new ProcessBuilder("./submit.sh", "mine", "--output", out.toString())
            .redirectError(log.toFile())
            .redirectOutput(dir.resolve("signalled.out").toFile());
    submit.environment().put(Invocation.SIGNAL_AT, point);
    Process driver = submit.start();
    assertThat(driver.waitFor(5, TimeUnit.MINUTES)).as("signalled driver ended").isTrue();
    String stderr = Files.readString(log);
    assertThat(driver.exitValue()).as(stderr).isEqualTo(143);
    List<String> said = stderr.lines().filter(l -> l.startsWith("tracemine: ")).toList();
    assertThat(said)
        .as(stderr)
        .containsExactly(
            "tracemine: mine interrupted by a signal before its first stage; no table was"
                + " changed; rerun the command to finish");
    assertThat(stderr)
        .as("no Spark error or stack trace after the signal")
        .doesNotContain(" ERROR ")
        .doesNotContain("\tat ");
    if (Files.exists(out)) {
      try (Stream<Path> files = Files.list(out)) {
        assertThat(files.map(p -> p.getFileName().toString()).toList())
            .as("the lock is released")
            .doesNotContain("_LOCK.json");
      }
    }
  }

  /**
   * With {@code --json}, a signal still gives one JSON document on stdout (before session 24:
   * none), saying which signal, where, what was committed and the lock, with the exit code the
   * process has without {@code --json}.
   */
  @ParameterizedTest
  @ValueSource(strings = {Invocation.SIGNAL_AT_SETTINGS, Invocation.SIGNAL_AT_SPARK_START})
  void withJsonASignalPrintsOneDocumentSayingSo(String point, @TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    Path log = dir.resolve("signalled.err");
    Path stdout = dir.resolve("signalled.out");
    ProcessBuilder submit =
        new ProcessBuilder("./submit.sh", "mine", "--output", out.toString(), "--json")
            .redirectError(log.toFile())
            .redirectOutput(stdout.toFile());
    submit.environment().put(Invocation.SIGNAL_AT, point);
    Process driver = submit.start();
    assertThat(driver.waitFor(5, TimeUnit.MINUTES)).as("signalled driver ended").isTrue();
    String stderr = Files.readString(log);
    assertThat(driver.exitValue()).as(stderr).isEqualTo(143);

    List<String> lines = Files.readAllLines(stdout);
    assertThat(lines).as(stderr).hasSize(1);
    var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(0));
    assertThat(doc.get("command").asText()).isEqualTo("mine");
    assertThat(doc.get("status").asText()).isEqualTo("interrupted");
    assertThat(doc.get("exit_code").asInt()).isEqualTo(143);
    assertThat(doc.get("error").asText())
        .isEqualTo(
            "mine interrupted by a signal before its first stage; no table was changed; rerun the"
                + " command to finish");
    var interrupted = doc.get("interrupted");
    assertThat(interrupted.get("signal").asText()).isEqualTo("TERM");
    assertThat(interrupted.get("stage").isNull()).isTrue();
    assertThat(interrupted.get("stage_committed").asBoolean()).isFalse();
    assertThat(interrupted.get("lock").asText())
        .isEqualTo(point.equals(Invocation.SIGNAL_AT_SETTINGS) ? "not taken" : "released");
    assertThat(doc.get("stages")).isEmpty();
    assertThat(stderr.lines().filter(l -> l.startsWith("tracemine: ")).toList())
        .as(stderr)
        .containsExactly("tracemine: " + doc.get("error").asText());
  }
}
