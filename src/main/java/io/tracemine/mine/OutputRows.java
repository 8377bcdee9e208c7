package io.tracemine.mine;

import io.tracemine.mine.codec.TraceList;
import io.tracemine.spark.Schemas;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeArrayWriter;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Writes the mine stage's output rows straight into Spark's binary row format ({@link UnsafeRow}),
 * field by field from a {@link MinedGroup}'s flat arrays: no boxed values, no per-row arrays (the
 * {@code items} and {@code example_question_ids} of 2.7 M {@code patterns} rows at 1 M traces) and
 * no generic row for Spark to convert. The bytes are those Spark's own projection of the equivalent
 * generic row gives ({@code OutputRowsTest}).
 *
 * <p>One writer per partition: each call rewrites the same row, which is valid until the next call
 * (Spark copies a row it keeps; a caller that keeps rows must {@link UnsafeRow#copy()} them).
 */
final class OutputRows {
  private final UnsafeRowWriter row;
  private final UnsafeArrayWriter ints;
  private final UnsafeArrayWriter longs;

  private OutputRows(int fields) {
    row = new UnsafeRowWriter(fields, 256);
    ints = new UnsafeArrayWriter(row, Integer.BYTES);
    longs = new UnsafeArrayWriter(row, Long.BYTES);
  }

  /** A writer of {@link Schemas#PATTERNS_STORED} rows. */
  static OutputRows patterns() {
    return new OutputRows(Schemas.PATTERNS_STORED.size());
  }

  /** A writer of {@link Schemas#PATTERN_TRACES} rows. */
  static OutputRows patternTraces() {
    return new OutputRows(Schemas.PATTERN_TRACES.size());
  }

  /**
   * Pattern p of {@code g} as a {@link Schemas#PATTERNS_STORED} row: library, the 20 id bytes, item
   * ids, length, the three supports, the {@code examples} smallest distinct question ids, the
   * measure's key and the group's min-support.
   */
  UnsafeRow pattern(
      MinedGroup g, int p, UTF8String library, UTF8String measure, int examples, long[] buffer) {
    row.reset();
    row.zeroOutNullBytes();
    row.write(0, library);
    row.write(1, g.ids, 20 * p, 20);
    int from = p == 0 ? 0 : g.itemEnds[p - 1];
    int length = g.itemEnds[p] - from;
    int start = row.cursor();
    ints.initialize(length);
    for (int i = 0; i < length; i++) {
      ints.write(i, g.items[from + i]);
    }
    row.setOffsetAndSizeFromPreviousCursor(2, start);
    row.write(3, length);
    row.write(4, g.traceSupport[p]);
    row.write(5, g.questionSupport[p]);
    row.write(6, g.occurrenceSupport[p]);
    int n = g.examplesInto(p, examples, buffer);
    start = row.cursor();
    longs.initialize(n);
    for (int i = 0; i < n; i++) {
      longs.write(i, buffer[i]);
    }
    row.setOffsetAndSizeFromPreviousCursor(7, start);
    row.write(8, measure);
    row.write(9, g.minSupport);
    return row.getRow();
  }

  /** Pattern p of {@code g} as a {@link Schemas#PATTERN_TRACES} row: library, id, packed traces. */
  UnsafeRow patternTraces(MinedGroup g, int p, UTF8String library, TraceList.Encoder encoder) {
    row.reset();
    row.zeroOutNullBytes();
    row.write(0, library);
    row.write(1, g.ids, 20 * p, 20);
    row.write(2, g.packedTraces(p, encoder));
    return row.getRow();
  }
}
