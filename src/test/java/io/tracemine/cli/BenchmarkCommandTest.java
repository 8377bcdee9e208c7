package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code benchmark}: bad options fail with exit 2 before Spark starts. */
class BenchmarkCommandTest {
  @TempDir Path dir;
  private final StringWriter err = new StringWriter();

  private int benchmark(String... args) {
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "benchmark";
    System.arraycopy(args, 0, all, 1, args.length);
    return cl.execute(all);
  }

  @Test
  void aWorkDirectoryThatIsAFileIsRefusedBeforeAnyWork() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
    assertThat(benchmark("--traces", "10", "--questions", "0", "--work", file.toString()))
        .isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(err.toString())
        .isEqualTo(
            "tracemine: Cannot benchmark: '--work' "
                + file
                + " is a file; give a directory"
                + System.lineSeparator());
    assertThat(file).hasContent("mine");
  }

  @Test
  void aWorkDirectoryUnderAFileCannotBeCreated() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
    Path below = file.resolve("bench");
    assertThat(benchmark("--work", below.toString())).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(err.toString())
        .startsWith("tracemine: Cannot benchmark: cannot create '--work' " + below);
  }

  @Test
  void negativeSizesAreRefused() {
    assertThat(benchmark("--traces", "-5", "--work", dir.toString()))
        .isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(err.toString()).contains("'--traces' has -5 but must be >= 0");
  }
}
