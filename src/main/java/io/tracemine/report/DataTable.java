package io.tracemine.report;

import io.tracemine.stats.Rq1Tables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A small table read back from the run's output (a stats table, a counts table): its name, column
 * names in order, and rows of plain Java values ({@code Long}, {@code Integer}, {@code Double},
 * {@code String}, {@code Boolean} or {@code null}). Immutable.
 */
public record DataTable(String name, List<String> columns, List<List<Object>> rows) {
  /** The stats tables' row over all libraries. */
  public static final String ALL = Rq1Tables.ALL;

  public DataTable {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "Cannot build table '"
                + name
                + "': a row has "
                + row.size()
                + " values but there are "
                + columns.size()
                + " columns "
                + columns);
      }
      copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = List.copyOf(copy);
  }

  /** The index of {@code column}, or -1 when the table has no such column. */
  public int indexOf(String column) {
    return columns.indexOf(column);
  }

  public boolean hasColumn(String column) {
    return columns.contains(column);
  }

  /**
   * The value of {@code column} in {@code row}; fails naming the table when the column is absent.
   */
  public Object value(List<Object> row, String column) {
    int i = indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException(
          "Cannot read column '" + column + "' of table '" + name + "': it has only " + columns);
    }
    return row.get(i);
  }

  /** The numeric value of {@code column} in {@code row} as a double, or NaN when it is null. */
  public double number(List<Object> row, String column) {
    Object v = value(row, column);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  public String text(List<Object> row, String column) {
    Object v = value(row, column);
    return v == null ? null : v.toString();
  }

  /**
   * The rows ordered by library (alphabetical, the pooled {@code all} row last), keeping the order
   * of rows of the same library ({@code library_a} for pair tables); without a library column, rows
   * ordered by a numeric first column (e.g. table7's {@code libraries}), else as they are.
   */
  public DataTable sortedByLibrary() {
    int i = indexOf("library") >= 0 ? indexOf("library") : indexOf("library_a");
    if (i < 0) {
      if (!columns.isEmpty()
          && !rows.isEmpty()
          && rows.stream().allMatch(r -> r.get(0) instanceof Number)) {
        List<List<Object>> sorted = new ArrayList<>(rows);
        sorted.sort(
            Comparator.comparingDouble((List<Object> r) -> ((Number) r.get(0)).doubleValue()));
        return new DataTable(name, columns, sorted);
      }
      return this;
    }
    Comparator<List<Object>> byLibrary =
        Comparator.comparing(
            (List<Object> r) ->
                r.get(i) == null
                    ? "\uffff"
                    : ALL.equals(r.get(i)) ? "\ufffe" : r.get(i).toString());
    List<List<Object>> sorted = new ArrayList<>(rows);
    sorted.sort(byLibrary);
    return new DataTable(name, columns, sorted);
  }
}
