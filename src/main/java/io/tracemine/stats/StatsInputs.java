package io.tracemine.stats;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tables the stats stage reads (schemas in io.tracemine.spark.Schemas): QUESTIONS, TRACES,
 * PATTERNS and PATTERN_TRACES at the mining min-support, and optionally the PATTERNS and
 * PATTERN_TRACES mined at min-support 1 (null when not mined).
 *
 * <p>The study's tables describe Python stack traces: {@link #pythonOnly()} keeps the traces whose
 * {@code language} is {@code python} (all of them when the column is absent) and the patterns
 * found in such traces, so JVM instances (docs/EXTRACT.md) change none of them.
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
      Dataset<Row> questions, Dataset<Row> traces, Dataset<Row> patterns, Dataset<Row> patternTraces) {
    return new StatsInputs(questions, traces, patterns, patternTraces, null, null);
  }

  /**
   * These inputs without JVM traces, without the patterns found in JVM traces, and without their
   * pattern-trace links. A minimum-support-1 pattern table without its links is kept whole.
   */
  public StatsInputs pythonOnly() {
    if (traces == null || !Arrays.asList(traces.columns()).contains("language")) {
      return this;
    }
    Dataset<Row> jvm = traces.filter(col("language").notEqual("python")).select("library", "trace_id");
    return new StatsInputs(
        questions,
        traces.filter(col("language").equalTo("python")),
        withoutJvm(patterns, patternTraces, jvm),
        withoutJvmLinks(patternTraces, jvm),
        patternTracesMinsup1 == null ? patternsMinsup1
            : withoutJvm(patternsMinsup1, patternTracesMinsup1, jvm),
        withoutJvmLinks(patternTracesMinsup1, jvm));
  }

  private static Dataset<Row> withoutJvmLinks(Dataset<Row> links, Dataset<Row> jvm) {
    return links == null ? null
        : links.join(jvm, new String[] {"library", "trace_id"}, "left_anti");
  }

  private static Dataset<Row> withoutJvm(Dataset<Row> patterns, Dataset<Row> links,
      Dataset<Row> jvm) {
    if (patterns == null || links == null) {
      return patterns;
    }
    Dataset<Row> jvmPatterns = links.join(jvm, new String[] {"library", "trace_id"}, "left_semi")
        .select("library", "pattern_id").distinct();
    return patterns.join(jvmPatterns, new String[] {"library", "pattern_id"}, "left_anti");
  }
}
