package io.tracemine.stats.math;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The sufficient statistics of a two-sample Mann-Whitney test and the two samples' exact medians,
 * from the pooled sample's distinct values in ascending order, each with how often it occurs in
 * sample 1 and in sample 2 (one pass over the values, then one over the buffered counts for the
 * medians; memory: the number of distinct values).
 *
 * <ul>
 *   <li>Ranks: a value {@code v} occurring {@code t = c1 + c2} times after {@code before} smaller
 *       values has the average rank {@code before + (t + 1) / 2}, so twice sample 1's rank sum is
 *       {@code sum(c1 (2 before + t + 1))}, summed as a {@code long} with two's-complement overflow
 *       (as Spark's {@code sum} of longs).
 *   <li>Tie term {@code sum(t^3 - t)}, exact (big integer), reported as the nearest double.
 *   <li>Medians as NumPy's ({@link Medians}): the values at 0-based positions {@code (n-1)/2} and
 *       {@code n/2} of each sample in value order; null for an empty sample.
 * </ul>
 */
public final class RankSums {
  private double[] values = new double[16];
  private long[] counts1 = new long[16];
  private long[] counts2 = new long[16];
  private int size;

  /** The statistics of one pair of samples. */
  public record Summary(
      long n1,
      long n2,
      long twiceRankSum1,
      double tieTerm,
      Double low1,
      Double high1,
      Double low2,
      Double high2) {

    /** Sample {@code 1} or {@code 2}'s median (mean of the two middle values), or null. */
    public Double median(int sample) {
      Double low = sample == 1 ? low1 : low2;
      Double high = sample == 1 ? high1 : high2;
      if (low == null) {
        return null;
      }
      return low.doubleValue() == high.doubleValue() ? low : (low + high) / 2.0;
    }
  }

  /**
   * Adds the next distinct value, greater than every value added before, with its counts in the two
   * samples (each {@code >= 0}).
   *
   * @throws IllegalArgumentException if {@code value} is NaN or not greater than the previous
   *     value, or a count is negative
   */
  public void add(double value, long count1, long count2) {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("Cannot rank NaN");
    }
    if (size > 0 && !(value > values[size - 1])) {
      throw new IllegalArgumentException(
          "Cannot rank " + value + " after " + values[size - 1] + ": values must ascend");
    }
    if (count1 < 0 || count2 < 0) {
      throw new IllegalArgumentException(
          "Cannot rank " + value + " with a negative count (" + count1 + ", " + count2 + ")");
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
      counts1 = Arrays.copyOf(counts1, size * 2);
      counts2 = Arrays.copyOf(counts2, size * 2);
    }
    values[size] = value;
    counts1[size] = count1;
    counts2[size] = count2;
    size++;
  }

  /** The statistics of the values added so far; then this accumulator is empty again. */
  public Summary finish() {
    long n1 = 0;
    long n2 = 0;
    long before = 0;
    long twiceRankSum1 = 0;
    long tieSmall = 0;
    BigInteger tieLarge = BigInteger.ZERO;
    for (int i = 0; i < size; i++) {
      long t = counts1[i] + counts2[i];
      twiceRankSum1 += counts1[i] * (2 * before + t + 1);
      if (t < (1L << 20)) {
        // t^3 < 2^60: the running sum is flushed to the big integer before it can overflow
        long term = t * t * t - t;
        if (tieSmall > Long.MAX_VALUE - term) {
          tieLarge = tieLarge.add(BigInteger.valueOf(tieSmall));
          tieSmall = 0;
        }
        tieSmall += term;
      } else {
        BigInteger bt = BigInteger.valueOf(t);
        tieLarge = tieLarge.add(bt.pow(3).subtract(bt));
      }
      before += t;
      n1 += counts1[i];
      n2 += counts2[i];
    }
    double tieTerm = tieLarge.add(BigInteger.valueOf(tieSmall)).doubleValue();
    Summary out =
        new Summary(
            n1,
            n2,
            twiceRankSum1,
            tieTerm,
            at(counts1, (n1 - 1) / 2, n1),
            at(counts1, n1 / 2, n1),
            at(counts2, (n2 - 1) / 2, n2),
            at(counts2, n2 / 2, n2));
    size = 0;
    return out;
  }

  /** The value at 0-based {@code position} of the sample counted by {@code counts}, or null. */
  private Double at(long[] counts, long position, long n) {
    if (n == 0) {
      return null;
    }
    long seen = 0;
    for (int i = 0; i < size; i++) {
      seen += counts[i];
      if (position < seen) {
        return values[i];
      }
    }
    throw new IllegalStateException("position " + position + " beyond " + n + " values");
  }
}
