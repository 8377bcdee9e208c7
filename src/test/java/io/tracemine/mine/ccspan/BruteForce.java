package io.tracemine.mine.ccspan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Test oracle: enumerates every contiguous window, counts the three supports, checks closure. */
public final class BruteForce {
  private BruteForce() {}

  public static List<ClosedPattern> mine(
      List<Sequence> db, SupportMeasure measure, long minSupport, Integer maxLength) {
    Map<List<Integer>, long[]> occ = new HashMap<>();
    Map<List<Integer>, TreeSet<Integer>> seqs = new HashMap<>();
    Map<List<Integer>, Set<Long>> questions = new HashMap<>();
    for (int q = 0; q < db.size(); q++) {
      int[] s = db.get(q).items();
      for (int i = 0; i < s.length; i++) {
        for (int j = i + 1; j <= s.length; j++) {
          List<Integer> w = new ArrayList<>();
          for (int k = i; k < j; k++) {
            w.add(s[k]);
          }
          occ.computeIfAbsent(w, x -> new long[1])[0]++;
          seqs.computeIfAbsent(w, x -> new TreeSet<>()).add(q);
          questions.computeIfAbsent(w, x -> new HashSet<>()).add(db.get(q).questionId());
        }
      }
    }
    List<ClosedPattern> out = new ArrayList<>();
    for (List<Integer> w : occ.keySet()) {
      long sup = support(w, measure, occ, seqs, questions);
      if (sup < minSupport || (maxLength != null && w.size() > maxLength)) {
        continue;
      }
      boolean closed = true;
      for (List<Integer> ext : occ.keySet()) {
        if (ext.size() == w.size() + 1
            && (ext.subList(1, ext.size()).equals(w) || ext.subList(0, w.size()).equals(w))
            && support(ext, measure, occ, seqs, questions) == sup) {
          closed = false;
          break;
        }
      }
      if (closed) {
        out.add(
            new ClosedPattern(
                w.stream().mapToInt(Integer::intValue).toArray(),
                seqs.get(w).size(),
                questions.get(w).size(),
                occ.get(w)[0],
                seqs.get(w).stream().mapToInt(Integer::intValue).toArray()));
      }
    }
    return out;
  }

  private static long support(
      List<Integer> w,
      SupportMeasure m,
      Map<List<Integer>, long[]> occ,
      Map<List<Integer>, TreeSet<Integer>> seqs,
      Map<List<Integer>, Set<Long>> questions) {
    return m.pick(seqs.get(w).size(), questions.get(w).size(), occ.get(w)[0]);
  }

  /** A canonical, order-free form of a result for comparisons. */
  public static Set<String> canonical(List<ClosedPattern> patterns) {
    Set<String> s = new TreeSet<>();
    for (ClosedPattern p : patterns) {
      s.add(p.toString());
    }
    if (s.size() != patterns.size()) {
      throw new AssertionError("duplicate patterns: " + patterns);
    }
    return s;
  }

  public static String show(List<Sequence> db) {
    StringBuilder b = new StringBuilder();
    for (Sequence s : db) {
      b.append(s.questionId()).append(':').append(Arrays.toString(s.items())).append('\n');
    }
    return b.toString();
  }
}
