package io.tracemine.match;

/**
 * How well a ranker finds the original of each duplicate: recall@1 and recall@5 (the share of
 * duplicates whose original is ranked first, or among the first five) and the mean reciprocal rank
 * (1/rank of the original, 0 when it is not ranked). Every figure is computed from the ranks it
 * names; {@code duplicates} is the number of ranks.
 */
public record RetrievalMetrics(
    String ranker,
    long duplicates,
    long foundAt1,
    long foundAt5,
    double recallAt1,
    double recallAt5,
    double mrr) {

  /**
   * The metrics of {@code ranks}: per duplicate, the 1-based rank of its original, or 0 when the
   * ranker did not list it.
   *
   * @throws IllegalArgumentException if a rank is negative
   */
  public static RetrievalMetrics of(String ranker, int[] ranks) {
    long at1 = 0;
    long at5 = 0;
    double reciprocal = 0;
    for (int rank : ranks) {
      if (rank < 0) {
        throw new IllegalArgumentException(
            "Cannot evaluate " + ranker + ": rank " + rank + " must be >= 1, or 0 for not found");
      }
      if (rank == 0) {
        continue;
      }
      at1 += rank == 1 ? 1 : 0;
      at5 += rank <= 5 ? 1 : 0;
      reciprocal += 1.0 / rank;
    }
    int n = ranks.length;
    return new RetrievalMetrics(
        ranker, n, at1, at5, share(at1, n), share(at5, n), n == 0 ? 0 : reciprocal / n);
  }

  private static double share(long part, int n) {
    return n == 0 ? 0 : (double) part / n;
  }
}
