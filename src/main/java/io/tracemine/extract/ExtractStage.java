package io.tracemine.extract;

import static io.tracemine.spark.Schemas.columns;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.tracemine.spark.InternalRows;
import io.tracemine.spark.MonthPartitions;
import io.tracemine.spark.QuestionIndex;
import io.tracemine.spark.QuestionLookup;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.UncompressedCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * From the {@code posts} table to the {@code questions} and {@code traces} tables: answer times are
 * joined to their questions, then each question is parsed once inside its partition ({@link
 * ExtractPosts}) and its rows are repeated for each library it belongs to.
 */
public final class ExtractStage {
  private final SparkSession spark;
  private final ExtractConfig config;

  /**
   * Accepted-answer claims up to this many are broadcast to the answers (Ids only, about 50 MB at
   * 2M) for {@link #answerDates}, instead of a sort-merge join of two narrow sides.
   */
  static final long BROADCAST_CLAIMS = 2_500_000;

  private static final String FIRST_ANSWER_DATE = "first_answer_date";
  private static final String ACCEPTED_ANSWER_DATE = "accepted_answer_date";

  /** The column of {@link #answerDates} holding the question's Id. */
  static final String DATED_QUESTION = "_dated_question";

  private final long broadcastDates;
  private final long broadcastClaims;

  /**
   * A stage that gives the questions their answer dates through a broadcast {@link QuestionIndex}
   * when the dated questions fit its budget ({@link QuestionLookup#questionsThatFit}), and with a
   * sort-merge join when not.
   */
  public ExtractStage(SparkSession spark, ExtractConfig config) {
    this(spark, config, QuestionLookup.questionsThatFit(spark, 2), BROADCAST_CLAIMS);
  }

  /**
   * A stage that broadcasts the answer dates of at most {@code broadcastDates} questions and at
   * most {@code broadcastClaims} accepted-answer claims (tests: 0, 0).
   */
  ExtractStage(
      SparkSession spark, ExtractConfig config, long broadcastDates, long broadcastClaims) {
    this.spark = spark;
    this.config = config;
    this.broadcastDates = broadcastDates;
    this.broadcastClaims = broadcastClaims;
  }

  /**
   * The stage's outputs and its row accounting. {@code questions} and {@code traces} are globally
   * ordered; {@code datedQuestions} and {@code datedTraces} hold the same rows with the column
   * {@link MonthPartitions#COLUMN} (the question's creation month), partitioned by it and ordered
   * within each month as the tables are stored, without a global sort. Unlike {@code posts}, the
   * parsed rows are regrouped by month (one file per month): they are small, and one file per Spark
   * partition and month cost more in writing and compression than the shuffle (measured,
   * docs/PERFORMANCE.md).
   */
  public static final class ExtractResult {
    private final Supplier<Dataset<Row>> orderedQuestions;
    private final Supplier<Dataset<Row>> orderedTraces;
    private final Dataset<Row> rejects;
    private final Map<String, Long> counts;
    private final Dataset<Row> datedQuestions;
    private final Dataset<Row> datedTraces;
    private Dataset<Row> questions;
    private Dataset<Row> traces;

    ExtractResult(
        Supplier<Dataset<Row>> questions,
        Supplier<Dataset<Row>> traces,
        Dataset<Row> rejects,
        Map<String, Long> counts,
        Dataset<Row> datedQuestions,
        Dataset<Row> datedTraces) {
      this.orderedQuestions = questions;
      this.orderedTraces = traces;
      this.rejects = rejects;
      this.counts = counts;
      this.datedQuestions = datedQuestions;
      this.datedTraces = datedTraces;
    }

    /**
     * Built on the first call (as {@link #traces()}): conforming a plan to its schema runs its
     * shuffles (Spark's adaptive execution plans them eagerly), so the global sort runs only for a
     * caller that asks for it.
     */
    public Dataset<Row> questions() {
      if (questions == null) {
        questions = orderedQuestions.get();
      }
      return questions;
    }

    public Dataset<Row> traces() {
      if (traces == null) {
        traces = orderedTraces.get();
      }
      return traces;
    }

    public Dataset<Row> rejects() {
      return rejects;
    }

    public Map<String, Long> counts() {
      return counts;
    }

    public Dataset<Row> datedQuestions() {
      return datedQuestions;
    }

    public Dataset<Row> datedTraces() {
      return datedTraces;
    }
  }

  /**
   * Runs the stage. The answer dates are cached and counted first; while they fit the stage's
   * budget they are collected into a {@link QuestionIndex} and broadcast, so no question is
   * shuffled with its body to get them (else a sort-merge join). Then the parsed questions are
   * cached (without column compression, see {@link UncompressedCache}) by the pass that counts
   * them.
   */
  public ExtractResult run(Dataset<Row> posts) {
    Dataset<Row> claims = acceptedClaims(posts);
    long claimed = UncompressedCache.persist(spark, claims, claims::count);
    Dataset<Row> dates =
        answerDates(
            posts, claimed <= broadcastClaims ? functions.broadcast(claims) : claims.hint("merge"));
    long datedQuestions = UncompressedCache.persist(spark, dates, dates::count);
    claims.unpersist(false);
    Broadcast<QuestionIndex> dateIndex =
        datedQuestions <= broadcastDates
            ? QuestionLookup.broadcast(
                spark, dates, DATED_QUESTION, null, FIRST_ANSWER_DATE, ACCEPTED_ANSWER_DATE)
            : null;
    Dataset<Row> input =
        dateIndex != null
            ? withAnswerDates(posts, dateIndex)
            : withAnswerDates(posts, dates.hint("merge"));
    Dataset<Row> extracted =
        InternalRows.mapPartitions(spark, input, new ExtractPosts(config), ExtractPosts.SCHEMA);
    Map<String, Long> counts = UncompressedCache.persist(spark, extracted, () -> counts(extracted));
    dates.unpersist(false);
    if (dateIndex != null) {
      dateIndex.unpersist(false);
    }
    Dataset<Row> good = extracted.filter(col("reject_reason").isNull());
    Dataset<Row> questions =
        good.withColumn("library", explode(col("libraries")))
            .withColumn("profile", lit(config.profile()))
            .select(withMonth(Schemas.QUESTIONS));
    Dataset<Row> traces =
        good.select(
                col("question_id"),
                explode(col("libraries")).as("library"),
                col("traces"),
                col("creation_date"))
            .select(
                col("question_id"),
                col("library"),
                explode(col("traces")).as("t"),
                col("creation_date"))
            .select(col("question_id"), col("library"), col("t.*"), col("creation_date"))
            .withColumn("profile", lit(config.profile()))
            .select(withMonth(Schemas.TRACES));
    Dataset<Row> rejects =
        extracted
            .filter(col("reject_reason").isNotNull())
            .select(
                lit("extract").as("stage"),
                lit("posts").as("source"),
                col("question_id").cast("string").as("record_id"),
                col("reject_reason").as("reason"),
                lit(null).cast("string").as("detail"))
            .orderBy("record_id");
    Column month = col(MonthPartitions.COLUMN);
    return new ExtractResult(
        () -> conform(questions.drop(month).orderBy("question_id", "library"), Schemas.QUESTIONS),
        () ->
            conform(
                traces.drop(month).orderBy("library", "question_id", "block_index", "position"),
                Schemas.TRACES),
        conform(rejects, Schemas.REJECTS),
        counts,
        conform(questions, dated(Schemas.QUESTIONS))
            .repartition(month)
            .sortWithinPartitions(month, col("question_id"), col("library")),
        conform(traces, dated(Schemas.TRACES))
            .repartition(month)
            .sortWithinPartitions(
                month, col("library"), col("question_id"), col("block_index"), col("position")));
  }

  /** The columns of {@code schema}, then the creation month of the row's question. */
  private static Column[] withMonth(StructType schema) {
    List<Column> out = new ArrayList<>(Arrays.asList(columns(schema)));
    out.add(MonthPartitions.monthOf(col("creation_date")).as(MonthPartitions.COLUMN));
    return out.toArray(Column[]::new);
  }

  private static StructType dated(StructType schema) {
    return schema.add(MonthPartitions.COLUMN, DataTypes.StringType, false);
  }

  /**
   * Questions with the dates of their first answer and of their accepted answer (if present). The
   * dates are found on narrow projections (Ids and dates) and joined to the questions with their
   * bodies once.
   */
  public static Dataset<Row> withAnswerDates(Dataset<Row> posts) {
    return withAnswerDates(posts, answerDates(posts));
  }

  /**
   * {@code posts}' questions with their answer dates looked up in {@code dates} (the index of
   * {@link #answerDates}), with the {@link ExtractPosts#INPUT} columns.
   */
  static Dataset<Row> withAnswerDates(Dataset<Row> posts, Broadcast<QuestionIndex> dates) {
    return QuestionLookup.link(
            posts.filter(col("PostTypeId").equalTo(1)),
            col("Id"),
            dates,
            DATED_QUESTION,
            null,
            FIRST_ANSWER_DATE,
            ACCEPTED_ANSWER_DATE)
        .select(columns(ExtractPosts.INPUT));
  }

  /**
   * {@code posts}' questions joined to {@code dates} ({@link #answerDates}; broadcast or not, as
   * the caller decided), with the {@link ExtractPosts#INPUT} columns.
   */
  static Dataset<Row> withAnswerDates(Dataset<Row> posts, Dataset<Row> dates) {
    return posts
        .filter(col("PostTypeId").equalTo(1))
        .join(dates, col("Id").equalTo(col(DATED_QUESTION)), "left")
        .select(columns(ExtractPosts.INPUT));
  }

  /**
   * Per question that has one: the date of its first answer and of its accepted answer, column
   * {@value #DATED_QUESTION} the question's Id (each once: post Ids are unique in {@code posts}).
   * Only Ids and dates are read. The accepted answers' claims ({@link #acceptedClaims}) are joined
   * as Spark's planner chooses by its size estimate ({@link #run} decides by their count).
   */
  static Dataset<Row> answerDates(Dataset<Row> posts) {
    return answerDates(posts, acceptedClaims(posts));
  }

  /**
   * The questions' claims to an accepted answer: columns {@code acc_id} (the answer's Id) and
   * {@code acc_question} (the question's), one row per question that names one.
   */
  static Dataset<Row> acceptedClaims(Dataset<Row> posts) {
    return posts
        .filter(col("PostTypeId").equalTo(1).and(col("AcceptedAnswerId").isNotNull()))
        .select(col("AcceptedAnswerId").as("acc_id"), col("Id").as("acc_question"));
  }

  /**
   * {@link #answerDates(Dataset)} with the {@code claims} of {@link #acceptedClaims} (broadcast or
   * not, as the caller decided), in one aggregation: each answer, joined to the questions that
   * claim it by its Id, stands for its date as a first-answer candidate of its parent and as the
   * accepted-answer date of each question that claims it (nearly always its parent: then one entry
   * carries both). The accepted answer is the one whose Id the question names, whatever its parent;
   * with unique post Ids a question has at most one, so the minimum is that answer's date.
   */
  static Dataset<Row> answerDates(Dataset<Row> posts, Dataset<Row> claims) {
    Column parent = col("ParentId");
    Column date = col("CreationDate");
    Column claimant = col("acc_question");
    Column noDate = lit(null).cast(DataTypes.TimestampType);
    Column entries =
        when(claimant.isNull(), array(entry(parent, date, noDate)))
            .when(claimant.eqNullSafe(parent), array(entry(parent, date, date)))
            .otherwise(array(entry(parent, date, noDate), entry(claimant, noDate, date)));
    return posts
        .filter(col("PostTypeId").equalTo(2))
        .select(col("Id"), parent, date)
        .join(claims, col("Id").equalTo(col("acc_id")), "left")
        .select(explode(entries).as("e"))
        .groupBy(col("e.q").as(DATED_QUESTION))
        .agg(min("e.first").as(FIRST_ANSWER_DATE), min("e.accepted").as(ACCEPTED_ANSWER_DATE));
  }

  /** One entry of {@link #answerDates}: a question, a first-answer candidate, an accepted date. */
  private static Column entry(Column question, Column first, Column accepted) {
    return struct(question.as("q"), first.as("first"), accepted.as("accepted"));
  }

  private Map<String, Long> counts(Dataset<Row> extracted) {
    Row r =
        extracted
            .selectExpr(
                "count(*)",
                "count(reject_reason)",
                "sum(CASE WHEN reject_reason IS NULL THEN size(libraries) ELSE 0 END)",
                "sum(CASE WHEN reject_reason IS NULL THEN size(libraries) * size(traces) ELSE 0"
                    + " END)",
                "sum(CASE WHEN trace_count > 0 THEN 1 ELSE 0 END)")
            .first();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("questions_read", r.getLong(0));
    counts.put("rejected", r.getLong(1));
    counts.put("question_rows", r.isNullAt(2) ? 0L : r.getLong(2));
    counts.put("trace_rows", r.isNullAt(3) ? 0L : r.getLong(3));
    counts.put("questions_with_trace", r.isNullAt(4) ? 0L : r.getLong(4));
    return counts;
  }

  private static Dataset<Row> conform(Dataset<Row> ds, StructType schema) {
    return InternalRows.withSchema(ds, schema);
  }
}
