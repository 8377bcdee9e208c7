package io.tracemine.mine;

import io.tracemine.MalformedInputException;
import io.tracemine.spark.LazyIterators;
import io.tracemine.spark.OutputTables;
import io.tracemine.spark.Schemas;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one reader of the {@code patterns} tables: every other class gets a pattern's (file,
 * function) items from here ({@link Schemas#PATTERNS}), never from the stored layout, which names
 * the items by id ({@link Schemas#PATTERNS_STORED}) in a small item table ({@link
 * Schemas#PATTERN_ITEMS}, {@code pattern_items}) written once per table (docs/TABLES.md).
 *
 * <p>The view keeps the stored rows' order and partitioning; its {@code pattern_id} is the
 * lower-case hex of the stored 20 bytes. A table written before the item ids (with the {@code
 * pattern} structs themselves), or before the binary ids (hex strings), is read as it is.
 */
public final class Patterns {
  private static final String PATTERNS = "patterns";
  private static final String ITEMS = "pattern_items";

  private Patterns() {}

  /**
   * The item table of a patterns table: {@code patterns_minsup1} → {@code pattern_items_minsup1}.
   */
  public static String itemsTable(String patternsTable) {
    if (!patternsTable.startsWith(PATTERNS)) {
      throw new IllegalArgumentException(
          "'" + patternsTable + "' is not a patterns table (its name must start with 'patterns')");
    }
    return ITEMS + patternsTable.substring(PATTERNS.length());
  }

  /**
   * Reads a {@code patterns} table of the run ({@code patterns} or {@code patterns_minsup1}) with
   * its item table, as {@link Schemas#PATTERNS}.
   */
  public static Dataset<Row> read(OutputTables tables, String table) {
    var manifest = tables.manifest("mine"); // read once for both tables
    Dataset<Row> stored = tables.readCommitted(table, new StructType(), "mine", manifest);
    if (Arrays.asList(stored.columns()).contains("pattern")) {
      OutputTables.requireColumns(stored, Schemas.PATTERNS, table);
      return stored.select(columns(Schemas.PATTERNS));
    }
    return view(
        stored,
        tables.readCommitted(itemsTable(table), Schemas.PATTERN_ITEMS, "mine", manifest),
        table);
  }

  /**
   * {@link Schemas#PATTERNS} rows of stored rows ({@link Schemas#PATTERNS_STORED}) and their item
   * table ({@link Schemas#PATTERN_ITEMS}, collected to the driver: one row per distinct item).
   *
   * @throws MalformedInputException if the item table repeats or skips an id, or a column is
   *     missing
   */
  public static Dataset<Row> view(Dataset<Row> stored, Dataset<Row> items, String table) {
    OutputTables.requireColumns(stored, withoutPatternId(Schemas.PATTERNS_STORED), table);
    OutputTables.requireColumns(items, Schemas.PATTERN_ITEMS, itemsTable(table));
    List<Row> rows = items.select("item_id", "file", "function").collectAsList();
    String[] files = new String[rows.size()];
    String[] functions = new String[rows.size()];
    for (Row r : rows) {
      int id = r.getInt(0);
      if (id < 0 || id >= files.length || files[id] != null) {
        throw new MalformedInputException(
            "Cannot read "
                + itemsTable(table)
                + ": item_id "
                + id
                + (id < 0 || id >= files.length
                    ? " is outside 0.." + (files.length - 1)
                    : " appears twice")
                + " (the ids must be 0..n-1, once each; re-run the 'mine' stage)");
      }
      files[id] = r.getString(1);
      functions[id] = r.getString(2);
    }
    Broadcast<ItemNames> names =
        JavaSparkContext.fromSparkContext(stored.sparkSession().sparkContext())
            .broadcast(new ItemNames(files, functions));
    return hexIds(stored, table)
        .select(columns(Schemas.PATTERNS_STORED))
        .mapPartitions(new Restore(names, table), Encoders.row(Schemas.PATTERNS));
  }

  /**
   * {@code stored} with its {@code pattern_id} as lower-case hex: the stored 20 SHA-1 bytes
   * converted, or a table written before the binary ids (hex strings) as it is.
   *
   * @throws MalformedInputException if there is no {@code pattern_id} of either type
   */
  static Dataset<Row> hexIds(Dataset<Row> stored, String table) {
    var field =
        Arrays.stream(stored.schema().fields())
            .filter(f -> f.name().equals("pattern_id"))
            .findFirst()
            .orElseThrow(
                () ->
                    new MalformedInputException(
                        "Cannot use table '" + table + "': missing column 'pattern_id'"));
    if (field.dataType() instanceof StringType) {
      return stored;
    }
    if (!(field.dataType() instanceof BinaryType)) {
      throw new MalformedInputException(
          "Cannot use table '"
              + table
              + "': column 'pattern_id' has type "
              + field.dataType().simpleString()
              + " but must be binary (or string, as written before 2026-11-30)");
    }
    return stored.withColumn(
        "pattern_id", functions.lower(functions.hex(functions.col("pattern_id"))));
  }

  /** {@code schema} without its {@code pattern_id} field ({@link #hexIds} checks that one). */
  static StructType withoutPatternId(StructType schema) {
    return new StructType(
        Arrays.stream(schema.fields())
            .filter(f -> !f.name().equals("pattern_id"))
            .toArray(StructField[]::new));
  }

  private static Column[] columns(StructType schema) {
    return Arrays.stream(schema.fieldNames()).map(functions::col).toArray(Column[]::new);
  }

  /** The items' files and functions, indexed by item id. */
  record ItemNames(String[] files, String[] functions) implements Serializable {}

  /** Stored rows to view rows: the item ids replaced by their (file, function) structs. */
  static final class Restore implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<ItemNames> names;
    private final String table;

    Restore(Broadcast<ItemNames> names, String table) {
      this.names = names;
      this.table = table;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      ItemNames n = names.value();
      Row[] items = new Row[n.files().length];
      return LazyIterators.flatMap(
          rows,
          (r, out) -> {
            List<Integer> ids = r.getList(2);
            Row[] pattern = new Row[ids.size()];
            for (int i = 0; i < pattern.length; i++) {
              int id = ids.get(i);
              if (id < 0 || id >= items.length) {
                throw new MalformedInputException(
                    "Cannot read "
                        + table
                        + ": pattern "
                        + r.getString(1)
                        + " ("
                        + r.getString(0)
                        + ") names item "
                        + id
                        + ", which "
                        + itemsTable(table)
                        + " lacks (re-run the 'mine' stage)");
              }
              if (items[id] == null) {
                items[id] = RowFactory.create(n.files()[id], n.functions()[id]);
              }
              pattern[i] = items[id];
            }
            Object[] values = new Object[r.size()];
            for (int c = 0; c < values.length; c++) {
              values[c] = c == 2 ? pattern : r.get(c);
            }
            out.accept(RowFactory.create(values));
          });
    }
  }
}
