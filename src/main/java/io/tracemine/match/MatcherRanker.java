package io.tracemine.match;

import io.tracemine.extract.traceback.Frame;
import io.tracemine.extract.traceback.PathStyle;
import io.tracemine.extract.traceback.Traceback;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TraceMine's {@link Matcher} as an evaluation ranker. A query with several tracebacks ranks a
 * question by its best rank for any of them, then by its higher score, then by the smaller id.
 */
public final class MatcherRanker implements TraceRanker {
  private final Matcher matcher;

  public MatcherRanker(KnowledgeIndex index) {
    this.matcher = new Matcher(index);
  }

  @Override
  public String name() {
    return "tracemine";
  }

  /** A traceback of {@code t}'s frames ({@code file:function}), exception and message. */
  static Traceback traceback(KnownTrace t) {
    List<Frame> frames = new ArrayList<>();
    for (String f : t.frames()) {
      int colon = f.indexOf(':');
      frames.add(
          new Frame(null, f.substring(0, colon), null, f.substring(colon + 1), PathStyle.UNIX, 0));
    }
    return new Traceback(0, frames, t.exceptionType(), t.message(), null, null);
  }

  private record Best(long id, int rank, double score) {}

  @Override
  public List<Long> rank(List<KnownTrace> query, long excluded, int depth) {
    Map<Long, Best> best = new HashMap<>();
    for (KnownTrace t : query) {
      for (Hit h : matcher.match(1, traceback(t), depth, excluded).hits()) {
        Best b = new Best(h.questionId(), h.rank(), h.score());
        best.merge(h.questionId(), b, (x, y) -> ORDER.compare(x, y) <= 0 ? x : y);
      }
    }
    List<Best> all = new ArrayList<>(best.values());
    all.sort(ORDER);
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < all.size() && i < depth; i++) {
      out.add(all.get(i).id());
    }
    return out;
  }

  private static final Comparator<Best> ORDER =
      Comparator.comparingInt(Best::rank)
          .thenComparingDouble(b -> -b.score())
          .thenComparingLong(Best::id);
}
