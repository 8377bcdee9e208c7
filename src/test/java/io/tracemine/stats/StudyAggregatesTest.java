package io.tracemine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tracemine.report.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The study's "Overall" conventions of Tables 6 and 9, against hand-computed values. */
class StudyAggregatesTest {

  private static Table table6(Object[]... rows) {
    Table.Builder t = new Table.Builder("table6_coverage").column("library", Table.Type.STRING);
    for (String c :
        List.of("questions_covered_pct", "instances_covered_pct", "paper_covered_st_pct")) {
      t.column(c, Table.Type.DOUBLE);
    }
    for (Object[] r : rows) {
      t.row(r);
    }
    return t.build();
  }

  private static Object[] r(Object... values) {
    return values;
  }

  @Test
  void table6StudyOverallIsTheUnweightedMeanOfTheLibraryRowsNextToThePooledRow() {
    Table overall =
        StudyAggregates.coverageOverall(
            table6(
                r("a", 90.0, 60.0, 50.0),
                r("b", 80.0, null, 70.0),
                r("c", 70.0, 40.0, null),
                r("all", 85.0, 55.0, 62.5)));
    assertThat(overall.name()).isEqualTo("table6_study_overall");
    assertThat(overall.rows()).hasSize(2);
    assertThat(overall.value(0, "overall")).isEqualTo("study");
    assertThat(overall.value(0, "libraries")).isEqualTo(3L);
    assertThat(overall.value(0, "questions_covered_pct")).isEqualTo(80.0); // (90 + 80 + 70) / 3
    assertThat(overall.value(0, "instances_covered_pct"))
        .isEqualTo(50.0); // (60 + 40) / 2, null skipped
    assertThat(overall.value(0, "paper_covered_st_pct")).isEqualTo(60.0); // (50 + 70) / 2
    assertThat(overall.value(1, "overall")).isEqualTo("tracemine_pooled");
    assertThat(overall.value(1, "questions_covered_pct")).isEqualTo(85.0);
    assertThat(overall.value(1, "instances_covered_pct")).isEqualTo(55.0);
    assertThat(overall.value(1, "paper_covered_st_pct")).isEqualTo(62.5);
  }

  /** The paper's Table 6 rows give its printed Overall 83.88 / 64.73 (truncated). */
  @Test
  void thePapersTable6RowsGiveItsOverallRow() {
    Table overall =
        StudyAggregates.coverageOverall(
            table6(
                r("tensorflow", 91.45, null, 64.96),
                r("keras", 89.09, null, 64.43),
                r("scikit-learn", 85.39, null, 57.10),
                r("pytorch", 82.44, null, 55.42),
                r("nltk", 77.58, null, 52.28),
                r("huggingface", 67.50, null, 58.97),
                r("spark-ml", 93.75, null, 100.0)));
    assertThat((Double) overall.value(0, "questions_covered_pct"))
        .isCloseTo(587.2 / 7, within(1e-9));
    assertThat((Double) overall.value(0, "paper_covered_st_pct"))
        .isCloseTo(453.16 / 7, within(1e-9));
    assertThat(overall.value(0, "instances_covered_pct")).isNull();
    assertThat(
            Format.cell(
                "questions_covered_pct",
                overall.value(0, "questions_covered_pct"),
                Format.Digits.TRUNCATED))
        .isEqualTo("83.88");
    assertThat(
            Format.cell(
                "paper_covered_st_pct",
                overall.value(0, "paper_covered_st_pct"),
                Format.Digits.TRUNCATED))
        .isEqualTo("64.73");
    assertThat(overall.value(1, "questions_covered_pct")).as("no all row").isNull();
  }

  private static final Object[][] PAPER_TABLE9 = {
    {"Python basic syntax", 1815L, 423.0, 4.72, 0.30, 4.46},
    {"Model training/learning", 1733L, 350.0, 4.74, 0.39, 3.51},
    {"Parallelization", 1082L, 480.0, 5.40, 0.38, 4.67},
    {"Data transformation", 670L, 252.5, 3.43, 0.38, 2.73},
    {"Subprocess invocation", 542L, 346.5, 21.11, 0.28, 23.74},
    {"Data operation", 878L, 356.5, 9.11, 0.36, 5.90},
    {"External module execution", 435L, 269.0, 9.01, 0.26, 13.05},
    {"Method wrapper", 1286L, 256.0, 4.48, 0.32, 3.88},
    {"Model saving/loading", 313L, 359.0, 9.62, 0.31, 6.08},
    {"Syntax/attribute extraction", 305L, 206.0, 9.58, 0.32, 7.59},
    {"Model training/construction", 723L, 508.0, 6.46, 0.41, 4.17},
    {"Data saving/pickle", 20L, 266.0, 12.33, 0.40, 44.28},
    {"Data validation", 442L, 435.0, 2.31, 0.39, 2.53},
    {"Model validation", 116L, 599.0, 2.06, 0.40, 1.79},
    {"Remote API call", 34L, 276.5, 3.36, 0.26, 1.61},
    {"Object copy", 22L, 603.0, 79.78, 0.32, 127.64},
    {"File operation", 17L, 394.0, 2.48, 0.28, 0.52},
    {"Package installation", 30L, 1312.0, 1.60, 0.47, 76.22},
    {"Data creation", 197L, 531.0, 6.91, 0.40, 4.62},
    {"Model conversion", 29L, 214.0, 72.11, 0.21, 71.46},
    {"Hyperparameter tuning", 19L, 381.0, 20.69, 0.42, 13.15},
    {"Argument validation", 38L, 1018.0, 2.34, 0.37, 2.34},
    {"Data conversion", 46L, 105.0, 23.22, 0.20, 11.01},
    {"Data loading", 9L, 229.0, 6.56, 0.44, 10.56},
  };

  private static Table table9(List<Object[]> rows) {
    Table.Builder t =
        new Table.Builder("table9_types")
            .column("category", Table.Type.STRING)
            .column("type", Table.Type.STRING)
            .column("patterns", Table.Type.LONG)
            .column("questions", Table.Type.LONG)
            .column("median_views", Table.Type.DOUBLE)
            .column("median_first_answer_hours", Table.Type.DOUBLE)
            .column("accepted_rate", Table.Type.DOUBLE)
            .column("median_accepted_answer_hours", Table.Type.DOUBLE);
    for (Object[] r : rows) {
      t.row("X", r[0], 1L, r[1], r[2], r[3], r[4], r[5]);
    }
    return t.build();
  }

  /**
   * The paper's Table 9 rows give its "Overall (median of medians)": 251, 357.75, 6.51, 36.5 %,
   * 5.285.
   */
  @Test
  void table9StudyOverallIsTheMedianOfTheTypeRowsWithoutIgnore() {
    List<Object[]> rows = new ArrayList<>(List.of(PAPER_TABLE9));
    rows.add(new Object[] {"ignore", 100_000L, 1e6, 1e6, 1.0, 1e6});
    Table overall = StudyAggregates.typeOverall(table9(rows), Map.of());
    assertThat(overall.name()).isEqualTo("table9_study_overall");
    assertThat(overall.value(0, "overall")).isEqualTo("study");
    assertThat(overall.value(0, "types")).isEqualTo(24L);
    assertThat(overall.value(0, "questions")).isEqualTo(251.0); // (197 + 305) / 2
    assertThat(overall.value(0, "median_views")).isEqualTo(357.75); // (356.5 + 359) / 2
    assertThat((Double) overall.value(0, "median_first_answer_hours"))
        .isCloseTo(6.51, within(1e-12));
    assertThat((Double) overall.value(0, "accepted_rate")).isCloseTo(0.365, within(1e-12));
    assertThat((Double) overall.value(0, "median_accepted_answer_hours"))
        .isCloseTo(5.285, within(1e-12));
  }

  private static QuestionFacts q(long id, long views, Double first, Double accepted) {
    return new QuestionFacts(
        id,
        "keras",
        10,
        true,
        3,
        3,
        true,
        "unix",
        0,
        views,
        0,
        first == null ? 0 : 1,
        first,
        accepted,
        accepted != null);
  }

  @Test
  void table9PooledRowCountsEachQuestionOnceOverTheTypes() {
    QuestionFacts q1 = q(1, 100, 1.0, 2.0);
    QuestionFacts q2 = q(2, 300, 3.0, null);
    QuestionFacts q3 = q(3, 500, null, null);
    QuestionFacts q4 = q(4, 900, 7.0, 8.0);
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {"Parallelization", 3L, 300.0, 2.0, 1 / 3.0, 2.0});
    rows.add(new Object[] {"Data loading", 2L, 400.0, 5.0, 0.5, 8.0});
    rows.add(new Object[] {"Ignore", 1L, 900.0, 7.0, 1.0, 8.0});
    Map<String, List<QuestionFacts>> byType =
        Map.of(
            "Parallelization",
            List.of(q1, q2, q3),
            "Data loading",
            List.of(q2, q4),
            "Ignore",
            List.of(q4));
    Table overall = StudyAggregates.typeOverall(table9(rows), byType);
    // study: median of two types
    assertThat(overall.value(0, "questions")).isEqualTo(2.5);
    assertThat(overall.value(0, "median_views")).isEqualTo(350.0);
    // pooled: q1, q2, q3, q4 (q4 through Data loading; Ignore adds nothing of its own)
    assertThat(overall.value(1, "overall")).isEqualTo("tracemine_pooled");
    assertThat(overall.value(1, "types")).isEqualTo(2L);
    assertThat(overall.value(1, "questions")).isEqualTo(4.0);
    assertThat(overall.value(1, "median_views")).isEqualTo(400.0); // 100 300 500 900
    assertThat(overall.value(1, "median_first_answer_hours")).isEqualTo(3.0); // 1 3 7
    assertThat(overall.value(1, "accepted_rate")).isEqualTo(0.5); // q1, q4
    assertThat(overall.value(1, "median_accepted_answer_hours")).isEqualTo(5.0); // 2 8
  }
}
