package io.tracemine.match;

/**
 * The exact two-sided sign test (McNemar's exact test) for two rankers on the same duplicates:
 * {@code wins} duplicates only the first ranker finds in its top 5, {@code losses} only the second.
 * Under "neither is better" each discordant duplicate is a fair coin, so the p-value is twice the
 * binomial tail {@code P(X <= min(wins, losses))}, {@code X ~ Bin(wins + losses, 1/2)}, at most one
 * (0 when below the smallest positive double).
 */
final class SignTest {
  private SignTest() {}

  /** The two-sided p-value; 1 when there is no discordant duplicate. */
  static double pValue(int wins, int losses) {
    if (wins < 0 || losses < 0) {
      throw new IllegalArgumentException(
          "Cannot test: wins " + wins + " and losses " + losses + " must be >= 0");
    }
    int n = wins + losses;
    int k = Math.min(wins, losses);
    // sum of C(n, i) / 2^n for i <= k, in logs so that n in the thousands does not overflow
    double tail = 0;
    double logTerm = -n * Math.log(2);
    for (int i = 0; i <= k; i++) {
      tail += Math.exp(logTerm);
      logTerm += Math.log(n - i) - Math.log(i + 1);
    }
    return Math.min(1, 2 * tail);
  }
}
