package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    return "select "
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

  @Test
  void evaluatesLinksWhoseDuplicateAndOriginalHaveTracebacks() throws IOException {
    SmallKnowledge kb = new SmallKnowledge();
    kb.questions.add(new SmallKnowledge.Question(100, "original", 1, null));
    kb.questions.add(new SmallKnowledge.Question(101, "duplicate", 0, null));
    kb.questions.add(new SmallKnowledge.Question(102, "other", 5, 9L));
    kb.traces.add(
        new SmallKnowledge.Trace("a", 100, "keras", "ValueError", "bad 3", new int[] {0, 1, 2, 3}));
    kb.traces.add(
        new SmallKnowledge.Trace("b", 101, "keras", "ValueError", "bad 4", new int[] {5, 1, 2, 3}));
    kb.traces.add(
        new SmallKnowledge.Trace("c", 102, "keras", "KeyError", "other", new int[] {4, 2, 3}));
    kb.patterns.add(new SmallKnowledge.Pattern("keras", new int[] {1, 2, 3}));
    kb.patterns.add(new SmallKnowledge.Pattern("keras", new int[] {2, 3}));
    Path file = Files.createTempFile("eval-stage", ".tmm");
    file.toFile().deleteOnExit();
    KnowledgeIndex index = kb.build(file);
    Dataset<Row> traces =
        spark.sql(
            String.join(
                " union all ",
                trace(100, 0, "ValueError", "bad 3", 0, 1, 2, 3),
                trace(101, 0, "ValueError", "bad 4", 5, 1, 2, 3),
                trace(102, 0, "KeyError", "other", 4, 2, 3)));
    Dataset<Row> posts =
        spark.sql(
            "select 100L as Id, 1 as PostTypeId, 1 as Score union all "
                + "select 101L, 1, 0 union all select 102L, 1, 5 union all select 103L, 1, 0");
    // 101 -> 100 is evaluated; 103 has no traceback; 102 -> 103: the original has none
    Dataset<Row> links =
        spark.sql(
            "select 101L as question_id, 100L as original_id union all "
                + "select 103L, 100L union all select 102L, 103L");
    EvaluationStage.Result r = new EvaluationStage(spark).run(posts, traces, links, index);
    assertThat(r.counts())
        .containsExactly(
            java.util.Map.entry("duplicate_links", 3L),
            java.util.Map.entry("original_without_trace", 1L),
            java.util.Map.entry("duplicate_without_trace", 1L),
            java.util.Map.entry("evaluated", 1L));
    assertThat(r.table().collectAsList())
        .extracting(Row::toString)
        .containsExactly(
            "[tracemine,1,1,1,1.0,1.0,1.0]",
            // 100 and 101 share type and template ("bad <NUM>"): found first
            "[type+template,1,1,1,1.0,1.0,1.0]",
            "[tf-idf,1,1,1,1.0,1.0,1.0]");
    assertThat(r.table().schema()).isEqualTo(io.tracemine.spark.Schemas.MATCH_EVALUATION);
  }
}
