package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracemine.cli.TraceMine;
import io.tracemine.corpus.CorpusGenerator;
import io.tracemine.corpus.GeneratedQuestion;
import io.tracemine.corpus.PlantedDuplicate;
import io.tracemine.extract.traceback.Frame;
import io.tracemine.extract.traceback.Traceback;
import io.tracemine.spark.SharedSpark;
import io.tracemine.testing.IntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code match} on the bundled corpus's planted duplicates (ingest, extract, mine and index run
 * in-process on {@code src/main/corpus}, then the CLI answers each paste): a duplicate question's
 * body, pasted as HTML, lists its original near the top, each answer says why; and no-match,
 * garbage, binary and huge inputs get clear answers and the documented exit codes.
 *
 * <p>The pasted question is itself in the knowledge base (its identical traceback ranks it first):
 * ranks below are counted among the <em>other</em> questions, as {@code evaluate} does.
 */
@IntegrationTest
@ExtendWith(SharedSpark.class)
class BundledDuplicatesMatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUESTIONS = 3_000;
  private static Path run;
  private static KnowledgeIndex index;
  private static final List<PlantedDuplicate> duplicates = new ArrayList<>();
  private static final Map<Long, String> bodies = new HashMap<>();

  @TempDir Path temp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void bundledRun() throws IOException {
    SparkSession spark = SharedSpark.session();
    run = Files.createTempDirectory("tracemine-duplicates-run");
    index = BundledKnowledge.build(spark, run).index();

    CorpusGenerator generator = new CorpusGenerator(42, CorpusGenerator.DEFAULT_DUPLICATE_RATE);
    for (long i = 0; i < QUESTIONS; i++) {
      GeneratedQuestion q = generator.question(i);
      bodies.put(q.question().id(), q.question().body());
      if (q.duplicate() != null) {
        duplicates.add(q.duplicate());
      }
    }
  }

  private int match(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cl = TraceMine.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of("match", "--knowledge", run.toString()));
    all.addAll(List.of(args));
    return cl.execute(all.toArray(String[]::new));
  }

  /**
   * Pastes question {@code pasted}'s body and returns the 1-based rank of {@code wanted} among the
   * other questions (its best over the body's tracebacks), or 0 when it is not in the top 5; checks
   * that every listed question is explained.
   */
  private int rankAmongOthers(long pasted, long wanted, List<String> tiedAbove) throws IOException {
    Path paste = Files.writeString(temp.resolve(pasted + ".html"), bodies.get(pasted));
    assertThat(match("--trace", paste.toString(), "--json", "-k", "6"))
        .as("exit code for %d", pasted)
        .isZero();
    JsonNode doc = JSON.readTree(out.toString());
    int best = 0;
    for (JsonNode answer : doc.get("answers")) {
      int rank = 0;
      double wantedScore = Double.NaN;
      List<JsonNode> above = new ArrayList<>();
      for (JsonNode hit : answer.get("hits")) {
        assertExplained(hit);
        if (hit.get("questionId").asLong() == pasted) {
          continue;
        }
        rank++;
        if (hit.get("questionId").asLong() == wanted) {
          wantedScore = hit.get("score").asDouble();
          break;
        }
        above.add(hit);
      }
      if (!Double.isNaN(wantedScore) && rank <= 5 && (best == 0 || rank < best)) {
        best = rank;
        tiedAbove.clear();
        for (JsonNode h : above) {
          if (Math.abs(h.get("score").asDouble() - wantedScore) < 1e-9) {
            tiedAbove.add(h.get("questionId").asText());
          }
        }
      }
    }
    return best;
  }

  private static void assertExplained(JsonNode hit) {
    JsonNode shared = hit.get("shared");
    assertThat(hit.get("link").asText())
        .isEqualTo("https://stackoverflow.com/q/" + hit.get("questionId").asLong());
    assertThat(hit.get("title").asText()).isNotBlank();
    assertThat(shared.get("frames").size()).isPositive();
    assertThat(shared.get("patternId").asText()).isNotBlank();
    assertThat(shared.get("traceSupport").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(shared.get("weight").asDouble()).isPositive();
    assertThat(hit.get("score").asDouble()).isGreaterThanOrEqualTo(shared.get("weight").asDouble());
    assertThat(hit.has("typeAgrees") && hit.has("templateAgrees")).isTrue();
  }

  @Test
  void pastedDuplicatesListTheirOriginalsAtTheTop() throws IOException {
    assertThat(duplicates).hasSize(96);
    Map<String, Integer> ranks = new TreeMap<>();
    Map<String, Integer> reverse = new TreeMap<>();
    int tiesOnly = 0;
    List<String> misses = new ArrayList<>();
    for (PlantedDuplicate d : duplicates) {
      List<String> tied = new ArrayList<>();
      int rank = rankAmongOthers(d.questionId(), d.originalId(), tied);
      ranks.merge(rank == 0 ? "not in top 5" : "rank " + rank, 1, Integer::sum);
      if (rank > 1 && tied.size() == rank - 1) {
        tiesOnly++;
      }
      if (rank != 1) {
        misses.add(d.questionId() + "->" + d.originalId() + " " + d.variant() + " rank " + rank);
      }
      int back = rankAmongOthers(d.originalId(), d.questionId(), new ArrayList<>());
      reverse.merge(back == 0 ? "not in top 5" : "rank " + back, 1, Integer::sum);
    }
    System.out.printf(
        "duplicate -> original: %s; ranked below only equal scores: %d%n"
            + "original -> duplicate: %s%nmisses: %s%n",
        ranks, tiesOnly, reverse, misses);
    // the bundled corpus is fixed, so are these (docs/MATCH.md, "Why the original is not first"):
    // 42 of 96 first (44 %), 77 in the top 5 (80 %); 6 of the 35 at ranks 2-5 are below only
    // questions with the same score (ties broken by accepted answer and votes)
    assertThat(ranks)
        .hasToString("{not in top 5=19, rank 1=42, rank 2=16, rank 3=12, rank 4=4, rank 5=3}");
    assertThat(tiesOnly).isEqualTo(6);
    assertThat(reverse)
        .hasToString("{not in top 5=65, rank 1=5, rank 2=7, rank 3=6, rank 4=9, rank 5=4}");
  }

  @Test
  void noMatchGarbageBinaryAndHugeInputsGetClearAnswersAndExitCodes() throws IOException {
    Path unknown =
        Files.writeString(
            temp.resolve("unknown.txt"),
            """
            Traceback (most recent call last):
              File "/srv/app/zz_nowhere.py", line 1, in <module>
                go()
              File "/srv/app/zz_nowhere.py", line 5, in go_somewhere_nobody_went
                raise KeyError('x')
            KeyError: 'x'
            """);
    assertThat(match("--trace", unknown.toString())).isZero();
    assertThat(out.toString())
        .contains(
            "no known pattern: none of its 2 frames' runs is a mined pattern of this knowledge"
                + " base (0 of the frames occur in it)");

    Path garbage =
        Files.writeString(temp.resolve("garbage.txt"), "}{ <<<\u0007 lorem\nFile x, line y\n");
    assertThat(match("--trace", garbage.toString())).isZero();
    assertThat(out.toString())
        .isEqualTo("No Python traceback found in the input (nothing to match).\n");

    Path binary = temp.resolve("core.bin");
    Files.write(binary, new byte[] {'P', 'K', 3, 4, 0, 0, 1});
    assertThat(match("--trace", binary.toString())).isEqualTo(3);
    assertThat(err.toString())
        .contains(
            "Cannot read --trace " + binary + ": it is binary, not text (a NUL byte at offset 4)");

    PlantedDuplicate d = duplicates.get(0);
    Traceback t = TraceQuery.tracebacks(bodies.get(d.questionId()), "default").get(0);
    assertThat(match("--trace", huge(t).toString(), "--json", "-k", "100")).isZero();
    JsonNode answer = JSON.readTree(out.toString()).get("answers").get(0);
    assertThat(answer.get("note").asText())
        .startsWith("huge traceback: matched on its innermost ")
        .endsWith(" frames");
    // still answered on the frames that matter: the pasted duplicate's own question has the best
    // score (it is near-best; the near-best are listed by answer quality)
    double best = 0;
    double own = -1;
    for (JsonNode hit : answer.get("hits")) {
      best = Math.max(best, hit.get("score").asDouble());
      own = hit.get("questionId").asLong() == d.questionId() ? hit.get("score").asDouble() : own;
    }
    assertThat(own).isEqualTo(best);

    Path tooBig = temp.resolve("too-big.log");
    byte[] line = "x".repeat(1023).concat("\n").getBytes(StandardCharsets.UTF_8);
    try (OutputStream o = Files.newOutputStream(tooBig)) {
      for (int i = 0; i <= 64 * 1024; i++) {
        o.write(line);
      }
    }
    assertThat(match("--trace", tooBig.toString())).isEqualTo(3);
    assertThat(err.toString()).contains("Cannot read --trace " + tooBig + ": it is over 64 MiB");
  }

  /**
   * {@code t} called from enough distinct outer frames (none repeated, so none collapsed) to be
   * cut.
   */
  private Path huge(Traceback t) throws IOException {
    List<Frame> frames = t.frames();
    Frame first = frames.get(frames.size() - 1);
    int copies = Matcher.MAX_WINDOWS / Math.max(1, index.maxPatternLength()) + 1_000;
    StringBuilder b = new StringBuilder("Traceback (most recent call last):\n");
    // two known frames in turn: a run of one repeated frame would be collapsed to three copies
    Frame second = frames.get(Math.max(0, frames.size() - 2));
    for (int i = 0; i < copies; i++) {
      Frame f = i % 2 == 0 ? first : second;
      frame(b, f.rawPath(), f.line() == null ? 1 : f.line(), f.function());
    }
    for (Frame f : frames) {
      frame(b, f.rawPath(), f.line() == null ? 1 : f.line(), f.function());
    }
    b.append(t.exceptionType()).append(": ").append(t.message()).append('\n');
    return Files.writeString(temp.resolve("huge.txt"), b);
  }

  private static void frame(StringBuilder b, String path, int line, String function) {
    b.append("  File \"")
        .append(path)
        .append("\", line ")
        .append(line)
        .append(", in ")
        .append(function)
        .append("\n    pass\n");
  }
}
