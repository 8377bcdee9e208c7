package io.tracemine.stats;

import io.tracemine.stats.math.Medians;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The study's two "Overall" conventions that TraceMine does not use for its own figures, computed
 * for the {@code paper} profile and shown next to TraceMine's pooled figures (STUDY.md sections 5
 * and 6), without Spark:
 *
 * <ul>
 *   <li>Table 6's "Overall" row is the unweighted mean of the library percentages (a library with
 *       36 questions weighs as much as one with 39,690); TraceMine's {@code all} row pools the
 *       distinct questions and instances instead.
 *   <li>Table 9's "Overall" is the median of the type medians (and of the per-type question counts
 *       and accepted rates), the study's {@code ignore} label excluded; TraceMine's pooled figures
 *       are over the distinct questions of every labelled type.
 * </ul>
 */
public final class StudyAggregates {
  /** Value of the {@code overall} column for the study's convention. */
  public static final String STUDY = "study";

  /** Value of the {@code overall} column for TraceMine's pooled figures. */
  public static final String POOLED = "tracemine_pooled";

  /** The study's label for uncategorised patterns, left out of its Table 9. */
  public static final String IGNORE = "ignore";

  private static final List<String> TABLE6_PCTS =
      List.of("questions_covered_pct", "instances_covered_pct", "paper_covered_st_pct");
  private static final List<String> TABLE9_VALUES =
      List.of(
          "median_views",
          "median_first_answer_hours",
          "accepted_rate",
          "median_accepted_answer_hours");

  /** The tables of this class: written in the {@code paper} profile only. */
  public static final List<String> TABLES = List.of("table6_study_overall", "table9_study_overall");

  private StudyAggregates() {}

  /**
   * table6_study_overall from table6_coverage: row {@value #STUDY} = the unweighted mean of each
   * percentage over the library rows (rows where it is null are skipped; null when all are), row
   * {@value #POOLED} = the {@code all} row's values; {@code libraries} = the library rows.
   */
  public static Table coverageOverall(Table table6) {
    Table.Builder t =
        new Table.Builder("table6_study_overall")
            .column("overall", Table.Type.STRING)
            .column("definition", Table.Type.STRING)
            .column("libraries", Table.Type.LONG);
    TABLE6_PCTS.forEach(c -> t.column(c, Table.Type.DOUBLE));
    List<Integer> libraryRows = new ArrayList<>();
    Integer allRow = null;
    for (int i = 0; i < table6.rows().size(); i++) {
      if (Rq1Tables.ALL.equals(table6.value(i, "library"))) {
        allRow = i;
      } else {
        libraryRows.add(i);
      }
    }
    List<Object> study =
        new ArrayList<>(
            List.of(
                STUDY,
                "the study's Overall: unweighted mean of the library rows",
                (long) libraryRows.size()));
    for (String c : TABLE6_PCTS) {
      double sum = 0;
      int n = 0;
      for (int i : libraryRows) {
        Object v = table6.value(i, c);
        if (v != null) {
          sum += ((Number) v).doubleValue();
          n++;
        }
      }
      study.add(n == 0 ? null : sum / n);
    }
    t.row(study);
    List<Object> pooled =
        new ArrayList<>(
            List.of(
                POOLED,
                "TraceMine: pooled over the distinct questions and instances (row all)",
                (long) libraryRows.size()));
    for (String c : TABLE6_PCTS) {
      pooled.add(allRow == null ? null : table6.value(allRow, c));
    }
    t.row(pooled);
    return t.build();
  }

  /**
   * table9_study_overall from table9_types and the questions of each type: row {@value #STUDY} =
   * the median (NumPy's) of each column over the type rows, type {@value #IGNORE} excluded (nulls
   * skipped), row {@value #POOLED} = the same figures over the distinct questions of those types
   * together.
   */
  public static Table typeOverall(Table table9, Map<String, List<QuestionFacts>> questionsByType) {
    Table.Builder t =
        new Table.Builder("table9_study_overall")
            .column("overall", Table.Type.STRING)
            .column("definition", Table.Type.STRING)
            .column("types", Table.Type.LONG)
            .column("questions", Table.Type.DOUBLE);
    TABLE9_VALUES.forEach(c -> t.column(c, Table.Type.DOUBLE));
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < table9.rows().size(); i++) {
      if (!IGNORE.equals(((String) table9.value(i, "type")).strip().toLowerCase(Locale.ROOT))) {
        rows.add(i);
      }
    }
    List<Object> study =
        new ArrayList<>(
            List.of(
                STUDY,
                "the study's Overall: median of the type rows (ignore excluded)",
                (long) rows.size()));
    study.add(medianOf(table9, rows, "questions"));
    TABLE9_VALUES.forEach(c -> study.add(medianOf(table9, rows, c)));
    t.row(study);
    Map<Long, QuestionFacts> pooled = new TreeMap<>();
    Set<String> types = new java.util.HashSet<>();
    rows.forEach(i -> types.add((String) table9.value(i, "type")));
    questionsByType.forEach(
        (type, qs) -> {
          if (types.contains(type)) {
            qs.forEach(q -> pooled.putIfAbsent(q.questionId(), q));
          }
        });
    List<QuestionFacts> qs = new ArrayList<>(pooled.values());
    long accepted = qs.stream().filter(QuestionFacts::hasAcceptedAnswer).count();
    t.row(
        POOLED,
        "TraceMine: pooled over the distinct questions of these types",
        (long) rows.size(),
        (double) qs.size(),
        Medians.of(Rq1Tables.values(qs, q -> true, q -> Rq1Tables.toDouble(q.views()))),
        Medians.of(Rq1Tables.values(qs, q -> true, QuestionFacts::hoursToFirstAnswer)),
        qs.isEmpty() ? null : accepted / (double) qs.size(),
        Medians.of(Rq1Tables.values(qs, q -> true, QuestionFacts::hoursToAcceptedAnswer)));
    return t.build();
  }

  private static Double medianOf(Table table, List<Integer> rows, String column) {
    return Medians.of(
        rows.stream()
            .map(i -> table.value(i, column))
            .filter(v -> v != null)
            .mapToDouble(v -> ((Number) v).doubleValue())
            .toArray());
  }
}
