package io.tracemine.stats.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RankSumsTest {

  @Test
  void smallExampleByHand() {
    // x = {1, 2, 2}, y = {2, 3}: pooled ranks 1, 3, 3, 3, 5 (three 2s share rank 3)
    RankSums sums = new RankSums();
    sums.add(1, 1, 0);
    sums.add(2, 2, 1);
    sums.add(3, 0, 1);
    RankSums.Summary s = sums.finish();
    assertThat(s.n1()).isEqualTo(3);
    assertThat(s.n2()).isEqualTo(2);
    assertThat(s.twiceRankSum1()).isEqualTo(2 * (1 + 3 + 3));
    assertThat(s.tieTerm()).isEqualTo(27 - 3);
    assertThat(s.median(1)).isEqualTo(2.0);
    assertThat(s.median(2)).isEqualTo(2.5);
    assertThat(List.of(s.low1(), s.high1(), s.low2(), s.high2()))
        .containsExactly(2.0, 2.0, 2.0, 3.0);
  }

  @Test
  void anEmptySampleHasNoMedianAndFinishEmptiesTheAccumulator() {
    RankSums sums = new RankSums();
    sums.add(5, 0, 2);
    RankSums.Summary s = sums.finish();
    assertThat(s.n1()).isZero();
    assertThat(s.low1()).isNull();
    assertThat(s.median(1)).isNull();
    assertThat(s.median(2)).isEqualTo(5.0);
    RankSums.Summary empty = sums.finish();
    assertThat(empty).isEqualTo(new RankSums.Summary(0, 0, 0, 0, null, null, null, null));
  }

  @Test
  void theTieTermIsExactBeyondLongRange() {
    RankSums sums = new RankSums();
    long t = 3_000_000_000L; // t^3 = 2.7e28 > Long.MAX_VALUE
    sums.add(1, t, 0);
    sums.add(2, 1_048_575, 1); // just below the small-term limit
    java.math.BigInteger big = java.math.BigInteger.valueOf(t);
    java.math.BigInteger small = java.math.BigInteger.valueOf(1_048_576);
    double expected = big.pow(3).subtract(big).add(small.pow(3).subtract(small)).doubleValue();
    assertThat(sums.finish().tieTerm()).isEqualTo(expected);
  }

  @Test
  void rejectsValuesOutOfOrderNaNAndNegativeCounts() {
    RankSums sums = new RankSums();
    sums.add(2, 1, 0);
    assertThatThrownBy(() -> sums.add(2, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot rank 2.0 after 2.0: values must ascend");
    assertThatThrownBy(() -> sums.add(Double.NaN, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot rank NaN");
    assertThatThrownBy(() -> sums.add(3, -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot rank 3.0 with a negative count (-1, 0)");
  }

  /**
   * Oracle: brute force on the raw samples. Twice the rank sum from Commons Math's average ranks
   * ({@link MannWhitney#test} uses them), the tie term by counting, medians by {@link Medians}.
   */
  @Property(tries = 300)
  void agreesWithBruteForceOnRawSamples(
      @ForAll @Size(max = 30) List<@IntRange(min = -4, max = 6) Integer> x,
      @ForAll @Size(max = 30) List<@IntRange(min = -4, max = 6) Integer> y) {
    TreeMap<Double, long[]> counts = new TreeMap<>();
    x.forEach(v -> counts.computeIfAbsent(v / 2.0, k -> new long[2])[0]++);
    y.forEach(v -> counts.computeIfAbsent(v / 2.0, k -> new long[2])[1]++);
    RankSums sums = new RankSums();
    counts.forEach((v, c) -> sums.add(v, c[0], c[1]));
    RankSums.Summary s = sums.finish();

    double[] xs = x.stream().mapToDouble(v -> v / 2.0).toArray();
    double[] ys = y.stream().mapToDouble(v -> v / 2.0).toArray();
    double twiceRankSum = 0;
    for (double v : xs) {
      long below = 0;
      long equal = 0;
      for (double w : xs) {
        below += w < v ? 1 : 0;
        equal += w == v ? 1 : 0;
      }
      for (double w : ys) {
        below += w < v ? 1 : 0;
        equal += w == v ? 1 : 0;
      }
      twiceRankSum += 2 * below + equal + 1; // twice the average of ranks below+1 .. below+equal
    }
    long tie = 0;
    for (long[] c : counts.values()) {
      long t = c[0] + c[1];
      tie += t * t * t - t;
    }
    assertThat(s.n1()).isEqualTo(xs.length);
    assertThat(s.n2()).isEqualTo(ys.length);
    assertThat((double) s.twiceRankSum1()).isEqualTo(twiceRankSum);
    assertThat(s.tieTerm()).isEqualTo((double) tie);
    assertThat(s.median(1)).isEqualTo(Medians.of(xs));
    assertThat(s.median(2)).isEqualTo(Medians.of(ys));
    if (xs.length > 0 && ys.length > 0) {
      MannWhitney.Result expected = MannWhitney.test(xs, ys);
      MannWhitney.Result fromSums =
          MannWhitney.fromRankSum(xs.length, ys.length, s.twiceRankSum1() / 2.0, s.tieTerm());
      assertThat(fromSums).isEqualTo(expected);
    }
  }
}
