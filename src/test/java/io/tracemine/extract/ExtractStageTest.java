package io.tracemine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.config.TestSettings;
import io.tracemine.ingest.IngestConfig;
import io.tracemine.ingest.IngestStage;
import io.tracemine.ingest.PostsSource;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.SharedSpark;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class ExtractStageTest {
  private final SparkSession spark = SharedSpark.session();

  private Dataset<Row> smallPosts() {
    IngestConfig config =
        IngestConfig.from(
            TestSettings.withOverrides(
                null, Map.of("source.type", "xml", "source.path", "src/test/resources/ingest/Posts-small.xml")),
            Map.of());
    return new IngestStage(spark, config).run(new PostsSource(spark, config).read()).posts();
  }

  @Test
  void measuresQuestionsAndParsesTracesPerLibrary() {
    var result = new ExtractStage(spark, new ExtractConfig("default")).run(smallPosts());
    assertThat(result.questions().schema()).isEqualTo(Schemas.QUESTIONS);
    assertThat(result.traces().schema()).isEqualTo(Schemas.TRACES);
    List<Row> questions = result.questions().collectAsList();
    assertThat(questions).extracting(r -> r.getLong(0) + "/" + r.getString(1))
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
    assertThat(traces).extracting(r -> r.getString(0) + "/" + r.getString(2))
        .containsExactly("1-1-0/keras", "1-1-0/tensorflow");
    Row trace = traces.get(0);
    assertThat((Object) trace.getAs("exception_type")).isEqualTo("ValueError");
    assertThat((Object) trace.getAs("message")).isEqualTo("bad");
    assertThat((Object) trace.getAs("template")).isEqualTo("bad");
    List<Row> frames = trace.getList(trace.fieldIndex("frames"));
    assertThat(frames)
        .containsExactly(
            RowFactory.create(
                "/usr/lib/python3/dist-packages/keras/engine/training.py", "training", 1, "fit", "unix"));
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
            posts.withColumn("Body", org.apache.spark.sql.functions.when(
                posts.col("Id").equalTo(6), null).otherwise(posts.col("Body"))).rdd(),
            Schemas.POSTS);
    var result = new ExtractStage(spark, new ExtractConfig("default")).run(noBody);
    assertThat(result.rejects().collectAsList())
        .extracting(r -> r.getString(2) + ": " + r.getString(3))
        .containsExactly("6: missing Body");
    assertThat(result.counts()).containsEntry("questions_read", 3L).containsEntry("rejected", 1L);
    assertThat(result.questions().collectAsList()).extracting(r -> r.getLong(0)).doesNotContain(6L);
  }

  @Test
  void answerTimesAreUnknownRatherThanNowWhenTheAcceptedAnswerIsMissing() {
    assertThat(ExtractPosts.hoursBetween(java.sql.Timestamp.valueOf("2020-01-01 00:00:00"), null)).isNull();
    assertThat(ExtractPosts.hoursBetween(
        java.sql.Timestamp.valueOf("2020-01-01 00:00:00"), java.sql.Timestamp.valueOf("2020-01-02 06:00:00")))
        .isEqualTo(30.0);
  }
}
