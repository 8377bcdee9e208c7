package io.tracemine.spark;

import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The one place that knows the layout of {@code pattern_traces} (docs/TABLES.md): every reader that
 * needs (pattern, trace) pairs gets them here, so a change of the layout touches only this class.
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
