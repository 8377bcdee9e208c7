package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.SharedSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class ClassifyPostsTest {
  private final SparkSession spark = SharedSpark.session();

  @Test
  void columnsClassifyEveryPostAsTheRowByRowRuleDoes() {
    IngestConfig config = PostsFixtures.smallXmlConfig();
    Dataset<Row> raw = new PostsSource(spark, config).read();
    // the small fixture plus rows that exercise every branch: rejected, no tags, other types
    Dataset<Row> extra =
        raw.limit(1)
            .withColumn("Id", functions.lit(900L))
            .withColumn("PostTypeId", functions.lit(3))
            .unionByName(raw.limit(1).withColumn("Tags", functions.lit(null).cast("string")))
            .unionByName(
                raw.limit(1)
                    .withColumn(RawPosts.REJECT_REASON, functions.lit("missing Id"))
                    .withColumn("PostTypeId", functions.lit(null).cast("int")));
    Dataset<Row> posts = raw.unionByName(extra);
    List<Row> classified = ClassifyPosts.classify(posts, config.selector()).collectAsList();
    List<Row> expected = posts.collectAsList().stream().map(r -> byRow(r, config)).toList();
    assertThat(classified).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      Row got = classified.get(i);
      Row want = expected.get(i);
      assertThat(got.getString(got.size() - 1)).isEqualTo(want.getString(want.size() - 1));
      assertThat(got.getList(got.size() - 2)).isEqualTo(want.getList(want.size() - 2));
      for (int c = 0; c < got.size() - 2; c++) {
        assertThat(got.get(c)).isEqualTo(want.get(c));
      }
    }
    assertThat(classified)
        .extracting(r -> r.getString(r.size() - 1))
        .contains("question", "answer", "other", "rejected");
  }

  /**
   * The tags → libraries function runs once per row in each pass: a filter on the status (the
   * selected questions) and the {@code Libraries} column read the same call, in the optimized plan
   * and in the plan that runs (two calls before: the filter's, pushed down, and the column's).
   */
  @Test
  void theLibrariesOfTagsAreComputedOncePerPass() {
    IngestConfig config = PostsFixtures.smallXmlConfig();
    Dataset<Row> raw = new PostsSource(spark, config).read();
    Dataset<Row> questions =
        ClassifyPosts.classify(raw, config.selector())
            .filter(functions.col(ClassifyPosts.STATUS).equalTo("question"))
            .select("Id", "Libraries");
    assertThat(calls(questions.queryExecution().optimizedPlan().toString())).isEqualTo(1);
    assertThat(calls(questions.queryExecution().executedPlan().toString())).isEqualTo(1);
    assertThat(questions.count()).isPositive();
  }

  private static int calls(String plan) {
    return plan.split(ClassifyPosts.LIBRARIES_OF_TAGS + "\\(", -1).length - 1;
  }

  /** The rule row by row, as the former per-partition function applied it. */
  private static Row byRow(Row row, IngestConfig config) {
    List<String> libraries = new ArrayList<>();
    String status;
    if (!row.isNullAt(row.fieldIndex(RawPosts.REJECT_REASON))) {
      status = "rejected";
    } else if (row.getInt(row.fieldIndex("PostTypeId")) == 1) {
      libraries = config.selector().librariesOf(Tags.parse(row.getString(row.fieldIndex("Tags"))));
      status = libraries.isEmpty() ? "other" : "question";
    } else if (row.getInt(row.fieldIndex("PostTypeId")) == 2) {
      status = "answer";
    } else {
      status = "other";
    }
    List<Object> values = new ArrayList<>(Arrays.asList(toArray(row)));
    values.add(scala.collection.JavaConverters.asScalaBuffer(libraries).toList());
    values.add(status);
    return RowFactory.create(values.toArray());
  }

  private static Object[] toArray(Row row) {
    Object[] out = new Object[row.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = row.get(i);
    }
    return out;
  }
}
