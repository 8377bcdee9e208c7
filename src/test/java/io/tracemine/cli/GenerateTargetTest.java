package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.LocalOutputLock;
import io.tracemine.spark.OutputLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code generate} keeps its corpus out of a pipeline's output and locks its directory as the
 * stages lock theirs (docs/RELIABILITY.md, "Hostile cases, session 34").
 */
class GenerateTargetTest {
  @TempDir Path dir;
  private final StringWriter err = new StringWriter();

  private int generate(String... more) {
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    String[] args = new String[3 + more.length];
    args[0] = "generate";
    args[1] = "--questions";
    args[2] = "3";
    System.arraycopy(more, 0, args, 3, more.length);
    return cl.execute(args);
  }

  @Test
  void aPipelineOutputIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path output = Files.createDirectories(dir.resolve("run"));
    Files.writeString(output.resolve("_COMMITTED-ingest.json"), "{}");
    for (String format : new String[] {"xml", "parquet"}) {
      assertThat(generate("--format", format, "--out", output.toString())).isEqualTo(2);
      assertThat(err.toString())
          .contains("Cannot write the corpus to '" + output + "': it is a TraceMine output")
          .contains("_COMMITTED-ingest.json");
    }
    assertThat(output.resolve("Posts.xml")).doesNotExist();
    assertThat(output.resolve("posts")).doesNotExist();

    Path inside = output.resolve("posts");
    assertThat(generate("--out", inside.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is inside the TraceMine output '" + output + "'");
    assertThat(inside).doesNotExist();
  }

  @Test
  void aCorpusDirectoryLockedByALiveRunIsRefusedAndAStaleLockTakenOver() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      OutputLock.Holder self = LocalOutputLock.self("r1", "generate");
      lockFile(corpus, new OutputLock.Holder("r1", self.host(), other.pid(), "t", "generate"));
      assertThat(generate("--out", corpus.toString())).isEqualTo(4);
      assertThat(err.toString()).contains("locked by run r1 (generate, pid " + other.pid());
      assertThat(corpus.resolve("Posts.xml")).doesNotExist();
    } finally {
      other.destroy();
      other.waitFor(10, TimeUnit.SECONDS);
    }
    // the same lock, its process gone: taken over, and released at the end
    assertThat(generate("--out", corpus.toString())).as(err.toString()).isZero();
    assertThat(corpus.resolve("Posts.xml")).isRegularFile();
    assertThat(corpus.resolve(OutputLock.FILE)).doesNotExist();
  }

  @Test
  void aDumpGenerateDidNotWriteIsRefusedAndKept() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("dump"));
    Files.writeString(corpus.resolve("Posts.xml.gz"), "a real dump");
    assertThat(generate("--out", corpus.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "Cannot generate a corpus in '"
                + corpus
                + "': its Posts.xml.gz was not written by generate (there is no runs.jsonl beside"
                + " it) and would be overwritten");
    assertThat(corpus.resolve("Posts.xml.gz")).hasContent("a real dump");
    try (var entries = Files.list(corpus)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("Posts.xml.gz");
    }
  }

  @Test
  void aNewCorpusReplacesEveryFileOfTheEarlierOne() throws Exception {
    Path corpus = dir.resolve("corpus");
    assertThat(generate("--out", corpus.toString(), "--gzip", "--duplicates", "0.5"))
        .as(err.toString())
        .isZero();
    assertThat(corpus.resolve("Posts.xml.gz")).isRegularFile();
    assertThat(corpus.resolve("PostLinks.xml.gz")).isRegularFile();

    assertThat(generate("--out", corpus.toString(), "--duplicates", "0"))
        .as(err.toString())
        .isZero();
    try (var entries = Files.list(corpus)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("Posts.xml", "planted.jsonl", "runs.jsonl");
    }
  }

  private static void lockFile(Path dir, OutputLock.Holder holder) throws Exception {
    Files.writeString(
        dir.resolve(OutputLock.FILE),
        "{\"run_id\":\""
            + holder.runId()
            + "\",\"host\":\""
            + holder.host()
            + "\",\"pid\":"
            + holder.pid()
            + ",\"started_at\":\"t\",\"command\":\"generate\"}");
  }
}
