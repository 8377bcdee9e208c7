package io.tracemine.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Function1;

/**
 * Datasets given a schema, and rows made by Java code turned into Spark's own rows, without the
 * generated row encoders. {@code createDataFrame(ds.rdd(), schema)} decodes every value of every
 * row into Java objects (each body into a {@code String}) and encodes it back; the encoder of a
 * nested schema (traces with frames) is one generated method that cost extract a tenth of its CPU
 * (docs/PERFORMANCE.md, "Ingest and extract, session 13"). Scala's {@code private[sql]} methods
 * used here are public to Java.
 */
public final class InternalRows {
  private InternalRows() {}

  /**
   * The rows of {@code data} under {@code schema}: the same column names and types in the same
   * order, only the nullability may differ. A null in a column that {@code schema} declares
   * non-nullable fails the task, naming the column (as the row encoder did).
   *
   * @throws IllegalArgumentException naming the first column whose name or type differs
   */
  public static Dataset<Row> withSchema(Dataset<Row> data, StructType schema) {
    checkSameTypes(data.schema(), schema);
    var rows = data.queryExecution().toRdd().toJavaRDD().mapPartitions(new RequireValues(schema));
    return data.sparkSession().internalCreateDataFrame(rows.rdd(), schema, false);
  }

  /**
   * The rows that {@code function} makes of {@code data}'s rows, as a Dataset of {@code schema}
   * (which the function's rows follow, as with {@code Encoders.row(schema)}).
   */
  public static Dataset<Row> mapPartitions(
      SparkSession spark,
      Dataset<Row> data,
      MapPartitionsFunction<Row, Row> function,
      StructType schema) {
    var rows = data.toJavaRDD().mapPartitions(new ToInternal(function, schema));
    return spark.internalCreateDataFrame(rows.rdd(), schema, false);
  }

  static void checkSameTypes(StructType actual, StructType wanted) {
    StructField[] a = actual.fields();
    StructField[] w = wanted.fields();
    for (int i = 0; i < Math.max(a.length, w.length); i++) {
      if (i >= a.length || i >= w.length || !a[i].name().equals(w[i].name())) {
        throw new IllegalArgumentException(
            "Cannot give the schema "
                + wanted.simpleString()
                + " to rows of "
                + actual.simpleString()
                + ": column "
                + i
                + " differs by name");
      }
      if (!sameType(a[i].dataType(), w[i].dataType())) {
        throw new IllegalArgumentException(
            "Cannot give the schema "
                + wanted.simpleString()
                + " to rows of "
                + actual.simpleString()
                + ": column '"
                + w[i].name()
                + "' differs by type");
      }
    }
  }

  /** Equal types, ignoring nullability at every level. */
  static boolean sameType(DataType a, DataType b) {
    if (a instanceof StructType sa && b instanceof StructType sb) {
      if (sa.fields().length != sb.fields().length) {
        return false;
      }
      for (int i = 0; i < sa.fields().length; i++) {
        StructField fa = sa.fields()[i];
        StructField fb = sb.fields()[i];
        if (!fa.name().equals(fb.name()) || !sameType(fa.dataType(), fb.dataType())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof ArrayType aa && b instanceof ArrayType ab) {
      return sameType(aa.elementType(), ab.elementType());
    }
    if (a instanceof MapType ma && b instanceof MapType mb) {
      return sameType(ma.keyType(), mb.keyType()) && sameType(ma.valueType(), mb.valueType());
    }
    return a.equals(b);
  }

  /** Passes rows on, failing on a null in a non-nullable top-level column. */
  static final class RequireValues implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private static final long serialVersionUID = 1L;
    private final int[] required;
    private final String[] names;

    RequireValues(StructType schema) {
      List<Integer> positions = new ArrayList<>();
      for (int i = 0; i < schema.fields().length; i++) {
        if (!schema.fields()[i].nullable()) {
          positions.add(i);
        }
      }
      this.required = positions.stream().mapToInt(Integer::intValue).toArray();
      this.names = schema.fieldNames();
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
      return LazyIterators.map(rows, this::check);
    }

    InternalRow check(InternalRow row) {
      for (int i : required) {
        if (row.isNullAt(i)) {
          throw new IllegalStateException(
              "Cannot write a null in the non-nullable column '" + names[i] + "'");
        }
      }
      return row;
    }
  }

  /** Applies a row function, then converts its rows to Spark's representation. */
  static final class ToInternal implements FlatMapFunction<Iterator<Row>, InternalRow> {
    private static final long serialVersionUID = 1L;
    private final MapPartitionsFunction<Row, Row> function;
    private final StructType schema;

    ToInternal(MapPartitionsFunction<Row, Row> function, StructType schema) {
      this.function = function;
      this.schema = schema;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<Row> rows) throws Exception {
      Function1<Object, Object> convert = CatalystTypeConverters.createToCatalystConverter(schema);
      return LazyIterators.map(function.call(rows), r -> (InternalRow) convert.apply(r));
    }
  }
}
