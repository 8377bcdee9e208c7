package io.tracemine.extract;

import static io.tracemine.spark.MonthPartitions.monthOf;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.config.TestSettings;
import io.tracemine.ingest.IngestConfig;
import io.tracemine.ingest.IngestStage;
import io.tracemine.ingest.PostsFixtures;
import io.tracemine.ingest.PostsSource;
import io.tracemine.spark.ExecutedPlans;
import io.tracemine.spark.MonthClustered;
import io.tracemine.spark.MonthPartitions;
import io.tracemine.spark.QuestionLookup;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.SharedSpark;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class ExtractStageTest {
  private final SparkSession spark = SharedSpark.session();

  private Dataset<Row> smallPosts() {
    IngestConfig config = PostsFixtures.smallXmlConfig();
    return new IngestStage(spark, config).run(new PostsSource(spark, config).read()).posts();
  }

  @Test
  void datedTablesAreTheOrderedOnesWithTheQuestionsMonthRegrouped() {
    var result = new ExtractStage(spark, ExtractConfig.defaults()).run(smallPosts());
    Column month = col(MonthPartitions.COLUMN);
    Dataset<Row> questions =
        result.questions().withColumn(MonthPartitions.COLUMN, monthOf(col("creation_date")));
    Dataset<Row> months = questions.select(col("question_id").as("_q"), month).distinct();
    Dataset<Row> traces =
        result.traces().join(months, col("question_id").equalTo(col("_q")), "left").drop("_q");
    MonthClustered.assertClusteredLike(
        result.datedQuestions(),
        questions.collectAsList(),
        MonthClustered.order("question_id", "library"));
    MonthClustered.assertClusteredLike(
        result.datedTraces(),
        traces.collectAsList(),
        MonthClustered.order("library", "question_id", "block_index", "position"));
  }

  @Test
  void answerDatesAreThoseOfJoiningTheQuestionsToTheirAnswersDirectly() {
    Dataset<Row> posts = bundledPosts();
    List<Row> joined = ExtractStage.withAnswerDates(posts).collectAsList();
    assertThat(joined)
        .hasSizeGreaterThan(1000)
        .containsExactlyInAnyOrderElementsOf(directAnswerDates(posts).collectAsList());
    assertThat(joined).anyMatch(r -> !r.isNullAt(r.fieldIndex("accepted_answer_date")));
    assertThat(joined).anyMatch(r -> r.isNullAt(r.fieldIndex("first_answer_date")));
  }

  @Test
  void answerDatesAreTheSameBroadcastOrShuffledToTheQuestions() {
    Dataset<Row> posts = bundledPosts();
    List<Row> direct = directAnswerDates(posts).collectAsList();
    Dataset<Row> dates = ExtractStage.answerDates(posts);
    assertThat(ExtractStage.withAnswerDates(posts, functions.broadcast(dates)).collectAsList())
        .containsExactlyInAnyOrderElementsOf(direct);
    assertThat(ExtractStage.withAnswerDates(posts, dates.hint("merge")).collectAsList())
        .containsExactlyInAnyOrderElementsOf(direct);
    assertThat(dates.select(ExtractStage.DATED_QUESTION).distinct().count())
        .as("one row per question")
        .isEqualTo(dates.count());
  }

  /**
   * The answer dates in one aggregation are those of the former plan (first answers and accepted
   * answers aggregated apart, then a full outer join), broadcast or shuffled, on posts with every
   * case of the accepted answer: its parent's, another question's, claimed by two questions, a
   * question's Id, a missing Id, an answer without parent or date.
   */
  @Property(tries = 25)
  void answerDatesInOneAggregationAreThoseOfTheFormerJoins(
      @ForAll("postsWithAnswers") List<Row> rows) {
    Dataset<Row> posts = spark.createDataFrame(rows, Schemas.POSTS);
    List<Row> former = formerAnswerDates(posts).collectAsList();
    Dataset<Row> claims = ExtractStage.acceptedClaims(posts);
    assertThat(ExtractStage.answerDates(posts).collectAsList())
        .containsExactlyInAnyOrderElementsOf(former);
    assertThat(ExtractStage.answerDates(posts, claims.hint("merge")).collectAsList())
        .containsExactlyInAnyOrderElementsOf(former);
    assertThat(ExtractStage.withAnswerDates(posts).collectAsList())
        .containsExactlyInAnyOrderElementsOf(directAnswerDates(posts).collectAsList());
  }

  @Provide
  Arbitrary<List<Row>> postsWithAnswers() {
    return Arbitraries.randomValue(ExtractStageTest::randomPosts);
  }

  /**
   * Up to 8 questions (Ids 1-8) and 12 answers (Ids 101-112); a parent is a question, an answer, a
   * missing Id or null; an accepted answer Id names an answer, a question or a missing post.
   */
  private static List<Row> randomPosts(Random random) {
    int questions = 1 + random.nextInt(8);
    int answers = random.nextInt(13);
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < answers; i++) {
      int kind = random.nextInt(10);
      Long parent = null;
      if (kind < 7) {
        parent = (long) (1 + random.nextInt(questions));
      } else if (kind == 7) {
        parent = 50L;
      } else if (kind == 8) {
        parent = (long) (101 + random.nextInt(12));
      }
      rows.add(post(101 + i, 2, parent, null, randomDate(random)));
    }
    for (int q = 1; q <= questions; q++) {
      int kind = random.nextInt(10);
      Long accepted = null;
      if (kind < 6) {
        accepted = (long) (101 + random.nextInt(Math.max(1, answers)));
      } else if (kind == 6) {
        accepted = (long) (1 + random.nextInt(questions));
      } else if (kind == 7) {
        accepted = 999L;
      }
      rows.add(post(q, 1, null, accepted, randomDate(random)));
    }
    java.util.Collections.shuffle(rows, random);
    return rows;
  }

  private static java.sql.Timestamp randomDate(Random random) {
    return random.nextInt(8) == 0
        ? null
        : java.sql.Timestamp.valueOf(
            java.time.LocalDateTime.of(2020, 1 + random.nextInt(3), 1 + random.nextInt(4), 0, 0));
  }

  private static Row post(long id, int type, Long parent, Long accepted, java.sql.Timestamp date) {
    return RowFactory.create(
        id,
        type,
        parent,
        accepted,
        date,
        0,
        10L,
        0,
        0,
        "t",
        "<python>",
        "<p>b</p>",
        new String[] {"numpy"});
  }

  /** The answers' parent, Id and date, as the former plans read them. */
  private static Dataset<Row> answers(Dataset<Row> posts) {
    return posts
        .filter(col("PostTypeId").equalTo(2))
        .select(
            col("ParentId").as("a_parent"), col("Id").as("a_id"), col("CreationDate").as("a_date"));
  }

  /** Per parent of {@code answers} ({@link #answers}), its first answer's date. */
  private static Dataset<Row> firstAnswerDates(Dataset<Row> answers) {
    return answers.groupBy("a_parent").agg(functions.min("a_date").as("first_answer_date"));
  }

  /** The former plan of {@link ExtractStage#answerDates}: two aggregates, a full outer join. */
  private static Dataset<Row> formerAnswerDates(Dataset<Row> posts) {
    Dataset<Row> answers = answers(posts);
    Dataset<Row> first = firstAnswerDates(answers);
    Dataset<Row> accepted =
        posts
            .filter(col("PostTypeId").equalTo(1))
            .select(col("Id").as("acc_question"), col("AcceptedAnswerId").as("acc_id"))
            .join(answers, col("acc_id").equalTo(col("a_id")), "inner")
            .select(col("acc_question"), col("a_date").as("accepted_answer_date"));
    return first
        .join(accepted, col("a_parent").equalTo(col("acc_question")), "full_outer")
        .select(
            functions
                .coalesce(col("a_parent"), col("acc_question"))
                .as(ExtractStage.DATED_QUESTION),
            col("first_answer_date"),
            col("accepted_answer_date"));
  }

  /** The former form: the questions with their bodies joined to each answer date table. */
  private static Dataset<Row> directAnswerDates(Dataset<Row> posts) {
    Dataset<Row> answers = answers(posts);
    Dataset<Row> first = firstAnswerDates(answers);
    Dataset<Row> accepted =
        answers.select(col("a_id").as("acc_id"), col("a_date").as("accepted_answer_date"));
    return posts
        .filter(col("PostTypeId").equalTo(1))
        .join(first, col("Id").equalTo(col("a_parent")), "left")
        .join(accepted, col("AcceptedAnswerId").equalTo(col("acc_id")), "left")
        .select(Schemas.columns(ExtractPosts.INPUT));
  }

  private Dataset<Row> bundledPosts() {
    IngestConfig config =
        IngestConfig.from(
            TestSettings.withOverrides(
                null, Map.of("source.type", "xml", "source.path", "src/main/corpus/Posts.xml.gz")),
            Map.of());
    return new IngestStage(spark, config).run(new PostsSource(spark, config).read()).posts();
  }

  /**
   * Above its budget the stage joins the answer dates by sort-merge instead of looking them up in a
   * broadcast {@link io.tracemine.spark.QuestionIndex} (and above {@link
   * ExtractStage#BROADCAST_CLAIMS} joins the accepted-answer claims by sort-merge); with limits of
   * 0 it takes those paths on the bundled corpus, and every table it writes is the same as the
   * broadcast path's.
   */
  @Test
  void theStageWritesTheSameTablesWhenTheAnswerDatesAreTooManyToBroadcast() throws Exception {
    Dataset<Row> posts = bundledPosts().cache();
    assertThat(posts.count()).as("posts cached before the plans are watched").isPositive();
    List<String> broadcastPlans = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> mergedPlans = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> broadcastJobs = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> mergedJobs = new java.util.concurrent.CopyOnWriteArrayList<>();
    var broadcast =
        ExecutedPlans.jobCallSites(
            spark,
            broadcastJobs,
            () ->
                plansOf(
                    broadcastPlans,
                    () -> new ExtractStage(spark, ExtractConfig.defaults()).run(posts)));
    var merged =
        ExecutedPlans.jobCallSites(
            spark,
            mergedJobs,
            () ->
                plansOf(
                    mergedPlans,
                    () -> new ExtractStage(spark, ExtractConfig.defaults(), 0, 0).run(posts)));
    assertThat(String.join("\n", mergedPlans))
        .contains("SortMergeJoin")
        .doesNotContain("BroadcastHashJoin");
    assertThat(String.join("\n", broadcastPlans))
        .contains("BroadcastHashJoin")
        .doesNotContain("SortMergeJoin");
    assertThat(broadcastJobs)
        .as("the answer dates are collected into a QuestionIndex")
        .anyMatch(site -> site.contains(QuestionLookup.class.getSimpleName() + ".java"));
    assertThat(mergedJobs)
        .noneMatch(site -> site.contains(QuestionLookup.class.getSimpleName() + ".java"));
    assertThat(merged.counts()).isEqualTo(broadcast.counts());
    assertThat(merged.questions().collectAsList())
        .hasSizeGreaterThan(1000)
        .containsExactlyElementsOf(broadcast.questions().collectAsList());
    assertThat(merged.traces().collectAsList())
        .hasSizeGreaterThan(100)
        .containsExactlyElementsOf(broadcast.traces().collectAsList());
    assertThat(merged.rejects().collectAsList())
        .containsExactlyElementsOf(broadcast.rejects().collectAsList());
    posts.unpersist();
  }

  private <T> T plansOf(List<String> plans, java.util.function.Supplier<T> action) {
    try {
      return ExecutedPlans.of(spark, plans, action);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void measuresQuestionsAndParsesTracesPerLibrary() {
    var result = new ExtractStage(spark, ExtractConfig.defaults()).run(smallPosts());
    assertThat(result.questions().schema()).isEqualTo(Schemas.QUESTIONS);
    assertThat(result.traces().schema()).isEqualTo(Schemas.TRACES);
    List<Row> questions = result.questions().collectAsList();
    assertThat(questions)
        .extracting(r -> r.getLong(0) + "/" + r.getString(1))
        .containsExactly("1/keras", "1/tensorflow", "6/pytorch", "11/spark-ml");
    Row q1 = questions.get(0);
    assertThat((Object) q1.getAs("word_count")).isEqualTo(1); // "Why?"
    assertThat((Object) q1.getAs("has_code")).isEqualTo(true);
    assertThat((Object) q1.getAs("code_lines")).isEqualTo(3);
    assertThat((Object) q1.getAs("trace_code_lines")).isEqualTo(3);
    assertThat((Object) q1.getAs("os")).isEqualTo("unix");
    assertThat((Object) q1.getAs("trace_count")).isEqualTo(1);
    assertThat((Object) q1.getAs("hours_to_first_answer")).isEqualTo(1.5);
    assertThat((Object) q1.getAs("hours_to_accepted_answer")).isEqualTo(1.5);
    assertThat((Object) q1.getAs("has_accepted_answer")).isEqualTo(true);
    Row q6 = questions.get(2);
    assertThat((Object) q6.getAs("has_trace")).isEqualTo(false);
    assertThat((Object) q6.getAs("hours_to_first_answer")).isNull();

    List<Row> traces = result.traces().collectAsList();
    assertThat(traces)
        .extracting(r -> r.getString(0) + "/" + r.getString(2))
        .containsExactly("1-1-0/keras", "1-1-0/tensorflow");
    Row trace = traces.get(0);
    assertThat((Object) trace.getAs("exception_type")).isEqualTo("ValueError");
    assertThat((Object) trace.getAs("message")).isEqualTo("bad");
    assertThat((Object) trace.getAs("template")).isEqualTo("bad");
    List<Row> frames = trace.getList(trace.fieldIndex("frames"));
    assertThat(frames)
        .containsExactly(
            RowFactory.create(
                "/usr/lib/python3/dist-packages/keras/engine/training.py",
                "training",
                1,
                "fit",
                "unix",
                0));
    assertThat((Object) trace.getAs("language")).isEqualTo("python");
    assertThat((Object) trace.getAs("parent_trace_id")).isNull();
    assertThat(result.counts())
        .containsEntry("questions_read", 3L)
        .containsEntry("rejected", 0L)
        .containsEntry("question_rows", 4L)
        .containsEntry("trace_rows", 2L);
  }

  @Test
  void quarantinesQuestionsWithoutABody() {
    Dataset<Row> posts = smallPosts();
    Dataset<Row> noBody =
        spark.createDataFrame(
            posts
                .withColumn(
                    "Body",
                    org.apache
                        .spark
                        .sql
                        .functions
                        .when(posts.col("Id").equalTo(6), null)
                        .otherwise(posts.col("Body")))
                .rdd(),
            Schemas.POSTS);
    var result = new ExtractStage(spark, ExtractConfig.defaults()).run(noBody);
    assertThat(result.rejects().collectAsList())
        .extracting(r -> r.getString(2) + ": " + r.getString(3))
        .containsExactly("6: missing Body");
    assertThat(result.counts()).containsEntry("questions_read", 3L).containsEntry("rejected", 1L);
    assertThat(result.questions().collectAsList()).extracting(r -> r.getLong(0)).doesNotContain(6L);
  }

  /** Questions with these bodies (HTML), tagged tensorflow. */
  private Dataset<Row> posts(String... bodies) {
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < bodies.length; i++) {
      rows.add(
          RowFactory.create(
              (long) (i + 1),
              1,
              null,
              null,
              null,
              0,
              10L,
              0,
              0,
              "t",
              "<python><tensorflow>",
              bodies[i],
              new String[] {"tensorflow"}));
    }
    return spark.createDataFrame(rows, Schemas.POSTS);
  }

  private static String recursion(int frames) {
    return "<pre>Traceback (most recent call last):\n  File \"/a/run.py\", line 1, in main\n"
        + "  File \"/a/x.py\", line 2, in f\n    return f()\n".repeat(frames)
        + "RecursionError: maximum recursion depth exceeded\n</pre>";
  }

  @Test
  void longRunsOfOneFrameAreCollapsedWithTheirCountAndMined() {
    String pythonNote =
        "<pre>Traceback (most recent call last):\n"
            + "  File \"/a/run.py\", line 1, in main\n"
            + "  File \"/a/x.py\", line 2, in f\n".repeat(3)
            + "  [Previous line repeated 497 more times]\n"
            + "RecursionError: maximum recursion depth\n"
            + "</pre>";
    var result =
        new ExtractStage(spark, new ExtractConfig("default", 3))
            .run(posts(recursion(500), pythonNote));
    List<Row> traces = result.traces().orderBy("question_id").collectAsList();
    assertThat(traces).hasSize(2);
    for (Row t : traces) {
      List<Row> frames = t.getList(t.fieldIndex("frames"));
      assertThat(frames)
          .extracting(f -> f.getString(3) + " +" + f.getInt(5))
          .containsExactly("main +0", "f +0", "f +0", "f +497");
      assertThat((Object) t.getAs("frame_count")).isEqualTo(4);
    }
    var mined =
        new io.tracemine.mine.MineStage(spark, io.tracemine.mine.MineConfig.defaults())
            .run(result.traces());
    assertThat(mined.patterns().collectAsList())
        .extracting(r -> r.<Row>getList(2).size() + "x" + r.getLong(4))
        .containsExactly("4x2");

    var all = new ExtractStage(spark, new ExtractConfig("default", 0)).run(posts(recursion(20)));
    assertThat((Object) all.traces().first().getAs("frame_count")).isEqualTo(21);
  }

  @Test
  void jvmTracesOfPy4jErrorsAreRowsLinkedToTheirPythonTraceback() {
    String body =
        "<pre>Traceback (most recent call last):\n"
            + "  File \"/a/job.py\", line 9, in main\n"
            + "  File \"/s/py4j/protocol.py\", line 328, in get_return_value\n"
            + "py4j.protocol.Py4JJavaError: An error occurred while calling o87.fit.\n"
            + ": java.lang.IllegalArgumentException: requirement failed\n"
            + "\tat scala.Predef$.require(Predef.scala:224)\n"
            + "\tat org.apache.spark.ml.Predictor.fit(Predictor.scala:96)\n"
            + "Caused by: java.lang.NullPointerException\n"
            + "\tat org.apache.spark.ml.X.y(X.scala:1)\n"
            + "\t... 2 more\n</pre>";
    for (String profile : List.of("default", "paper")) {
      var result = new ExtractStage(spark, ExtractConfig.ofProfile(profile)).run(posts(body));
      List<Row> traces = result.traces().orderBy("position").collectAsList();
      if (profile.equals("paper")) {
        assertThat(traces).extracting(r -> r.getAs("language")).containsExactly("python");
        continue;
      }
      assertThat(traces)
          .extracting(
              r ->
                  r.getAs("trace_id")
                      + " "
                      + r.getAs("language")
                      + " "
                      + r.getAs("parent_trace_id")
                      + " "
                      + r.getAs("exception_type")
                      + " "
                      + r.getAs("chained_from")
                      + " "
                      + r.getAs("common_frames_omitted"))
          .containsExactly(
              "1-0-0 python null py4j.protocol.Py4JJavaError null null",
              "1-0-1 jvm 1-0-0 java.lang.IllegalArgumentException 2 null",
              "1-0-2 jvm 1-0-0 java.lang.NullPointerException null 2");
      List<Row> frames = traces.get(1).getList(traces.get(1).fieldIndex("frames"));
      assertThat(frames)
          .containsExactly(
              RowFactory.create("Predef.scala", "scala.Predef$", 224, "require", "none", 0),
              RowFactory.create(
                  "Predictor.scala", "org.apache.spark.ml.Predictor", 96, "fit", "none", 0));
      assertThat(result.questions().first().<Integer>getAs("trace_count")).isEqualTo(1);
      assertThat(result.counts()).containsEntry("trace_rows", 3L);
    }
  }

  @Test
  void answerTimesAreUnknownRatherThanNowWhenTheAcceptedAnswerIsMissing() {
    assertThat(ExtractPosts.hoursBetween(java.sql.Timestamp.valueOf("2020-01-01 00:00:00"), null))
        .isNull();
    assertThat(
            ExtractPosts.hoursBetween(
                java.sql.Timestamp.valueOf("2020-01-01 00:00:00"),
                java.sql.Timestamp.valueOf("2020-01-02 06:00:00")))
        .isEqualTo(30.0);
  }
}
