package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.mine.MineConfig;
import io.tracemine.spark.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Spark edge of the evaluation on a hand-made run: three questions, two links. */
@ExtendWith(SharedSpark.class)
class EvaluationStageTest {
  private final SparkSession spark = SharedSpark.session();

  private static String trace(
      long question, int position, String type, String message, int... items) {
    StringBuilder frames = new StringBuilder();
    for (int i : items) {
      frames
          .append(frames.length() == 0 ? "" : ", ")
          .append("named_struct('file', 'mod")
          .append(i)
          .append("', 'function', 'f")
          .append(i)
          .append("')");
    }
    return "select '"
        + question
        + "-0-"
        + position
        + "' as trace_id, 'default' as profile, "
        + question
        + "L as question_id, 0 as block_index, "
        + position
        + " as position, 'python' as language, 'keras' as library, '"
        + type
        + "' as exception_type, '"
        + message
        + "' as message, '"
        + io.tracemine.extract.template.MessageTemplates.template(message)
        + "' as template, array("
        + frames
        + ") as frames";
  }

  /**
   * The duplicates 101 and 201 are held out of the knowledge base: mined again without them, [2, 3]
   * (in 100 and 102) is its only pattern; [1, 2, 3] and [7, 8], which only a duplicate and its
   * original share, are not, so TraceMine no longer finds 200 from 201.
   */
  @Test
  void evaluatesLinksWhoseDuplicateAndOriginalHaveTracebacksWithoutTheDuplicates() {
    Dataset<Row> traces =
        spark.sql(
            String.join(
                " union all ",
                trace(100, 0, "ValueError", "bad 3", 0, 1, 2, 3),
                trace(101, 0, "ValueError", "bad 4", 5, 1, 2, 3),
                trace(102, 0, "KeyError", "other", 4, 2, 3),
                trace(200, 0, "IndexError", "boom", 7, 8),
                trace(201, 0, "IndexError", "boom", 9, 7, 8)));
    Dataset<Row> posts =
        spark.sql(
            "select 100L as Id, 1 as PostTypeId, 1 as Score, 'original' as Title,"
                + " cast(null as bigint) as AcceptedAnswerId union all "
                + "select 101L, 1, 0, 'duplicate', null union all select 102L, 1, 5, 'other', 9L"
                + " union all select 103L, 1, 0, 'no trace', null"
                + " union all select 200L, 1, 2, 'boom', null"
                + " union all select 201L, 1, 0, 'boom again', null");
    // 101 -> 100 is evaluated once, its second link row (closed, reopened, closed again) counted
    // as repeated; 103 has no traceback; 102 -> 103: the original has none
    Dataset<Row> links =
        spark.sql(
            "select 101L as question_id, 100L as original_id union all select 101L, 100L union all"
                + " select 103L, 100L union all select 102L, 103L union all select 201L, 200L");
    EvaluationStage.Result r =
        new EvaluationStage(spark).run(posts, traces, links, MineConfig.defaults());
    assertThat(r.counts())
        .containsExactly(
            java.util.Map.entry("duplicate_links", 5L),
            java.util.Map.entry("original_without_trace", 1L),
            java.util.Map.entry("duplicate_without_trace", 1L),
            java.util.Map.entry("duplicate_also_original", 0L),
            java.util.Map.entry("evaluated", 2L),
            java.util.Map.entry("repeated_links", 1L),
            java.util.Map.entry("held_out_traces", 2L));
    assertThat(r.table().collectAsList())
        .extracting(Row::toString)
        .containsExactly(
            "[tracemine,2,1,1,0.5,0.5,0.5]",
            // 100 and 101 share type and template ("bad <NUM>"): found first
            "[type+template,2,2,2,1.0,1.0,1.0]",
            "[tf-idf,2,2,2,1.0,1.0,1.0]");
    assertThat(r.table().schema()).isEqualTo(io.tracemine.spark.Schemas.MATCH_EVALUATION);
  }

  /**
   * A chain of duplicate links, as Stack Overflow has them: 101 and 102 closed as duplicates of
   * 100, and 100 itself later closed as a duplicate of 200. 100 stays in the knowledge base, where
   * the queries of 101 and 102 find it, and its own link is not evaluated (it would find itself).
   * Before, 100 was held out as a duplicate, and both links to it were counted as misses.
   */
  @Test
  void aDuplicateThatIsTheOriginalOfOtherLinksStaysFindable() {
    Dataset<Row> traces =
        spark.sql(
            String.join(
                " union all ",
                trace(100, 0, "ValueError", "bad 3", 0, 1, 2, 3),
                trace(101, 0, "ValueError", "bad 4", 5, 1, 2, 3),
                trace(102, 0, "ValueError", "bad 5", 6, 1, 2, 3),
                trace(103, 0, "KeyError", "other", 4, 1, 2, 3),
                trace(200, 0, "IndexError", "boom", 7, 8),
                trace(300, 0, "KeyError", "other", 4, 9)));
    Dataset<Row> posts =
        spark.sql(
            "select 100L as Id, 1 as PostTypeId, 1 as Score, 'original' as Title,"
                + " cast(null as bigint) as AcceptedAnswerId union all "
                + "select 101L, 1, 0, 'duplicate', null union all select 102L, 1, 0, 'again', null"
                + " union all select 103L, 1, 0, 'alike', null"
                + " union all select 200L, 1, 2, 'canonical', null"
                + " union all select 300L, 1, 5, 'other', null");
    Dataset<Row> links =
        spark.sql(
            "select 101L as question_id, 100L as original_id union all select 102L, 100L"
                + " union all select 100L, 200L");
    EvaluationStage.Result r =
        new EvaluationStage(spark).run(posts, traces, links, MineConfig.defaults());
    assertThat(r.counts())
        .containsEntry("duplicate_links", 3L)
        .containsEntry("duplicate_also_original", 1L)
        .containsEntry("evaluated", 2L)
        .containsEntry("held_out_traces", 2L);
    assertThat(r.table().collectAsList())
        .extracting(Row::toString)
        .containsExactly(
            "[tracemine,2,2,2,1.0,1.0,1.0]",
            "[type+template,2,2,2,1.0,1.0,1.0]",
            "[tf-idf,2,2,2,1.0,1.0,1.0]");
  }
}
