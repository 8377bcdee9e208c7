package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.report.InputKind;
import io.tracemine.spark.SharedSpark;
import io.tracemine.testing.IntegrationTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --format parquet} marks its output as generated, so a report over it (given the
 * output or its {@code posts} table as the input) shows question ids without links: before session
 * 29 such a corpus counted as real and its generated ids linked to unrelated Stack Overflow
 * questions.
 */
@IntegrationTest
@ExtendWith(SharedSpark.class)
class GenerateParquetTest {
  private final CliRunner cli = new CliRunner();

  @Test
  void aGeneratedParquetCorpusIsMarkedSynthetic(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("corpus");
    assertThat(
            cli.execute(
                "generate", "--format", "parquet", "--questions", "20", "--out", out.toString()))
        .as(cli.err())
        .isZero();
    assertThat(CliRunner.names(out)).contains("posts", "postlinks", InputKind.GENERATED);
    for (Path input : new Path[] {out, out.resolve("posts")}) {
      assertThat(
              InputKind.synthetic(
                  Map.of("source.type", "parquet", "source.path", input.toString())))
          .as(input.toString())
          .isTrue();
    }
    assertThat(InputKind.synthetic(Map.of("source.type", "parquet", "source.path", dir.toString())))
        .as("the directory above the generated one")
        .isFalse();
  }
}
