package io.tracemine.match;

/**
 * How well a ranker finds the original of each duplicate: recall@1 and recall@5 (the share of
 * duplicates whose original is ranked first, or among the first five) and the mean reciprocal rank
 * (1/rank of the original, 0 when it is not ranked). Every figure is computed from the ranks it
 * names; {@code duplicates} is the number of ranks. Without any, the recalls and the MRR are null:
 * 0 of 0 is no recall of 0 (before, a window without duplicate links showed every ranker at 0,
 * hostile sweep 8).
 */
public record RetrievalMetrics(
    String ranker,
    long duplicates,
    long foundAt1,
    long foundAt5,
    Double recallAt1,
    Double recallAt5,
    Double mrr) {

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
    if (n == 0) {
      return new RetrievalMetrics(ranker, 0, 0, 0, null, null, null);
    }
    return new RetrievalMetrics(
        ranker, n, at1, at5, (double) at1 / n, (double) at5 / n, reciprocal / n);
  }
}
