package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class FrameOverlapRankerTest {
  private static Path tempFile() {
    try {
      Path f = Files.createTempFile("frame-overlap-test", ".tmm");
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KnownTrace known(SmallKnowledge.Trace t) {
    List<String> frames = new ArrayList<>();
    for (int i : t.items()) {
      frames.add(SmallKnowledge.file(i) + ":" + SmallKnowledge.function(i));
    }
    return new KnownTrace(t.question(), t.library(), t.type(), t.message(), null, frames, 0);
  }

  private static List<KnownTrace> known(SmallKnowledge kb) {
    return kb.traces.stream().map(FrameOverlapRankerTest::known).toList();
  }

  @Test
  void refusesAnUnknownMode() {
    assertThatThrownBy(() -> new FrameOverlapRanker(null, List.of(), "sum", 1, true, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot rank: unknown mode 'sum' (valid: add, tie, replace)");
  }

  /**
   * The original and a rival share the same mined pattern with the duplicate; the rival wins
   * TraceMine's tie (accepted answer). Only the original also holds frame 7, in no pattern: the
   * overlap credit puts it first.
   */
  @Test
  void aSharedFrameOutsideEveryPatternLiftsTheOriginal() {
    SmallKnowledge kb = new SmallKnowledge();
    kb.questions.add(new SmallKnowledge.Question(100, "original", 0, null));
    kb.questions.add(new SmallKnowledge.Question(101, "rival", 3, 9L));
    kb.traces.add(
        new SmallKnowledge.Trace("a", 100, "keras", "ValueError", "x", new int[] {7, 1, 2, 3}));
    kb.traces.add(
        new SmallKnowledge.Trace("b", 101, "keras", "ValueError", "x", new int[] {8, 1, 2, 3}));
    kb.patterns.add(new SmallKnowledge.Pattern("keras", new int[] {1, 2, 3}));
    KnowledgeIndex index = kb.build(tempFile());
    List<KnownTrace> knowledge = known(kb);
    KnownTrace query =
        new KnownTrace(
            200,
            "keras",
            "ValueError",
            "x",
            null,
            List.of("mod7:f7", "mod9:f9", "mod1:f1", "mod2:f2", "mod3:f3"),
            0);
    assertThat(new MatcherRanker(index).rank(List.of(query), 200, 5)).containsExactly(101L, 100L);
    FrameOverlapRanker add = new FrameOverlapRanker(index, knowledge, "add", 1, false, 10);
    assertThat(add.rank(List.of(query), 200, 5)).containsExactly(100L, 101L);
    // frames 1, 2, 3 are in both traces (df 2), frame 7 in one (df 1)
    assertThat(add.overlap(query, knowledge.get(0)))
        .isCloseTo(3 * Matcher.idf(2) + Matcher.idf(1), within(1e-9));
    assertThat(add.overlap(query, knowledge.get(1))).isCloseTo(3 * Matcher.idf(2), within(1e-9));
    assertThat(
            new FrameOverlapRanker(index, knowledge, "tie", 0, true, 10)
                .rank(List.of(query), 200, 5))
        .containsExactly(100L, 101L);
  }

  /** The overlap by definition: Σ idf over the distinct frames both hold, df over all traces. */
  @Property(tries = 100, seed = "5")
  void globalOverlapEqualsBruteForce(@ForAll("seeds") long seed) {
    Random r = new Random(seed);
    SmallKnowledge kb = SmallKnowledge.random(r, 6, "keras", "nltk");
    List<KnownTrace> knowledge = known(kb);
    FrameOverlapRanker ranker =
        new FrameOverlapRanker(kb.build(tempFile()), knowledge, "add", 1, true, 10);
    KnownTrace query = known(kb.traces.get(r.nextInt(kb.traces.size())));
    for (KnownTrace t : knowledge) {
      Set<String> shared = new HashSet<>(query.frames());
      shared.retainAll(t.frames());
      double expected = 0;
      for (String f : shared) {
        expected +=
            Matcher.idf((int) knowledge.stream().filter(k -> k.frames().contains(f)).count());
      }
      assertThat(ranker.overlap(query, t)).isCloseTo(expected, within(1e-9));
    }
  }

  /**
   * With weight 0 the ranker is TraceMine's candidates (the matcher's top {@code depth}) by score,
   * ties by the matcher's tie-break: one query traceback. (The matcher itself lists its near-best
   * questions by answer quality; this experiment re-sorts by score.)
   */
  @Property(tries = 100, seed = "6")
  void weightZeroIsTheMatchersCandidatesByScore(@ForAll("seeds") long seed) {
    Random r = new Random(seed);
    SmallKnowledge kb = SmallKnowledge.random(r, 6, "keras", "nltk");
    KnowledgeIndex index = kb.build(tempFile());
    SmallKnowledge.Trace t = kb.traces.get(r.nextInt(kb.traces.size()));
    int depth = 1 + r.nextInt(5);
    List<KnownTrace> query = List.of(known(t));
    List<Long> byScore =
        new Matcher(index)
            .match(1, MatcherRanker.traceback(known(t)), depth, t.question()).hits().stream()
                .sorted(
                    Comparator.comparingDouble((Hit h) -> -h.score())
                        .thenComparing(h -> h.acceptedAnswerId() == null)
                        .thenComparingInt(h -> -h.questionScore())
                        .thenComparingLong(Hit::questionId))
                .map(Hit::questionId)
                .toList();
    assertThat(
            new FrameOverlapRanker(index, known(kb), "add", 0, r.nextBoolean(), depth)
                .rank(query, t.question(), depth))
        .containsExactlyElementsOf(byScore);
    assertThat(byScore)
        .containsExactlyInAnyOrderElementsOf(
            new MatcherRanker(index).rank(query, t.question(), depth));
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }
}
