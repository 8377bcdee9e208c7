package io.tracemine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Table 4 has Table 3's groups: questions with a code block, with / without a trace (STUDY.md 4).
 */
class Table4GroupsTest {

  private static QuestionFacts question(
      long id, boolean code, boolean trace, Integer answers, Double firstHours, boolean accepted) {
    return new QuestionFacts(
        id,
        "nltk",
        30,
        code,
        code ? 5 : 0,
        trace ? 7 : 0,
        trace,
        "none",
        1,
        100L,
        0,
        answers,
        firstHours,
        accepted ? firstHours : null,
        accepted);
  }

  private static Table answers(List<QuestionFacts> qs) {
    return Rq1Tables.answers(qs);
  }

  private static Object cell(Table t, String library, String column) {
    for (int i = 0; i < t.rows().size(); i++) {
      if (library.equals(t.value(i, "library"))) {
        return t.value(i, column);
      }
    }
    throw new AssertionError("no row " + library);
  }

  @Test
  void answeredQuestionsWithoutACodeBlockAreInNeitherGroup() {
    List<QuestionFacts> withCode =
        List.of(
            question(1, true, true, 1, 6.0, true),
            question(2, true, true, 2, 8.0, false),
            question(3, true, false, 1, 1.0, true),
            question(4, true, false, 1, 3.0, false),
            question(5, true, false, 0, null, false));
    List<QuestionFacts> all = new ArrayList<>(withCode);
    // answered (and accepted) questions without a code block: far slower, so any leak moves a
    // median
    all.add(question(6, false, false, 2, 500.0, true));
    all.add(question(7, false, false, 1, 900.0, true));
    all.add(question(8, false, false, 0, null, false));
    Table t = answers(all);
    assertThat(cell(t, "nltk", "first_answer_hours_n_trace")).isEqualTo(2L);
    assertThat(cell(t, "nltk", "first_answer_hours_n_no_trace")).isEqualTo(2L);
    assertThat(cell(t, "nltk", "first_answer_hours_median_no_trace")).isEqualTo(2.0);
    assertThat(cell(t, "nltk", "accepted_answer_hours_n_no_trace")).isEqualTo(1L);
    assertThat(cell(t, "nltk", "accepted_answer_hours_median_no_trace")).isEqualTo(1.0);
    assertThat(cell(t, "nltk", "accepted_no_trace")).isEqualTo(1L);
    assertThat(cell(t, "nltk", "questions_no_trace")).isEqualTo(3L);
    assertThat(cell(t, "nltk", "accepted_ratio_no_trace")).isEqualTo(1.0 / 3);
    // the whole table is what it is without the no-code questions
    Table without = answers(withCode);
    for (int i = 0; i < t.rows().size(); i++) {
      assertThat(t.rows().get(i)).containsExactly(without.rows().get(i));
    }
  }

  /**
   * The study's TensorFlow counts (STUDY.md 1 and 4): 39,690 questions, 32,368 with a code block,
   * 5,436 with a trace; accepted 1,810 / 5,436 with a trace vs 10,526 / 26,932 without. The
   * denominators add up to the questions with a code block, not to all questions.
   */
  @Test
  void acceptedRatioDenominatorsAreTheStudysTensorFlowCounts() {
    List<QuestionFacts> qs = new ArrayList<>();
    long id = 0;
    for (int i = 0; i < 5_436; i++) {
      qs.add(question(++id, true, true, 1, 2.0, i < 1_810));
    }
    for (int i = 0; i < 26_932; i++) {
      qs.add(question(++id, true, false, 1, 1.0, i < 10_526));
    }
    for (int i = 0; i < 39_690 - 32_368; i++) {
      qs.add(question(++id, false, false, 1, 1.0, i < 3_000));
    }
    Table t = answers(qs);
    Table population = Rq1Tables.population(qs);
    assertThat(cell(t, "nltk", "questions_trace")).isEqualTo(5_436L);
    assertThat(cell(t, "nltk", "questions_no_trace")).isEqualTo(26_932L);
    assertThat(cell(t, "nltk", "accepted_trace")).isEqualTo(1_810L);
    assertThat(cell(t, "nltk", "accepted_no_trace")).isEqualTo(10_526L);
    assertThat(
            (Long) cell(t, "nltk", "questions_trace")
                + (Long) cell(t, "nltk", "questions_no_trace"))
        .isEqualTo(cell(population, "nltk", "with_code"));
    // the paper prints 0.33 and 0.39 (truncated)
    assertThat((Double) cell(t, "nltk", "accepted_ratio_trace")).isBetween(0.33, 0.34);
    assertThat((Double) cell(t, "nltk", "accepted_ratio_no_trace")).isBetween(0.39, 0.40);
  }
}
