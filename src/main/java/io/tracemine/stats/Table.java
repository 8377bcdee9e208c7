package io.tracemine.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small result table built by the pure statistics code: named, typed columns and rows of boxed
 * values ({@code String}, {@code Integer}, {@code Long}, {@code Double} or null). The Spark stage
 * turns it into a {@code Dataset<Row>} with {@link StatsSchemas#of(Table)}.
 */
public record Table(String name, List<Column> columns, List<Object[]> rows) {

  /** Column types; every column is nullable. */
  public enum Type {
    STRING,
    INT,
    LONG,
    DOUBLE
  }

  /** One column. */
  public record Column(String name, Type type) {}

  /** Index of the column {@code name}. */
  public int indexOf(String columnName) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(columnName)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "Cannot find column '"
            + columnName
            + "' in table '"
            + name
            + "' (columns: "
            + columnNames()
            + ")");
  }

  /** The value of {@code column} in row {@code row}. */
  public Object value(int row, String columnName) {
    return rows.get(row)[indexOf(columnName)];
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /** Collects columns and rows; rows are checked against the column count. */
  public static final class Builder {
    private final String name;
    private final List<Column> columns = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();

    public Builder(String name) {
      this.name = name;
    }

    public Builder column(String columnName, Type type) {
      columns.add(new Column(columnName, type));
      return this;
    }

    public Builder row(Object... values) {
      return row(Arrays.asList(values));
    }

    public Builder row(List<Object> values) {
      if (values.size() != columns.size()) {
        throw new IllegalStateException(
            "Cannot add a row of "
                + values.size()
                + " values to table '"
                + name
                + "' with "
                + columns.size()
                + " columns");
      }
      rows.add(values.toArray());
      return this;
    }

    public Table build() {
      return new Table(name, List.copyOf(columns), List.copyOf(rows));
    }
  }
}
