package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's {@code search.js} ranks like {@link Matcher}: on random knowledge bases (small ones
 * and larger ones, where the near-best group often holds more than k questions) and pastes, run by
 * Node.js on the knowledge slice the report embeds, it lists the same questions in the same order
 * with the same scores, shared pattern and agreement. Skipped without {@code /usr/bin/node} except
 * in CI ({@code .ci/install-tools} installs it); the browser itself: SearchBoxBrowserTest.
 */
class SearchJsRankingParityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path NODE = Path.of(System.getProperty("searchjs.node", "/usr/bin/node"));
  private static final Path SCRIPT = Path.of("src/main/resources/report/search.js");
  private static final Path DRIVER = Path.of("src/test/resources/report/search-rank-driver.js");
  private static final int CASES = 400;

  @TempDir Path dir;

  /** The query as CPython prints it. */
  static String pasted(int[] items, String type, String message) {
    StringBuilder b = new StringBuilder("Traceback (most recent call last):\n");
    for (int i : items) {
      b.append("  File \"")
          .append(SmallKnowledge.file(i))
          .append(".py\", line 1, in ")
          .append(SmallKnowledge.function(i))
          .append('\n');
    }
    b.append(type == null ? "Exception" : type);
    return b.append(message == null ? "" : ": " + message).append('\n').toString();
  }

  @Test
  void searchJsAnswersAsMatcherOnRandomKnowledge() throws Exception {
    assumeTrue(
        Files.isExecutable(NODE) || System.getenv("CI") != null,
        "No " + NODE + ": install nodejs (.ci/install-tools does) to run it");
    Random r = new Random(20261130);
    List<Map<String, Object>> cases = new ArrayList<>();
    List<List<TraceAnswer>> expected = new ArrayList<>();
    for (int c = 0; c < CASES; c++) {
      boolean larger = c % 2 == 1;
      SmallKnowledge kb =
          larger
              ? SmallKnowledge.random(r, 12, 40, 150, 80, "keras", "nltk")
              : SmallKnowledge.random(r, 6, "keras", "nltk");
      KnowledgeIndex index = kb.build(Files.createTempFile(dir, "kb", ".tmm"));
      int[] query =
          r.nextBoolean() || kb.traces.isEmpty()
              ? SmallKnowledge.randomItems(r, larger ? 12 : 6, 10)
              : kb.traces.get(r.nextInt(kb.traces.size())).items();
      String type = SmallKnowledge.TYPES[r.nextInt(SmallKnowledge.TYPES.length)];
      String message = SmallKnowledge.MESSAGES[r.nextInt(SmallKnowledge.MESSAGES.length)];
      int k = 1 + r.nextInt(8);
      String text = pasted(query, type, message);
      cases.add(Map.of("slice", KnowledgeSlice.of(index).json(), "text", text, "k", k));
      expected.add(TraceQuery.answer(index, text, k));
    }
    JsonNode got = run(cases);

    int withHits = 0;
    int reordered = 0;
    for (int c = 0; c < CASES; c++) {
      JsonNode js = got.get(c);
      assertThat(js.has("error")).as("search.js threw: %s", js.get("error")).isFalse();
      List<TraceAnswer> java = expected.get(c);
      assertThat(js.get("answers")).as("case %d", c).hasSize(java.size());
      for (int a = 0; a < java.size(); a++) {
        TraceAnswer want = java.get(a);
        JsonNode have = js.get("answers").get(a);
        assertThat(have.get("note").isNull() ? null : have.get("note").asText())
            .isEqualTo(want.note());
        assertThat(have.get("matchedPatterns").asInt()).isEqualTo(want.matchedPatterns());
        assertThat(have.get("hits")).as("case %d", c).hasSize(want.hits().size());
        withHits += want.hits().isEmpty() ? 0 : 1;
        double previous = Double.POSITIVE_INFINITY;
        for (int h = 0; h < want.hits().size(); h++) {
          Hit w = want.hits().get(h);
          JsonNode x = have.get("hits").get(h);
          assertThat(x.get("questionId").asLong())
              .as("case %d hit %d", c, h)
              .isEqualTo(w.questionId());
          assertThat(x.get("score").asDouble()).isEqualTo(w.score());
          assertThat(x.get("shared").get("patternId").asText()).isEqualTo(w.shared().patternId());
          assertThat(x.get("typeAgrees").asBoolean()).isEqualTo(w.typeAgrees());
          assertThat(x.get("templateAgrees").asBoolean()).isEqualTo(w.templateAgrees());
          reordered += w.score() > previous ? 1 : 0;
          previous = w.score();
        }
      }
    }
    System.out.printf(
        "search.js ranking parity: %d cases, %d tracebacks with hits, %d hits above a higher"
            + " score (near-best by answer quality)%n",
        CASES, withHits, reordered);
    // not vacuous: most pastes find questions, and the near-best order shows
    assertThat(withHits).isGreaterThan(CASES / 2);
    assertThat(reordered).isGreaterThan(20);
  }

  /** A recursion pasted in full is collapsed as the slice's traces were, as match does. */
  @Test
  void searchJsCollapsesARepeatedQueryAsMatch() throws Exception {
    assumeTrue(
        Files.isExecutable(NODE) || System.getenv("CI") != null,
        "No " + NODE + ": install nodejs (.ci/install-tools does) to run it");
    KnowledgeIndex index = RepeatedQueryTest.build(dir, 3);
    String slice = KnowledgeSlice.of(index).json();
    List<Map<String, Object>> cases = new ArrayList<>();
    for (String text : List.of(RepeatedQueryTest.LISTED, RepeatedQueryTest.PRINTED)) {
      cases.add(Map.of("slice", slice, "text", text, "k", 5));
    }
    JsonNode got = run(cases);
    for (JsonNode js : got) {
      assertThat(js.has("error")).as("search.js threw: %s", js.get("error")).isFalse();
      JsonNode hits = js.get("answers").get(0).get("hits");
      List<Hit> want = TraceQuery.answer(index, RepeatedQueryTest.PRINTED, 5).get(0).hits();
      assertThat(hits).hasSize(want.size());
      for (int h = 0; h < want.size(); h++) {
        assertThat(hits.get(h).get("questionId").asLong()).isEqualTo(want.get(h).questionId());
        assertThat(hits.get(h).get("score").asDouble()).isEqualTo(want.get(h).score());
      }
      assertThat(hits.get(0).get("questionId").asLong()).isEqualTo(1L);
    }
  }

  private JsonNode run(List<Map<String, Object>> cases) throws IOException, InterruptedException {
    Path input = dir.resolve("cases.json");
    Files.writeString(input, JSON.writeValueAsString(cases), StandardCharsets.UTF_8);
    Path output = dir.resolve("answers.json");
    Path errors = dir.resolve("node.err");
    Process p =
        new ProcessBuilder(NODE.toString(), DRIVER.toString(), SCRIPT.toString(), input.toString())
            .redirectOutput(output.toFile())
            .redirectError(errors.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("node did not finish the search.js cases within 120 s");
    }
    assertThat(p.exitValue()).as("node: %s", Files.readString(errors)).isZero();
    return JSON.readTree(output.toFile());
  }
}
