package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A month-partitioned table that another program changed is refused naming what is wrong. */
@ExtendWith(SharedSpark.class)
class OutputTablesLayoutTest {
  private static final StructType SCHEMA =
      Schemas.struct(
          Schemas.required("id", DataTypes.LongType),
          Schemas.required(MonthPartitions.COLUMN, DataTypes.StringType));
  private final SparkSession spark = SharedSpark.session();

  private Path monthTable(Path root) {
    List<Row> rows = List.of(RowFactory.create(1L, "2020-01"), RowFactory.create(2L, "2020-02"));
    Path table = root.resolve("traces");
    spark
        .createDataFrame(rows, SCHEMA)
        .write()
        .partitionBy(MonthPartitions.COLUMN)
        .parquet(table.toString());
    return table;
  }

  @Test
  void aFolderThatIsNotAMonthInsideTheTableIsNamed(@TempDir Path root) throws Exception {
    Path table = monthTable(root);
    Path stray = Files.createDirectory(table.resolve("copy-of-january"));
    try (Stream<Path> files = Files.list(table.resolve(MonthPartitions.COLUMN + "=2020-01"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
        Files.copy(f, stray.resolve(f.getFileName()));
      }
    }
    OutputTables tables = new OutputTables(spark, root.toString());
    assertThatThrownBy(() -> tables.read("traces", new StructType(), "extract"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("Cannot read table 'traces' at ")
        .hasMessageContaining("its folders do not have one layout (")
        .hasMessageContaining("copy-of-january")
        .hasMessageEndingWith(
            "remove what does not belong to the table or rerun the 'extract' stage");
  }

  @Test
  void anEmptyMonthFolderIsAMonthWithoutRows(@TempDir Path root) throws Exception {
    Path table = monthTable(root);
    Files.createDirectory(table.resolve(MonthPartitions.COLUMN + "=2099-01"));
    OutputTables tables = new OutputTables(spark, root.toString());
    assertThat(tables.read("traces", new StructType(), "extract").count()).isEqualTo(2);
  }
}
