package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracemine.spark.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --json}: one document on stdout, whatever happened (docs/CLI-JSON.md). */
@ExtendWith(SharedSpark.class)
class CliJsonTest {
  private static final String INPUT =
      Path.of("src/test/resources/ingest/Posts-small.xml").toString();
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private final StringWriter err = new StringWriter();
  private int exitCode;

  /** Runs the command; returns its stdout, which must be exactly one line. */
  private JsonNode run(String... args) throws Exception {
    List<String> lines = stdoutOf(args);
    assertThat(lines).as("stdout; stderr: %s", err).hasSize(1);
    return JSON.readTree(lines.get(0));
  }

  /** Runs the command; returns the lines of its stdout. */
  private List<String> stdoutOf(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      CommandLine cl = TraceMine.commandLine();
      cl.setErr(new PrintWriter(err));
      exitCode = cl.execute(args);
    } finally {
      System.setOut(stdout);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void aSucceededStageReportsItsRunCountsAndOutputsAsAList() throws Exception {
    Path out = dir.resolve("out");
    Instant before = Instant.now();
    JsonNode doc =
        run("ingest", "--source", "xml", "--input", INPUT, "--output", out.toString(), "--json");
    assertThat(exitCode).isZero();
    assertThat(doc.get("schema_version").asInt()).isEqualTo(1);
    assertThat(doc.get("tracemine_version").asText()).isEqualTo(TraceMine.VERSION);
    assertThat(doc.get("command").asText()).isEqualTo("ingest");
    assertThat(doc.get("status").asText()).isEqualTo("succeeded");
    assertThat(doc.get("exit_code").asInt()).isZero();
    assertThat(doc.get("error").isNull()).isTrue();
    assertThat(doc.get("output_dir").asText()).isEqualTo(out.toAbsolutePath().toString());
    JsonNode manifest = JSON.readTree(out.resolve("_COMMITTED-ingest.json").toFile());
    assertThat(doc.get("run_id").asText()).isEqualTo(manifest.get("run_id").asText()).isNotBlank();
    Instant started = Instant.parse(doc.get("started_at").asText());
    Instant ended = Instant.parse(doc.get("ended_at").asText());
    assertThat(started).isAfterOrEqualTo(before.minusSeconds(1)).isBeforeOrEqualTo(ended);
    JsonNode stage = doc.get("stages").get(0);
    assertThat(doc.get("stages")).hasSize(1);
    assertThat(stage.get("stage").asText()).isEqualTo("ingest");
    assertThat(stage.get("counts").get("rows_read").asLong()).isPositive();
    assertThat(stage.get("counts").get("questions_selected").asLong())
        .isEqualTo(
            manifest.get("tables").get("posts").asLong()
                - stage.get("counts").get("answers_selected").asLong());
    assertThat(
            StreamSupport.stream(stage.get("outputs").spliterator(), false).map(JsonNode::asText))
        .containsExactly(out.toAbsolutePath().resolve("posts").toString());
  }

  @Test
  void aFailedStageStillPrintsItsStatusErrorAndExitCode() throws Exception {
    Path out = dir.resolve("empty");
    JsonNode doc = run("extract", "--output", out.toString(), "--json");
    assertThat(exitCode).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(doc.get("status").asText()).isEqualTo("failed");
    assertThat(doc.get("exit_code").asInt()).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(doc.get("command").asText()).isEqualTo("extract");
    assertThat("tracemine: " + doc.get("error").asText() + System.lineSeparator())
        .isEqualTo(err.toString());
    assertThat(doc.get("error").asText())
        .startsWith("Cannot run 'extract' on '" + out.toAbsolutePath() + "'");
    assertThat(doc.get("stages")).isEmpty();
    assertThat(out).as("the output directory the refused command created").doesNotExist();
  }

  @Test
  void badConfigurationIsReportedBeforeAnyRunStarts() throws Exception {
    JsonNode doc = run("ingest", "--set", "mine.minsup=2", "--json");
    assertThat(exitCode).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(doc.get("status").asText()).isEqualTo("failed");
    assertThat(doc.get("exit_code").asInt()).isEqualTo(2);
    assertThat(doc.get("error").asText()).startsWith("Unknown configuration key 'mine.minsup'");
    assertThat("tracemine: " + doc.get("error").asText() + System.lineSeparator())
        .isEqualTo(err.toString());
    assertThat(doc.get("run_id").isNull()).isTrue();
  }

  @Test
  void generateRefusesMoreQuestionsThanItsBoundBeforeWritingAnything() throws Exception {
    Path out = dir.resolve("too-many");
    JsonNode doc =
        run("generate", "--questions", "100000001", "--output", out.toString(), "--json");
    assertThat(exitCode).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(doc.get("error").asText())
        .isEqualTo("'--questions' is 100000001 but must be in 1..100,000,000");
    assertThat(out).doesNotExist();
    doc =
        run(
            "generate",
            "--questions",
            "10",
            "--format",
            "parquet",
            "--partitions",
            "-3",
            "--output",
            out.toString(),
            "--json");
    assertThat(exitCode).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(doc.get("error").asText())
        .isEqualTo("'--partitions' is -3 but must be 0 (4 per core) or more");
    assertThat(out).doesNotExist();
  }

  @Test
  void generateRefusesABadDuplicateShareBeforePrintingOrWritingAnything() {
    Path out = dir.resolve("dups");
    List<String> stdout =
        stdoutOf(
            "generate", "--questions", "20", "--duplicates", "1.5", "--output", out.toString());
    assertThat(exitCode).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(stdout).isEmpty();
    assertThat(err.toString())
        .isEqualTo(
            "tracemine: Cannot generate a corpus: '--duplicates' is 1.5 but must be in [0, 1]"
                + System.lineSeparator());
    assertThat(out).doesNotExist();
  }

  @Test
  void generateReportsTheFilesItWrote() throws Exception {
    Path out = dir.resolve("corpus");
    JsonNode doc = run("generate", "--questions", "20", "--output", out.toString(), "--json");
    assertThat(exitCode).as(err.toString()).isZero();
    JsonNode stage = doc.get("stages").get(0);
    assertThat(stage.get("counts").get("questions").asLong()).isEqualTo(20);
    assertThat(
            StreamSupport.stream(stage.get("outputs").spliterator(), false).map(JsonNode::asText))
        .containsExactly(
            out.resolve("Posts.xml").toString(),
            out.resolve("planted.jsonl").toString(),
            out.resolve("runs.jsonl").toString(),
            // duplicates are planted by default (--duplicates 0.03)
            out.resolve("PostLinks.xml").toString(),
            out.resolve("duplicates.jsonl").toString())
        .allSatisfy(p -> assertThat(Path.of(p)).isRegularFile());
  }
}
