package io.tracemine.stats;

import io.tracemine.stats.math.MannWhitney;
import io.tracemine.stats.math.Medians;
import io.tracemine.stats.math.ProportionZTest;
import io.tracemine.stats.math.Significance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Tables 1-5 of the study (STUDY.md section 4) from question and trace facts, without Spark. One
 * row per library in alphabetical order, then an {@code all} row over the distinct questions of
 * every library (a question tagged with two libraries counts once there). Values are exact;
 * rounding is for rendering.
 */
public final class Rq1Tables {
  /** Name of the row over all libraries. */
  public static final String ALL = "all";

  private static final List<String> OS_VALUES = List.of("unix", "windows", "mixed", "none");

  private Rq1Tables() {}

  /** Questions per library: {@code all} last, deduplicated by question id. */
  static Map<String, List<QuestionFacts>> byLibrary(List<QuestionFacts> questions) {
    Map<String, List<QuestionFacts>> out = new TreeMap<>();
    List<QuestionFacts> all = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (QuestionFacts q : questions) {
      out.computeIfAbsent(q.library(), k -> new ArrayList<>()).add(q);
    }
    for (List<QuestionFacts> qs : out.values()) {
      for (QuestionFacts q : qs) {
        if (seen.add(q.questionId())) {
          all.add(q);
        }
      }
    }
    Map<String, List<QuestionFacts>> ordered = new LinkedHashMap<>(out);
    ordered.put(ALL, all);
    return ordered;
  }

  /** Table 1: questions, with code, with trace, and the OS of the trace questions. */
  public static Table population(List<QuestionFacts> questions) {
    Table.Builder t =
        new Table.Builder("table1_population")
            .column("library", Table.Type.STRING)
            .column("questions", Table.Type.LONG)
            .column("with_code", Table.Type.LONG)
            .column("with_code_pct", Table.Type.DOUBLE)
            .column("with_trace", Table.Type.LONG)
            .column("with_trace_pct", Table.Type.DOUBLE);
    for (String os : OS_VALUES) {
      t.column("os_" + os, Table.Type.LONG).column("os_" + os + "_pct", Table.Type.DOUBLE);
    }
    t.column("os_other", Table.Type.LONG);
    for (var e : byLibrary(questions).entrySet()) {
      List<QuestionFacts> qs = e.getValue();
      long n = qs.size();
      long code = qs.stream().filter(QuestionFacts::hasCode).count();
      List<QuestionFacts> traced = qs.stream().filter(QuestionFacts::hasTrace).toList();
      List<Object> row = new ArrayList<>(List.of(e.getKey(), n, code));
      row.add(pct(code, n));
      row.add((long) traced.size());
      row.add(pct(traced.size(), n));
      long known = 0;
      for (String os : OS_VALUES) {
        long c = traced.stream().filter(q -> os.equals(normalOs(q.os()))).count();
        known += c;
        row.add(c);
        row.add(pct(c, traced.size()));
      }
      row.add(traced.size() - known);
      t.row(row);
    }
    return t.build();
  }

  /** Table 2: question length (trace vs all other) and code length (trace vs code, no trace). */
  public static Table lengths(List<QuestionFacts> questions) {
    Table.Builder t = new Table.Builder("table2_lengths").column("library", Table.Type.STRING);
    comparisonColumns(t, "words");
    comparisonColumns(t, "code_lines");
    for (var e : byLibrary(questions).entrySet()) {
      List<Object> row = new ArrayList<>(List.of(e.getKey()));
      List<QuestionFacts> qs = e.getValue();
      row.addAll(
          compare(qs, QuestionFacts::hasTrace, q -> !q.hasTrace(), q -> (double) q.wordCount()));
      row.addAll(
          compare(
              qs,
              QuestionFacts::hasTrace,
              q -> q.hasCode() && !q.hasTrace(),
              q -> (double) (q.hasTrace() ? q.traceCodeLines() : q.codeLines())));
      t.row(row);
    }
    return t.build();
  }

  /** Table 3: score, comments, views, answers; code and trace vs code and no trace. */
  public static Table popularity(List<QuestionFacts> questions) {
    Table.Builder t = new Table.Builder("table3_popularity").column("library", Table.Type.STRING);
    for (String v : List.of("score", "comments", "views", "answers")) {
      comparisonColumns(t, v);
    }
    Predicate<QuestionFacts> withTrace = q -> q.hasCode() && q.hasTrace();
    Predicate<QuestionFacts> without = q -> q.hasCode() && !q.hasTrace();
    for (var e : byLibrary(questions).entrySet()) {
      List<Object> row = new ArrayList<>(List.of(e.getKey()));
      List<QuestionFacts> qs = e.getValue();
      row.addAll(compare(qs, withTrace, without, q -> toDouble(q.score())));
      row.addAll(compare(qs, withTrace, without, q -> toDouble(q.comments())));
      row.addAll(compare(qs, withTrace, without, q -> toDouble(q.views())));
      row.addAll(compare(qs, withTrace, without, q -> toDouble(q.answerCount())));
      t.row(row);
    }
    return t.build();
  }

  /**
   * Table 4, with Table 3's groups: questions with a code block and a trace vs questions with a
   * code block and no trace (questions without a code block are in neither, STUDY.md section 4).
   * Among a group's answered questions (answer_count > 0), hours to the first and to the accepted
   * answer (null = unknown, excluded); accepted ratio = questions with an accepted answer / all
   * questions of the group (answered or not), pooled two-sided z-test.
   */
  public static Table answers(List<QuestionFacts> questions) {
    Table.Builder t = new Table.Builder("table4_answers").column("library", Table.Type.STRING);
    comparisonColumns(t, "first_answer_hours");
    comparisonColumns(t, "accepted_answer_hours");
    t.column("accepted_trace", Table.Type.LONG)
        .column("questions_trace", Table.Type.LONG)
        .column("accepted_ratio_trace", Table.Type.DOUBLE)
        .column("accepted_no_trace", Table.Type.LONG)
        .column("questions_no_trace", Table.Type.LONG)
        .column("accepted_ratio_no_trace", Table.Type.DOUBLE)
        .column("accepted_z", Table.Type.DOUBLE)
        .column("accepted_p", Table.Type.DOUBLE)
        .column("accepted_mark", Table.Type.STRING);
    Predicate<QuestionFacts> answered = q -> q.answerCount() != null && q.answerCount() > 0;
    Predicate<QuestionFacts> withTrace = q -> q.hasCode() && q.hasTrace();
    Predicate<QuestionFacts> without = q -> q.hasCode() && !q.hasTrace();
    for (var e : byLibrary(questions).entrySet()) {
      List<Object> row = new ArrayList<>(List.of(e.getKey()));
      List<QuestionFacts> qs = e.getValue();
      row.addAll(
          compare(
              qs,
              answered.and(withTrace),
              answered.and(without),
              QuestionFacts::hoursToFirstAnswer));
      row.addAll(
          compare(
              qs,
              answered.and(withTrace),
              answered.and(without),
              QuestionFacts::hoursToAcceptedAnswer));
      long x1 = qs.stream().filter(withTrace.and(QuestionFacts::hasAcceptedAnswer)).count();
      long n1 = qs.stream().filter(withTrace).count();
      long x2 = qs.stream().filter(without.and(QuestionFacts::hasAcceptedAnswer)).count();
      long n2 = qs.stream().filter(without).count();
      ProportionZTest.Result z = ProportionZTest.twoSided(x1, n1, x2, n2);
      row.addAll(List.of(x1, n1));
      row.add(nanToNull(z.p1()));
      row.addAll(List.of(x2, n2));
      row.add(nanToNull(z.p2()));
      row.add(nanToNull(z.z()));
      row.add(nanToNull(z.p()));
      row.add(Significance.mark(z.p()));
      t.row(row);
    }
    return t.build();
  }

  /**
   * Table 5: trace instances, questions with a trace (QUESTIONS.has_trace), instances per question.
   */
  public static Table instances(List<QuestionFacts> questions, List<TraceLink> traces) {
    Table.Builder t =
        new Table.Builder("table5_instances")
            .column("library", Table.Type.STRING)
            .column("instances", Table.Type.LONG)
            .column("questions_with_trace", Table.Type.LONG)
            .column("ratio", Table.Type.DOUBLE);
    Map<String, Long> instances = new TreeMap<>();
    for (TraceLink tr : traces) {
      instances.merge(tr.library(), 1L, Long::sum);
    }
    Map<String, List<QuestionFacts>> byLibrary = byLibrary(questions);
    Set<String> libraries = new java.util.TreeSet<>(instances.keySet());
    libraries.addAll(byLibrary.keySet());
    libraries.remove(ALL);
    List<String> order = new ArrayList<>(libraries);
    order.add(ALL);
    // an instance of a question in two libraries appears once per library; "all" counts it once
    long allInstances = traces.stream().map(TraceLink::traceId).distinct().count();
    for (String lib : order) {
      long n = lib.equals(ALL) ? allInstances : instances.getOrDefault(lib, 0L);
      long q =
          byLibrary.getOrDefault(lib, List.of()).stream().filter(QuestionFacts::hasTrace).count();
      t.row(lib, n, q, q == 0 ? null : n / (double) q);
    }
    return t.build();
  }

  /** The 8 columns of one Mann-Whitney comparison, prefixed. */
  static void comparisonColumns(Table.Builder t, String prefix) {
    t.column(prefix + "_n_trace", Table.Type.LONG)
        .column(prefix + "_n_no_trace", Table.Type.LONG)
        .column(prefix + "_median_trace", Table.Type.DOUBLE)
        .column(prefix + "_median_no_trace", Table.Type.DOUBLE)
        .column(prefix + "_u", Table.Type.DOUBLE)
        .column(prefix + "_z", Table.Type.DOUBLE)
        .column(prefix + "_p", Table.Type.DOUBLE)
        .column(prefix + "_mark", Table.Type.STRING);
  }

  /** Values of the two groups (nulls dropped), medians, and the test of group 1 against group 2. */
  static List<Object> compare(
      List<QuestionFacts> qs,
      Predicate<QuestionFacts> group1,
      Predicate<QuestionFacts> group2,
      Function<QuestionFacts, Double> value) {
    double[] x = values(qs, group1, value);
    double[] y = values(qs, group2, value);
    MannWhitney.Result r = MannWhitney.test(x, y);
    List<Object> out = new ArrayList<>();
    out.add((long) x.length);
    out.add((long) y.length);
    out.add(Medians.of(x));
    out.add(Medians.of(y));
    out.add(nanToNull(r.u()));
    out.add(nanToNull(r.z()));
    out.add(nanToNull(r.p()));
    out.add(Significance.mark(r.p()));
    return out;
  }

  static double[] values(
      List<QuestionFacts> qs,
      Predicate<QuestionFacts> group,
      Function<QuestionFacts, Double> value) {
    return qs.stream()
        .filter(group)
        .map(value)
        .filter(v -> v != null && !v.isNaN())
        .mapToDouble(Double::doubleValue)
        .toArray();
  }

  static Double toDouble(Number n) {
    return n == null ? null : n.doubleValue();
  }

  static Double nanToNull(double v) {
    return Double.isNaN(v) ? null : v;
  }

  static Double pct(long part, long whole) {
    return whole == 0 ? null : 100.0 * part / whole;
  }

  private static String normalOs(String os) {
    return os == null ? "" : os.strip().toLowerCase(Locale.ROOT);
  }
}
