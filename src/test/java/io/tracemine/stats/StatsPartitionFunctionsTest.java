package io.tracemine.stats;

import static io.tracemine.testing.Serialization.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The stats stage's per-partition functions on plain lists, after a serialization round trip. */
class StatsPartitionFunctionsTest {

  @Test
  void rankSumsPerComparisonEmitsOneRowPerLibraryAndComparison() throws Exception {
    List<Row> in =
        List.of(
            RowFactory.create("a", 0, 1.0, 1L, 0L),
            RowFactory.create("a", 0, 2.0, 2L, 1L),
            RowFactory.create("a", 0, 3.0, 0L, 1L),
            RowFactory.create("a", 1, 0.0, 4L, 0L),
            RowFactory.create("b", 1, 0.0, 7L, 0L));
    List<Row> out = new ArrayList<>();
    roundTrip(new SparkRq1.RankSumsPerComparison(9, 2))
        .call(in.iterator())
        .forEachRemaining(out::add);
    assertThat(out).hasSize(3);
    // pooled ranks of a/0: 1, then three 2s at rank 3, then 5; x = {1, 2, 2}
    assertThat(out.get(0))
        .isEqualTo(RowFactory.create("a", 0, 3L, 2L, 14L, 24.0, 2.0, 2.0, 2.0, 3.0));
    assertThat(out.get(1))
        .isEqualTo(RowFactory.create("a", 1, 4L, 0L, 20L, 60.0, 0.0, 0.0, null, null));
    assertThat(out.get(2).getString(0)).isEqualTo("b");
    assertThat(out.get(2).getLong(2)).isEqualTo(7L);
    assertThat(new SparkRq1.RankSumsPerComparison(9, 2).call(List.<Row>of().iterator()).hasNext())
        .isFalse();
  }

  @Test
  void rankSumsPerComparisonCountsEachFlagOfTheMasksAsAComparisonOfZeros() throws Exception {
    // comparison 2 holds the masks of three flags (comparisons 2, 3, 4); 0 is a real comparison
    List<Row> masks =
        List.of(
            RowFactory.create("a", 0, 1.5, 1L, 2L),
            RowFactory.create("a", 2, 1.0, 2L, 0L),
            RowFactory.create("a", 2, 5.0, 3L, 0L),
            RowFactory.create("a", 2, 6.0, 4L, 0L),
            RowFactory.create("b", 2, 4.0, 7L, 0L));
    // the same counts as one comparison of the value 0 per flag (no flags comparison: 9)
    List<Row> zeros =
        List.of(
            RowFactory.create("a", 0, 1.5, 1L, 2L),
            RowFactory.create("a", 2, 0.0, 5L, 0L),
            RowFactory.create("a", 3, 0.0, 4L, 0L),
            RowFactory.create("a", 4, 0.0, 7L, 0L),
            RowFactory.create("b", 4, 0.0, 7L, 0L));
    List<Row> fromMasks = new ArrayList<>();
    roundTrip(new SparkRq1.RankSumsPerComparison(2, 3))
        .call(masks.iterator())
        .forEachRemaining(fromMasks::add);
    List<Row> fromZeros = new ArrayList<>();
    new SparkRq1.RankSumsPerComparison(9, 3)
        .call(zeros.iterator())
        .forEachRemaining(fromZeros::add);
    assertThat(fromMasks).hasSize(5).isEqualTo(fromZeros);
    assertThat(fromMasks.get(4).getLong(2)).isEqualTo(7L);
  }

  @Test
  void distinctTracesAndQuestionsCountsEachGroup() throws Exception {
    List<Row> in =
        List.of(
            RowFactory.create("2019", "a", "p1", "1-0-0", 1L),
            RowFactory.create("2019", "a", "p1", "1-0-0", 1L),
            RowFactory.create("2019", "a", "p1", "1-1-0", 1L),
            RowFactory.create("2019", "a", "p1", "2-0-0", 2L),
            // one trace id named with two questions counts once, each question once
            RowFactory.create("2019", "a", "p1", "3-0-0", 3L),
            RowFactory.create("2019", "a", "p1", "3-0-0", 4L),
            RowFactory.create("2019", "a", "p1", "4-0-0", null),
            RowFactory.create("2020", "a", "p1", "5-0-0", 5L),
            RowFactory.create(null, "a", "p1", "6-0-0", 6L));
    List<Row> out = new ArrayList<>();
    roundTrip(new PeriodPatternSupport.DistinctTracesAndQuestions())
        .call(in.iterator())
        .forEachRemaining(out::add);
    assertThat(out)
        .containsExactly(
            RowFactory.create("2019", "a", "p1", 5L, 4L),
            RowFactory.create("2020", "a", "p1", 1L, 1L),
            RowFactory.create(null, "a", "p1", 1L, 1L));
  }

  @Test
  void questionSupportCountsEachQuestionsRunOfRows() throws Exception {
    List<Row> in =
        List.of(
            RowFactory.create("1-0-0", "a", 0, "2019", null, null),
            RowFactory.create("1-0-0", "a", 1, null, "p1", 1L),
            RowFactory.create("1-0-0", "a", 1, null, "p1", 1L),
            RowFactory.create("1-0-0", "a", 1, null, "p2", 1L),
            // a trace id with two periods: its links count in both
            RowFactory.create("1-1-0", "a", 0, "2019", null, null),
            RowFactory.create("1-1-0", "a", 0, "2020", null, null),
            RowFactory.create("1-1-0", "a", 1, null, "p1", 1L),
            // no trace row: the link joins nothing
            RowFactory.create("2-0-0", "a", 1, null, "p1", 2L),
            // a link named with another question: its group is marked
            RowFactory.create("3-0-0", "a", 0, "2019", null, null),
            RowFactory.create("3-0-0", "a", 1, null, "p1", 4L));
    List<Row> out = new ArrayList<>();
    roundTrip(new PeriodPatternSupport.QuestionSupport())
        .call(in.iterator())
        .forEachRemaining(out::add);
    assertThat(out)
        .containsExactly(
            RowFactory.create("2019", "a", "p1", 2L, 1L, false),
            RowFactory.create("2019", "a", "p2", 1L, 1L, false),
            RowFactory.create("2020", "a", "p1", 1L, 1L, false),
            RowFactory.create("2019", "a", "p1", 1L, 0L, true));
    assertThat(new PeriodPatternSupport.QuestionSupport().call(List.<Row>of().iterator()).hasNext())
        .isFalse();
  }

  /**
   * The stored pattern_id is 20 bytes: each row has its own {@code byte[]}, so the groups are told
   * apart by content (by reference, every row would be a group of its own).
   */
  @Test
  void distinctTracesAndQuestionsGroupsBinaryPatternIdsByContent() throws Exception {
    byte[] p1 = new byte[20];
    byte[] p2 = new byte[20];
    p2[19] = 1;
    List<Row> in =
        List.of(
            RowFactory.create("2019", "a", p1.clone(), "1-0-0", 1L),
            RowFactory.create("2019", "a", p1.clone(), "1-0-0", 1L),
            RowFactory.create("2019", "a", p1.clone(), "2-0-0", 1L),
            RowFactory.create("2019", "a", p2.clone(), "1-0-0", 1L),
            RowFactory.create("2019", "a", p2.clone(), "3-0-0", 3L));
    List<Row> out = new ArrayList<>();
    roundTrip(new PeriodPatternSupport.DistinctTracesAndQuestions())
        .call(in.iterator())
        .forEachRemaining(out::add);
    assertThat(out).hasSize(2);
    assertThat((byte[]) out.get(0).get(2)).isEqualTo(p1);
    assertThat(List.of(out.get(0).getLong(3), out.get(0).getLong(4))).containsExactly(2L, 1L);
    assertThat((byte[]) out.get(1).get(2)).isEqualTo(p2);
    assertThat(List.of(out.get(1).getLong(3), out.get(1).getLong(4))).containsExactly(2L, 2L);
  }

  @Test
  void distinctRowsGivesEachDistinctRowItsCountAndFirstOfTraceFlags() throws Exception {
    List<Row> in =
        List.of(
            // a null trace id is a row, never a trace (nulls sort first, as Spark's ascending)
            // (covered, library, trace_id, question_id, rank of the covering pattern or null)
            RowFactory.create(false, "nltk", null, null, null),
            RowFactory.create(false, "nltk", null, null, null),
            // t1: in keras twice (a duplicate row) and in nltk; covered in keras by two links,
            // through patterns ranked 3, 1 and 2: the distinct row keeps the smallest rank
            RowFactory.create(false, "keras", "t1", 1L, null),
            RowFactory.create(false, "keras", "t1", 1L, null),
            RowFactory.create(false, "nltk", "t1", 1L, null),
            RowFactory.create(true, "keras", "t1", 1L, 3L),
            RowFactory.create(true, "keras", "t1", 1L, 1L),
            RowFactory.create(true, "keras", "t1", 1L, 2L),
            // t2 named with two questions: one trace, two distinct rows
            RowFactory.create(false, "keras", "t2", 2L, null),
            RowFactory.create(false, "keras", "t2", 3L, null));
    List<Row> out = new ArrayList<>();
    roundTrip(new SparkRq2.DistinctRows()).call(in.iterator()).forEachRemaining(out::add);
    assertThat(out)
        .containsExactly(
            RowFactory.create(false, "nltk", null, 2L, false, false, null),
            RowFactory.create(false, "keras", 1L, 2L, true, true, null),
            RowFactory.create(false, "nltk", 1L, 1L, true, false, null),
            RowFactory.create(true, "keras", 1L, 3L, true, true, 1L),
            RowFactory.create(false, "keras", 2L, 1L, true, true, null),
            RowFactory.create(false, "keras", 3L, 1L, false, false, null));
    assertThat(new SparkRq2.DistinctRows().call(List.<Row>of().iterator()).hasNext()).isFalse();
  }

  @Test
  void distinctQuestionsCountsRowsTracesAndQuestionsPerLibraryAndOverAll() throws Exception {
    List<Row> in =
        List.of(
            // (covered, library, question_id, rows, first of its trace in library, in kind, rank)
            RowFactory.create(false, "nltk", null, 2L, false, false, null),
            // question 1 in keras (two traces) and nltk; covered in keras through three traces
            // whose smallest ranks are 4, 2 and 5: the question counts once, at rank 2
            RowFactory.create(false, "keras", 1L, 2L, true, true, null),
            RowFactory.create(false, "keras", 1L, 1L, true, true, null),
            RowFactory.create(false, "nltk", 1L, 1L, true, false, null),
            RowFactory.create(true, "keras", 1L, 3L, true, true, 4L),
            RowFactory.create(true, "keras", 1L, 1L, true, true, 2L),
            RowFactory.create(true, "keras", 1L, 1L, true, true, 5L),
            RowFactory.create(false, "keras", 2L, 1L, true, true, null));
    List<Row> out = new ArrayList<>();
    roundTrip(new SparkRq2.DistinctQuestions()).call(in.iterator()).forEachRemaining(out::add);
    assertThat(out)
        .containsExactlyInAnyOrder(
            // rows, distinct rows, traces, questions
            RowFactory.create(false, "keras", 4L, 3L, 3L, 2L, null),
            RowFactory.create(false, "nltk", 3L, 2L, 1L, 1L, null),
            RowFactory.create(false, "all", 7L, 5L, 3L, 2L, null),
            RowFactory.create(true, "keras", 5L, 3L, 3L, 1L, null),
            RowFactory.create(true, "all", 5L, 3L, 3L, 1L, null),
            // Fig. 6's count: questions first covered at each rank (here question 1 at rank 2)
            RowFactory.create(true, "keras", 0L, 0L, 0L, 1L, 2L));
    assertThat(new SparkRq2.DistinctQuestions().call(List.<Row>of().iterator()).hasNext())
        .isFalse();
  }

  /** Oracle: distinct sets per group on random rows, sorted as the stage sorts them. */
  @Property(tries = 200)
  void distinctTracesAndQuestionsAgreesWithSets(
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 3 * 3 * 5 * 4 - 1) Integer> codes)
      throws Exception {
    List<Row> rows = new ArrayList<>();
    Map<List<Object>, Set<Object>> traces = new TreeMap<>(Comparator.comparing(Object::toString));
    Map<List<Object>, Set<Object>> questions =
        new TreeMap<>(Comparator.comparing(Object::toString));
    for (int code : codes) {
      String period = "p" + code % 3;
      String pattern = "k" + code / 3 % 3;
      String trace = "t" + code / 9 % 5;
      Long question = code / 45 == 0 ? null : (long) (code / 45);
      rows.add(RowFactory.create(period, "lib", pattern, trace, question));
      List<Object> key = List.of(period, "lib", pattern);
      traces.computeIfAbsent(key, k -> new HashSet<>()).add(trace);
      Set<Object> qs = questions.computeIfAbsent(key, k -> new HashSet<>());
      if (question != null) {
        qs.add(question);
      }
    }
    rows.sort(
        Comparator.comparing((Row r) -> r.getString(2))
            .thenComparing(r -> r.getString(1))
            .thenComparing(r -> r.getString(0))
            .thenComparing(r -> r.getString(3)));
    List<Row> out = new ArrayList<>();
    new PeriodPatternSupport.DistinctTracesAndQuestions()
        .call(rows.iterator())
        .forEachRemaining(out::add);
    assertThat(out).hasSize(traces.size());
    for (Row r : out) {
      List<Object> key = List.of(r.get(0), r.get(1), r.get(2));
      assertThat(r.getLong(3)).isEqualTo(traces.get(key).size());
      assertThat(r.getLong(4)).isEqualTo(questions.get(key).size());
    }
  }
}
