package io.tracemine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tracemine.spark.MonthPartitions;
import io.tracemine.spark.Schemas;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Selects the libraries' questions and all their answers from raw posts, and quarantines what
 * cannot be read. Every input row ends in exactly one of: a selected question, a selected answer,
 * not selected, or rejected (unreadable, {@value RawPosts#BODY_TOO_LARGE}, or an extra copy of a
 * post Id, see {@link DuplicateIds}); {@link IngestResult#counts()} says how many of each, every
 * number counted from the rows it names.
 */
public final class IngestStage {
  /** The reject reasons counted separately in {@code counts} ({@code rejected_<suffix>}). */
  static final Map<String, String> COUNTED_REASONS =
      Map.of(
          DuplicateIds.REASON, "duplicate_id",
          ParseXmlRows.INVALID_UTF8, "invalid_utf8",
          RawPosts.BODY_TOO_LARGE, "body_too_large");

  private static final String QUESTION = "question";
  private static final String ANSWER = "answer";
  private static final String REJECTED = "rejected";
  private static final String OTHER = "other";
  private static final String QUESTION_CREATED = "_question_created";
  private static final StructType DATED_INPUT =
      Schemas.POSTS.add(QUESTION_CREATED, DataTypes.TimestampType, true);

  private final SparkSession spark;
  private final IngestConfig config;

  public IngestStage(SparkSession spark, IngestConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /**
   * The stage's outputs: {@code posts} (ordered by Id), {@code rejects}, the row accounting, the
   * rows read per input file (key: the file as Spark names it; no entry for a source without
   * files), and {@code datedPosts}: the same rows as {@code posts} with the column {@link
   * MonthPartitions#COLUMN} (the creation month of each post's question), partitioned by it and
   * ordered by Id within each month, without a global sort (what the month-partitioned table needs;
   * the same as {@link DatedPosts#withMonth} of {@code posts}, without its join).
   */
  public record IngestResult(
      Dataset<Row> posts,
      Dataset<Row> rejects,
      Map<String, Long> counts,
      Map<String, Long> rowsByFile,
      Dataset<Row> datedPosts) {}

  /**
   * Runs the stage. The parsed input is cached once; classification is a cheap per-row function
   * recomputed from that cache by each count and write (only the rows of duplicated Ids, when there
   * are any, are cached a second time after their window).
   */
  public IngestResult run(Dataset<Row> raw) {
    Dataset<Row> read = raw.persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, Long> rowsByFile = new TreeMap<>();
    long rowsRead = 0;
    for (Row r : read.groupBy(RawPosts.SOURCE_FILE).count().collectAsList()) {
      rowsRead += r.getLong(1);
      if (!r.isNullAt(0)) {
        rowsByFile.put(r.getString(0), r.getLong(1));
      }
    }
    Dataset<Row> duplicatedIds = DuplicateIds.duplicatedIds(read);
    long duplicated = duplicatedIds.count();
    Dataset<Row> unique =
        duplicated == 0
            ? read
            : DuplicateIds.rejectExtraCopies(read, duplicatedIds, duplicated)
                .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> classified =
        unique.mapPartitions(
            new ClassifyPosts(config.selector()), Encoders.row(ClassifyPosts.SCHEMA));
    Dataset<Row> questions = classified.filter(col(ClassifyPosts.STATUS).equalTo(QUESTION));
    Dataset<Row> parents =
        questions.select(
            col("Id").as("_parent_id"),
            col("Libraries").as("_parent_libraries"),
            col("CreationDate").as("_parent_created"));
    Dataset<Row> allAnswers = classified.filter(col(ClassifyPosts.STATUS).equalTo(ANSWER));
    Column toParent = col("ParentId").equalTo(col("_parent_id"));
    Dataset<Row> answers =
        allAnswers
            .drop("Libraries")
            .join(parents, toParent, "inner")
            .withColumn("Libraries", col("_parent_libraries"));
    Dataset<Row> orphanAnswers = allAnswers.join(parents, toParent, "left_anti");
    Column[] postColumns =
        Arrays.stream(Schemas.POSTS.fieldNames()).map(n -> col(n)).toArray(Column[]::new);
    Dataset<Row> unordered = questions.select(postColumns).unionByName(answers.select(postColumns));
    Dataset<Row> dated =
        questions
            .select(withColumn(postColumns, col("CreationDate").as(QUESTION_CREATED)))
            .unionByName(
                answers.select(
                    withColumn(postColumns, col("_parent_created").as(QUESTION_CREATED))));
    Dataset<Row> rejects =
        classified
            .filter(col(ClassifyPosts.STATUS).equalTo(REJECTED))
            .select(
                lit("ingest").as("stage"),
                lit(config.sourceType().key()).as("source"),
                col("Id").cast("string").as("record_id"),
                col(RawPosts.REJECT_REASON).as("reason"),
                col(RawPosts.REJECT_DETAIL).as("detail"))
            .orderBy("record_id", "reason", "detail");
    Map<String, Long> counts = counts(rowsRead, classified, answers, orphanAnswers);
    return new IngestResult(
        spark.createDataFrame(unordered.orderBy("Id").rdd(), Schemas.POSTS),
        spark.createDataFrame(rejects.rdd(), Schemas.REJECTS),
        counts,
        rowsByFile,
        byMonth(spark.createDataFrame(dated.rdd(), DATED_INPUT)));
  }

  private static Column[] withColumn(Column[] columns, Column extra) {
    Column[] out = Arrays.copyOf(columns, columns.length + 1);
    out[columns.length] = extra;
    return out;
  }

  /** Posts with their question's creation date, regrouped by the question's creation month. */
  private static Dataset<Row> byMonth(Dataset<Row> dated) {
    return dated
        .withColumn(MonthPartitions.COLUMN, MonthPartitions.monthOf(col(QUESTION_CREATED)))
        .drop(QUESTION_CREATED)
        .repartition(col(MonthPartitions.COLUMN))
        .sortWithinPartitions(MonthPartitions.COLUMN, "Id");
  }

  /** Each count from its own rows: the terms add up to {@code rows_read} if nothing is lost. */
  private static Map<String, Long> counts(
      long rowsRead, Dataset<Row> classified, Dataset<Row> answers, Dataset<Row> orphanAnswers) {
    Column reasonKind = lit(null).cast("string");
    for (var e : COUNTED_REASONS.entrySet()) {
      reasonKind =
          when(col(RawPosts.REJECT_REASON).equalTo(e.getKey()), lit(e.getValue()))
              .otherwise(reasonKind);
    }
    Map<String, Long> byStatus = new TreeMap<>();
    Map<String, Long> byReason = new TreeMap<>();
    Dataset<Row> byStatusAndReason =
        classified.groupBy(col(ClassifyPosts.STATUS), reasonKind.as("kind")).count();
    for (Row r : byStatusAndReason.collectAsList()) {
      byStatus.merge(r.getString(0), r.getLong(2), Long::sum);
      if (!r.isNullAt(1) && r.getString(0).equals(REJECTED)) {
        byReason.merge(r.getString(1), r.getLong(2), Long::sum);
      }
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("rows_read", rowsRead);
    counts.put("questions_selected", byStatus.getOrDefault(QUESTION, 0L));
    counts.put("answers_selected", answers.count());
    counts.put("not_selected", byStatus.getOrDefault(OTHER, 0L) + orphanAnswers.count());
    counts.put("rejected", byStatus.getOrDefault(REJECTED, 0L));
    for (String kind : new TreeSet<>(COUNTED_REASONS.values())) {
      counts.put("rejected_" + kind, byReason.getOrDefault(kind, 0L));
    }
    return counts;
  }
}
