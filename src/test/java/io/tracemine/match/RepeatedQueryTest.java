package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.extract.ExtractConfig;
import io.tracemine.extract.html.Block;
import io.tracemine.extract.html.BlockKind;
import io.tracemine.extract.traceback.ProfileExtractor;
import io.tracemine.extract.traceback.Traceback;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query is collapsed as the knowledge base's traces were: a recursion pasted with every call
 * listed (50 copies of one frame) gives the frames its stored trace has (extracted from the form
 * CPython prints, 3 copies and {@code [Previous line repeated 47 more times]}) and finds the same
 * best question.
 */
class RepeatedQueryTest {
  private static final String HEAD =
      """
      Traceback (most recent call last):
        File "/home/ann/app.py", line 40, in <module>
          main()
        File "/home/ann/app.py", line 30, in main
          walk(tree)
        File "/home/ann/app.py", line 20, in load
          walk(tree)
      """;

  private static final String RECURSE =
      """
        File "/home/ann/tree.py", line 7, in walk
          return walk(node.child)
      """;

  private static final String TAIL =
      """
        File "/home/ann/tree.py", line 5, in leaf
          raise RecursionError("maximum recursion depth exceeded")
      RecursionError: maximum recursion depth exceeded
      """;

  /** As CPython prints 50 calls of {@code walk}: 3 copies and a note for the other 47. */
  static final String PRINTED =
      HEAD + RECURSE.repeat(3) + "  [Previous line repeated 47 more times]\n" + TAIL;

  /** The same recursion with every call listed, as a debugger or a log may show it. */
  static final String LISTED = HEAD + RECURSE.repeat(50) + TAIL;

  @TempDir Path dir;

  @Test
  void aRecursionPastedInFullFindsTheQuestionItsStoredTraceFinds() {
    KnowledgeIndex index = build(dir, ExtractConfig.defaults().maxFrameRepeats());
    assertThat(index.maxFrameRepeats()).isEqualTo(3);

    List<Traceback> listed = TraceQuery.tracebacks(LISTED, index);
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).frames()).isEqualTo(stored(PRINTED).frames());
    assertThat(listed.get(0).frames().get(5).moreRepeats()).isEqualTo(47);

    TraceAnswer fromListed = TraceQuery.answer(index, LISTED, 5).get(0);
    TraceAnswer fromPrinted = TraceQuery.answer(index, PRINTED, 5).get(0);
    assertThat(fromListed.hits()).isNotEmpty();
    assertThat(fromListed.hits().get(0).questionId()).isEqualTo(1L);
    assertThat(fromListed.hits()).isEqualTo(fromPrinted.hits());
  }

  /** Why: uncollapsed, the 50 copies hide the stored trace's own pattern (the old behaviour). */
  @Test
  void uncollapsedTheListedRecursionMissesTheStoredTracesPattern() {
    KnowledgeIndex index = build(dir, KnowledgeIndex.REPEATS_UNKNOWN);
    assertThat(TraceQuery.tracebacks(LISTED, index).get(0).frames()).hasSize(54);
    TraceAnswer fromListed = TraceQuery.answer(index, LISTED, 5).get(0);
    assertThat(fromListed.hits().get(0).questionId()).isEqualTo(2L);
    assertThat(TraceQuery.answer(index, PRINTED, 5).get(0).hits().get(0).questionId())
        .isEqualTo(1L);
  }

  /** The stored form of {@code text}: what the extract stage keeps with the default settings. */
  static Traceback stored(String text) {
    ExtractConfig c = ExtractConfig.defaults();
    return ProfileExtractor.of(c.profile(), c.maxFrameRepeats())
        .extract(List.of(new Block(0, BlockKind.CODE, text)))
        .traces()
        .get(0)
        .traceback();
  }

  /**
   * Question 1 holds the stored recursion (its own pattern: the whole trace); question 2, better
   * answered, holds only the recursion's end ({@code walk walk walk leaf}), a pattern both share.
   */
  static KnowledgeIndex build(Path dir, int maxFrameRepeats) {
    Traceback one = stored(PRINTED);
    Traceback two = stored("Traceback (most recent call last):\n" + RECURSE.repeat(3) + TAIL);
    assertThat(one.frames()).hasSize(7);
    assertThat(two.frames()).hasSize(4);
    Path file = dir.resolve("index-" + maxFrameRepeats + ".tmm");
    try (IndexBuilder b = new IndexBuilder("default")) {
      b.maxFrameRepeats(maxFrameRepeats);
      b.addQuestion(1, "RecursionError walking my tree", 1, null);
      b.addQuestion(2, "RecursionError in walk", 50, 20L);
      IndexFixtures.addTrace(b, "1-0-0", 1, "python", one, one.message());
      IndexFixtures.addTrace(b, "2-0-0", 2, "python", two, two.message());
      b.addPattern(
          "python",
          IndexFixtures.files(one.frames()),
          IndexFixtures.functions(one.frames()),
          1,
          1,
          List.of("1-0-0"));
      b.addPattern(
          "python",
          IndexFixtures.files(two.frames()),
          IndexFixtures.functions(two.frames()),
          2,
          2,
          List.of("1-0-0", "2-0-0"));
      b.write(file);
    }
    return KnowledgeIndex.open(file);
  }
}
