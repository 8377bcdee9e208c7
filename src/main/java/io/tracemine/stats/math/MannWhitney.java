package io.tracemine.stats.math;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * The two-sided Mann-Whitney U test exactly as {@code scipy.stats.mannwhitneyu(x, y)} computes it
 * with its defaults (checked against SciPy 1.10.1): {@code use_continuity=True}, {@code
 * alternative='two-sided'}, {@code method='auto'}.
 *
 * <ul>
 *   <li>Ranks of the pooled sample, ties get the average rank; {@code U1 = R1 - n1(n1+1)/2} is the
 *       statistic reported for {@code x}, and the test uses {@code U = max(U1, n1*n2 - U1)}.
 *   <li>{@code method='auto'} is exact when at least one sample has at most 8 values and there is
 *       no tie in the pooled sample (SciPy's {@code _mwu_choose_method}: asymptotic only when both
 *       {@code n > 8} or when there are ties); then {@code p = 2 P(U' >= U)} under the exact null
 *       distribution, computed here with integer arithmetic.
 *   <li>Otherwise the normal approximation with tie-corrected variance {@code s^2 = n1 n2/12 ((n+1)
 *       - sum(t^3 - t)/(n(n-1)))} and continuity correction: {@code p = 2 sf((U - n1 n2/2 -
 *       0.5)/s)}, clipped to 1.
 *   <li>All values tied ({@code s = 0}): SciPy 1.10 evaluates {@code sf(-inf) = 1}, so p = 1 (no
 *       evidence of a difference); reproduced.
 *   <li>An empty sample: SciPy raises; here the result has the sizes and NaN for U, z and p, so a
 *       table can still show the row.
 * </ul>
 *
 * <p>{@code z} is the signed, continuity-corrected normal score of {@code U1} (negative when x
 * tends to be smaller): {@code (U1 - mu - 0.5 sign(U1 - mu)) / s}; it is reported for every method,
 * while {@code p} comes from the method named in {@link Result#method()}. Cost: O(n log n), plus
 * O(min(n1,n2)^2 max(n1,n2)) big-integer steps for the exact distribution.
 */
public final class MannWhitney {
  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);
  private static final int EXACT_MAX_SIZE = 8;

  private MannWhitney() {}

  /** Which p-value SciPy's {@code method='auto'} used. */
  public enum Method {
    EXACT,
    ASYMPTOTIC,
    NONE
  }

  /** Sizes, U1 (for x), signed z, two-sided p and the method used for p. */
  public record Result(int n1, int n2, double u, double z, double p, Method method) {}

  /**
   * Tests {@code x} against {@code y}.
   *
   * @throws IllegalArgumentException if a value is NaN
   */
  public static Result test(double[] x, double[] y) {
    int n1 = x.length;
    int n2 = y.length;
    if (n1 == 0 || n2 == 0) {
      return new Result(n1, n2, Double.NaN, Double.NaN, Double.NaN, Method.NONE);
    }
    double[] pooled = new double[n1 + n2];
    System.arraycopy(x, 0, pooled, 0, n1);
    System.arraycopy(y, 0, pooled, n1, n2);
    for (int i = 0; i < pooled.length; i++) {
      if (Double.isNaN(pooled[i])) {
        String where = i < n1 ? "x[" + i + "]" : "y[" + (i - n1) + "]";
        throw new IllegalArgumentException(
            "Cannot run Mann-Whitney U: " + where + " is NaN; drop missing values before testing");
      }
    }
    double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(pooled);
    double r1 = 0;
    for (int i = 0; i < n1; i++) {
      r1 += ranks[i];
    }
    return fromRankSum(n1, n2, r1, tieTerm(pooled));
  }

  /**
   * The test from its sufficient statistics, for callers that rank elsewhere (the Spark stage):
   * {@code r1} = sum of the average ranks of x in the pooled sample, {@code tieTerm} = sum of
   * {@code t^3 - t} over its groups of tied values. Same result as {@link #test} on the samples.
   */
  public static Result fromRankSum(int n1, int n2, double r1, double tieTerm) {
    if (n1 == 0 || n2 == 0) {
      return new Result(n1, n2, Double.NaN, Double.NaN, Double.NaN, Method.NONE);
    }
    double u1 = r1 - n1 * (n1 + 1.0) / 2.0;
    double u2 = (double) n1 * n2 - u1;
    double u = Math.max(u1, u2);
    double n = n1 + n2;
    double mu = n1 * (double) n2 / 2.0;
    double s = Math.sqrt(n1 * (double) n2 / 12.0 * ((n + 1) - tieTerm / (n * (n - 1))));
    double z = signedZ(u1, mu, s);
    boolean exact = (n1 <= EXACT_MAX_SIZE || n2 <= EXACT_MAX_SIZE) && tieTerm == 0;
    double p;
    if (exact) {
      p = Math.min(1.0, 2.0 * exactSf((long) Math.rint(u), Math.min(n1, n2), Math.max(n1, n2)));
    } else {
      double zMax = (u - mu - 0.5) / s; // SciPy's statistic; -inf when all values tie
      p = Math.min(1.0, 2.0 * survival(zMax));
    }
    return new Result(n1, n2, u1, z, p, exact ? Method.EXACT : Method.ASYMPTOTIC);
  }

  private static double signedZ(double u1, double mu, double s) {
    double d = u1 - mu;
    if (s == 0) {
      return 0.0;
    }
    double corrected = Math.abs(d) <= 0.5 ? 0.0 : d - 0.5 * Math.signum(d);
    return corrected / s;
  }

  /** Normal upper tail; erfc-based, so small p-values keep their precision (as SciPy's ndtr). */
  private static double survival(double z) {
    return NORMAL.cumulativeProbability(-z);
  }

  /** Sum of t^3 - t over the groups of tied values. */
  private static double tieTerm(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double term = 0;
    int i = 0;
    while (i < sorted.length) {
      int j = i;
      while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) {
        j++;
      }
      double t = j - i + 1;
      term += t * t * t - t;
      i = j + 1;
    }
    return term;
  }

  /**
   * P(U >= u) under the null for sample sizes m <= n: the counts of U are the coefficients of the
   * Gaussian binomial [m+n choose m]_q, built as prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i).
   */
  static double exactSf(long u, int m, int n) {
    int degree = m * n;
    BigInteger[] c = new BigInteger[degree + 1];
    Arrays.fill(c, BigInteger.ZERO);
    c[0] = BigInteger.ONE;
    for (int i = 1; i <= m; i++) {
      int shift = n + i;
      for (int k = degree; k >= shift; k--) {
        c[k] = c[k].subtract(c[k - shift]);
      }
      for (int k = i; k <= degree; k++) {
        c[k] = c[k].add(c[k - i]);
      }
    }
    BigInteger total = BigInteger.ZERO;
    BigInteger tail = BigInteger.ZERO;
    for (int k = 0; k <= degree; k++) {
      total = total.add(c[k]);
      if (k >= u) {
        tail = tail.add(c[k]);
      }
    }
    return new BigDecimal(tail).divide(new BigDecimal(total), MathContext.DECIMAL64).doubleValue();
  }
}
