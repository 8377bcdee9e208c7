package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracemine.cli.TraceMine;
import io.tracemine.spark.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code match --input}: a table of texts in, the {@code matches} table out, nothing lost. */
@ExtendWith(SharedSpark.class)
class BatchMatchTest {
  @TempDir Path dir;

  private int match(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    if (code != 0) {
      System.err.println(err);
    }
    return code;
  }

  /**
   * {@code match} of the {@code log} texts of {@code input}, identified by {@code job}, quietly.
   */
  private int matchJobs(Path input, Path knowledge, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "match",
                "--input",
                input.toString(),
                "--text-column",
                "log",
                "--id-column",
                "job",
                "--knowledge",
                knowledge.toString(),
                "--output",
                out.toString(),
                "--quiet"));
    args.addAll(List.of(more));
    return match(args.toArray(String[]::new));
  }

  private Path jsonLines(List<Map<String, Object>> rows) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      lines.add(json.writeValueAsString(r));
    }
    return Files.write(dir.resolve("ci.jsonl"), lines);
  }

  private static Map<String, Object> row(String id, String text) {
    Map<String, Object> m = new HashMap<>();
    m.put("job", id);
    m.put("log", text);
    return m;
  }

  @Test
  void everyRowIsAnsweredOrQuarantined() throws IOException {
    Path knowledge = dir.resolve("kb");
    MatchCliTest.writeKnowledge(knowledge);
    Path input =
        jsonLines(
            List.of(
                row("a", MatchCliTest.FIT),
                row("b", MatchCliTest.READ + "\n" + MatchCliTest.FIT),
                row("c", "all green"),
                row("d", null)));
    Path out = dir.resolve("out");
    assertThat(matchJobs(input, knowledge, out, "-k", "2")).isZero();
    SparkSession spark = SharedSpark.session();
    List<Row> matches =
        spark
            .read()
            .parquet(out.resolve("matches").toString())
            .orderBy("input_id", "traceback", "rank")
            .collectAsList();
    List<String> got =
        matches.stream()
            .map(
                r ->
                    r.getString(0)
                        + "/"
                        + r.get(1)
                        + "/"
                        + r.get(5)
                        + "/"
                        + r.get(6)
                        + "/"
                        + r.get(16))
            .toList();
    assertThat(got)
        .containsExactly(
            "a/1/1/11/null",
            "a/1/2/12/null",
            "b/1/1/21/null",
            "b/2/1/11/null",
            "b/2/2/12/null",
            "c/null/null/null/no traceback found");
    Row top = matches.get(0);
    assertThat(top.getAs("pattern_length").equals(3)).isTrue();
    assertThat((Boolean) top.getAs("template_agrees")).isTrue();
    List<Row> rejects =
        spark.read().parquet(out.resolve("rejects/stage=match").toString()).collectAsList();
    assertThat(rejects).hasSize(1);
    assertThat(rejects.get(0).getAs("record_id").toString()).isEqualTo("d");
    assertThat(rejects.get(0).getAs("reason").toString()).isEqualTo("missing text");
  }

  @Test
  void rowsWithoutAnIdOrSharingOneAreQuarantinedAndEveryRowIsCounted() throws IOException {
    Path knowledge = dir.resolve("kb");
    MatchCliTest.writeKnowledge(knowledge);
    Path input =
        jsonLines(
            List.of(
                row("a", MatchCliTest.FIT),
                row(null, MatchCliTest.FIT),
                row("", MatchCliTest.FIT),
                row("  ", "no trace"),
                row("e", MatchCliTest.FIT),
                row("e", MatchCliTest.READ),
                row("f", null),
                row("g", "all green"),
                row("h", MatchCliTest.FIT + "\n" + "x".repeat(5_000))));
    // a line that is not JSON (its closing brace lost): before (hostile sweep 6), "missing id"
    Files.writeString(
        input, "{\"job\": \"m\", \"log\": \"Traceback\"\n", StandardOpenOption.APPEND);
    Path out = dir.resolve("out");
    assertThat(matchJobs(input, knowledge, out, "--set", "ingest.max-body-chars=4096")).isZero();
    SparkSession spark = SharedSpark.session();
    List<String> rejects =
        spark
            .read()
            .parquet(out.resolve("rejects/stage=match").toString())
            .orderBy("reason", "record_id")
            .collectAsList()
            .stream()
            .map(r -> r.getAs("record_id") + "|" + r.getAs("reason") + "|" + r.getAs("detail"))
            .toList();
    assertThat(rejects)
        .containsExactly(
            "e|duplicate id|2 rows have this job",
            "e|duplicate id|2 rows have this job",
            "null|malformed JSON line|{\"job\": \"m\", \"log\": \"Traceback\"",
            "null|missing id|column job",
            "|missing id|column job",
            "  |missing id|column job",
            "f|missing text|null",
            "h|text too long|"
                + (MatchCliTest.FIT.length() + 5_001)
                + " characters, more than ingest.max-body-chars = 4096");
    assertThat(
            spark
                .read()
                .parquet(out.resolve("matches").toString())
                .select("input_id")
                .distinct()
                .orderBy("input_id")
                .collectAsList()
                .stream()
                .map(r -> r.getString(0))
                .toList())
        .containsExactly("a", "g");
    Map<String, Long> counts = new HashMap<>();
    spark
        .read()
        .parquet(out.resolve("counts").toString())
        .filter("stage = 'match'")
        .collectAsList()
        .forEach(r -> counts.put(r.getAs("metric"), r.getAs("value")));
    assertThat(counts)
        .containsEntry("rows_read", 10L)
        .containsEntry("rejected", 8L)
        .containsEntry("rows_answered", 2L)
        .containsEntry("rows_without_traceback", 1L);
  }

  @Test
  void anInputWithoutAFileSparkReadsIsNamed() throws IOException {
    Path knowledge = dir.resolve("kb");
    MatchCliTest.writeKnowledge(knowledge);
    Path empty = Files.createDirectories(dir.resolve("texts"));
    Files.writeString(empty.resolve("_SUCCESS"), "");
    assertThat(refusal(empty, knowledge))
        .isEqualTo(
            "tracemine: Cannot read --input "
                + empty
                + ": it holds no file to read (names starting with '.' or '_' are skipped)");
    Path hidden = Files.writeString(dir.resolve("_texts.csv"), "id,text\n1,x\n");
    assertThat(refusal(hidden, knowledge))
        .startsWith(
            "tracemine: Cannot read --input "
                + hidden
                + ": '"
                + hidden
                + "' has a name Spark skips as hidden (it starts with '_')");
  }

  /**
   * A CSV input whose quoted field holds an undoubled quote is refused naming the file and line;
   * before (hostile sweep 6) Spark's lenient reader cut the rest of the field into rows of their
   * own (3 rows read as 9, a traceback's lines matched as ids), exit 0.
   */
  @Test
  void aCsvInputWhoseQuotingWouldBeMisreadIsNamedWithItsLine() throws IOException {
    Path knowledge = dir.resolve("kb");
    MatchCliTest.writeKnowledge(knowledge);
    Path csv =
        Files.writeString(
            dir.resolve("texts.csv"),
            "id,text\nr1,\"he said \"hi\" then Traceback (most recent call last):\n"
                + "  File 'p.py', line 1, in <module>\nValueError: x\"\n");
    assertThat(refusal(csv, knowledge))
        .isEqualTo(
            "tracemine: Cannot read --input "
                + csv
                + " as csv: '"
                + csv
                + "' line 2: a quote inside the quoted field that starts on line 2 is not doubled"
                + " (write \"\" for a quote inside a quoted field); nothing was matched");
  }

  /**
   * Spark reads the files of an input directory's subdirectories too, so their quoting is checked
   * as well; before, only the directory's own files were.
   */
  @Test
  void aCsvFileInASubdirectoryIsCheckedAsSparkReadsIt() throws IOException {
    Path knowledge = dir.resolve("kb");
    MatchCliTest.writeKnowledge(knowledge);
    Path input = Files.createDirectories(dir.resolve("texts/2024"));
    Path csv =
        Files.writeString(
            input.resolve("texts.csv"), "id,text\nr1,\"he said \"hi\" then\"\nr2,x\n");
    assertThat(refusal(input.getParent(), knowledge))
        .startsWith(
            "tracemine: Cannot read --input "
                + input.getParent()
                + " as csv: '"
                + csv
                + "' line 2: a quote inside the quoted field");
  }

  /** The error line of a {@code match} of {@code input} that exits 3 (unreadable input). */
  private String refusal(Path input, Path knowledge) {
    StringWriter err = new StringWriter();
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err));
    int exit =
        cl.execute(
            "match",
            "--input",
            input.toString(),
            "--knowledge",
            knowledge.toString(),
            "--output",
            dir.resolve("out").toString(),
            "--quiet");
    assertThat(exit).as(err.toString()).isEqualTo(3);
    return err.toString().lines().filter(l -> l.startsWith("tracemine:")).findFirst().orElse("");
  }

  /** Runs the command; returns its stdout, which must be exactly one line, as JSON. */
  private JsonNode jsonOf(String... args) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      match(args);
    } finally {
      System.setOut(stdout);
    }
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(1);
    return new ObjectMapper().readTree(lines.get(0));
  }

  @Test
  void withJsonABatchPrintsTheInvocationsDocumentAndSoDoesAFailedSingleTrace() throws IOException {
    Path knowledge = dir.resolve("kb");
    MatchCliTest.writeKnowledge(knowledge);
    Path input = jsonLines(List.of(row("a", MatchCliTest.FIT), row("b", null)));
    JsonNode batch =
        jsonOf(
            "match",
            "--input",
            input.toString(),
            "--text-column",
            "log",
            "--id-column",
            "job",
            "--knowledge",
            knowledge.toString(),
            "--output",
            dir.resolve("out").toString(),
            "--json");
    assertThat(batch.get("exit_code").asInt()).isZero();
    assertThat(batch.get("command").asText()).isEqualTo("match");
    JsonNode stage = batch.get("stages").get(0);
    assertThat(stage.get("stage").asText()).isEqualTo("match");
    assertThat(stage.get("counts").get("rows_read").asLong()).isEqualTo(2);
    assertThat(stage.get("counts").get("rejected").asLong()).isEqualTo(1);

    Path missing = dir.resolve("no-such.log");
    JsonNode failed =
        jsonOf(
            "match", "--trace", missing.toString(), "--knowledge", knowledge.toString(), "--json");
    assertThat(failed.get("exit_code").asInt()).isEqualTo(3);
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.get("error").asText())
        .isEqualTo("Cannot read --trace " + missing + ": no such file");
  }

  @Test
  void aMissingTextColumnIsNamedWithTheColumnsThereAre() throws IOException {
    Path knowledge = dir.resolve("kb");
    MatchCliTest.writeKnowledge(knowledge);
    Path input = jsonLines(List.of(row("a", "x")));
    assertThat(refusal(input, knowledge))
        .isEqualTo(
            "tracemine: Cannot match the input: it has no column"
                + " 'text' (columns: job, log; choose one with --text-column or --id-column)");
  }
}
