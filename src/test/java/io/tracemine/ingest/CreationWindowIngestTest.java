package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.config.TestSettings;
import io.tracemine.spark.SharedSpark;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ingest --since/--until on the bundled corpus, against the unbounded run filtered by hand. */
@ExtendWith(SharedSpark.class)
class CreationWindowIngestTest {
  static final String CORPUS = "src/main/corpus/Posts.xml.gz";

  /** The unbounded run, computed once: the oracle every window is checked against. */
  private static List<Row> all;

  private final SparkSession spark = SharedSpark.session();

  static IngestConfig config() {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("source.type", "xml");
    overrides.put("source.path", CORPUS);
    return IngestConfig.from(TestSettings.withOverrides(null, overrides), Map.of());
  }

  List<Row> posts(CreationWindow window) {
    IngestConfig config = config();
    return new IngestStage(spark, config).run(new PostsSource(spark, config, window).read())
        .posts().collectAsList();
  }

  @ParameterizedTest
  @CsvSource({"2012-01-01,2013-01-01", "2013-06-01,", ",2011-01-01"})
  void keepsTheQuestionsCreatedInTheWindowWithAllTheirAnswers(String since, String until) {
    CreationWindow window =
        CreationWindowTest.window(since == null ? "" : since, until == null ? "" : until);
    if (all == null) {
      all = posts(CreationWindow.ALL);
    }
    Set<Long> questions = all.stream()
        .filter(r -> r.<Integer>getAs("PostTypeId") == 1)
        .filter(r -> window.contains(created(r)))
        .map(r -> r.<Long>getAs("Id"))
        .collect(Collectors.toSet());
    Set<Long> expected = all.stream()
        .filter(r -> questions.contains(r.<Long>getAs("Id"))
            || questions.contains(r.<Long>getAs("ParentId")))
        .map(r -> r.<Long>getAs("Id"))
        .collect(Collectors.toCollection(TreeSet::new));

    Set<Long> got = posts(window).stream().map(r -> r.<Long>getAs("Id"))
        .collect(Collectors.toCollection(TreeSet::new));

    long allQuestions = all.stream().filter(r -> r.<Integer>getAs("PostTypeId") == 1).count();
    assertThat(questions).as("the window selects some but not all questions").isNotEmpty()
        .hasSizeLessThan((int) allQuestions);
    assertThat(got).isEqualTo(expected);
  }

  private static Instant created(Row r) {
    java.sql.Timestamp t = r.getAs("CreationDate");
    return t == null ? null : t.toInstant();
  }
}
