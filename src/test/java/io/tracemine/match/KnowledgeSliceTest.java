package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracemine.extract.template.MessageTemplates;
import io.tracemine.extract.traceback.Frame;
import io.tracemine.extract.traceback.Traceback;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's knowledge slice holds what the ranking needs: a brute-force scorer reading only the
 * slice (every question, by the definition in docs/MATCH.md) gives Matcher's answer on random
 * knowledge bases; the format's fields; the selection rule; script safety.
 */
class KnowledgeSliceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static Path tempFile() {
    try {
      Path f = Files.createTempFile("slice-test", ".tmm");
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Property(tries = 300, seed = "17")
  void aBruteForceScorerOverTheSliceGivesMatchersAnswer(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int k) throws IOException {
    Random r = new Random(seed);
    SmallKnowledge kb = SmallKnowledge.random(r, 6, "keras", "nltk");
    KnowledgeIndex index = kb.build(tempFile());
    JsonNode slice = JSON.readTree(KnowledgeSlice.of(index).json());
    int[] query =
        r.nextBoolean() || kb.traces.isEmpty()
            ? SmallKnowledge.randomItems(r, 6, 10)
            : kb.traces.get(r.nextInt(kb.traces.size())).items();
    String type = SmallKnowledge.TYPES[r.nextInt(SmallKnowledge.TYPES.length)];
    String message = SmallKnowledge.MESSAGES[r.nextInt(SmallKnowledge.MESSAGES.length)];
    Traceback traceback = SmallKnowledge.query(query, type, message);

    TraceAnswer answer = new Matcher(index).match(1, traceback, k);

    assertThat(bruteForce(slice, traceback, k)).isEqualTo(SmallKnowledge.ranked(answer));
  }

  /** Every question of the slice scored from its raw arrays, best k first. */
  static List<SmallKnowledge.Ranked> bruteForce(JsonNode slice, Traceback query, int k) {
    Map<String, Integer> items = new HashMap<>();
    for (int i = 0; i < slice.get("items").size(); i++) {
      JsonNode it = slice.get("items").get(i);
      items.put(it.get(0).asText() + ":" + it.get(1).asText(), i);
    }
    List<Integer> q = new ArrayList<>();
    for (Frame f : query.frames()) {
      q.add(items.getOrDefault(f.file() + ":" + f.function(), -1));
    }
    String type = Matcher.simpleType(query.exceptionType());
    String template = MessageTemplates.template(query.message());
    int typeKey = find(slice.get("types"), type);
    int templateKey = typeKey < 0 ? -1 : find(slice.get("templates"), template);
    Map<Integer, Double> best = new HashMap<>();
    JsonNode patterns = slice.get("patterns");
    for (int p = 0; p < patterns.size(); p++) {
      JsonNode pattern = patterns.get(p);
      List<Integer> frames = new ArrayList<>();
      pattern.get(2).forEach(n -> frames.add(n.asInt()));
      if (!contains(q, frames)) {
        continue;
      }
      int library = pattern.get(1).asInt();
      JsonNode idf = slice.get("idf").get(library);
      double weight = 0;
      for (int item : frames) {
        for (int i = 0; i < idf.size(); i += 2) {
          weight += idf.get(i).asInt() == item ? idf.get(i + 1).asDouble() : 0;
        }
      }
      int trace = -1;
      for (JsonNode gap : pattern.get(5)) {
        trace += gap.asInt();
        JsonNode t = slice.get("traces").get(trace);
        boolean typeAgrees = typeKey >= 0 && t.get(2).asInt() == typeKey;
        boolean templateAgrees = typeAgrees && templateKey >= 0 && t.get(3).asInt() == templateKey;
        int l = t.get(1).asInt();
        double score =
            weight
                + (typeAgrees ? slice.get("types").get(typeKey).get(1).get(l).asDouble() : 0)
                + (templateAgrees
                    ? slice.get("templates").get(templateKey).get(1).get(l).asDouble()
                    : 0);
        best.merge(t.get(0).asInt(), score, Math::max);
      }
    }
    JsonNode questions = slice.get("questions");
    double top = best.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    double nearBest = slice.get("near_best").asDouble() * top;
    // near-best questions first, by answer quality alone; then by score
    return best.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<Integer, Double> e) -> e.getValue() < nearBest)
                .thenComparingDouble(e -> e.getValue() >= nearBest ? 0 : -e.getValue())
                .thenComparing(e -> questions.get(e.getKey()).get(3).isNull())
                .thenComparingInt(e -> -questions.get(e.getKey()).get(2).asInt())
                .thenComparingLong(e -> questions.get(e.getKey()).get(0).asLong()))
        .limit(k)
        .map(
            e -> new SmallKnowledge.Ranked(questions.get(e.getKey()).get(0).asLong(), e.getValue()))
        .toList();
  }

  private static int find(JsonNode keys, String text) {
    for (int i = 0; text != null && i < keys.size(); i++) {
      if (keys.get(i).get(0).asText().equals(text)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(List<Integer> sequence, List<Integer> run) {
    return java.util.Collections.indexOfSubList(sequence, run) >= 0;
  }

  @Test
  void holdsTheFormatAndEveryPatternOfASmallRun() throws IOException {
    MatchCliTest.writeKnowledge(dir);
    KnowledgeIndex index = KnowledgeIndex.open(KnowledgeIndex.fileOf(dir));

    KnowledgeSlice.Slice slice = KnowledgeSlice.of(index);
    JsonNode json = JSON.readTree(slice.json());

    assertThat(slice.complete()).isTrue();
    assertThat(json.get("format").asText()).isEqualTo("tracemine-knowledge-slice");
    assertThat(json.get("version").asInt()).isEqualTo(2);
    assertThat(json.get("near_best").asDouble()).isEqualTo(Matcher.NEAR_BEST);
    assertThat(json.get("profile").asText()).isEqualTo("default");
    assertThat(json.get("selection").asText()).isEqualTo("all");
    assertThat(json.get("libraries")).hasSize(2);
    assertThat(json.get("patterns")).hasSize(2);
    assertThat(json.get("traces")).hasSize(3);
    assertThat(json.get("items").toString()).contains("[\"training\",\"train_function\"]");
    List<Long> ids = new ArrayList<>();
    json.get("questions").forEach(q -> ids.add(q.get(0).asLong()));
    assertThat(ids).containsExactly(11L, 12L, 21L);
    // as strings: the page's JavaScript would read a number above 2^53 as another id
    assertThat(json.get("questions").get(0).get(0).isTextual()).isTrue();
    assertThat(json.get("questions").get(0).get(3).isTextual()).isTrue();
    assertThat(json.get("questions").get(1).get(3).isNull())
        .as("12 has no accepted answer")
        .isTrue();
    JsonNode keras =
        json.get("patterns").get(0).get(1).asInt() == 0
            ? json.get("patterns").get(0)
            : json.get("patterns").get(1);
    assertThat(keras.get(2)).hasSize(3);
    assertThat(keras.get(5).toString()).as("postings as gaps: traces 0 and 1").isEqualTo("[1,1]");
    assertThat(json.get("types").toString()).contains("ValueError");
  }

  @Test
  void aSliceOfFewerPatternsKeepsTheMostSpecific() throws IOException {
    MatchCliTest.writeKnowledge(dir);
    KnowledgeIndex index = KnowledgeIndex.open(KnowledgeIndex.fileOf(dir));

    KnowledgeSlice.Slice slice = KnowledgeSlice.of(index, 1, 100);
    JsonNode json = JSON.readTree(slice.json());

    assertThat(slice.complete()).isFalse();
    assertThat(slice.patternsTotal()).isEqualTo(2);
    assertThat(slice.patternsIncluded()).isEqualTo(1);
    assertThat(json.get("selection").asText()).isEqualTo(KnowledgeSlice.SELECTION_RULE);
    assertThat(json.get("libraries").get(json.get("patterns").get(0).get(1).asInt()).asText())
        .as("scikit-learn's pattern is in 1 trace, keras' in 2")
        .isEqualTo("scikit-learn");
    assertThat(json.get("traces")).as("only the traces the pattern names").hasSize(1);
    assertThat(json.get("items")).as("only the pattern's frames").hasSize(2);
  }

  @Test
  void patternsAreTakenWhileTheirPostingsFitTheBudget() throws IOException {
    MatchCliTest.writeKnowledge(dir);
    KnowledgeIndex index = KnowledgeIndex.open(KnowledgeIndex.fileOf(dir));

    assertThat(KnowledgeSlice.of(index, 10, 1).patternsIncluded()).isEqualTo(1);
    assertThat(KnowledgeSlice.of(index, 10, 2).patternsIncluded()).isEqualTo(1);
    assertThat(KnowledgeSlice.of(index, 10, 3).patternsIncluded()).isEqualTo(2);
    assertThat(KnowledgeSlice.of(index, 10, 3).complete()).isTrue();
  }

  @Test
  void textThatCouldEndTheScriptElementIsEscaped() throws IOException {
    Path file = dir.resolve("hostile.tmm");
    try (IndexBuilder b = new IndexBuilder("default")) {
      b.addQuestion(1, "</script><script>alert(1)</script> & \u2028", 0, null);
      b.addTrace("1-0-0", 1, "keras", "ValueError", "<b>", List.of("a</script>"), List.of("f"));
      b.addPattern(
          "keras", new String[] {"a</script>"}, new String[] {"f"}, 1, 1, List.of("1-0-0"));
      b.write(file);
    }

    String json = KnowledgeSlice.of(KnowledgeIndex.open(file)).json();

    assertThat(json).doesNotContain("<", ">", "&", "\u2028");
    assertThat(JSON.readTree(json).get("questions").get(0).get(1).asText())
        .isEqualTo("</script><script>alert(1)</script> & \u2028");
  }

  @Test
  void atLeastOnePatternIsRequired() {
    MatchCliTest.writeKnowledge(dir);
    KnowledgeIndex index = KnowledgeIndex.open(KnowledgeIndex.fileOf(dir));

    assertThatThrownBy(() -> KnowledgeSlice.of(index, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot build a knowledge slice: maxPatterns is 0 and maxPostings 10 but both"
                + " must be >= 1");
  }
}
