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
   * These inputs restricted to Python traces and to the patterns (and pattern-trace links) of
   * Python traces. A minimum-support-1 pattern table without its links is kept whole.
   */
  public StatsInputs pythonOnly() {
    if (traces == null || !Arrays.asList(traces.columns()).contains("language")) {
      return this;
    }
    Dataset<Row> python = traces.filter(col("language").equalTo("python"));
    Dataset<Row> links = pythonLinks(patternTraces, python);
    Dataset<Row> links1 = pythonLinks(patternTracesMinsup1, python);
    return new StatsInputs(questions, python, withLinks(patterns, links), links,
        links1 == null ? patternsMinsup1 : withLinks(patternsMinsup1, links1), links1);
  }

  private static Dataset<Row> pythonLinks(Dataset<Row> links, Dataset<Row> python) {
    if (links == null) {
      return null;
    }
    return links.join(python.select("library", "trace_id"), new String[] {"library", "trace_id"},
            "left_semi");
  }

  private static Dataset<Row> withLinks(Dataset<Row> patterns, Dataset<Row> links) {
    if (patterns == null || links == null) {
      return patterns;
    }
    return patterns.join(links.select("library", "pattern_id").distinct(),
        new String[] {"library", "pattern_id"}, "left_semi");
  }
}
