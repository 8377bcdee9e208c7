package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.SharedSpark;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ingest --since/--until, against the unbounded run filtered by hand (the oracle). */
@ExtendWith(SharedSpark.class)
class CreationWindowIngestTest {
  /** The unbounded run, computed once. */
  private static IngestStage.IngestResult all;

  private final SparkSession spark = SharedSpark.session();

  IngestStage.IngestResult ingest(CreationWindow window) {
    IngestConfig config = IngestStageTest.config("xml", IngestStageTest.SMALL, 0);
    var raw = CreationWindowFilter.apply(new PostsSource(spark, config, window).read(), window);
    return new IngestStage(spark, config).run(raw);
  }

  @ParameterizedTest
  @CsvSource({"2019-01-01,2019-01-05", "2019-01-03,", ",2019-01-02"})
  void keepsTheQuestionsCreatedInTheWindowWithAllTheirAnswers(String since, String until) {
    CreationWindow window =
        CreationWindowTest.window(since == null ? "" : since, until == null ? "" : until);
    if (all == null) {
      all = ingest(CreationWindow.ALL);
    }
    List<Row> allPosts = all.posts().collectAsList();
    Set<Long> questions =
        allPosts.stream()
            .filter(r -> r.<Integer>getAs("PostTypeId") == 1)
            .filter(r -> window.contains(created(r)))
            .map(r -> r.<Long>getAs("Id"))
            .collect(Collectors.toSet());
    Set<Long> expected =
        allPosts.stream()
            .filter(
                r ->
                    questions.contains(r.<Long>getAs("Id"))
                        || questions.contains(r.<Long>getAs("ParentId")))
            .map(r -> r.<Long>getAs("Id"))
            .collect(Collectors.toCollection(TreeSet::new));

    IngestStage.IngestResult windowed = ingest(window);

    long allQuestions = allPosts.stream().filter(r -> r.<Integer>getAs("PostTypeId") == 1).count();
    assertThat(questions)
        .as("the window selects some but not all questions")
        .isNotEmpty()
        .hasSizeLessThan((int) allQuestions);
    assertThat(windowed.posts().collectAsList())
        .extracting(r -> r.<Long>getAs("Id"))
        .containsExactlyElementsOf(expected);
    IngestConfig config = IngestStageTest.config("xml", IngestStageTest.SMALL, 0);
    long outside =
        CreationWindowFilter.outside(new PostsSource(spark, config, window).read(), window).count();
    long selectedQuestionsOutside =
        allPosts.stream()
            .filter(r -> r.<Integer>getAs("PostTypeId") == 1)
            .filter(r -> !window.contains(created(r)))
            .count();
    assertThat(outside)
        .as("questions left out by the window, counted from their rows")
        .isGreaterThanOrEqualTo(selectedQuestionsOutside)
        .isPositive();
    assertThat(windowed.counts().get("rows_read") + outside)
        .as("every source row is inside or outside the window")
        .isEqualTo(all.counts().get("rows_read"));
    assertThat(windowed.rejects().collectAsList())
        .as("rejected rows are quarantined whatever the window")
        .isEqualTo(all.rejects().collectAsList())
        .hasSize(2);
  }

  private static Instant created(Row r) {
    java.sql.Timestamp t = r.getAs("CreationDate");
    return t == null ? null : t.toInstant();
  }
}
