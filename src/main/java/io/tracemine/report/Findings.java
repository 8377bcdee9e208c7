package io.tracemine.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run found, in sentences computed from its tables (plain text; the page escapes it), and,
 * for the {@code paper} profile, how its figures compare with the study's published ones ({@code
 * report/study-published.properties}). Pure: no Spark, no I/O.
 */
final class Findings {
  /** One published figure next to the run's: agrees when within the measure's tolerance. */
  record Comparison(String table, String measure, String key, double study, Double run) {
    String verdict() {
      if (run == null) {
        return "not in this run";
      }
      return Math.abs(run - study) <= tolerance(measure) + 1e-9 ? "agrees" : "differs";
    }
  }

  /** A table's comparisons with its verdict counts and the known reason for differences. */
  record TableComparison(String table, List<Comparison> rows, String why) {
    long count(String verdict) {
      return rows.stream().filter(r -> r.verdict().equals(verdict)).count();
    }
  }

  private final ReportData data;

  Findings(ReportData data) {
    this.data = data;
  }

  /** The run's findings, most general first; empty when the run has no tables. */
  List<String> sentences() {
    List<String> out = new ArrayList<>();
    traceShare().ifPresent(out::add);
    instances().ifPresent(out::add);
    exceptionTypes().ifPresent(out::add);
    topPatterns().ifPresent(out::add);
    coverage().ifPresent(out::add);
    shared().ifPresent(out::add);
    jvm().ifPresent(out::add);
    return out;
  }

  private java.util.Optional<String> traceShare() {
    DataTable t = data.table("table1_population");
    if (t == null || !t.hasColumn("with_trace_pct") || !t.hasColumn("library")) {
      return java.util.Optional.empty();
    }
    String lowLib = null;
    String highLib = null;
    double low = Double.NaN;
    double high = Double.NaN;
    Double all = null;
    for (List<Object> row : t.rows()) {
      String lib = t.text(row, "library");
      double v = t.number(row, "with_trace_pct");
      if (lib == null || Double.isNaN(v)) {
        continue;
      }
      if (DataTable.ALL.equals(lib)) {
        all = v;
      } else {
        if (lowLib == null || v < low) {
          low = v;
          lowLib = lib;
        }
        if (highLib == null || v > high) {
          high = v;
          highLib = lib;
        }
      }
    }
    if (all == null && lowLib == null) {
      return java.util.Optional.empty();
    }
    StringBuilder s = new StringBuilder();
    if (all != null) {
      s.append(pct(all)).append(" of all questions have a stack trace");
    } else {
      s.append("Questions with a stack trace");
    }
    if (lowLib != null && !lowLib.equals(highLib)) {
      s.append("; per library from ")
          .append(pct(low))
          .append(" (")
          .append(lowLib)
          .append(") to ")
          .append(pct(high))
          .append(" (")
          .append(highLib)
          .append(")");
    } else if (lowLib != null) {
      s.append("; ").append(lowLib).append(": ").append(pct(low));
    }
    return java.util.Optional.of(s.append('.').toString());
  }

  private java.util.Optional<String> instances() {
    DataTable t = data.table("table5_instances");
    List<Object> all = allRow(t);
    if (all == null || !t.hasColumn("instances") || !t.hasColumn("questions_with_trace")) {
      return java.util.Optional.empty();
    }
    double instances = t.number(all, "instances");
    double questions = t.number(all, "questions_with_trace");
    if (Double.isNaN(instances) || Double.isNaN(questions)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        Format.count((long) instances, "stack-trace instance", "stack-trace instances")
            + " in "
            + Format.count((long) questions, "question with a trace", "questions with a trace")
            + " ("
            + (questions == 0 ? Format.NULL : Format.fixed(instances / questions, 2))
            + " per question).");
  }

  private java.util.Optional<String> exceptionTypes() {
    Map<String, Long> byType = new TreeMap<>();
    for (TemplateCount t : data.templates()) {
      if (t.exceptionType() != null && !t.exceptionType().isBlank()) {
        byType.merge(t.exceptionType(), t.instances(), Long::sum);
      }
    }
    if (byType.isEmpty()) {
      return java.util.Optional.empty();
    }
    List<Map.Entry<String, Long>> top =
        byType.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(3)
            .toList();
    List<String> parts =
        top.stream().map(e -> e.getKey() + " (" + Format.integer(e.getValue()) + ")").toList();
    TemplateCount first =
        data.templates().stream()
            .max(
                Comparator.comparingLong(TemplateCount::instances)
                    .thenComparing(TemplateCount::library, Comparator.reverseOrder()))
            .orElseThrow();
    return java.util.Optional.of(
        "Most common exception types (instances, over each library's most "
            + "frequent messages): "
            + String.join(", ", parts)
            + ". Most frequent message: \""
            + first.template()
            + "\" ("
            + first.library()
            + ", "
            + Format.count(first.instances(), "instance", "instances")
            + ").");
  }

  private java.util.Optional<String> topPatterns() {
    List<TopPattern> top =
        data.topPatterns().stream()
            .sorted(
                Comparator.comparingLong(TopPattern::support)
                    .reversed()
                    .thenComparing(TopPattern::library)
                    .thenComparing(TopPattern::patternId))
            .limit(3)
            .toList();
    if (top.isEmpty()) {
      return java.util.Optional.empty();
    }
    List<String> parts =
        top.stream()
            .map(
                p ->
                    String.join(" > ", p.frames())
                        + " ("
                        + p.library()
                        + ", support "
                        + Format.integer(p.support())
                        + ")")
            .toList();
    return java.util.Optional.of("Top patterns by support: " + String.join("; ", parts) + ".");
  }

  private java.util.Optional<String> coverage() {
    DataTable t = data.table("table6_coverage");
    List<Object> all = allRow(t);
    if (all == null || !t.hasColumn("questions_covered_pct")) {
      return java.util.Optional.empty();
    }
    double q = t.number(all, "questions_covered_pct");
    if (Double.isNaN(q)) {
      return java.util.Optional.empty();
    }
    String s = pct(q) + " of the questions with an instance contain a recurring pattern";
    if (t.hasColumn("instances_covered_pct")
        && !Double.isNaN(t.number(all, "instances_covered_pct"))) {
      s += " (" + pct(t.number(all, "instances_covered_pct")) + " of the instances)";
    }
    return java.util.Optional.of(
        s
            + (allLibrariesFullyCovered()
                ? "; see the note on full " + "coverage under Table 6."
                : "."));
  }

  /** True when every library row of Table 6 covers 100% of its questions (an artefact, usually). */
  boolean allLibrariesFullyCovered() {
    DataTable t = data.table("table6_coverage");
    if (t == null || !t.hasColumn("questions_covered_pct") || !t.hasColumn("library")) {
      return false;
    }
    int libraries = 0;
    for (List<Object> row : t.rows()) {
      String lib = t.text(row, "library");
      if (lib == null || DataTable.ALL.equals(lib)) {
        continue;
      }
      libraries++;
      if (!(t.number(row, "questions_covered_pct") >= 100 - 1e-9)) {
        return false;
      }
    }
    return libraries > 0;
  }

  private java.util.Optional<String> shared() {
    DataTable t = data.table("table7_shared");
    if (t == null || !t.hasColumn("patterns") || !t.hasColumn("libraries")) {
      return java.util.Optional.empty();
    }
    long total = 0;
    long most = 0;
    for (List<Object> row : t.rows()) {
      double n = t.number(row, "patterns");
      double k = t.number(row, "libraries");
      if (!Double.isNaN(n) && !Double.isNaN(k)) {
        total += (long) n;
        if (n > 0) {
          most = Math.max(most, (long) k);
        }
      }
    }
    return java.util.Optional.of(
        (total == 1 ? "1 pattern is shared" : Format.integer(total) + " patterns are shared")
            + " by two or more libraries"
            + (total > 0 ? " (the widest by " + most + ")." : "."));
  }

  private java.util.Optional<String> jvm() {
    if (data.jvm().isEmpty()) {
      return java.util.Optional.empty();
    }
    long instances = data.jvm().stream().mapToLong(JvmSummary::instances).sum();
    List<String> libs =
        data.jvm().stream().map(j -> j.library() + " " + Format.integer(j.questions())).toList();
    return java.util.Optional.of(
        Format.integer(instances)
            + " JVM stack traces of PySpark errors "
            + "(questions with JVM frames: "
            + String.join(", ", libs)
            + "); see the JVM section.");
  }

  /** The study's figures next to the run's, table by table (tables the run lacks are left out). */
  List<TableComparison> comparisons() {
    Map<String, List<Comparison>> byTable = new LinkedHashMap<>();
    ReportResources.STUDY.forEach(
        (key, value) -> {
          if (!key.startsWith("study.")) {
            return;
          }
          String[] parts = key.split("\\.", 4);
          String table = parts[1];
          String measure = parts[2];
          String rowKey = parts[3];
          DataTable t = data.table(table);
          if (t == null) {
            return;
          }
          byTable
              .computeIfAbsent(table, x -> new ArrayList<>())
              .add(
                  new Comparison(
                      table,
                      measure,
                      rowKey,
                      Double.parseDouble(value),
                      runValue(t, measure, rowKey)));
        });
    List<TableComparison> out = new ArrayList<>();
    byTable.forEach(
        (table, rows) -> {
          rows.sort(Comparator.comparing(Comparison::measure).thenComparing(c -> order(c.key())));
          String why = ReportResources.STUDY.getOrDefault("why." + table, "");
          out.add(new TableComparison(table, rows, why));
        });
    return out;
  }

  private static String order(String key) {
    List<String> paper =
        List.of(
            "tensorflow", "keras", "scikit-learn", "pytorch", "nltk", "huggingface", "spark-ml");
    int i = paper.indexOf(key);
    return i >= 0 ? "0" + i : "1" + key;
  }

  private static Double runValue(DataTable t, String measure, String key) {
    if (!t.hasColumn(measure)) {
      return null;
    }
    String keyColumn = t.hasColumn("library") ? "library" : "libraries";
    if (!t.hasColumn(keyColumn)) {
      return null;
    }
    for (List<Object> row : t.rows()) {
      Object k = t.value(row, keyColumn);
      if (k != null && matches(k, key)) {
        double v = t.number(row, measure);
        return Double.isNaN(v) ? null : v;
      }
    }
    return null;
  }

  private static boolean matches(Object cell, String key) {
    if (cell instanceof Number n) {
      return key.matches("-?[0-9]+") && n.longValue() == Long.parseLong(key);
    }
    return cell.toString().equals(key);
  }

  static double tolerance(String measure) {
    String t = ReportResources.STUDY.get("tolerance." + measure);
    return t == null ? 0 : Double.parseDouble(t);
  }

  private static List<Object> allRow(DataTable t) {
    if (t == null || !t.hasColumn("library")) {
      return null;
    }
    for (List<Object> row : t.rows()) {
      if (DataTable.ALL.equals(t.text(row, "library"))) {
        return row;
      }
    }
    return null;
  }

  private static String pct(double v) {
    return Format.fixed(v, 1) + "%";
  }
}
