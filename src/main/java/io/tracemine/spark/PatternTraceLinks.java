package io.tracemine.spark;

import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * (pattern, trace) pairs from the decoded one-row-per-pattern view of {@code pattern_traces}
 * ({@link Schemas#PATTERN_TRACE_LISTS}, as {@code io.tracemine.mine.PatternTraces#lists} and the
 * stats inputs give it). The stored layout is decoded only by {@code PatternTraces}; this class
 * only knows the lists view, so the stats code that needs pairs has one place to change.
 */
public final class PatternTraceLinks {
  private PatternTraceLinks() {}

  /**
   * One row per (pattern, trace instance containing it): {@code library}, {@code pattern_id},
   * {@code trace_id}, {@code question_id}.
   */
  public static Dataset<Row> of(Dataset<Row> patternTraces) {
    return patternTraces
        .select(
            col("library"),
            col("pattern_id"),
            explode(arrays_zip(col("trace_ids"), col("question_ids"))).as("link"))
        .select(
            col("library"),
            col("pattern_id"),
            col("link.trace_ids").as("trace_id"),
            col("link.question_ids").as("question_id"));
  }
}
