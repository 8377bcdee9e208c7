package io.tracemine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.extract.ExtractConfig;
import io.tracemine.extract.ExtractStage;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.SharedSpark;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Posts through extract (each profile) and stats: answered questions without a code block are in
 * neither Table 4 group.
 */
@ExtendWith(SharedSpark.class)
class Table4ProfilesTest {
  private static final String TRACE =
      "<p>It fails.</p><pre><code>Traceback (most recent call last):\n"
          + "  File \"/usr/lib/python3/dist-packages/nltk/tokenize.py\", line 1, in tokenize\n"
          + "ValueError: bad\n</code></pre>";

  private final SparkSession spark = SharedSpark.session();

  private static Row question(long id, Long accepted, String body, int answers) {
    return RowFactory.create(
        id,
        1,
        null,
        accepted,
        Timestamp.valueOf("2019-01-01 10:00:00"),
        1,
        100L,
        answers,
        0,
        "Question " + id,
        "<python><nltk>",
        body,
        new String[] {"nltk"});
  }

  private static Row answer(long id, long parent, int hoursLater) {
    Timestamp created =
        Timestamp.valueOf(LocalDateTime.of(2019, 1, 1, 10, 0).plusHours(hoursLater));
    return RowFactory.create(
        id,
        2,
        parent,
        null,
        created,
        1,
        null,
        null,
        0,
        null,
        null,
        "<p>Answer.</p>",
        new String[] {"nltk"});
  }

  private Dataset<Row> posts() {
    List<Row> rows = new ArrayList<>();
    rows.add(question(1, 101L, TRACE, 1));
    rows.add(answer(101, 1, 6));
    rows.add(
        question(2, null, "<p>Why?</p><pre><code>import nltk\nnltk.download()\n</code></pre>", 1));
    rows.add(answer(102, 2, 2));
    // answered and accepted, but no code block: in neither group
    rows.add(question(3, 103L, "<p>How do I use <code>nltk</code> here?</p>", 1));
    rows.add(answer(103, 3, 500));
    rows.add(question(4, 104L, "<p>Another question without any code at all.</p>", 1));
    rows.add(answer(104, 4, 900));
    return spark.createDataFrame(rows, Schemas.POSTS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "paper"})
  void answeredQuestionsWithoutCodeAreInNeitherGroup(String profile) {
    var extracted = new ExtractStage(spark, ExtractConfig.ofProfile(profile)).run(posts());
    // Table 4 reads questions only; no patterns needed
    Dataset<Row> noPatterns = spark.createDataFrame(List.of(), Schemas.PATTERNS);
    Dataset<Row> noLinks = spark.createDataFrame(List.of(), Schemas.PATTERN_TRACE_LISTS);
    Row nltk =
        new StatsStage(spark, StatsConfig.defaults())
            .run(StatsInputs.of(extracted.questions(), extracted.traces(), noPatterns, noLinks))
            .get("table4_answers")
            .filter("library = 'nltk'")
            .first();
    assertThat(nltk.<Long>getAs("questions_trace")).as(profile).isEqualTo(1L);
    assertThat(nltk.<Long>getAs("questions_no_trace")).as(profile).isEqualTo(1L);
    assertThat(nltk.<Long>getAs("accepted_no_trace")).as(profile).isZero();
    assertThat(nltk.<Long>getAs("first_answer_hours_n_no_trace")).as(profile).isEqualTo(1L);
    assertThat(nltk.<Double>getAs("first_answer_hours_median_no_trace")).as(profile).isEqualTo(2.0);
    assertThat(nltk.<Double>getAs("first_answer_hours_median_trace")).as(profile).isEqualTo(6.0);
    assertThat(nltk.<Long>getAs("accepted_answer_hours_n_no_trace")).as(profile).isZero();
  }
}
