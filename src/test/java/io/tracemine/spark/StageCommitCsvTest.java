package io.tracemine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedSpark.class)
class StageCommitCsvTest {
  private final SparkSession spark = SharedSpark.session();

  /** A table Spark computes (not rows held by the driver), ordered, with text, nulls, doubles. */
  private Dataset<Row> computed() {
    return spark
        .range(0, 40, 1, 4)
        .select(
            when(col("id").mod(3).equalTo(0), concat(lit("=x"), col("id").cast("string")))
                .otherwise(col("id").cast("string"))
                .as("text"),
            col("id"),
            when(col("id").mod(5).notEqual(0), col("id").divide(7.0)).as("ratio"))
        .orderBy(col("id").desc());
  }

  @Test
  void theCsvCopyOfAComputedTableEqualsTheCopyWrittenFromItsRows(@TempDir Path dir)
      throws Exception {
    Dataset<Row> table = computed();
    assertThat(table.isLocal()).isFalse();
    StageCommit commit = new StageCommit(spark, dir.toString(), "stats", "run-1", Map.of());
    commit.writeParquetAndCsv("t", table);
    commit.commit();
    Path oracleRoot = dir.resolve("oracle");
    new TableWriter(spark, oracleRoot.toString())
        .writeParquetAndCsv("t", spark.createDataFrame(table.collectAsList(), table.schema()));
    assertThat(Files.readAllLines(dir.resolve("t.csv")))
        .hasSize(41)
        .startsWith("text,id,ratio", "'=x39,39,5.571428571428571")
        .isEqualTo(Files.readAllLines(oracleRoot.resolve("t.csv")));
    assertThat(spark.read().parquet(dir.resolve("t").toString()).collectAsList())
        .isEqualTo(table.collectAsList());
  }
}
