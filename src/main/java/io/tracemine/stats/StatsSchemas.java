package io.tracemine.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark schemas of the stats tables. The columns are declared once, by the pure code that fills
 * them ({@link Table}); this maps them to nullable Spark fields. Documented in
 * docs/TABLES-stats.md.
 */
public final class StatsSchemas {
  private StatsSchemas() {}

  /** The StructType of {@code table}: one nullable field per column, in order. */
  public static StructType of(Table table) {
    List<StructField> fields = new ArrayList<>();
    for (Table.Column c : table.columns()) {
      fields.add(DataTypes.createStructField(c.name(), sparkType(c.type()), true));
    }
    return new StructType(fields.toArray(StructField[]::new));
  }

  private static DataType sparkType(Table.Type type) {
    return switch (type) {
      case STRING -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
    };
  }
}
