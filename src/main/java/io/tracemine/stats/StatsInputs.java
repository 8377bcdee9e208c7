package io.tracemine.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import io.tracemine.spark.JobGroups;
import java.util.Arrays;
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
   */
  public StatsInputs pythonOnly() {
    if (traces == null || !Arrays.asList(traces.columns()).contains("language")) {
      return this;
    }
    Dataset<Row> jvm =
        traces.filter(col("language").notEqual("python")).select("library", "trace_id");
    return new StatsInputs(
        questions,
        traces.filter(col("language").equalTo("python")),
        withoutJvm(patterns, patternTraces, jvm),
        withoutJvm(patternTraces, patternTraces, jvm),
        patternTracesMinsup1 == null
            ? patternsMinsup1
            : withoutJvm(patternsMinsup1, patternTracesMinsup1, jvm),
        withoutJvm(patternTracesMinsup1, patternTracesMinsup1, jvm));
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
   * Caches the persisted {@code patternTraces} now (one Spark job, job group {@code STATS}) with
   * {@link #PATTERN_TRACES_BATCH_ROWS} rows per reader batch, then restores the session's setting:
   * Spark reads the setting when a scan first executes, and the stage's later passes read the
   * cached copy, so only this table's read takes the small batches.
   */
  private static void cachedInSmallBatches(Dataset<Row> patternTraces) {
    if (patternTraces == null) {
      return;
    }
    SparkSession spark = patternTraces.sparkSession();
    String before = spark.conf().get(READER_BATCH_ROWS, null);
    spark.conf().set(READER_BATCH_ROWS, Integer.toString(PATTERN_TRACES_BATCH_ROWS));
    try {
      JobGroups.withJobGroup(
          spark, "STATS", "STATS-0: read and cache pattern_traces", () -> patternTraces.count());
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

  /** The rows of {@code patterns} (or of its links) whose pattern occurs in no JVM trace. */
  private static Dataset<Row> withoutJvm(
      Dataset<Row> patterns, Dataset<Row> links, Dataset<Row> jvm) {
    if (patterns == null || links == null) {
      return patterns;
    }
    return patterns.join(
        jvmPatterns(links, jvm), new String[] {"library", "pattern_id"}, "left_anti");
  }

  /**
   * (library, pattern_id) of the patterns with a JVM trace among their PATTERN_TRACES {@code
   * trace_ids}.
   */
  public static Dataset<Row> jvmPatterns(Dataset<Row> links, Dataset<Row> jvmTraces) {
    return links
        .select(col("library"), col("pattern_id"), explode(col("trace_ids")).as("trace_id"))
        .join(
            jvmTraces.select("library", "trace_id"),
            new String[] {"library", "trace_id"},
            "left_semi")
        .select("library", "pattern_id")
        .distinct();
  }
}
