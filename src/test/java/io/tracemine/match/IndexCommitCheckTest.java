package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.cli.TraceMine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code match --knowledge <output>} (no Spark) uses only the index its {@code index} stage
 * committed: one missing, replaced or not committed beside the output's manifests is refused with
 * exit 3 and {@code rerun 'index'}; a bare knowledge directory (no manifest at all) is read as
 * before.
 */
class IndexCommitCheckTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int match(Path knowledge, Path dir) throws IOException {
    CommandLine cl = TraceMine.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    Path trace = Files.writeString(dir.resolve("crash.txt"), MatchCliTest.FIT);
    return cl.execute("match", "--knowledge", knowledge.toString(), "--trace", trace.toString());
  }

  /** A manifest of the index stage recording {@code bytes} and {@code digest} for the index. */
  private static void commitIndex(Path out, long bytes, String digest) throws IOException {
    Files.writeString(
        out.resolve("_COMMITTED-index.json"),
        """
        {"stage": "index", "run_id": "r2", "committed_at": "2026-12-05T12:00:00Z",
         "upstream": {"mine": "r1"}, "input": {}, "tables": {"counts/stage=index": 4},
         "partitions": {}, "files": {},
         "output_files": {"match_index/index.tmm": {"bytes": %d, "digest": "%s"}}}
        """
            .formatted(bytes, digest));
  }

  private static void commitMine(Path out) throws IOException {
    commitMine(out, "r1");
  }

  private static void commitMine(Path out, String runId) throws IOException {
    Files.writeString(
        out.resolve("_COMMITTED-mine.json"),
        """
        {"stage": "mine", "run_id": "%s", "committed_at": "2026-12-05T11:00:00Z",
         "upstream": {}, "input": {}, "tables": {}, "partitions": {}, "files": {}}
        """
            .formatted(runId));
  }

  /**
   * An index made from an upstream run that has been replaced since ({@code ingest}, {@code
   * extract} and {@code mine} rerun, {@code index} not) is refused as {@code report} refuses it:
   * before, {@code match} answered with questions the output no longer held, exit 0.
   */
  @Test
  void anIndexMadeFromAnUpstreamRunReplacedSinceIsRefused(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    MatchCliTest.writeKnowledge(out);
    Path index = out.resolve("match_index/index.tmm");
    commitIndex(out, Files.size(index), CommittedIndex.digest(index));
    commitMine(out, "r1");
    assertThat(match(out, dir)).as(err.toString()).isZero();

    commitMine(out, "r9");
    assertThat(match(out, dir)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo(
            "tracemine: Cannot read the match index "
                + index
                + ": it was made from another 'mine' run (r1; the current one is r9); rerun"
                + " 'index'"
                + System.lineSeparator());

    err.getBuffer().setLength(0);
    Files.delete(out.resolve("_COMMITTED-mine.json"));
    assertThat(match(out, dir)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains(
            ": the 'mine' output it was made from is not committed any more (no"
                + " _COMMITTED-mine.json); rerun 'mine' and the stages after it, then 'index'");
  }

  @Test
  void aBareKnowledgeDirectoryWithoutManifestsIsReadAsBefore(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("kb");
    MatchCliTest.writeKnowledge(out);
    assertThat(match(out, dir)).as(err.toString()).isZero();
    assertThat(this.out.toString()).contains("https://stackoverflow.com/q/11");
  }

  /** A report of bare tables commits its page there; that does not make them a run's output. */
  @Test
  void aBareKnowledgeDirectoryWithOnlyAReportCommittedIsReadAsBefore(@TempDir Path dir)
      throws IOException {
    Path out = dir.resolve("kb");
    MatchCliTest.writeKnowledge(out);
    Files.writeString(
        out.resolve("_COMMITTED-report.json"),
        """
        {"stage": "report", "run_id": "r3", "committed_at": "2026-12-05T13:00:00Z",
         "upstream": {}, "input": {}, "tables": {"counts/stage=report": 3},
         "partitions": {}, "files": {}}
        """);
    assertThat(match(out, dir)).as(err.toString()).isZero();
    assertThat(this.out.toString()).contains("https://stackoverflow.com/q/11");
  }

  @Test
  void anIndexBesideAnOutputsManifestsButNotCommittedIsRefused(@TempDir Path dir)
      throws IOException {
    Path out = dir.resolve("out");
    MatchCliTest.writeKnowledge(out);
    commitMine(out); // an output whose index commit was interrupted, or an index copied into it
    assertThat(match(out, dir)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo(
            "tracemine: Cannot read the match index "
                + out.resolve("match_index/index.tmm")
                + ": the 'index' stage has not committed it (no _COMMITTED-index.json:"
                + " interrupted, or copied here); rerun 'index'"
                + System.lineSeparator());
  }

  @Test
  void anIndexMissingOrReplacedSinceItsCommitIsRefused(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    MatchCliTest.writeKnowledge(out);
    commitMine(out);
    Path index = out.resolve("match_index/index.tmm");
    long size = Files.size(index);

    commitIndex(out, size + 1, "header-sha256:00");
    assertThat(match(out, dir)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo(
            "tracemine: Cannot read the match index "
                + index
                + ": it is not the one the 'index' stage committed (replaced or rewritten since: "
                + size
                + " bytes, the manifest records "
                + (size + 1)
                + "); rerun 'index'"
                + System.lineSeparator());

    err.getBuffer().setLength(0);
    commitIndex(out, size, "header-sha256:00"); // the same size, another file
    assertThat(match(out, dir)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo(
            "tracemine: Cannot read the match index "
                + index
                + ": it is not the one the 'index' stage committed (replaced or rewritten since:"
                + " its header's digest differs from the manifest's); rerun 'index'"
                + System.lineSeparator());

    err.getBuffer().setLength(0);
    Files.delete(index);
    assertThat(match(out, dir)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo(
            "tracemine: Cannot read the match index "
                + index
                + ": it is missing, but the 'index' stage committed it (_COMMITTED-index.json);"
                + " rerun 'index'"
                + System.lineSeparator());
  }
}
