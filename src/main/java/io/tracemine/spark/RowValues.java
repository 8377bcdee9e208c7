package io.tracemine.spark;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Builds rows of one schema by column name: names are resolved to positions once, when this is
 * created, so a row is filled without knowing the column order, and {@link Builder#build()} refuses
 * a row that leaves a non-nullable column unset or names a column the schema lacks.
 */
public final class RowValues {
  private final StructType schema;
  private final Map<String, Integer> positions = new HashMap<>();
  private final BitSet required = new BitSet();

  private RowValues(StructType schema) {
    this.schema = schema;
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      positions.put(fields[i].name(), i);
      if (!fields[i].nullable()) {
        required.set(i);
      }
    }
  }

  public static RowValues of(StructType schema) {
    return new RowValues(schema);
  }

  public Builder row() {
    return new Builder();
  }

  /** One row's values; a column not set is null. */
  public final class Builder {
    private final Object[] values = new Object[positions.size()];
    private final BitSet set = new BitSet();

    private Builder() {}

    public Builder set(String column, Object value) {
      Integer position = positions.get(column);
      if (position == null) {
        throw new IllegalArgumentException(
            "Cannot set column '" + column + "': not in the schema " + schema.simpleString());
      }
      values[position] = value;
      set.set(position);
      return this;
    }

    public Row build() {
      BitSet missing = (BitSet) required.clone();
      missing.andNot(set);
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "Cannot build a row: required column '"
                + schema.fields()[missing.nextSetBit(0)].name()
                + "' is not set");
      }
      return RowFactory.create(values);
    }
  }
}
