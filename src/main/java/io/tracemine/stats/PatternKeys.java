package io.tracemine.stats;

import io.tracemine.mine.PatternIds;
import java.util.HexFormat;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * A {@code pattern_id} of either type the stats stage may be given: the lower-case hex string of
 * the tables' views ({@code mine.Patterns}, {@code mine.PatternTraces}) or the 20 SHA-1 bytes the
 * mine stage stores. The driver names every pattern by its hex ({@link PatternFacts#patternId()});
 * a key sent to Spark takes the type of the table it is joined with, so a binary column is never
 * converted row by row.
 */
final class PatternKeys {
  private PatternKeys() {}

  /**
   * A pattern id as the driver names it: a string as it is, binary bytes as their lower-case hex
   * (which orders as the bytes compared unsigned), as {@code mine.Patterns#hexIds} converts them.
   */
  static String hex(Object id) {
    return id instanceof byte[] bytes ? PatternIds.hex(bytes) : (String) id;
  }

  /** Whether {@code table}'s {@code pattern_id} column is binary (the stored bytes). */
  static boolean binary(Dataset<Row> table) {
    return table.schema().apply("pattern_id").dataType() instanceof BinaryType;
  }

  /** The type of a key column joined with {@code pattern_id} of that {@link #binary} type. */
  static DataType type(boolean binary) {
    return binary ? DataTypes.BinaryType : DataTypes.StringType;
  }

  /**
   * The key of pattern id {@code hex} in a {@code pattern_id} column of that {@link #binary} type:
   * the id itself, or its bytes; null when the column is binary and {@code hex} is not an even
   * number of hex digits (no stored id equals it, so it joins with no row).
   */
  static Object key(String hex, boolean binary) {
    if (!binary) {
      return hex;
    }
    if (hex.length() % 2 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return null;
    }
    return HexFormat.of().parseHex(hex);
  }
}
