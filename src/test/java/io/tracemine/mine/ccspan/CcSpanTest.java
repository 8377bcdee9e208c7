package io.tracemine.mine.ccspan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CcSpanTest {

  @Provide
  Arbitrary<List<Sequence>> databases() {
    Arbitrary<int[]> items = Arbitraries.integers().between(0, 3).array(int[].class).ofMaxSize(9);
    Arbitrary<Sequence> seq =
        Combinators.combine(items, Arbitraries.longs().between(1, 4)).as(Sequence::new);
    return seq.list().ofMaxSize(7);
  }

  @Provide
  Arbitrary<Integer> maxLengths() {
    return Arbitraries.integers().between(1, 5).injectNull(0.5);
  }

  @Property(tries = 1500, seed = "42")
  void equalsBruteForce(
      @ForAll("databases") List<Sequence> db,
      @ForAll SupportMeasure measure,
      @ForAll @IntRange(min = 1, max = 3) int minSupport,
      @ForAll("maxLengths") Integer maxLength) {
    List<ClosedPattern> got = new CcSpan(measure, minSupport, maxLength).mine(db);
    List<ClosedPattern> want = BruteForce.mine(db, measure, minSupport, maxLength);
    assertThat(BruteForce.canonical(got))
        .as("%s minsup=%d maxLength=%s on%n%s", measure, minSupport, maxLength, BruteForce.show(db))
        .isEqualTo(BruteForce.canonical(want));
  }

  @Property(tries = 400, seed = "7")
  void unionOverAnyItemPartitionIsTheFullResult(
      @ForAll("databases") List<Sequence> db,
      @ForAll SupportMeasure measure,
      @ForAll @IntRange(min = 1, max = 3) int minSupport,
      @ForAll @IntRange(min = 1, max = 4) int buckets,
      @ForAll @IntRange(min = 0, max = 1000) int salt) {
    CcSpan miner = new CcSpan(measure, minSupport, null);
    List<ClosedPattern> union = new ArrayList<>();
    for (int b = 0; b < buckets; b++) {
      int bucket = b;
      // each bucket sees only the sequences holding one of its items, in shuffled order
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < db.size(); i++) {
        for (int it : db.get(i).items()) {
          if (Math.floorMod(it * 31 + salt, buckets) == bucket) {
            idx.add(i);
            break;
          }
        }
      }
      Collections.shuffle(idx, new Random(salt));
      List<Sequence> part = idx.stream().map(db::get).toList();
      for (ClosedPattern p :
          miner.mine(part, it -> Math.floorMod(it * 31 + salt, buckets) == bucket)) {
        int[] orig = new int[p.sequences().length];
        for (int k = 0; k < orig.length; k++) {
          orig[k] = idx.get(p.sequences()[k]);
        }
        java.util.Arrays.sort(orig);
        union.add(
            new ClosedPattern(
                p.items(), p.traceSupport(), p.questionSupport(), p.occurrenceSupport(), orig));
      }
    }
    assertThat(BruteForce.canonical(union)).isEqualTo(BruteForce.canonical(miner.mine(db)));
  }

  @Test
  void handWorkedExample() {
    // 1 2 3 | 1 2 3 | 2 3 4 ; q: 10, 10, 11
    List<Sequence> db =
        List.of(
            new Sequence(new int[] {1, 2, 3}, 10),
            new Sequence(new int[] {1, 2, 3}, 10),
            new Sequence(new int[] {2, 3, 4}, 11));
    assertThat(BruteForce.canonical(new CcSpan(SupportMeasure.TRACES, 2, null).mine(db)))
        .containsExactly("[1, 2, 3] t=2 q=1 o=2 in [0, 1]", "[2, 3] t=3 q=2 o=3 in [0, 1, 2]");
    // by questions, [1 2 3] has support 1 and [2 3] support 2
    assertThat(BruteForce.canonical(new CcSpan(SupportMeasure.QUESTIONS, 2, null).mine(db)))
        .containsExactly("[2, 3] t=3 q=2 o=3 in [0, 1, 2]");
  }

  @Test
  void occurrencesCountsARepeatedTracebackInOneSequence() {
    List<Sequence> db = List.of(new Sequence(new int[] {5, 6, 5, 6}, 1));
    assertThat(BruteForce.canonical(new CcSpan(SupportMeasure.OCCURRENCES, 2, null).mine(db)))
        .containsExactly("[5, 6] t=1 q=1 o=2 in [0]");
    assertThat(new CcSpan(SupportMeasure.TRACES, 2, null).mine(db)).isEmpty();
    assertThat(BruteForce.canonical(new CcSpan(SupportMeasure.TRACES, 1, null).mine(db)))
        .containsExactly("[5, 6, 5, 6] t=1 q=1 o=1 in [0]");
  }

  @Test
  void longRecursiveTracesFinishQuickly() {
    // RecursionError-like traces: 5,000 frames, mostly one repeated item
    List<Sequence> db = new ArrayList<>();
    Random r = new Random(1);
    for (int t = 0; t < 6; t++) {
      int[] s = new int[5000];
      for (int i = 0; i < s.length; i++) {
        s[i] = i < 3 ? i : (i % 2 == 0 ? 7 : 8 + (r.nextInt(50) == 0 ? t : 0));
      }
      db.add(new Sequence(s, t));
    }
    for (SupportMeasure m : SupportMeasure.values()) {
      long t0 = System.nanoTime();
      List<ClosedPattern> got = new CcSpan(m, 2, null).mine(db);
      assertThat(got).isNotEmpty();
      assertThat((System.nanoTime() - t0) / 1e9).as("seconds for %s", m).isLessThan(20);
    }
  }

  @Test
  void rejectsBadArgumentsWithMessages() {
    assertThatThrownBy(() -> new CcSpan(SupportMeasure.TRACES, 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot mine with min support 0: it must be >= 1");
    assertThatThrownBy(() -> new CcSpan(SupportMeasure.TRACES, 2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot mine with max length 0: it must be >= 1 (or null for no limit)");
    assertThatThrownBy(
            () ->
                new CcSpan(SupportMeasure.TRACES, 2, null)
                    .mine(List.of(new Sequence(new int[] {1, -3}, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot mine sequence 0: item -3 is negative");
  }

  @Test
  void pureCoreImportsNothingFromSpark() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/tracemine/mine/ccspan"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain("org.apache.spark");
      }
    }
  }
}
