package io.tracemine.match;

import java.util.List;

/** Ranks a knowledge base's questions for the tracebacks of one question (an evaluation query). */
public interface TraceRanker {
  /** The ranker's name in the {@code match_evaluation} table. */
  String name();

  /**
   * At most {@code depth} question ids, best first, for the tracebacks {@code query} of question
   * {@code excluded}, which is never listed (it is the query itself).
   */
  List<Long> rank(List<KnownTrace> query, long excluded, int depth);
}
