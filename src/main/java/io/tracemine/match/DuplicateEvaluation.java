package io.tracemine.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures how well rankers find the original of each duplicate question (docs/MATCH.md,
 * "Evaluation"): each duplicate's tracebacks are the query, the duplicate itself is excluded from
 * the candidates, and the 1-based rank of its original in the ranker's first {@link #DEPTH}
 * questions (0 when absent) feeds {@link RetrievalMetrics}.
 */
public final class DuplicateEvaluation {
  /** Questions listed per query; deeper ranks count as not found (reciprocal rank 0). */
  public static final int DEPTH = 100;

  /** A duplicate link: {@code questionId} was closed as a duplicate of {@code originalId}. */
  public record Link(long questionId, long originalId) {}

  private DuplicateEvaluation() {}

  /**
   * One row per ranker, in their order.
   *
   * @param links the duplicates to evaluate, each with a query in {@code queries}
   * @param queries the tracebacks of each duplicate question, by question id
   * @throws IllegalArgumentException if a link's duplicate has no query
   */
  public static List<RetrievalMetrics> evaluate(
      List<TraceRanker> rankers, List<Link> links, Map<Long, List<KnownTrace>> queries) {
    List<RetrievalMetrics> out = new ArrayList<>();
    for (TraceRanker ranker : rankers) {
      int[] ranks = new int[links.size()];
      for (int i = 0; i < ranks.length; i++) {
        Link link = links.get(i);
        List<KnownTrace> query = queries.get(link.questionId());
        if (query == null || query.isEmpty()) {
          throw new IllegalArgumentException(
              "Cannot evaluate duplicate "
                  + link.questionId()
                  + ": it has no traceback to query with");
        }
        ranks[i] = rankOf(ranker.rank(query, link.questionId(), DEPTH), link.originalId());
      }
      out.add(RetrievalMetrics.of(ranker.name(), ranks));
    }
    return out;
  }

  /** The 1-based position of {@code id} in {@code ranking}, or 0. */
  static int rankOf(List<Long> ranking, long id) {
    int i = ranking.indexOf(id);
    return i < 0 ? 0 : i + 1;
  }
}
