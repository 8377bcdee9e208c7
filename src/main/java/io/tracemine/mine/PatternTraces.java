package io.tracemine.mine;

import io.tracemine.MalformedInputException;
import io.tracemine.mine.codec.TraceList;
import io.tracemine.spark.LazyIterators;
import io.tracemine.spark.OutputTables;
import io.tracemine.spark.Schemas;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The one reader of the {@code pattern_traces} tables: every other class gets the trace instances
 * of a pattern from here, never by decoding the stored layout ({@link TraceList}) itself
 * (docs/TABLES.md).
 *
 * <p>Two views: {@link #lists} gives one row per pattern ({@link Schemas#PATTERN_TRACE_LISTS}:
 * {@code trace_ids} ascending, {@code question_ids[i]} the question of {@code trace_ids[i]}), and
 * {@link #pairs} one row per (pattern, trace) ({@link Schemas#PATTERN_TRACE_PAIRS}). Both keep the
 * stored rows' order, and give the pattern id in lower-case hex (stored as 20 bytes; a table
 * written before that, with hex strings, is read as it is).
 */
public final class PatternTraces {
  private PatternTraces() {}

  /**
   * Reads a {@code pattern_traces} table of the run ({@code pattern_traces} or {@code
   * pattern_traces_minsup1}) as {@link #lists}.
   */
  public static Dataset<Row> read(OutputTables tables, String table) {
    return lists(tables.readCommitted(table, new StructType(), "mine"), table);
  }

  /** Reads a {@code pattern_traces} table of the run as {@link #pairs}. */
  public static Dataset<Row> readPairs(OutputTables tables, String table) {
    return pairs(tables.readCommitted(table, new StructType(), "mine"), table);
  }

  /**
   * One row per pattern, {@link Schemas#PATTERN_TRACE_LISTS}, from stored rows ({@link
   * Schemas#PATTERN_TRACES}, as written by the mine stage or read from its table).
   */
  public static Dataset<Row> lists(Dataset<Row> stored) {
    return lists(stored, "pattern_traces");
  }

  /** {@link #lists(Dataset)} of the rows of {@code table}, the name its errors give. */
  static Dataset<Row> lists(Dataset<Row> stored, String table) {
    return stored(stored, table)
        .mapPartitions(new Decode(false, table), Encoders.row(Schemas.PATTERN_TRACE_LISTS));
  }

  /**
   * One row per (pattern, trace instance containing it), {@link Schemas#PATTERN_TRACE_PAIRS}, from
   * stored rows.
   */
  public static Dataset<Row> pairs(Dataset<Row> stored) {
    return pairs(stored, "pattern_traces");
  }

  /** {@link #pairs(Dataset)} of the rows of {@code table}, the name its errors give. */
  static Dataset<Row> pairs(Dataset<Row> stored, String table) {
    return stored(stored, table)
        .mapPartitions(new Decode(true, table), Encoders.row(Schemas.PATTERN_TRACE_PAIRS));
  }

  private static Dataset<Row> stored(Dataset<Row> stored, String table) {
    OutputTables.requireColumns(stored, Patterns.withoutPatternId(Schemas.PATTERN_TRACES), table);
    return Patterns.hexIds(stored, table).select("library", "pattern_id", "traces");
  }

  /** Decodes stored rows into lists (one row per pattern) or pairs (one per trace). */
  static final class Decode implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final boolean pairs;
    private final String table;

    Decode(boolean pairs, String table) {
      this.pairs = pairs;
      this.table = table;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return LazyIterators.flatMap(
          rows,
          (r, out) -> {
            TraceList list;
            try {
              list = TraceList.decode((byte[]) r.get(2));
            } catch (IllegalArgumentException e) {
              throw new MalformedInputException(
                  "Cannot read "
                      + table
                      + " of pattern "
                      + r.getString(1)
                      + " ("
                      + r.getString(0)
                      + "): "
                      + e.getMessage());
            }
            String[] ids = list.traceIds();
            long[] questions = list.questionIds();
            if (pairs) {
              for (int i = 0; i < ids.length; i++) {
                out.accept(RowFactory.create(r.getString(0), r.getString(1), ids[i], questions[i]));
              }
            } else {
              Long[] boxed = new Long[questions.length];
              for (int i = 0; i < boxed.length; i++) {
                boxed[i] = questions[i];
              }
              out.accept(RowFactory.create(r.getString(0), r.getString(1), ids, boxed));
            }
          });
    }
  }
}
