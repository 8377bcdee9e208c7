package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Recall, MRR and the two baselines against hand examples and brute force. */
class DuplicateEvaluationTest {
  private static KnownTrace trace(
      long question, String type, String message, int score, String... frames) {
    return new KnownTrace(
        question,
        "keras",
        type,
        message,
        io.tracemine.extract.template.MessageTemplates.template(message),
        List.of(frames),
        score);
  }

  @Test
  void metricsOfHandRanks() {
    // originals at rank 1, 3, not found, 6
    RetrievalMetrics m = RetrievalMetrics.of("r", new int[] {1, 3, 0, 6});
    assertThat(m.duplicates()).isEqualTo(4);
    assertThat(m.foundAt1()).isEqualTo(1);
    assertThat(m.foundAt5()).isEqualTo(2);
    assertThat(m.recallAt1()).isEqualTo(0.25);
    assertThat(m.recallAt5()).isEqualTo(0.5);
    assertThat(m.mrr()).isCloseTo((1 + 1 / 3.0 + 1 / 6.0) / 4, within(1e-12));
  }

  @Test
  void noDuplicatesGiveNoRecall() {
    assertThat(RetrievalMetrics.of("r", new int[0]))
        .isEqualTo(new RetrievalMetrics("r", 0, 0, 0, null, null, null));
  }

  @Test
  void negativeRankIsRefused() {
    assertThatThrownBy(() -> RetrievalMetrics.of("tf-idf", new int[] {2, -1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot evaluate tf-idf: rank -1 must be >= 1, or 0 for not found");
  }

  @Property(tries = 300, seed = "3")
  void metricsMatchBruteForceAndAreOrdered(
      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 12) Integer> rankList) {
    int[] ranks = rankList.stream().mapToInt(Integer::intValue).toArray();
    RetrievalMetrics m = RetrievalMetrics.of("r", ranks);
    // brute force: count and sum by definition, one duplicate at a time
    double n = ranks.length;
    long at1 = rankList.stream().filter(r -> r == 1).count();
    long at5 = rankList.stream().filter(r -> r >= 1 && r <= 5).count();
    double rr = rankList.stream().mapToDouble(r -> r == 0 ? 0 : 1.0 / r).sum();
    assertThat(m.foundAt1()).isEqualTo(at1);
    assertThat(m.foundAt5()).isEqualTo(at5);
    if (ranks.length == 0) {
      assertThat(m.recallAt1()).isNull();
      assertThat(m.recallAt5()).isNull();
      assertThat(m.mrr()).isNull();
      return;
    }
    assertThat(m.recallAt1()).isCloseTo(at1 / n, within(1e-12));
    assertThat(m.recallAt5()).isCloseTo(at5 / n, within(1e-12));
    assertThat(m.mrr()).isCloseTo(rr / n, within(1e-12));
    assertThat(m.recallAt5()).isGreaterThanOrEqualTo(m.recallAt1());
    assertThat(m.mrr()).isBetween(m.recallAt1() - 1e-12, 1.0);
  }

  /** Ranks the original first (knows the answer): the metrics' upper bound. */
  private record Perfect(Map<Long, Long> originals) implements TraceRanker {
    public String name() {
      return "perfect";
    }

    public List<Long> rank(List<KnownTrace> query, long excluded, int depth) {
      return List.of(originals.get(excluded), excluded + 1000);
    }
  }

  @Property(tries = 50, seed = "4")
  void perfectRankerScoresOne(@ForAll @IntRange(min = 1, max = 20) int duplicates) {
    List<DuplicateEvaluation.Link> links = new ArrayList<>();
    Map<Long, Long> originals = new HashMap<>();
    Map<Long, List<KnownTrace>> queries = new HashMap<>();
    for (long d = 0; d < duplicates; d++) {
      links.add(new DuplicateEvaluation.Link(d, 500 + d));
      originals.put(d, 500 + d);
      queries.put(d, List.of(trace(d, "ValueError", "bad", 0, "a:f")));
    }
    RetrievalMetrics m =
        DuplicateEvaluation.evaluate(List.of(new Perfect(originals)), links, queries).get(0);
    assertThat(m)
        .isEqualTo(
            new RetrievalMetrics("perfect", duplicates, duplicates, duplicates, 1.0, 1.0, 1.0));
  }

  @Test
  void duplicateWithoutTracebackIsRefused() {
    assertThatThrownBy(
            () ->
                DuplicateEvaluation.evaluate(
                    List.of(new Perfect(Map.of())),
                    List.of(new DuplicateEvaluation.Link(7, 8)),
                    Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot evaluate duplicate 7: it has no traceback to query with");
  }

  @Test
  void templateBaselineRanksSameTypeAndTemplateByVotesThenId() {
    List<KnownTrace> kb =
        List.of(
            trace(1, "ValueError", "shape (3, 4) is wrong", 2, "a:f"),
            trace(2, "keras.ValueError", "shape (5, 6) is wrong", 9, "b:g"),
            trace(3, "ValueError", "shape (1, 1) is wrong", 2, "c:h"),
            trace(4, "ValueError", "something else", 50, "a:f"),
            trace(5, "KeyError", "shape (3, 4) is wrong", 80, "a:f"),
            trace(6, "ValueError", "shape (2, 2) is wrong", 99, "a:f"));
    TemplateBaseline baseline = new TemplateBaseline(kb);
    List<KnownTrace> query = List.of(trace(6, "ValueError", "shape (7, 7) is wrong", 0, "x:y"));
    // 6 is the query itself; 4 and 5 differ in template or type; 1 and 3 tie on votes: id
    assertThat(baseline.rank(query, 6, 10)).containsExactly(2L, 1L, 3L);
    assertThat(baseline.rank(query, 6, 2)).containsExactly(2L, 1L);
  }

  // ---- TF-IDF against a dense brute force ----

  private static Map<String, Double> vector(KnownTrace t, Map<String, Double> idf) {
    Map<String, Double> v = new HashMap<>();
    for (String w : TfIdfBaseline.words(t)) {
      if (idf.containsKey(w)) {
        v.merge(w, idf.get(w), Double::sum);
      }
    }
    return v;
  }

  private static double cosine(Map<String, Double> a, Map<String, Double> b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (Map.Entry<String, Double> e : a.entrySet()) {
      dot += e.getValue() * b.getOrDefault(e.getKey(), 0.0);
      na += e.getValue() * e.getValue();
    }
    for (double x : b.values()) {
      nb += x * x;
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }

  private static List<Long> bruteForceTfIdf(
      List<KnownTrace> kb, List<KnownTrace> query, long excluded, int depth) {
    Map<String, Integer> df = new HashMap<>();
    for (KnownTrace t : kb) {
      new HashSet<>(TfIdfBaseline.words(t)).forEach(w -> df.merge(w, 1, Integer::sum));
    }
    Map<String, Double> idf = new HashMap<>();
    df.forEach((w, d) -> idf.put(w, Math.log((1.0 + kb.size()) / (1.0 + d)) + 1));
    Map<Long, Double> best = new HashMap<>();
    for (KnownTrace t : kb) {
      for (KnownTrace q : query) {
        double c = cosine(vector(t, idf), vector(q, idf));
        if (c > 0) {
          best.merge(t.questionId(), c, Math::max);
        }
      }
    }
    best.remove(excluded);
    return best.entrySet().stream()
        .sorted(
            Comparator.comparingDouble((Map.Entry<Long, Double> e) -> -e.getValue())
                .thenComparingLong(Map.Entry::getKey))
        .limit(depth)
        .map(Map.Entry::getKey)
        .toList();
  }

  private static final String[] WORDS = {"shape", "3", "model", "fit", "x"};

  private static KnownTrace randomTrace(Random r, long question) {
    StringBuilder message = new StringBuilder();
    for (int i = r.nextInt(4); i > 0; i--) {
      message.append(WORDS[r.nextInt(WORDS.length)]).append(r.nextBoolean() ? " " : ", ");
    }
    List<String> frames = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      frames.add(String.format(Locale.ROOT, "m%d:f%d", r.nextInt(4), r.nextInt(3)));
    }
    return new KnownTrace(question, "keras", "ValueError", message.toString(), null, frames, 0);
  }

  @Property(tries = 300, seed = "8")
  void tfIdfMatchesBruteForce(@ForAll("seeds") long seed) {
    Random r = new Random(seed);
    List<KnownTrace> kb = new ArrayList<>();
    for (int i = r.nextInt(10); i > 0; i--) {
      kb.add(randomTrace(r, r.nextInt(6)));
    }
    List<KnownTrace> query = List.of(randomTrace(r, 0), randomTrace(r, 0));
    List<Long> ranked = new TfIdfBaseline(kb).rank(query, 0, 4);
    List<Long> expected = bruteForceTfIdf(kb, query, 0, 4);
    // equal up to floating-point ties: same scores position by position
    assertThat(ranked).hasSameSizeAs(expected);
    Map<Long, Double> scores = new TfIdfBaseline(kb).scores(query);
    for (int i = 0; i < ranked.size(); i++) {
      assertThat(scores.get(ranked.get(i))).isCloseTo(scores.get(expected.get(i)), within(1e-9));
    }
    assertThat(ranked).doesNotContain(0L);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Long> seeds() {
    return net.jqwik.api.Arbitraries.longs();
  }

  @Test
  void tfIdfPrefersSharedRareWords() {
    List<KnownTrace> kb =
        List.of(
            trace(1, "ValueError", "could not convert string to float", 0, "train:<module>"),
            trace(2, "ValueError", "could not broadcast input array", 0, "numeric:asarray"),
            trace(3, "KeyError", "label", 0, "frame:get_loc"));
    List<KnownTrace> query =
        List.of(
            trace(9, "ValueError", "could not convert string to float: 'abc'", 0, "main:<module>"));
    assertThat(new TfIdfBaseline(kb).rank(query, 9, 10)).containsExactly(1L, 2L);
  }

  // ---- TraceMine's matcher with the query's question excluded ----

  private static Path tempFile() {
    try {
      Path f = Files.createTempFile("eval-test", ".tmm");
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Property(tries = 200, seed = "13")
  void matcherWithExclusionEqualsBruteForceWithoutTheQuestion(@ForAll("seeds") long seed) {
    Random r = new Random(seed);
    SmallKnowledge kb = SmallKnowledge.random(r, 6, "keras", "nltk");
    KnowledgeIndex index = kb.build(tempFile());
    SmallKnowledge.Trace t = kb.traces.get(r.nextInt(kb.traces.size()));
    int k = 1 + r.nextInt(4);
    TraceAnswer answer =
        new Matcher(index)
            .match(1, SmallKnowledge.query(t.items(), t.type(), t.message()), k, t.question());
    List<SmallKnowledge.Ranked> expected =
        kb.bruteForce(t.items(), t.type(), t.message(), k, t.question());
    assertThat(SmallKnowledge.ranked(answer)).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(SmallKnowledge.ranked(answer).get(i).score())
          .isCloseTo(expected.get(i).score(), within(1e-9));
    }
    assertThat(SmallKnowledge.ranked(answer))
        .extracting(SmallKnowledge.Ranked::question)
        .isEqualTo(expected.stream().map(SmallKnowledge.Ranked::question).toList());
    assertThat(answer.hits()).noneMatch(h -> h.questionId() == t.question());
  }

  @Test
  void matcherRankerFindsTheOriginalThroughASharedPattern() {
    SmallKnowledge kb = new SmallKnowledge();
    kb.questions.add(new SmallKnowledge.Question(100, "original", 1, null));
    kb.questions.add(new SmallKnowledge.Question(101, "duplicate", 0, null));
    kb.questions.add(new SmallKnowledge.Question(102, "other", 5, 9L));
    kb.traces.add(
        new SmallKnowledge.Trace("a", 100, "keras", "ValueError", "bad 3", new int[] {0, 1, 2, 3}));
    kb.traces.add(
        new SmallKnowledge.Trace("b", 101, "keras", "ValueError", "bad 4", new int[] {5, 1, 2, 3}));
    kb.traces.add(
        new SmallKnowledge.Trace("c", 102, "keras", "KeyError", "other", new int[] {4, 2, 3}));
    kb.patterns.add(new SmallKnowledge.Pattern("keras", new int[] {1, 2, 3}));
    kb.patterns.add(new SmallKnowledge.Pattern("keras", new int[] {2, 3}));
    MatcherRanker ranker = new MatcherRanker(kb.build(tempFile()));
    List<String> frames = List.of("mod5:f5", "mod1:f1", "mod2:f2", "mod3:f3");
    KnownTrace query = new KnownTrace(101, "keras", "ValueError", "bad 4", null, frames, 0);
    assertThat(ranker.rank(List.of(query), 101, 10)).containsExactly(100L, 102L);
    RetrievalMetrics m =
        DuplicateEvaluation.evaluate(
                List.of(ranker),
                List.of(new DuplicateEvaluation.Link(101, 100)),
                Map.of(101L, List.of(query)))
            .get(0);
    assertThat(m).isEqualTo(new RetrievalMetrics("tracemine", 1, 1, 1, 1.0, 1.0, 1.0));
  }

  @Property(tries = 100, seed = "21")
  void recallAt5NeverBelowRecallAt1OnRandomKnowledge(@ForAll("seeds") long seed) {
    Random r = new Random(seed);
    SmallKnowledge kb = SmallKnowledge.random(r, 6, "keras");
    KnowledgeIndex index = kb.build(tempFile());
    List<KnownTrace> known = new ArrayList<>();
    Map<Long, List<KnownTrace>> queries = new HashMap<>();
    for (SmallKnowledge.Trace t : kb.traces) {
      List<String> frames = new ArrayList<>();
      for (int i : t.items()) {
        frames.add(SmallKnowledge.file(i) + ":" + SmallKnowledge.function(i));
      }
      KnownTrace k =
          new KnownTrace(t.question(), t.library(), t.type(), t.message(), t.template(), frames, 0);
      known.add(k);
      queries.computeIfAbsent(t.question(), q -> new ArrayList<>()).add(k);
    }
    List<DuplicateEvaluation.Link> links = new ArrayList<>();
    Set<Long> asked = queries.keySet();
    for (long q : asked) {
      links.add(new DuplicateEvaluation.Link(q, 100 + r.nextInt(6)));
    }
    for (RetrievalMetrics m :
        DuplicateEvaluation.evaluate(
            List.of(
                new MatcherRanker(index), new TemplateBaseline(known), new TfIdfBaseline(known)),
            links,
            queries)) {
      assertThat(m.duplicates()).isEqualTo(links.size());
      if (links.isEmpty()) {
        assertThat(m.mrr()).isNull();
        continue;
      }
      assertThat(m.recallAt5()).isGreaterThanOrEqualTo(m.recallAt1());
      assertThat(m.mrr()).isBetween(0.0, 1.0);
      assertThat(m.mrr()).isGreaterThanOrEqualTo(m.recallAt1() - 1e-12);
    }
  }
}
