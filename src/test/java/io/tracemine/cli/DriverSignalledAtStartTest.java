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
}
