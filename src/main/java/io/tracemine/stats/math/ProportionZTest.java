package io.tracemine.stats.math;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Two-sample proportion z-test with pooled variance, two-sided (as statsmodels' {@code
 * proportions_ztest([x1, x2], [n1, n2])}): {@code p = (x1+x2)/(n1+n2)}, {@code z = (x1/n1 - x2/n2)
 * / sqrt(p(1-p)(1/n1 + 1/n2))}, {@code pValue = 2 sf(|z|)}.
 *
 * <p>An empty group gives NaN z and p. When the pooled proportion is 0 or 1 both groups have the
 * same proportion and the variance is 0: statsmodels returns NaN there, TraceMine returns z = 0 and
 * p = 1 (no evidence of a difference), so every row of a table gets a mark.
 */
public final class ProportionZTest {
  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

  private ProportionZTest() {}

  /** Proportions, z and two-sided p. */
  public record Result(double p1, double p2, double z, double p) {}

  /**
   * Tests x1 successes of n1 against x2 of n2.
   *
   * @throws IllegalArgumentException when a count is negative or successes exceed the trials
   */
  public static Result twoSided(long x1, long n1, long x2, long n2) {
    check(x1, n1, 1);
    check(x2, n2, 2);
    if (n1 == 0 || n2 == 0) {
      return new Result(
          n1 == 0 ? Double.NaN : x1 / (double) n1,
          n2 == 0 ? Double.NaN : x2 / (double) n2,
          Double.NaN,
          Double.NaN);
    }
    double p1 = x1 / (double) n1;
    double p2 = x2 / (double) n2;
    double pooled = (x1 + x2) / (double) (n1 + n2);
    double variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
    if (variance == 0) {
      return new Result(p1, p2, 0.0, 1.0);
    }
    double z = (p1 - p2) / Math.sqrt(variance);
    double p = Math.min(1.0, 2.0 * NORMAL.cumulativeProbability(-Math.abs(z)));
    return new Result(p1, p2, z, p);
  }

  private static void check(long x, long n, int group) {
    if (n < 0 || x < 0 || x > n) {
      throw new IllegalArgumentException(
          "Cannot run the proportion z-test: group "
              + group
              + " has "
              + x
              + " successes of "
              + n
              + " trials; need 0 <= successes <= trials");
    }
  }
}
