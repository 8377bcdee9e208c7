package io.tracemine.stats.math;

import java.util.Arrays;

/**
 * Sample medians as NumPy's {@code np.median}: the mean of the two middle values for even sizes.
 */
public final class Medians {
  private Medians() {}

  /** The median of {@code values} (not modified), or null for an empty array. */
  public static Double of(double[] values) {
    if (values.length == 0) {
      return null;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }
}
