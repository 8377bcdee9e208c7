package io.tracemine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  private static final double[] REPORT = {0.05, 0.25, 0.5, 0.75, 0.95};

  /**
   * Oracle: Spark's (and Hive's) procedure transcribed, on a map of distinct values and counts:
   * accumulate the counts in value order and find the values at ranks floor and ceil of {@code (n -
   * 1) p} by binary search, then interpolate as Spark does.
   */
  private static double[] sparkProcedure(double[] values, double[] fractions) {
    TreeMap<Double, Long> counts = new TreeMap<>();
    for (double v : values) {
      counts.merge(v, 1L, Long::sum);
    }
    List<Double> keys = new ArrayList<>(counts.keySet());
    long[] accumulated = new long[keys.size()];
    long running = 0;
    int k = 0;
    for (Map.Entry<Double, Long> e : counts.entrySet()) {
      running += e.getValue();
      accumulated[k++] = running;
    }
    double[] out = new double[fractions.length];
    for (int i = 0; i < fractions.length; i++) {
      double position = (running - 1) * fractions[i];
      long lower = (long) Math.floor(position);
      long higher = (long) Math.ceil(position);
      double lowerKey = keys.get(index(accumulated, lower + 1));
      double higherKey = keys.get(index(accumulated, higher + 1));
      out[i] =
          higher == lower || lowerKey == higherKey
              ? lowerKey
              : (higher - position) * lowerKey + (position - lower) * higherKey;
    }
    return out;
  }

  private static int index(long[] accumulated, long rank) {
    int ix = Arrays.binarySearch(accumulated, rank);
    return ix < 0 ? -(ix + 1) : ix;
  }

  /**
   * Oracle 2: NumPy's linear method on the fully sorted list, {@code x[lo] + f (x[hi] - x[lo])}.
   */
  private static double numpyLinear(double[] sorted, double p) {
    double position = p * (sorted.length - 1);
    int lo = (int) Math.floor(position);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
  }

  @Property(tries = 300)
  void sameBitsAsSparksProcedureWithTies(
      @ForAll @Size(min = 1, max = 60) List<@IntRange(min = -6, max = 6) Integer> small,
      @ForAll @IntRange(min = 1, max = 4) int scale) {
    double[] values = small.stream().mapToDouble(v -> v / (double) scale).toArray();
    double[] fractions = {0.0, 0.05, 0.1, 0.25, 0.33, 0.5, 0.75, 0.9, 0.95, 1.0};
    assertThat(Percentiles.ofUnsorted(values.clone(), values.length, fractions))
        .containsExactly(sparkProcedure(values, fractions));
  }

  @Property(tries = 300)
  void sameBitsAsSparksProcedureOnDistinctDoubles(
      @ForAll @Size(min = 1, max = 200) List<@DoubleRange(min = -1e6, max = 1e9) Double> hours) {
    double[] values = hours.stream().mapToDouble(Double::doubleValue).toArray();
    assertThat(Percentiles.ofUnsorted(values.clone(), values.length, REPORT))
        .containsExactly(sparkProcedure(values, REPORT));
  }

  @Property(tries = 300)
  void agreesWithNumpysLinearMethod(
      @ForAll @Size(min = 1, max = 100) List<@DoubleRange(min = 0, max = 1e5) Double> list,
      @ForAll @DoubleRange(min = 0, max = 1) double p) {
    double[] sorted = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double got = Percentiles.ofSorted(sorted, sorted.length, new double[] {p})[0];
    assertThat(got).isCloseTo(numpyLinear(sorted, p), within(1e-9 * (1 + Math.abs(got))));
  }

  @Property(tries = 200)
  void orderOfTheInputDoesNotMatterAndResultsAreMonotoneWithinTheRange(
      @ForAll @Size(min = 1, max = 80) List<@IntRange(min = 0, max = 30) Integer> list,
      @ForAll long seed) {
    double[] values = list.stream().mapToDouble(Integer::doubleValue).toArray();
    List<Integer> shuffled = new ArrayList<>(list);
    Collections.shuffle(shuffled, new Random(seed));
    double[] other = shuffled.stream().mapToDouble(Integer::doubleValue).toArray();
    double[] a = Percentiles.ofUnsorted(values, values.length, REPORT);
    assertThat(Percentiles.ofUnsorted(other, other.length, REPORT)).containsExactly(a);
    double min = Collections.min(list);
    double max = Collections.max(list);
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i]).isBetween(min, max);
      if (i > 0) {
        assertThat(a[i]).isGreaterThanOrEqualTo(a[i - 1]);
      }
    }
  }

  @Property(tries = 100)
  void allEqualValuesGiveThatValue(
      @ForAll @DoubleRange(min = -1e9, max = 1e9) double v,
      @ForAll @IntRange(min = 1, max = 50) int n) {
    double[] values = new double[n];
    Arrays.fill(values, v);
    assertThat(Percentiles.ofUnsorted(values, n, REPORT)).containsOnly(v);
  }

  @Test
  void oneValueEmptyAndHandComputedCases() {
    assertThat(Percentiles.ofUnsorted(new double[] {7.5}, 1, REPORT)).containsOnly(7.5);
    assertThat(Percentiles.ofUnsorted(new double[0], 0, REPORT)).isEmpty();
    // Spark's documented examples: percentile(col, 0.3) of (0, 10) is 3.0; 0.25/0.75 -> 2.5/7.5
    assertThat(Percentiles.ofUnsorted(new double[] {10, 0}, 2, new double[] {0.3, 0.25, 0.75}))
        .containsExactly(3.0, 2.5, 7.5);
    // n = 5: positions 0.2, 1, 2, 3, 3.8 of 1 2 2 4 100
    assertThat(Percentiles.ofUnsorted(new double[] {100, 2, 4, 1, 2}, 5, REPORT))
        .containsExactly(0.8 * 1 + 0.2 * 2, 2.0, 2.0, 4.0, (4 - 3.8) * 4 + (3.8 - 3) * 100);
    // only the first size entries count
    assertThat(Percentiles.ofUnsorted(new double[] {3, 1, 99, -99}, 2, new double[] {0, 1}))
        .containsExactly(1.0, 3.0);
  }

  @Test
  void nanSortsLastAsInSpark() {
    double[] got =
        Percentiles.ofUnsorted(new double[] {Double.NaN, 1, 2}, 3, new double[] {0, 0.5, 1});
    assertThat(got[0]).isEqualTo(1.0);
    assertThat(got[1]).isEqualTo(2.0);
    assertThat(got[2]).isNaN();
  }

  @Test
  void rejectsAFractionOutsideTheUnitIntervalAndABadSize() {
    assertThatThrownBy(() -> Percentiles.ofSorted(new double[] {1}, 1, new double[] {1.5}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot take percentile 1.5: a fraction must be between 0.0 and 1.0");
    assertThatThrownBy(() -> Percentiles.ofSorted(new double[] {1}, 1, new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot take percentile NaN: a fraction must be between 0.0 and 1.0");
    assertThatThrownBy(() -> Percentiles.ofUnsorted(new double[] {1}, 2, REPORT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot take percentiles of 2 values from an array of 1");
  }
}
