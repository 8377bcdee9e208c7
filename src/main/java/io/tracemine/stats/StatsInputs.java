package io.tracemine.stats;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tables the stats stage reads (schemas in io.tracemine.spark.Schemas): QUESTIONS, TRACES,
 * PATTERNS and PATTERN_TRACES at the mining min-support, and optionally the PATTERNS and
 * PATTERN_TRACES mined at min-support 1 (null when not mined).
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
}
