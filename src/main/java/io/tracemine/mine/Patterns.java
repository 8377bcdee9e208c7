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
import org.apache.spark.sql.types.StructType;

/**
 * The one reader of the {@code patterns} tables: every other class gets a pattern's (file,
 * function) items from here ({@link Schemas#PATTERNS}), never from the stored layout, which names
 * the items by id ({@link Schemas#PATTERNS_STORED}) in a small item table ({@link
 * Schemas#PATTERN_ITEMS}, {@code pattern_items}) written once per table (docs/TABLES.md).
 *
 * <p>The view keeps the stored rows' order and partitioning. A table written before the item ids
 * (with the {@code pattern} structs themselves) is read as it is.
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
    Dataset<Row> stored = tables.read(table, new StructType(), "mine");
    if (Arrays.asList(stored.columns()).contains("pattern")) {
      OutputTables.requireColumns(stored, Schemas.PATTERNS, table);
      return stored.select(columns(Schemas.PATTERNS));
    }
    OutputTables.requireColumns(stored, Schemas.PATTERNS_STORED, table);
    return view(stored, tables.read(itemsTable(table), Schemas.PATTERN_ITEMS, "mine"), table);
  }

  /**
   * {@link Schemas#PATTERNS} rows of stored rows ({@link Schemas#PATTERNS_STORED}) and their item
   * table ({@link Schemas#PATTERN_ITEMS}, collected to the driver: one row per distinct item).
   *
   * @throws MalformedInputException if the item table repeats or skips an id
   */
  public static Dataset<Row> view(Dataset<Row> stored, Dataset<Row> items, String table) {
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
    return stored
        .select(columns(Schemas.PATTERNS_STORED))
        .mapPartitions(new Restore(names, table), Encoders.row(Schemas.PATTERNS));
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
