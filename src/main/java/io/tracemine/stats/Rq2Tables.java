package io.tracemine.stats;

import static io.tracemine.stats.Rq1Tables.ALL;
import static io.tracemine.stats.Rq1Tables.pct;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * RQ2 tables (STUDY.md section 5) from patterns, pattern-trace links and trace instances, without
 * Spark. Libraries in alphabetical order; pattern identity across libraries = equal item lists.
 */
public final class Rq2Tables {
  private Rq2Tables() {}

  /**
   * Table 6. Covered questions: questions with an instance containing a pattern of {@code
   * patterns}, over questions with at least one instance; covered instances likewise;
   * paper_covered_st_pct = 100 #patterns / #patterns at min-support 1 (null without those).
   */
  public static Table coverage(
      List<PatternFacts> patterns,
      List<TraceLink> patternTraces,
      List<TraceLink> traces,
      List<PatternFacts> minsup1) {
    Table.Builder t = coverageColumns();
    List<TraceLink> links = validLinks(patterns, patternTraces);
    Map<String, Long> patternCount = countBy(patterns);
    Map<String, Long> minsup1Count = minsup1 == null ? null : countBy(minsup1);
    Set<String> libraries = new TreeSet<>(patternCount.keySet());
    traces.forEach(tr -> libraries.add(tr.library()));
    List<String> order = new ArrayList<>(libraries);
    order.add(ALL);
    for (String lib : order) {
      boolean all = lib.equals(ALL);
      Set<Long> questions = new HashSet<>();
      Set<String> instances = new HashSet<>();
      for (TraceLink tr : traces) {
        if (all || tr.library().equals(lib)) {
          questions.add(tr.questionId());
          instances.add(all ? tr.traceId() : tr.library() + "\u0000" + tr.traceId());
        }
      }
      Set<Long> coveredQ = new HashSet<>();
      Set<String> coveredI = new HashSet<>();
      for (TraceLink l : links) {
        if (all || l.library().equals(lib)) {
          coveredQ.add(l.questionId());
          coveredI.add(all ? l.traceId() : l.library() + "\u0000" + l.traceId());
        }
      }
      long p = all ? patterns.size() : patternCount.getOrDefault(lib, 0L);
      Long p1 =
          minsup1Count == null
              ? null
              : all ? (long) minsup1.size() : minsup1Count.getOrDefault(lib, 0L);
      t.row(
          lib,
          (long) questions.size(),
          (long) coveredQ.size(),
          pct(coveredQ.size(), questions.size()),
          (long) instances.size(),
          (long) coveredI.size(),
          pct(coveredI.size(), instances.size()),
          p,
          p1,
          p1 == null ? null : pct(p, p1));
    }
    return t.build();
  }

  /** Table 6's name and columns. */
  static Table.Builder coverageColumns() {
    return new Table.Builder("table6_coverage")
        .column("library", Table.Type.STRING)
        .column("questions_with_instance", Table.Type.LONG)
        .column("questions_covered", Table.Type.LONG)
        .column("questions_covered_pct", Table.Type.DOUBLE)
        .column("instances", Table.Type.LONG)
        .column("instances_covered", Table.Type.LONG)
        .column("instances_covered_pct", Table.Type.DOUBLE)
        .column("patterns", Table.Type.LONG)
        .column("patterns_minsup1", Table.Type.LONG)
        .column("paper_covered_st_pct", Table.Type.DOUBLE);
  }

  /** Fig. 6's name and columns. */
  static Table.Builder topKColumns() {
    return new Table.Builder("fig6_topk_coverage")
        .column("library", Table.Type.STRING)
        .column("k", Table.Type.LONG)
        .column("pattern_id", Table.Type.STRING)
        .column("support", Table.Type.LONG)
        .column("patterns_pct", Table.Type.DOUBLE)
        .column("questions_covered", Table.Type.LONG)
        .column("questions_covered_pct", Table.Type.DOUBLE);
  }

  /** Fig. 4: per library, support value, patterns with it, cumulative count and percentage. */
  public static Table supportDistribution(List<PatternFacts> patterns) {
    return distribution("fig4_support_distribution", "support", patterns, PatternFacts::support);
  }

  /** Fig. 5: per library, pattern length, patterns with it, cumulative count and percentage. */
  public static Table lengthDistribution(List<PatternFacts> patterns) {
    return distribution("fig5_length_distribution", "length", patterns, PatternFacts::length);
  }

  private static Table distribution(
      String name, String key, List<PatternFacts> patterns, ToLongFunction<PatternFacts> value) {
    Table.Builder t =
        new Table.Builder(name)
            .column("library", Table.Type.STRING)
            .column("min_support", Table.Type.LONG)
            .column(key, Table.Type.LONG)
            .column("patterns", Table.Type.LONG)
            .column("cumulative_patterns", Table.Type.LONG)
            .column("cumulative_pct", Table.Type.DOUBLE);
    Map<String, TreeMap<Long, Long>> counts = new TreeMap<>();
    Map<String, Long> minSupport = new HashMap<>();
    for (PatternFacts p : patterns) {
      counts
          .computeIfAbsent(p.library(), k -> new TreeMap<>())
          .merge(value.applyAsLong(p), 1L, Long::sum);
      minSupport.merge(p.library(), p.minSupport(), Math::min);
    }
    for (var lib : counts.entrySet()) {
      long total = lib.getValue().values().stream().mapToLong(Long::longValue).sum();
      long cumulative = 0;
      for (var e : lib.getValue().entrySet()) {
        cumulative += e.getValue();
        t.row(
            lib.getKey(),
            minSupport.get(lib.getKey()),
            e.getKey(),
            e.getValue(),
            cumulative,
            pct(cumulative, total));
      }
    }
    return t.build();
  }

  /**
   * Fig. 6: per library, the top-k patterns by support (ties: pattern_id ascending) and the
   * cumulative share of questions with an instance that they cover.
   */
  public static Table topKCoverage(
      List<PatternFacts> patterns, List<TraceLink> patternTraces, List<TraceLink> traces) {
    Table.Builder t = topKColumns();
    Map<String, Set<Long>> questionsOf = new HashMap<>();
    for (TraceLink l : validLinks(patterns, patternTraces)) {
      questionsOf
          .computeIfAbsent(key(l.library(), l.patternId()), k -> new HashSet<>())
          .add(l.questionId());
    }
    Map<String, Set<Long>> withInstance = new HashMap<>();
    traces.forEach(
        tr ->
            withInstance.computeIfAbsent(tr.library(), k -> new HashSet<>()).add(tr.questionId()));
    Map<String, List<PatternFacts>> byLibrary = new TreeMap<>();
    patterns.forEach(p -> byLibrary.computeIfAbsent(p.library(), k -> new ArrayList<>()).add(p));
    for (var e : byLibrary.entrySet()) {
      List<PatternFacts> sorted = new ArrayList<>(e.getValue());
      sorted.sort(bySupportThenId());
      long base = withInstance.getOrDefault(e.getKey(), Set.of()).size();
      Set<Long> covered = new HashSet<>();
      long k = 0;
      for (PatternFacts p : sorted) {
        k++;
        covered.addAll(questionsOf.getOrDefault(key(p.library(), p.patternId()), Set.of()));
        t.row(
            e.getKey(),
            k,
            p.patternId(),
            p.support(),
            pct(k, sorted.size()),
            (long) covered.size(),
            pct(covered.size(), base));
      }
    }
    return t.build();
  }

  /**
   * Each library's patterns in Fig. 6's order (support descending, then pattern_id), so that the
   * pattern at index {@code k - 1} has rank {@code k}.
   */
  public static Map<String, List<PatternFacts>> rankedByLibrary(List<PatternFacts> patterns) {
    Map<String, List<PatternFacts>> byLibrary = new TreeMap<>();
    patterns.forEach(p -> byLibrary.computeIfAbsent(p.library(), k -> new ArrayList<>()).add(p));
    byLibrary.values().forEach(list -> list.sort(bySupportThenId()));
    return byLibrary;
  }

  /**
   * Fig. 6 from aggregates, the same table as {@link #topKCoverage(List, List, List)}: {@code
   * firstCovered} gives per library and rank k (of {@link #rankedByLibrary}) the questions whose
   * first covering pattern has rank k (absent: none), {@code withInstance} the questions with an
   * instance per library (absent: 0). The top k cover the sum of firstCovered over ranks 1..k.
   */
  public static Table topKCoverage(
      List<PatternFacts> patterns,
      Map<String, Map<Long, Long>> firstCovered,
      Map<String, Long> withInstance) {
    Table.Builder t = topKColumns();
    for (var e : rankedByLibrary(patterns).entrySet()) {
      List<PatternFacts> sorted = e.getValue();
      long base = withInstance.getOrDefault(e.getKey(), 0L);
      Map<Long, Long> first = firstCovered.getOrDefault(e.getKey(), Map.of());
      long covered = 0;
      long k = 0;
      for (PatternFacts p : sorted) {
        k++;
        covered += first.getOrDefault(k, 0L);
        t.row(
            e.getKey(),
            k,
            p.patternId(),
            p.support(),
            pct(k, sorted.size()),
            covered,
            pct(covered, base));
      }
    }
    return t.build();
  }

  /**
   * Table 7: for k = 2..N (N = libraries with patterns), patterns shared by exactly k libraries.
   */
  public static Table shared(List<PatternFacts> patterns) {
    Map<List<String>, Set<String>> libs = librariesByItems(patterns);
    long n = patterns.stream().map(PatternFacts::library).distinct().count();
    Table.Builder t =
        new Table.Builder("table7_shared")
            .column("libraries", Table.Type.LONG)
            .column("patterns", Table.Type.LONG);
    for (long k = 2; k <= n; k++) {
      long kk = k;
      t.row(k, libs.values().stream().filter(s -> s.size() == kk).count());
    }
    return t.build();
  }

  /**
   * Fig. 7: per pair of libraries (a before b alphabetically), patterns shared by exactly these two
   * libraries (the study's count) and patterns present in both (possibly with others).
   */
  public static Table libraryPairs(List<PatternFacts> patterns) {
    Map<List<String>, Set<String>> libs = librariesByItems(patterns);
    List<String> names = patterns.stream().map(PatternFacts::library).distinct().sorted().toList();
    Table.Builder t =
        new Table.Builder("fig7_library_pairs")
            .column("library_a", Table.Type.STRING)
            .column("library_b", Table.Type.STRING)
            .column("shared_exactly_two", Table.Type.LONG)
            .column("shared_by_both", Table.Type.LONG);
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        String a = names.get(i);
        String b = names.get(j);
        long both = libs.values().stream().filter(s -> s.contains(a) && s.contains(b)).count();
        long two =
            libs.values().stream()
                .filter(s -> s.size() == 2 && s.contains(a) && s.contains(b))
                .count();
        t.row(a, b, two, both);
      }
    }
    return t.build();
  }

  static Map<List<String>, Set<String>> librariesByItems(List<PatternFacts> patterns) {
    Map<List<String>, Set<String>> libs = new HashMap<>();
    patterns.forEach(p -> libs.computeIfAbsent(p.items(), k -> new TreeSet<>()).add(p.library()));
    return libs;
  }

  static Comparator<PatternFacts> bySupportThenId() {
    return Comparator.comparingLong(PatternFacts::support)
        .reversed()
        .thenComparing(PatternFacts::patternId);
  }

  /** Links whose (library, pattern_id) names a pattern of {@code patterns}. */
  static List<TraceLink> validLinks(List<PatternFacts> patterns, List<TraceLink> links) {
    Set<String> keys = new HashSet<>();
    patterns.forEach(p -> keys.add(key(p.library(), p.patternId())));
    return links.stream().filter(l -> keys.contains(key(l.library(), l.patternId()))).toList();
  }

  static String key(String library, String patternId) {
    return library + "\u0000" + patternId;
  }

  private static Map<String, Long> countBy(List<PatternFacts> patterns) {
    Map<String, Long> out = new TreeMap<>();
    patterns.forEach(p -> out.merge(p.library(), 1L, Long::sum));
    return out;
  }
}
