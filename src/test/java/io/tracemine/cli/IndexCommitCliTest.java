package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracemine.match.MatchCliTest;
import io.tracemine.spark.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The match index is tied to the index stage's commit: the manifest records its size and digest,
 * and {@code report}, {@code match --trace} and batch {@code match --input} refuse (exit 3, {@code
 * rerun 'index'}) an index that is missing, replaced or not committed; an output whose index stage
 * never ran gets the report without its search box, as before.
 */
@ExtendWith(SharedSpark.class)
class IndexCommitCliTest {
  private static final String INPUT =
      Path.of("src/test/resources/ingest/Posts-small.xml").toString();
  private StringWriter err = new StringWriter();

  private int execute(String... args) {
    err = new StringWriter();
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--quiet");
    return cl.execute(all.toArray(String[]::new));
  }

  private String refusal(Path index, String why) {
    return "tracemine: Cannot read the match index " + index + ": " + why + System.lineSeparator();
  }

  /** report, match of one trace, batch match: each refuses with {@code expected} (one line). */
  private void everyReaderRefuses(Path out, Path dir, String expected) throws Exception {
    assertThat(execute("report", "--output", out.toString())).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(err.toString()).as("report").isEqualTo(expected);
    assertThat(match(out, dir)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(err.toString()).as("match --trace").isEqualTo(expected);
    Path texts = Files.writeString(dir.resolve("texts.jsonl"), "{\"text\": \"ValueError: x\"}\n");
    assertThat(
            execute(
                "match",
                "--input",
                texts.toString(),
                "--knowledge",
                out.toString(),
                "--output",
                dir.resolve("batch").toString()))
        .isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(err.toString()).as("match --input").isEqualTo(expected);
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private int match(Path out, Path dir) throws Exception {
    Path trace = Files.writeString(dir.resolve("crash.txt"), MatchCliTest.FIT);
    return execute("match", "--knowledge", out.toString(), "--trace", trace.toString());
  }

  @Test
  void readersRefuseAnIndexThatIsNotTheCommittedOne(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    Path index = out.resolve("match_index/index.tmm");
    assertThat(execute("run", "--output", out.toString(), "--source", "xml", "--input", INPUT))
        .as(err.toString())
        .isZero();
    long committedSize = Files.size(index);

    // another output's (valid) index copied over the committed one
    Path other = dir.resolve("other");
    MatchCliTest.writeKnowledge(other);
    Files.copy(other.resolve("match_index/index.tmm"), index, StandardCopyOption.REPLACE_EXISTING);
    everyReaderRefuses(
        out,
        dir,
        refusal(
            index,
            "it is not the one the 'index' stage committed (replaced or rewritten since: "
                + Files.size(index)
                + " bytes, the manifest records "
                + committedSize
                + "); rerun 'index'"));

    // the committed index deleted
    deleteTree(out.resolve("match_index"));
    everyReaderRefuses(
        out,
        dir,
        refusal(
            index,
            "it is missing, but the 'index' stage committed it (_COMMITTED-index.json);"
                + " rerun 'index'"));

    assertThat(execute("index", "--output", out.toString())).as(err.toString()).isZero();
    JsonNode recorded =
        new ObjectMapper()
            .readTree(out.resolve("_COMMITTED-index.json").toFile())
            .path("output_files")
            .path("match_index/index.tmm");
    assertThat(recorded.path("bytes").asLong()).isEqualTo(Files.size(index));
    assertThat(recorded.path("digest").asText()).matches("header-sha256:[0-9a-f]{64}");
    assertThat(CliRunner.names(out.resolve("match_index"))).containsExactly("index.tmm");

    assertThat(execute("report", "--output", out.toString())).as(err.toString()).isZero();
    assertThat(match(out, dir)).as(err.toString()).isZero();

    // an index without its manifest: a commit interrupted after its renames
    Files.delete(out.resolve("_COMMITTED-index.json"));
    everyReaderRefuses(
        out,
        dir,
        refusal(
            index,
            "the 'index' stage has not committed it (no _COMMITTED-index.json: interrupted, or"
                + " copied here); rerun 'index'"));

    // no index stage ever: the report says how to build one, as before
    deleteTree(out.resolve("match_index"));
    deleteTree(out.resolve("counts/stage=index"));
    if (Files.exists(out.resolve("rejects/stage=index"))) {
      deleteTree(out.resolve("rejects/stage=index"));
    }
    assertThat(execute("report", "--output", out.toString())).as(err.toString()).isZero();
    assertThat(Files.readString(out.resolve("report/index.html")))
        .contains("This run has no match index");
  }
}
