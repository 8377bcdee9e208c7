package io.tracemine.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-made patterns for RQ2/RQ3 tests. Item lists: A = a:f > b:g (keras, tensorflow, nltk), B =
 * c:h (keras, tensorflow), C = d:i > e:j > f:k (tensorflow), D = x:y (nltk). Instances: keras k1
 * (q1), k2 k3 (q2), k4 (q3); tensorflow t1..t5 (q31..q35); nltk n1 (q100), n2 (q101).
 */
final class StatsFixtures {
  private StatsFixtures() {}

  static final List<String> A = List.of("a:f", "b:g");
  static final List<String> B = List.of("c:h");
  static final List<String> C = List.of("d:i", "e:j", "f:k");
  static final List<String> D = List.of("x:y");

  static List<PatternFacts> patterns() {
    return List.of(
        new PatternFacts("keras", "K-A", A, 2, 3, 2, List.of(1L, 2L)),
        new PatternFacts("keras", "K-B", B, 1, 2, 2, List.of(1L, 2L)),
        new PatternFacts("tensorflow", "T-A", A, 2, 2, 2, List.of(31L, 32L)),
        new PatternFacts("tensorflow", "T-B", B, 1, 4, 2, List.of(31L, 32L, 33L, 34L)),
        new PatternFacts("tensorflow", "T-C", C, 3, 2, 2, List.of(31L, 33L)),
        new PatternFacts("nltk", "N-A", A, 2, 2, 2, List.of(100L, 101L)),
        new PatternFacts("nltk", "N-D", D, 1, 2, 2, List.of(100L, 101L)));
  }

  /** Min-support-1 patterns: 4 for keras, 6 for tensorflow, 2 for nltk. */
  static List<PatternFacts> minsup1() {
    List<PatternFacts> out = new ArrayList<>(patterns());
    out.add(new PatternFacts("keras", "K-1", List.of("u:1"), 1, 1, 1, List.of(3L)));
    out.add(new PatternFacts("keras", "K-2", List.of("u:2"), 1, 1, 1, List.of(3L)));
    for (int i = 1; i <= 3; i++) {
      out.add(
          new PatternFacts(
              "tensorflow", "T-" + i, List.of("v:" + i, "w:" + i), 2, 1, 1, List.of(35L)));
    }
    return out;
  }

  static List<TraceLink> traces() {
    return List.of(
        new TraceLink("keras", null, "k1", 1),
        new TraceLink("keras", null, "k2", 2),
        new TraceLink("keras", null, "k3", 2),
        new TraceLink("keras", null, "k4", 3),
        new TraceLink("tensorflow", null, "t1", 31),
        new TraceLink("tensorflow", null, "t2", 32),
        new TraceLink("tensorflow", null, "t3", 33),
        new TraceLink("tensorflow", null, "t4", 34),
        new TraceLink("tensorflow", null, "t5", 35),
        new TraceLink("nltk", null, "n1", 100),
        new TraceLink("nltk", null, "n2", 101));
  }

  static List<TraceLink> patternTraces() {
    List<TraceLink> out = new ArrayList<>();
    link(out, "keras", "K-A", "k1:1", "k2:2", "k3:2");
    link(out, "keras", "K-B", "k1:1", "k2:2");
    link(out, "tensorflow", "T-A", "t1:31", "t2:32");
    link(out, "tensorflow", "T-B", "t1:31", "t2:32", "t3:33", "t4:34");
    link(out, "tensorflow", "T-C", "t1:31", "t3:33");
    link(out, "nltk", "N-A", "n1:100", "n2:101");
    link(out, "nltk", "N-D", "n1:100", "n2:101");
    // a link to a pattern that is not in the patterns table is ignored
    link(out, "keras", "K-GONE", "k4:3");
    return out;
  }

  private static void link(
      List<TraceLink> out, String library, String pattern, String... traceQuestion) {
    for (String tq : traceQuestion) {
      String[] p = tq.split(":");
      out.add(new TraceLink(library, pattern, p[0], Long.parseLong(p[1])));
    }
  }
}
