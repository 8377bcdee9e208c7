package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.match.KnowledgeIndex;
import io.tracemine.spark.SharedSpark;
import io.tracemine.testing.IntegrationTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code index} rerun alone (as Airflow does) records for {@code match} the frame-repeat limit the
 * traces were extracted with, not its own configuration's: a paste must be collapsed as the stored
 * traces were.
 */
@IntegrationTest
@ExtendWith(SharedSpark.class)
class IndexRecordsExtractSettingTest {
  private final CliRunner cli = new CliRunner();

  @Test
  void theIndexRecordsTheLimitExtractRanWith(@TempDir Path dir) {
    String out = dir.resolve("out").toString();
    assertThat(cli.ingestSmallPosts(Path.of(out))).as(cli.err()).isZero();
    assertThat(
            cli.execute(
                "extract", "--output", out, "--quiet", "--set", "extract.max-frame-repeats=5"))
        .as(cli.err())
        .isZero();
    assertThat(cli.execute("mine", "--output", out, "--quiet")).as(cli.err()).isZero();
    assertThat(cli.execute("index", "--output", out, "--quiet")).as(cli.err()).isZero();

    KnowledgeIndex index = KnowledgeIndex.open(Path.of(out, "match_index", "index.tmm"));
    assertThat(index.maxFrameRepeats()).as("extract's 5, not the default 3").isEqualTo(5);
  }
}
