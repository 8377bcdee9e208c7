package io.tracemine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tracemine.stats.SpreadsheetText;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/** The CSV copies' text cells, neutralised as {@link SpreadsheetText#neutralise} does. */
final class CsvCells {
  private CsvCells() {}

  /** {@code table} with every string column neutralised; other columns unchanged, same order. */
  static Dataset<Row> neutralised(Dataset<Row> table) {
    StructField[] fields = table.schema().fields();
    Column[] columns = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      Column c = col("`" + fields[i].name() + "`");
      columns[i] =
          fields[i].dataType().equals(DataTypes.StringType)
              ? when(c.rlike("^(?:" + SpreadsheetText.FORMULA_START + ")"), concat(lit("'"), c))
                  .otherwise(c)
                  .as(fields[i].name())
              : c;
    }
    return table.select(columns);
  }
}
