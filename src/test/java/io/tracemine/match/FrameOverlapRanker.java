package io.tracemine.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Experiment (docs/MATCH.md, "Credit for shared frames outside mined patterns"): TraceMine's top
 * {@code depth} candidates per query traceback (the exact pattern walk), re-scored by an
 * idf-weighted overlap of <b>all</b> their frames with the query's frames, so frames only the
 * original and its duplicate share (support 1 once the duplicate is held out, in no mined pattern)
 * count too. Frames are {@code file:function} as the extractor normalised them (the traces table).
 *
 * <p>{@code overlap(q, t) = Σ idf(df(f))} over the distinct frames {@code f} both tracebacks hold,
 * {@code idf = Matcher.idf}; df per library (the candidate traceback's library, from the index's
 * item df) or global (the knowledge's tracebacks holding {@code f}). A question's overlap is its
 * best traceback's. Modes:
 *
 * <ul>
 *   <li>{@code add}: {@code score + w · overlap};
 *   <li>{@code tie}: TraceMine's score, equal scores ordered by the overlap (before the votes);
 *   <li>{@code replace}: {@code overlap + w · exception weight} (the pattern weight dropped;
 *       exception weight = score - shared pattern's weight).
 * </ul>
 *
 * Remaining ties as the matcher's: an accepted answer, then votes, then the smaller id. A question
 * outside the top {@code depth} of every query traceback is not re-scored and is not listed.
 */
final class FrameOverlapRanker implements TraceRanker {
  private final KnowledgeIndex index;
  private final Matcher matcher;
  private final Map<String, Integer> globalDf = new HashMap<>();
  private final Map<Long, List<KnownTrace>> byQuestion = new HashMap<>();
  private final Map<String, Integer> libraryIds = new HashMap<>();
  private final String mode;
  private final double w;
  private final boolean global;
  private final int candidates;

  FrameOverlapRanker(
      KnowledgeIndex index,
      List<KnownTrace> knowledge,
      String mode,
      double w,
      boolean global,
      int candidates) {
    if (!List.of("add", "tie", "replace").contains(mode)) {
      throw new IllegalArgumentException(
          "Cannot rank: unknown mode '" + mode + "' (valid: add, tie, replace)");
    }
    this.index = index;
    this.matcher = new Matcher(index);
    this.mode = mode;
    this.w = w;
    this.global = global;
    this.candidates = candidates;
    for (int l = 0; l < index.libraryCount(); l++) {
      libraryIds.put(index.library(l), l);
    }
    for (KnownTrace t : knowledge) {
      byQuestion.computeIfAbsent(t.questionId(), k -> new ArrayList<>()).add(t);
      for (String f : new HashSet<>(t.frames())) {
        globalDf.merge(f, 1, Integer::sum);
      }
    }
  }

  @Override
  public String name() {
    return "frames-" + mode + "-" + w + (global ? "-global" : "-library") + "-top" + candidates;
  }

  private double idf(String frame, String library) {
    int df;
    if (global) {
      df = globalDf.getOrDefault(frame, 0);
    } else {
      int colon = frame.indexOf(':');
      int item = index.itemId(frame.substring(0, colon), frame.substring(colon + 1));
      Integer l = libraryIds.get(library);
      df = item < 0 || l == null ? 0 : index.itemDf(item, l);
    }
    return df == 0 ? 0 : Matcher.idf(df);
  }

  /** The idf-weighted overlap of the distinct frames of {@code query} and {@code known}. */
  double overlap(KnownTrace query, KnownTrace known) {
    Set<String> shared = new HashSet<>(query.frames());
    shared.retainAll(new HashSet<>(known.frames()));
    double s = 0;
    for (String f : shared) {
      s += idf(f, known.library());
    }
    return s;
  }

  @Override
  public List<Long> rank(List<KnownTrace> query, long excluded, int depth) {
    Map<Long, Double> best = new HashMap<>();
    Map<Long, Double> tie = new HashMap<>();
    Map<Long, Hit> hits = new HashMap<>();
    for (KnownTrace t : query) {
      for (Hit h : matcher.match(1, MatcherRanker.traceback(t), candidates, excluded).hits()) {
        double o = 0;
        for (KnownTrace k : byQuestion.getOrDefault(h.questionId(), List.of())) {
          o = Math.max(o, overlap(t, k));
        }
        double total =
            switch (mode) {
              case "add" -> h.score() + w * o;
              case "replace" -> o + w * (h.score() - h.shared().weight());
              default -> h.score();
            };
        Double old = best.get(h.questionId());
        if (old == null
            || total > old
            || (total == old && o > tie.getOrDefault(h.questionId(), 0.0))) {
          best.put(h.questionId(), total);
          tie.put(h.questionId(), o);
        }
        hits.put(h.questionId(), h);
      }
    }
    List<Long> ids = new ArrayList<>(best.keySet());
    ids.sort(
        Comparator.comparingDouble((Long id) -> -best.get(id))
            .thenComparingDouble(id -> mode.equals("tie") ? -tie.get(id) : 0.0)
            .thenComparing(id -> hits.get(id).acceptedAnswerId() == null)
            .thenComparingInt(id -> -hits.get(id).questionScore())
            .thenComparingLong(id -> id));
    return ids.subList(0, Math.min(depth, ids.size()));
  }
}
