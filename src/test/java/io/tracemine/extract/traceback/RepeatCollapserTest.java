package io.tracemine.extract.traceback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Runs of one repeated frame: collapsed to K copies with the count kept; oracle: expansion. */
class RepeatCollapserTest {
  private static final Frame F = new Frame("/a/x.py", "x", 2, "f", PathStyle.UNIX);
  private static final Frame G = new Frame("/a/x.py", "x", 9, "g", PathStyle.UNIX);
  private static final Frame MAIN = new Frame("/a/run.py", "run", 1, "<module>", PathStyle.UNIX);

  @Test
  void aLongRunKeepsThreeCopiesAndCountsTheRest() {
    List<Frame> frames = new ArrayList<>();
    frames.add(MAIN);
    for (int i = 0; i < 1000; i++) {
      frames.add(F);
    }
    frames.add(G);
    assertThat(new RepeatCollapser(3).collapse(frames))
        .containsExactly(MAIN, F, F, F.withMoreRepeats(997), G);
  }

  @Test
  void pythonsOwnRepeatNoteIsParsedIntoTheSameRepresentation() {
    String printed =
        "Traceback (most recent call last):\n"
            + "  File \"/a/run.py\", line 1, in <module>\n"
            + "  File \"/a/x.py\", line 2, in f\n".repeat(3)
            + "  [Previous line repeated 996 more times]\n"
            + "RecursionError: maximum recursion depth exceeded\n";
    String expanded =
        "Traceback (most recent call last):\n"
            + "  File \"/a/run.py\", line 1, in <module>\n"
            + "  File \"/a/x.py\", line 2, in f\n".repeat(999)
            + "RecursionError: maximum recursion depth exceeded\n";
    RepeatCollapser three = new RepeatCollapser(3);
    Traceback fromNote = three.collapse(new TracebackParser().parse(printed).get(0));
    Traceback fromRun = three.collapse(new TracebackParser().parse(expanded).get(0));
    assertThat(fromNote.frames()).containsExactly(MAIN, F, F, F.withMoreRepeats(996));
    assertThat(fromRun.frames()).isEqualTo(fromNote.frames());
    assertThat(new RepeatCollapser(1).collapse(fromNote).frames())
        .containsExactly(MAIN, F.withMoreRepeats(998));
  }

  @Test
  void shortRunsAndZeroAreLeftAlone() {
    List<Frame> frames = List.of(MAIN, F, F, F.withMoreRepeats(5), G, G);
    assertThat(new RepeatCollapser(3).collapse(frames)).isSameAs(frames);
    List<Frame> many = new ArrayList<>(List.of(F, F, F, F, F));
    assertThat(new RepeatCollapser(0).collapse(many)).isSameAs(many);
  }

  @Test
  void framesDifferingInLineAreNotOneRun() {
    Frame other = new Frame("/a/x.py", "x", 3, "f", PathStyle.UNIX);
    List<Frame> frames = List.of(F, other, F, other, F, other, F, other);
    assertThat(new RepeatCollapser(1).collapse(frames)).isEqualTo(frames);
  }

  @Test
  void negativeLimitIsRejectedWithItsValue() {
    assertThatThrownBy(() -> new RepeatCollapser(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot collapse repeated frames: maxRepeats is -1 but must be >= 0");
  }

  @Property(tries = 300, seed = "20261129")
  void collapsingKeepsEveryCallAndBoundsEveryRun(
      @ForAll("frameLists") List<Frame> frames, @ForAll @IntRange(min = 1, max = 4) int k) {
    List<Frame> out = new RepeatCollapser(k).collapse(frames);
    assertThat(expand(out)).isEqualTo(expand(frames));
    int run = 0;
    for (int i = 0; i < out.size(); i++) {
      run = i > 0 && out.get(i).sameCall(out.get(i - 1)) ? run + 1 : 1;
      assertThat(run).isLessThanOrEqualTo(Math.max(k, longestRunAt(frames, out.get(i))));
    }
    assertThat(new RepeatCollapser(k).collapse(out)).isEqualTo(out);
  }

  /** The oracle: every frame repeated 1 + moreRepeats times, counts dropped. */
  private static List<Frame> expand(List<Frame> frames) {
    List<Frame> out = new ArrayList<>();
    for (Frame f : frames) {
      for (int i = 0; i <= f.moreRepeats(); i++) {
        out.add(f.withMoreRepeats(0));
      }
    }
    return out;
  }

  /** Runs of at most K are kept as they are, so a run in the output is at most max(K, run). */
  private static int longestRunAt(List<Frame> frames, Frame f) {
    int best = 0;
    int run = 0;
    for (int i = 0; i < frames.size(); i++) {
      run = i > 0 && frames.get(i).sameCall(frames.get(i - 1)) ? run + 1 : 1;
      if (frames.get(i).sameCall(f)) {
        best = Math.max(best, run);
      }
    }
    return best;
  }

  @Provide
  Arbitrary<List<Frame>> frameLists() {
    Arbitrary<Frame> frame = Arbitraries.of(F, G, MAIN, F.withMoreRepeats(7), G.withMoreRepeats(1));
    return frame.list().ofMaxSize(40);
  }
}
