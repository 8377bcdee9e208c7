package io.tracemine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.tracemine.spark.Schemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Selects the libraries' questions and all their answers from raw posts, and quarantines what
 * cannot be read. Every input row ends in exactly one of: a selected question, a selected answer,
 * not selected, or rejected; {@link IngestResult#counts()} says how many of each.
 */
public final class IngestStage {
  private final SparkSession spark;
  private final IngestConfig config;

  public IngestStage(SparkSession spark, IngestConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /** The stage's outputs: {@code posts}, {@code rejects} and the row accounting. */
  public record IngestResult(Dataset<Row> posts, Dataset<Row> rejects, Map<String, Long> counts) {}

  public IngestResult run(Dataset<Row> raw) {
    Dataset<Row> classified =
        raw.mapPartitions(new ClassifyPosts(config.selector()), Encoders.row(ClassifyPosts.SCHEMA))
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> questions = classified.filter(col(ClassifyPosts.STATUS).equalTo("question"));
    Dataset<Row> parents =
        questions.select(col("Id").as("_parent_id"), col("Libraries").as("_parent_libraries"));
    Dataset<Row> answers =
        classified
            .filter(col(ClassifyPosts.STATUS).equalTo("answer"))
            .drop("Libraries")
            .join(parents, col("ParentId").equalTo(col("_parent_id")), "inner")
            .withColumn("Libraries", col("_parent_libraries"));
    Column[] postColumns =
        java.util.Arrays.stream(Schemas.POSTS.fieldNames()).map(n -> col(n)).toArray(Column[]::new);
    Dataset<Row> posts =
        questions.select(postColumns).unionByName(answers.select(postColumns)).orderBy("Id");
    Dataset<Row> rejects =
        classified
            .filter(col(ClassifyPosts.STATUS).equalTo("rejected"))
            .select(
                lit("ingest").as("stage"),
                lit(config.sourceType().key()).as("source"),
                col("Id").cast("string").as("record_id"),
                col(RawPosts.REJECT_REASON).as("reason"),
                col(RawPosts.REJECT_DETAIL).as("detail"))
            .orderBy("record_id", "reason", "detail");
    return new IngestResult(
        spark.createDataFrame(posts.rdd(), Schemas.POSTS),
        spark.createDataFrame(rejects.rdd(), Schemas.REJECTS),
        counts(classified, answers));
  }

  private static Map<String, Long> counts(Dataset<Row> classified, Dataset<Row> selectedAnswers) {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (String s : List.of("question", "answer", "other", "rejected")) {
      byStatus.put(s, 0L);
    }
    for (Row r : classified.groupBy(ClassifyPosts.STATUS).count().collectAsList()) {
      byStatus.put(r.getString(0), r.getLong(1));
    }
    long read = byStatus.values().stream().mapToLong(Long::longValue).sum();
    long answersSelected = selectedAnswers.count();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("rows_read", read);
    counts.put("questions_selected", byStatus.get("question"));
    counts.put("answers_selected", answersSelected);
    counts.put("not_selected", byStatus.get("other") + byStatus.get("answer") - answersSelected);
    counts.put("rejected", byStatus.get("rejected"));
    return counts;
  }
}
