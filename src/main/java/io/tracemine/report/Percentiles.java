package io.tracemine.report;

import java.util.Arrays;

/**
 * Exact percentiles by linear interpolation between the closest ranks (NumPy's default {@code
 * linear} method), computed as Spark's {@code percentile} aggregate computes them, so that the
 * numbers are the same to the last bit: for fraction {@code p} of {@code n} sorted values the
 * position is {@code (n - 1) * p}; with {@code lo} and {@code hi} its floor and ceiling, the result
 * is {@code values[lo]} when {@code lo == hi} or both values are equal, otherwise {@code (hi -
 * position) * values[lo] + (position - lo) * values[hi]}. Values are ordered as {@link
 * Double#compare} orders them (NaN last, as in Spark; only the order of -0.0 and 0.0, which Spark
 * leaves to its hash map, can differ). Pure: no Spark.
 */
public final class Percentiles {
  private Percentiles() {}

  /**
   * The percentiles at {@code fractions} (each in [0, 1]) of the first {@code size} entries of
   * {@code values}, which this sorts in place; an empty array when {@code size} is 0.
   */
  public static double[] ofUnsorted(double[] values, int size, double[] fractions) {
    if (size < 0 || size > values.length) {
      throw new IllegalArgumentException(
          "Cannot take percentiles of " + size + " values from an array of " + values.length);
    }
    Arrays.sort(values, 0, size);
    return ofSorted(values, size, fractions);
  }

  /**
   * As {@link #ofUnsorted} for the first {@code size} entries of {@code sorted}, already sorted.
   */
  public static double[] ofSorted(double[] sorted, int size, double[] fractions) {
    for (double p : fractions) {
      if (!(p >= 0.0 && p <= 1.0)) {
        throw new IllegalArgumentException(
            "Cannot take percentile " + p + ": a fraction must be between 0.0 and 1.0");
      }
    }
    if (size == 0) {
      return new double[0];
    }
    long maxPosition = size - 1L;
    double[] out = new double[fractions.length];
    for (int i = 0; i < fractions.length; i++) {
      double position = maxPosition * fractions[i];
      long lower = (long) Math.floor(position);
      long higher = (long) Math.ceil(position);
      double low = sorted[(int) lower];
      double high = sorted[(int) higher];
      out[i] =
          lower == higher || low == high
              ? low
              : (higher - position) * low + (position - lower) * high;
    }
    return out;
  }
}
