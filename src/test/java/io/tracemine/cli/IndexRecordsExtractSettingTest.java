package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.match.KnowledgeIndex;
import io.tracemine.spark.SharedSpark;
import io.tracemine.testing.IntegrationTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code index} rerun alone (as Airflow does) records for {@code match} the frame-repeat limit the
 * traces were extracted with, not its own configuration's: a paste must be collapsed as the stored
 * traces were.
 */
@IntegrationTest
@ExtendWith(SharedSpark.class)
class IndexRecordsExtractSettingTest {
  private static final String INPUT =
      Path.of("src/test/resources/ingest/Posts-small.xml").toString();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    return cl.execute(args);
  }

  @Test
  void theIndexRecordsTheLimitExtractRanWith(@TempDir Path dir) {
    String out = dir.resolve("out").toString();
    assertThat(execute("ingest", "--source", "xml", "--input", INPUT, "--output", out, "--quiet"))
        .as(err.toString())
        .isZero();
    assertThat(
            execute("extract", "--output", out, "--quiet", "--set", "extract.max-frame-repeats=5"))
        .as(err.toString())
        .isZero();
    assertThat(execute("mine", "--output", out, "--quiet")).as(err.toString()).isZero();
    assertThat(execute("index", "--output", out, "--quiet")).as(err.toString()).isZero();

    KnowledgeIndex index = KnowledgeIndex.open(Path.of(out, "match_index", "index.tmm"));
    assertThat(index.maxFrameRepeats()).as("extract's 5, not the default 3").isEqualTo(5);
  }
}
