package io.tracemine.spark;

import static io.tracemine.testing.Serialization.roundTrip;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class InternalRowsTest {
  private static final StructType FRAME =
      Schemas.struct(
          Schemas.required("file", DataTypes.StringType),
          Schemas.nullable("line", DataTypes.IntegerType));
  private static final StructType NESTED =
      Schemas.struct(
          Schemas.required("id", DataTypes.LongType),
          Schemas.nullable("when", DataTypes.TimestampType),
          Schemas.required("tags", DataTypes.createArrayType(DataTypes.StringType, false)),
          Schemas.required("frames", DataTypes.createArrayType(FRAME, false)),
          Schemas.nullable("score", DataTypes.DoubleType));
  private final SparkSession spark = SharedSpark.session();

  /** Builds a nested row per input Id, as extract's parser does. */
  static final class Nest implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(Iterator<Row> in) {
      return LazyIterators.map(
          in,
          r -> {
            long id = r.getLong(0);
            Row[] frames = new Row[(int) (id % 3)];
            for (int i = 0; i < frames.length; i++) {
              frames[i] = RowFactory.create("f" + i + "é", i == 1 ? null : i);
            }
            return RowFactory.create(
                id,
                id % 2 == 0 ? null : new Timestamp(1_600_000_000_000L + id * 1000),
                new String[] {"a", "ü" + id},
                frames,
                id == 4 ? null : id / 3.0);
          });
    }
  }

  @Test
  void mappedRowsAreThoseOfTheRowEncoder() {
    Dataset<Row> ids = spark.range(0, 50, 1, 3).toDF("id");
    List<Row> viaEncoder =
        ids.mapPartitions(new Nest(), Encoders.row(NESTED)).orderBy("id").collectAsList();
    Dataset<Row> internal = InternalRows.mapPartitions(spark, ids, roundTrip(new Nest()), NESTED);
    assertThat(internal.schema()).isEqualTo(NESTED);
    assertThat(internal.orderBy("id").collectAsList()).isEqualTo(viaEncoder).hasSize(50);
  }

  @Test
  void withSchemaKeepsTheRowsAndTakesTheNullability() {
    Dataset<Row> data =
        spark.range(0, 20, 1, 2).toDF("id").select(col("id"), col("id").cast("string").as("name"));
    StructType wanted =
        Schemas.struct(
            Schemas.required("id", DataTypes.LongType),
            Schemas.required("name", DataTypes.StringType));
    Dataset<Row> conformed = InternalRows.withSchema(data, wanted);
    assertThat(conformed.schema()).isEqualTo(wanted);
    assertThat(conformed.collectAsList())
        .isEqualTo(spark.createDataFrame(data.rdd(), wanted).collectAsList())
        .hasSize(20);
  }

  @Test
  void withSchemaRefusesAnotherTypeNamingTheColumn() {
    Dataset<Row> data = spark.range(0, 2).toDF("id");
    StructType wanted = Schemas.struct(Schemas.required("id", DataTypes.IntegerType));
    assertThatThrownBy(() -> InternalRows.withSchema(data, wanted))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot give the schema struct<id:int> to rows of struct<id:bigint>: column 'id'"
                + " differs by type");
  }

  @Test
  void aNullInANonNullableColumnFailsNamingIt() {
    Dataset<Row> data = spark.range(0, 2).toDF("id").select(lit(null).cast("string").as("name"));
    StructType wanted = Schemas.struct(Schemas.required("name", DataTypes.StringType));
    assertThatThrownBy(() -> InternalRows.withSchema(data, wanted).collectAsList())
        .isInstanceOf(SparkException.class)
        .rootCause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot write a null in the non-nullable column 'name'");
  }
}
