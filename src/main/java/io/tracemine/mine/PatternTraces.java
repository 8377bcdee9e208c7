package io.tracemine.mine;

import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import io.tracemine.spark.OutputTables;
import io.tracemine.spark.Schemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The one reader of the {@code pattern_traces} tables: every other class gets the trace instances
 * of a pattern from here, never by decoding the stored layout itself (docs/TABLES.md).
 *
 * <p>Two views: {@link #lists} gives one row per pattern ({@link Schemas#PATTERN_TRACE_LISTS}:
 * {@code trace_ids} ascending, {@code question_ids[i]} the question of {@code trace_ids[i]}), and
 * {@link #pairs} one row per (pattern, trace) ({@link Schemas#PATTERN_TRACE_PAIRS}).
 */
public final class PatternTraces {
  private PatternTraces() {}

  /**
   * Reads a {@code pattern_traces} table of the run ({@code pattern_traces} or
   * {@code pattern_traces_minsup1}) as {@link #lists}.
   */
  public static Dataset<Row> read(OutputTables tables, String table) {
    return lists(tables.read(table, Schemas.PATTERN_TRACES, "mine"));
  }

  /** Reads a {@code pattern_traces} table of the run as {@link #pairs}. */
  public static Dataset<Row> readPairs(OutputTables tables, String table) {
    return pairs(tables.read(table, Schemas.PATTERN_TRACES, "mine"));
  }

  /**
   * One row per pattern, {@link Schemas#PATTERN_TRACE_LISTS}, from stored rows
   * ({@link Schemas#PATTERN_TRACES}, as written by the mine stage or read from its table).
   */
  public static Dataset<Row> lists(Dataset<Row> stored) {
    OutputTables.requireColumns(stored, Schemas.PATTERN_TRACES, "pattern_traces");
    return stored.select("library", "pattern_id", "trace_ids", "question_ids");
  }

  /**
   * One row per (pattern, trace instance containing it), {@link Schemas#PATTERN_TRACE_PAIRS}, from
   * stored rows; in no particular order.
   */
  public static Dataset<Row> pairs(Dataset<Row> stored) {
    return lists(stored)
        .select(col("library"), col("pattern_id"),
            explode(arrays_zip(col("trace_ids"), col("question_ids"))).as("t"))
        .select(col("library"), col("pattern_id"), col("t.trace_ids").as("trace_id"),
            col("t.question_ids").as("question_id"));
  }
}
