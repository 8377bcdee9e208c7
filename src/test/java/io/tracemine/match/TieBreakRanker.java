package io.tracemine.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Experiment: TraceMine's score (a question's best over the query's tracebacks), equal scores
 * ordered by the TF-IDF cosine of the text, then the smaller id.
 */
final class TieBreakRanker implements TraceRanker {
  private final Matcher matcher;
  private final TfIdfBaseline text;

  TieBreakRanker(KnowledgeIndex index, TfIdfBaseline text) {
    this.matcher = new Matcher(index);
    this.text = text;
  }

  @Override
  public String name() {
    return "tm+tfidf-ties";
  }

  @Override
  public List<Long> rank(List<KnownTrace> query, long excluded, int depth) {
    Map<Long, Double> best = new HashMap<>();
    for (KnownTrace t : query) {
      for (Hit h : matcher.match(1, MatcherRanker.traceback(t), 100_000, excluded).hits()) {
        best.merge(h.questionId(), h.score(), Math::max);
      }
    }
    Map<Long, Double> cosine = text.scores(query);
    List<Long> ids = new ArrayList<>(best.keySet());
    ids.sort(
        (a, b) -> {
          double sa = best.get(a);
          double sb = best.get(b);
          if (Math.abs(sa - sb) > 1e-9) {
            return Double.compare(sb, sa);
          }
          int c = Double.compare(cosine.getOrDefault(b, 0.0), cosine.getOrDefault(a, 0.0));
          return c != 0 ? c : Long.compare(a, b);
        });
    return ids.subList(0, Math.min(depth, ids.size()));
  }
}
