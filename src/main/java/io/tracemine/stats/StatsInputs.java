package io.tracemine.stats;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import io.tracemine.spark.JobGroups;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The tables the stats stage reads (schemas in io.tracemine.spark.Schemas): QUESTIONS, TRACES,
 * PATTERNS and PATTERN_TRACES at the mining min-support, and optionally the PATTERNS and
 * PATTERN_TRACES mined at min-support 1 (null when not mined).
 *
 * <p>The study's tables describe Python stack traces: {@link #pythonOnly()} keeps the traces whose
 * {@code language} is {@code python} (all of them when the column is absent) and the patterns found
 * in such traces, so JVM instances (docs/EXTRACT.md) change none of them.
 */
public record StatsInputs(
    Dataset<Row> questions,
    Dataset<Row> traces,
    Dataset<Row> patterns,
    Dataset<Row> patternTraces,
    Dataset<Row> patternsMinsup1,
    Dataset<Row> patternTracesMinsup1) {

  /** Inputs without the min-support-1 tables. */
  public static StatsInputs of(
      Dataset<Row> questions,
      Dataset<Row> traces,
      Dataset<Row> patterns,
      Dataset<Row> patternTraces) {
    return new StatsInputs(questions, traces, patterns, patternTraces, null, null);
  }

  /**
   * These inputs without JVM traces, without the patterns found in JVM traces, and without those
   * patterns' PATTERN_TRACES rows (so every link left is to a Python trace). A minimum-support-1
   * pattern table without its links is kept whole.
   *
   * <p>Runs the Spark jobs that find those patterns now (job group {@code STATS}), once per
   * PATTERN_TRACES table: their keys (at most one per pattern) are held as a local table, so the
   * patterns and their links are filtered without exploding the links again.
   */
  public StatsInputs pythonOnly() {
    if (traces == null || !Arrays.asList(traces.columns()).contains("language")) {
      return this;
    }
    Dataset<Row> jvm =
        traces.filter(col("language").notEqual("python")).select("library", "trace_id");
    Dataset<Row> python = traces.filter(col("language").equalTo("python"));
    long jvmTraces =
        JobGroups.withJobGroup(
            traces.sparkSession(), "STATS", "STATS-0: count the JVM traces", jvm::count);
    if (jvmTraces == 0) {
      return new StatsInputs(
          questions, python, patterns, patternTraces, patternsMinsup1, patternTracesMinsup1);
    }
    Dataset<Row> jvmKeys = collectedJvmPatterns(patternTraces, jvm, jvmTraces);
    Dataset<Row> jvmKeysMinsup1 =
        patternTracesMinsup1 == null
            ? null
            : collectedJvmPatterns(patternTracesMinsup1, jvm, jvmTraces);
    return new StatsInputs(
        questions,
        python,
        withoutKeys(patterns, jvmKeys),
        withoutKeys(patternTraces, jvmKeys),
        withoutKeys(patternsMinsup1, jvmKeysMinsup1),
        withoutKeys(patternTracesMinsup1, jvmKeysMinsup1));
  }

  /**
   * {@link #pythonOnly()} computed once: each table persisted (memory, then disk) for the stage's
   * many passes, and the traces without their {@code language} column, so that {@link
   * #pythonOnly()} of the result is the result itself. The PATTERN_TRACES copies are cached here
   * already, one pattern per Parquet reader batch ({@link #PATTERN_TRACES_BATCH_ROWS}); the other
   * tables on first use. {@link #unpersist()} releases them.
   */
  public StatsInputs pythonOnlyPersisted() {
    StatsInputs python = pythonOnly();
    Dataset<Row> pythonTraces =
        Arrays.asList(python.traces.columns()).contains("language")
            ? python.traces.drop("language")
            : python.traces;
    StatsInputs persisted =
        new StatsInputs(
            persisted(python.questions),
            persisted(pythonTraces),
            persisted(python.patterns),
            persisted(python.patternTraces),
            persisted(python.patternsMinsup1),
            persisted(python.patternTracesMinsup1));
    cachedInSmallBatches(persisted.patternTraces);
    cachedInSmallBatches(persisted.patternTracesMinsup1);
    return persisted;
  }

  /** The Spark setting of the vectorized Parquet reader's rows per batch. */
  static final String READER_BATCH_ROWS = "spark.sql.parquet.columnarReaderBatchSize";

  /**
   * Rows per vectorized Parquet batch while the PATTERN_TRACES copies are read and cached: one
   * pattern a batch. A pattern's row holds all its trace instances, so a list grows with the
   * corpus; a batch of Spark's default 4,096 rows held the lists of a whole file and, at 24M
   * questions, did not fit a 2 GiB heap (docs/PERFORMANCE.md, "Stats, session 24").
   */
  static final int PATTERN_TRACES_BATCH_ROWS = 1;

  /**
   * Caches the persisted {@code patternTraces} now (one Spark job, job group {@code STATS}) in
   * small batches ({@link #inSmallBatches}): the stage's later passes read the cached copy, so only
   * this table's read takes the small batches.
   */
  private static void cachedInSmallBatches(Dataset<Row> patternTraces) {
    if (patternTraces == null) {
      return;
    }
    inSmallBatches(
        patternTraces.sparkSession(),
        "STATS-0: read and cache pattern_traces",
        () -> patternTraces.count());
  }

  /**
   * Runs {@code action} (job group {@code STATS}, {@code description}) with {@link
   * #PATTERN_TRACES_BATCH_ROWS} rows per reader batch, then restores the session's setting: Spark
   * reads the setting when a scan first executes, so every PATTERN_TRACES scan of the action takes
   * the small batches.
   */
  private static <T> T inSmallBatches(SparkSession spark, String description, Supplier<T> action) {
    return inSmallBatches(spark, "STATS", description, action);
  }

  /** {@link #inSmallBatches(SparkSession, String, Supplier)} in job group {@code group}. */
  private static <T> T inSmallBatches(
      SparkSession spark, String group, String description, Supplier<T> action) {
    String before = spark.conf().get(READER_BATCH_ROWS, null);
    spark.conf().set(READER_BATCH_ROWS, Integer.toString(PATTERN_TRACES_BATCH_ROWS));
    try {
      return JobGroups.withJobGroup(spark, group, description, action);
    } finally {
      if (before == null) {
        spark.conf().unset(READER_BATCH_ROWS);
      } else {
        spark.conf().set(READER_BATCH_ROWS, before);
      }
    }
  }

  /** Releases the persisted tables of {@link #pythonOnlyPersisted()}. */
  public void unpersist() {
    for (Dataset<Row> table :
        Arrays.asList(
            questions, traces, patterns, patternTraces, patternsMinsup1, patternTracesMinsup1)) {
      if (table != null) {
        table.unpersist();
      }
    }
  }

  private static Dataset<Row> persisted(Dataset<Row> table) {
    return table == null ? null : table.persist(StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * JVM traces up to this many are sent whole to the tasks that explode PATTERN_TRACES (a broadcast
   * join, about 100 bytes a trace), so the exploded links are not shuffled; above it Spark plans
   * the join as for any table.
   */
  static final long JVM_TRACES_BROADCAST_LIMIT = 1_000_000;

  /**
   * {@link #jvmPatterns} of {@code links}, collected (at most one row per pattern) into a local
   * table; {@code links} read in small batches ({@link #inSmallBatches}).
   */
  private static Dataset<Row> collectedJvmPatterns(
      Dataset<Row> links, Dataset<Row> jvm, long jvmTraces) {
    return collectedJvmPatterns(
        links, jvm, jvmTraces, "STATS", "STATS-0: the patterns found in JVM traces");
  }

  /**
   * {@link #jvmPatterns(Dataset, Dataset)} collected into a local table, {@code links} read in
   * small batches ({@link #inSmallBatches}) in job group {@code group}: for a stage that reads
   * PATTERN_TRACES itself (the report), whose lists do not fit Spark's default batches at 24M
   * questions in a 2 GiB heap either.
   */
  public static Dataset<Row> collectedJvmPatterns(
      Dataset<Row> links, Dataset<Row> jvmTraces, String group, String description) {
    Dataset<Row> jvm = jvmTraces.select("library", "trace_id");
    return collectedJvmPatterns(links, jvm, jvm.count(), group, description);
  }

  private static Dataset<Row> collectedJvmPatterns(
      Dataset<Row> links, Dataset<Row> jvm, long jvmTraces, String group, String description) {
    SparkSession spark = links.sparkSession();
    Dataset<Row> keys = jvmPatterns(links, jvm, jvmTraces);
    // the explode reads every pattern's lists, as the cache does: in the same small batches
    List<Row> rows = inSmallBatches(spark, group, description, keys::collectAsList);
    return spark.createDataFrame(rows, keys.schema());
  }

  /** The rows of {@code table} whose (library, pattern_id) is not among the local {@code keys}. */
  private static Dataset<Row> withoutKeys(Dataset<Row> table, Dataset<Row> keys) {
    if (table == null || keys == null) {
      return table;
    }
    return table.join(broadcast(keys), new String[] {"library", "pattern_id"}, "left_anti");
  }

  /**
   * (library, pattern_id) of the patterns with a JVM trace among their PATTERN_TRACES {@code
   * trace_ids}. Counts the JVM traces now (one Spark job) to choose the join ({@link
   * #JVM_TRACES_BROADCAST_LIMIT}).
   */
  public static Dataset<Row> jvmPatterns(Dataset<Row> links, Dataset<Row> jvmTraces) {
    Dataset<Row> jvm = jvmTraces.select("library", "trace_id");
    return jvmPatterns(links, jvm, jvm.count());
  }

  /** {@link #jvmPatterns} of the {@code count} rows (library, trace_id) of {@code jvm}. */
  private static Dataset<Row> jvmPatterns(Dataset<Row> links, Dataset<Row> jvm, long count) {
    return links
        .select(col("library"), col("pattern_id"), explode(col("trace_ids")).as("trace_id"))
        .join(
            count <= JVM_TRACES_BROADCAST_LIMIT ? broadcast(jvm) : jvm,
            new String[] {"library", "trace_id"},
            "left_semi")
        .select("library", "pattern_id")
        .distinct();
  }
}
