package io.tracemine.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Experiment: a ranker's scores (a question's best over the query's tracebacks) with equal scores
 * (within 1e-9) put in a given order. {@link #answerOrder} is the matcher's tie-break (an accepted
 * answer first, then the question's votes, then the smaller id), {@link #idOrder} the smaller id
 * alone; so TF-IDF can be given TraceMine's tie-break, and TraceMine measured without it.
 */
final class TieOrderRanker implements TraceRanker {
  private static final double EPSILON = 1e-9;

  private final String name;
  private final Function<List<KnownTrace>, Map<Long, Double>> scores;
  private final Comparator<Long> ties;

  TieOrderRanker(
      String name, Function<List<KnownTrace>, Map<Long, Double>> scores, Comparator<Long> ties) {
    this.name = name;
    this.scores = scores;
    this.ties = ties;
  }

  /** TF-IDF's cosines, ties as the matcher breaks them. */
  static TieOrderRanker tfIdfWithAnswerTies(KnowledgeIndex index, TfIdfBaseline tfIdf) {
    return new TieOrderRanker("tf-idf+answer", tfIdf::scores, answerOrder(index));
  }

  /**
   * TF-IDF's cosines rounded down to multiples of {@code width}, so that near-equal cosines tie,
   * ties as the matcher breaks them: text similarity first, answer quality among similar ones.
   */
  static TieOrderRanker tfIdfBucketsWithAnswerTies(
      KnowledgeIndex index, TfIdfBaseline tfIdf, double width) {
    return new TieOrderRanker(
        "tf-idf/" + width + "+answer",
        query -> {
          Map<Long, Double> cosine = new HashMap<>(tfIdf.scores(query));
          cosine.replaceAll((id, c) -> Math.floor(c / width + 1e-9) * width);
          return cosine;
        },
        answerOrder(index));
  }

  /** TraceMine's scores, ties broken by the smaller id only (no accepted answer, no votes). */
  static TieOrderRanker traceMineWithIdTies(KnowledgeIndex index) {
    Matcher matcher = new Matcher(index);
    return new TieOrderRanker(
        "tracemine-id",
        query -> {
          Map<Long, Double> best = new HashMap<>();
          for (KnownTrace t : query) {
            for (Hit h : matcher.match(1, MatcherRanker.traceback(t), 100_000).hits()) {
              best.merge(h.questionId(), h.score(), Math::max);
            }
          }
          return best;
        },
        idOrder());
  }

  /**
   * TraceMine's scores where every question within {@code share} of the query's best score ties
   * with it (score ≥ (1 − share) · best counts as the best), ties as the matcher breaks them:
   * questions with nearly the strongest shared evidence are ordered by answer quality.
   */
  static TieOrderRanker traceMineNearBestWithAnswerTies(KnowledgeIndex index, double share) {
    Matcher matcher = new Matcher(index);
    return new TieOrderRanker(
        "tracemine~" + share + "+answer",
        query -> {
          Map<Long, Double> best = new HashMap<>();
          for (KnownTrace t : query) {
            for (Hit h : matcher.match(1, MatcherRanker.traceback(t), 100_000).hits()) {
              best.merge(h.questionId(), h.score(), Math::max);
            }
          }
          return nearBestTied(best, share);
        },
        answerOrder(index));
  }

  /** {@code scores} with every score at least (1 − share) × the best raised to the best. */
  static Map<Long, Double> nearBestTied(Map<Long, Double> scores, double share) {
    double top = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    Map<Long, Double> tied = new HashMap<>(scores);
    tied.replaceAll((id, s) -> s >= (1 - share) * top ? top : s);
    return tied;
  }

  /** An accepted answer first, then more votes, then the smaller id (questions of the index). */
  static Comparator<Long> answerOrder(KnowledgeIndex index) {
    Map<Long, Integer> ordinal = new HashMap<>();
    for (int q = 0; q < index.questionCount(); q++) {
      ordinal.put(index.questionId(q), q);
    }
    return Comparator.comparing(
            (Long id) -> {
              Integer q = ordinal.get(id);
              return q == null || index.acceptedAnswerId(q) < 0;
            })
        .thenComparingInt(
            id -> {
              Integer q = ordinal.get(id);
              return q == null ? 0 : -index.questionScore(q);
            })
        .thenComparingLong(id -> id);
  }

  static Comparator<Long> idOrder() {
    return Comparator.naturalOrder();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Long> rank(List<KnownTrace> query, long excluded, int depth) {
    Map<Long, Double> best = new HashMap<>(scores.apply(query));
    best.remove(excluded);
    List<Long> ids = new ArrayList<>(best.keySet());
    ids.sort(
        (a, b) -> {
          double sa = best.get(a);
          double sb = best.get(b);
          if (Math.abs(sa - sb) > EPSILON) {
            return Double.compare(sb, sa);
          }
          return ties.compare(a, b);
        });
    return ids.subList(0, Math.min(depth, ids.size()));
  }
}
