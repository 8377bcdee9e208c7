package io.tracemine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tracemine.spark.InternalRows;
import io.tracemine.spark.MonthPartitions;
import io.tracemine.spark.QuestionIndex;
import io.tracemine.spark.QuestionLookup;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.UncompressedCache;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
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

  /**
   * Extra copies identical in content to the kept row ({@code rejected_duplicate_identical}, part
   * of {@code rejected_duplicate_id}): nothing of them is lost, so the quality gate leaves them
   * out.
   */
  static final String DUPLICATE_IDENTICAL = "duplicate_identical";

  private static final String QUESTION = "question";
  private static final String ANSWER = "answer";
  private static final String REJECTED = "rejected";
  private static final String OTHER = "other";
  private static final String ORPHAN = "orphan";
  private static final String PARENT_ID = "_parent_id";
  private static final String PARENT_LIBRARIES = "_parent_libraries";
  private static final String PARENT_CREATED = "_parent_created";

  /**
   * The reject reasons that depend on a row's bytes, not on its Id and type: a Parquet input's
   * checks ({@link PostsSource#readWithoutByteChecks} leaves them out).
   */
  private static final String[] BYTE_REJECTS = {ParseXmlRows.INVALID_UTF8, RawPosts.BODY_TOO_LARGE};

  private static final String QUESTION_CREATED = "_question_created";
  private static final StructType DATED_INPUT =
      Schemas.POSTS.add(QUESTION_CREATED, DataTypes.TimestampType, true);

  private final SparkSession spark;
  private final IngestConfig config;
  private final long broadcastParents;

  /**
   * A stage that links answers to their questions through a broadcast {@link QuestionIndex} when
   * the selected questions fit its budget ({@link QuestionLookup#questionsThatFit}), and with a
   * sort-merge join when not.
   */
  public IngestStage(SparkSession spark, IngestConfig config) {
    this(spark, config, QuestionLookup.questionsThatFit(spark, 1));
  }

  /** A stage that broadcasts at most {@code broadcastParents} selected questions (tests: 0). */
  IngestStage(SparkSession spark, IngestConfig config, long broadcastParents) {
    this.spark = spark;
    this.config = config;
    this.broadcastParents = broadcastParents;
  }

  /**
   * The stage's outputs: {@code posts} (ordered by Id), {@code rejects}, the row accounting, the
   * rows read per input file (key: the file as Spark names it; no entry for a source without
   * files), and {@code datedPosts}: the same rows as {@code posts} with the column {@link
   * MonthPartitions#COLUMN} (the creation month of each post's question), partitioned by it and
   * ordered by Id within each month, without a global sort (what the month-partitioned table needs;
   * the same as {@link DatedPosts#withMonth} of {@code posts}, without its join).
   */
  public static final class IngestResult {
    private final Supplier<Dataset<Row>> orderedPosts;
    private final Dataset<Row> rejects;
    private final Map<String, Long> counts;
    private final Map<String, Long> rowsByFile;
    private final Map<String, Long> rejectedRowsByFile;
    private final Dataset<Row> datedPosts;
    private final Dataset<Row> parents;
    private final Dataset<Row> census;
    private final Broadcast<QuestionIndex> questionIndex;
    private Dataset<Row> posts;

    IngestResult(
        Supplier<Dataset<Row>> posts,
        Dataset<Row> rejects,
        Map<String, Long> counts,
        Map<String, Long> rowsByFile,
        Map<String, Long> rejectedRowsByFile,
        Dataset<Row> datedPosts,
        Dataset<Row> parents,
        Dataset<Row> census,
        Broadcast<QuestionIndex> questionIndex) {
      this.orderedPosts = posts;
      this.rejects = rejects;
      this.counts = counts;
      this.rowsByFile = rowsByFile;
      this.rejectedRowsByFile = rejectedRowsByFile;
      this.datedPosts = datedPosts;
      this.parents = parents;
      this.census = census;
      this.questionIndex = questionIndex;
    }

    /**
     * Built on the first call: conforming a plan to its schema runs its shuffles (Spark's adaptive
     * execution plans them eagerly), so the global sort runs only for a caller that asks for it.
     */
    public Dataset<Row> posts() {
      if (posts == null) {
        posts = orderedPosts.get();
      }
      return posts;
    }

    public Dataset<Row> rejects() {
      return rejects;
    }

    public Map<String, Long> counts() {
      return counts;
    }

    public Map<String, Long> rowsByFile() {
      return rowsByFile;
    }

    /**
     * Rows rejected per input file (Spark's file name), but for those rejected as copies of a row
     * of the same Id (identical or not): a copy is rejected for another row, not for what the file
     * holds.
     */
    public Map<String, Long> rejectedRowsByFile() {
      return rejectedRowsByFile;
    }

    public Dataset<Row> datedPosts() {
      return datedPosts;
    }

    /**
     * The Ids of the selected questions, column {@value DuplicateLinks#QUESTION}, each once ({@link
     * DuplicateIds} leaves one accepted row per Id), read from the stage's cache of them: the same
     * rows as {@link DuplicateLinks#questionIds} of {@code posts} without a pass over the input.
     */
    public Dataset<Row> questionIds() {
      return parents.select(col(PARENT_ID).as(DuplicateLinks.QUESTION));
    }

    /**
     * The libraries of {@code selector} that no selected question belongs to, in its order, read
     * from the stage's cache of the questions: a stem that is no tag ({@code sklearn} for {@code
     * scikit-learn}) or a typo would otherwise drop a library from every table without a word
     * (hostile sweep 8).
     */
    public List<LibraryDefinition> librariesWithoutQuestions(LibrarySelector selector) {
      Set<String> found = new HashSet<>();
      for (Row r :
          parents.select(functions.explode(col(PARENT_LIBRARIES))).distinct().collectAsList()) {
        found.add(r.getString(0));
      }
      return selector.libraries().stream().filter(l -> !found.contains(l.name())).toList();
    }

    /** Releases the stage's cached rows (once its tables are written). */
    public void unpersist() {
      parents.unpersist(false);
      if (census != null) {
        census.unpersist(false);
      }
      if (questionIndex != null) {
        questionIndex.destroy();
      }
    }
  }

  /**
   * Runs the stage. The parsed input is cached once ({@link #cachesInput}: not a Parquet input) and
   * read by three passes before the write: the duplicate-Id aggregation; the selected questions'
   * Ids, libraries and creation dates ({@code parents}), cached; and one aggregation of every row
   * linked to its question in {@code parents} (an answer's), giving the rows per file, per status
   * and reject reason, the selected answers and the orphans (answers of unselected questions). The
   * write reads the input once more, linked the same way: through a broadcast {@link QuestionIndex}
   * of {@code parents} while it fits its budget (the stage's {@code broadcastParents}), so the
   * answers' bodies are neither shuffled nor sorted for it; otherwise with a sort-merge join. Only
   * the rows of duplicated Ids, when there are any, are cached a second time after their window.
   */
  public IngestResult run(Dataset<Row> read) {
    return run(read, null);
  }

  /**
   * {@link #run(Dataset)} of {@code read}, whose passes read {@code withoutByteChecks} (the same
   * rows without the checks of each row's bytes, {@link PostsSource#readWithoutByteChecks}) when
   * the first pass finds no row of {@code read} rejected for its bytes ({@value
   * ParseXmlRows#INVALID_UTF8}, {@value RawPosts#BODY_TOO_LARGE}): then no pass after the first
   * reads a body but the write (those checks read every body of an input that is not cached, {@link
   * #cachesInput}). The first pass counts both rejects and the duplicated Ids in one aggregation
   * ({@link DuplicateIds#census}, cached: a row per duplicated or byte-rejected Id). With any such
   * reject, every pass reads {@code read}. {@code withoutByteChecks} null, or a cached input: as
   * {@link #run(Dataset)}.
   */
  public IngestResult run(Dataset<Row> read, Dataset<Row> withoutByteChecks) {
    Dataset<Row> duplicatedIds;
    long duplicated;
    Dataset<Row> input = read;
    Dataset<Row> census = null;
    if (cachesInput(config.sourceType())) {
      duplicatedIds = DuplicateIds.duplicatedIds(read);
      duplicated = UncompressedCache.persist(spark, read, duplicatedIds::count);
    } else if (withoutByteChecks == null) {
      duplicatedIds = DuplicateIds.duplicatedIds(read);
      duplicated = duplicatedIds.count();
    } else {
      census = DuplicateIds.census(read, BYTE_REJECTS);
      Dataset<Row> counted = census;
      Row sums =
          UncompressedCache.persist(
              spark,
              census,
              () ->
                  counted
                      .agg(
                          functions.count(when(col(DuplicateIds.ACCEPTED).gt(1), lit(1))),
                          functions.coalesce(functions.sum(DuplicateIds.REJECTED_FOR), lit(0L)))
                      .first());
      duplicated = sums.getLong(0);
      duplicatedIds = DuplicateIds.duplicatedIdsOf(census);
      if (sums.getLong(1) == 0) {
        input = withoutByteChecks;
      }
    }
    Dataset<Row> unique =
        duplicated == 0
            ? input
            : DuplicateIds.rejectExtraCopies(input, duplicatedIds, duplicated)
                .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> classified = ClassifyPosts.classify(unique, config.selector());
    Dataset<Row> parents =
        classified
            .filter(col(ClassifyPosts.STATUS).equalTo(QUESTION))
            .select(
                col("Id").as(PARENT_ID),
                col("Libraries").as(PARENT_LIBRARIES),
                col("CreationDate").as(PARENT_CREATED));
    long parentRows = UncompressedCache.persist(spark, parents, parents::count);
    boolean sortMergeJoined = parentRows > broadcastParents;
    Column isAnswer = col(ClassifyPosts.STATUS).equalTo(ANSWER);
    Broadcast<QuestionIndex> questionIndex =
        sortMergeJoined
            ? null
            : QuestionLookup.broadcast(spark, parents, PARENT_ID, PARENT_LIBRARIES, PARENT_CREATED);
    Dataset<Row> linked =
        sortMergeJoined
            ? classified.join(
                parents.hint("merge"),
                isAnswer.and(col("ParentId").equalTo(col(PARENT_ID))),
                "left_outer")
            : QuestionLookup.link(
                classified,
                when(isAnswer, col("ParentId")),
                questionIndex,
                PARENT_ID,
                PARENT_LIBRARIES,
                PARENT_CREATED);
    Column selectedAnswer = isAnswer.and(col(PARENT_ID).isNotNull());
    Column selected = col(ClassifyPosts.STATUS).equalTo(QUESTION).or(selectedAnswer);
    Column[] postColumns =
        Arrays.stream(Schemas.POSTS.fieldNames())
            .map(
                n ->
                    n.equals("Libraries")
                        ? when(isAnswer, col(PARENT_LIBRARIES))
                            .otherwise(col("Libraries"))
                            .as("Libraries")
                        : col(n))
            .toArray(Column[]::new);
    Dataset<Row> kept = linked.filter(selected);
    Dataset<Row> unordered = kept.select(postColumns);
    Dataset<Row> dated =
        kept.select(
            withColumn(
                postColumns,
                when(isAnswer, col(PARENT_CREATED))
                    .otherwise(col("CreationDate"))
                    .as(QUESTION_CREATED)));
    Map<String, Long> rowsByFile = new TreeMap<>();
    Map<String, Long> rejectedByFile = new TreeMap<>();
    Map<String, Long> counts =
        counts(linked, selectedAnswer, duplicated > 0, rowsByFile, rejectedByFile);
    return new IngestResult(
        () -> spark.createDataFrame(unordered.orderBy("Id").rdd(), Schemas.POSTS),
        rejects(classified, counts.get("rejected")),
        counts,
        rowsByFile,
        rejectedByFile,
        byMonth(InternalRows.withSchema(dated, DATED_INPUT), writeSlots(), sortMergeJoined),
        parents,
        census,
        questionIndex);
  }

  /**
   * The quarantined rows of {@code classified}, ordered. Without any ({@code rejected}, counted
   * from the same rows), an empty table that reads nothing: ordering the rows runs the plan's
   * passes over the input at once (a sample of the sort keys and the shuffle), even when none is
   * rejected.
   */
  private Dataset<Row> rejects(Dataset<Row> classified, long rejected) {
    if (rejected == 0) {
      return spark.createDataFrame(List.of(), Schemas.REJECTS);
    }
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
    return spark.createDataFrame(rejects.rdd(), Schemas.REJECTS);
  }

  /**
   * Whether the parsed input is cached for the stage's passes. A Parquet input is not: each pass
   * reads only the columns it needs from the files again, which costs no more CPU than the cache
   * (measured on 1.07M posts), while a cache of its bodies, uncompressed, spills the whole input to
   * local disk when it does not fit in memory (over 24 GB after 44 of 72 splits of a 60M-post
   * input). An XML dump (parsed again otherwise), a BigQuery read (billed per read) and the bundled
   * sample are cached.
   */
  static boolean cachesInput(IngestConfig.SourceType source) {
    return source != IngestConfig.SourceType.PARQUET;
  }

  /** Tasks that can run at once ({@code spark.default.parallelism}: the cores, by default). */
  private int writeSlots() {
    return Math.max(1, spark.sparkContext().defaultParallelism());
  }

  private static Column[] withColumn(Column[] columns, Column extra) {
    Column[] out = Arrays.copyOf(columns, columns.length + 1);
    out[columns.length] = extra;
    return out;
  }

  /**
   * Posts with their question's creation date, ordered by month and Id within each of as many
   * partitions as there are task slots ({@link #writeSlots}), so a month is a few files and not one
   * per input split. After the broadcast index's lookup the partitions they already are in are
   * merged without a shuffle. After a sort-merge join ({@code sortMergeJoined}) they are shuffled
   * by month: merged instead, each task would sort its share of the posts while the join's own
   * sorts ran in the same task, and at 60M posts the two split each other's memory into so many
   * spills that a 6 GiB heap ran out (docs/PERFORMANCE.md, "The whole dump's size, sessions
   * 28–29").
   */
  private static Dataset<Row> byMonth(Dataset<Row> dated, int slots, boolean sortMergeJoined) {
    Dataset<Row> withMonth =
        dated
            .withColumn(MonthPartitions.COLUMN, MonthPartitions.monthOf(col(QUESTION_CREATED)))
            .drop(QUESTION_CREATED);
    Dataset<Row> grouped =
        sortMergeJoined
            ? withMonth.repartition(slots, col(MonthPartitions.COLUMN))
            : withMonth.coalesce(slots);
    return grouped.sortWithinPartitions(MonthPartitions.COLUMN, "Id");
  }

  private static boolean isDuplicateKind(String kind) {
    return DUPLICATE_IDENTICAL.equals(kind)
        || COUNTED_REASONS.get(DuplicateIds.REASON).equals(kind);
  }

  /**
   * Each count from its own rows: the terms add up to {@code rows_read} if nothing is lost. One
   * aggregation over {@code linked} (every row, an answer with its question's row of {@code
   * parents} or nulls): per file, status and reject reason, an answer counted as selected when it
   * found its question ({@code selectedAnswer}) and as not selected (an orphan) when not; an extra
   * copy identical to the kept one by its detail, read only when there are {@code duplicates}.
   * Fills {@code rowsByFile} (rows read per input file) and {@code rejectedByFile} (rows rejected
   * per file, but for copies of a row of the same Id) from the same aggregation.
   */
  private static Map<String, Long> counts(
      Dataset<Row> linked,
      Column selectedAnswer,
      boolean duplicates,
      Map<String, Long> rowsByFile,
      Map<String, Long> rejectedByFile) {
    Column reasonKind = lit(null).cast("string");
    for (var e : COUNTED_REASONS.entrySet()) {
      reasonKind =
          when(col(RawPosts.REJECT_REASON).equalTo(e.getKey()), lit(e.getValue()))
              .otherwise(reasonKind);
    }
    if (duplicates) {
      // the detail only when a row can be an extra copy: a missing Id's detail is an excerpt of
      // the title or body, and a pass that names the column reads every body
      reasonKind =
          when(
                  col(RawPosts.REJECT_REASON)
                      .equalTo(DuplicateIds.REASON)
                      .and(col(RawPosts.REJECT_DETAIL).equalTo(DuplicateIds.IDENTICAL)),
                  lit(DUPLICATE_IDENTICAL))
              .otherwise(reasonKind);
    }
    Column status =
        when(selectedAnswer, lit(ANSWER))
            .when(col(ClassifyPosts.STATUS).equalTo(ANSWER), lit(ORPHAN))
            .otherwise(col(ClassifyPosts.STATUS));
    long rowsRead = 0;
    Map<String, Long> byStatus = new TreeMap<>();
    Map<String, Long> byReason = new TreeMap<>();
    Dataset<Row> tally =
        linked
            .groupBy(col(RawPosts.SOURCE_FILE), status.as("status"), reasonKind.as("kind"))
            .count();
    for (Row r : tally.collectAsList()) {
      long n = r.getLong(3);
      rowsRead += n;
      if (!r.isNullAt(0)) {
        rowsByFile.merge(r.getString(0), n, Long::sum);
        if (r.getString(1).equals(REJECTED) && !isDuplicateKind(r.getString(2))) {
          rejectedByFile.merge(r.getString(0), n, Long::sum);
        }
      }
      byStatus.merge(r.getString(1), n, Long::sum);
      if (!r.isNullAt(2) && r.getString(1).equals(REJECTED)) {
        byReason.merge(r.getString(2), n, Long::sum);
      }
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("rows_read", rowsRead);
    counts.put("questions_selected", byStatus.getOrDefault(QUESTION, 0L));
    counts.put("answers_selected", byStatus.getOrDefault(ANSWER, 0L));
    counts.put(
        "not_selected", byStatus.getOrDefault(OTHER, 0L) + byStatus.getOrDefault(ORPHAN, 0L));
    counts.put("rejected", byStatus.getOrDefault(REJECTED, 0L));
    long identicalCopies = byReason.getOrDefault(DUPLICATE_IDENTICAL, 0L);
    byReason.merge(COUNTED_REASONS.get(DuplicateIds.REASON), identicalCopies, Long::sum);
    for (String kind : new TreeSet<>(COUNTED_REASONS.values())) {
      counts.put("rejected_" + kind, byReason.getOrDefault(kind, 0L));
      if (kind.equals(COUNTED_REASONS.get(DuplicateIds.REASON))) {
        counts.put("rejected_" + DUPLICATE_IDENTICAL, identicalCopies);
      }
    }
    return counts;
  }
}
