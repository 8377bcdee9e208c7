package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local table (driver rows) staged by {@link StageCommit} is written by the driver ({@link
 * DriverFiles}); Spark's own writers ({@link TableWriter#writeParquetAndCsv}) are the oracle: the
 * same CSV bytes, the same Parquet rows and schema, and no Spark job.
 */
@ExtendWith(SharedSpark.class)
class DriverFilesTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("text", DataTypes.StringType)
          .add("pattern_id", DataTypes.StringType)
          .add("n", DataTypes.LongType)
          .add("i", DataTypes.IntegerType)
          .add("x", DataTypes.DoubleType);
  private static final String[] TEXTS = {
    "plain",
    "=SUM(A1)",
    "+1",
    "-x",
    "@a",
    "\tx",
    "a,b",
    "say \"hi\"",
    "two\nlines",
    " padded ",
    "",
    "ünïcödé",
    "'quoted",
    "x\r\ny"
  };
  private static final double[] DOUBLES = {
    0.0, -0.0, 1.0 / 3, 1e-300, 1e21, 123456789.125, Double.NaN, Double.POSITIVE_INFINITY, -2.5
  };

  private final SparkSession spark = SharedSpark.session();

  private static List<Row> rows(long seed, int size) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < size; r++) {
      rows.add(
          RowFactory.create(
              random.nextInt(5) == 0 ? null : TEXTS[random.nextInt(TEXTS.length)],
              Long.toHexString(random.nextLong()),
              random.nextInt(5) == 0 ? null : random.nextLong(),
              random.nextInt(5) == 0 ? null : random.nextInt(),
              random.nextInt(5) == 0 ? null : DOUBLES[random.nextInt(DOUBLES.length)]));
    }
    return rows;
  }

  @Test
  void writesTheFilesSparkWritesWithoutASparkJob(@TempDir Path dir) throws Exception {
    for (int size : new int[] {0, 1, 60}) {
      Dataset<Row> table = spark.createDataFrame(rows(size, size), SCHEMA);
      assertThat(table.isLocal()).isTrue();
      Path driverRoot = dir.resolve("driver-" + size);
      int jobsBefore = spark.sparkContext().statusTracker().getJobIdsForGroup(null).length;
      StageCommit commit = new StageCommit(spark, driverRoot.toString(), "stats", "r", Map.of());
      commit.writeParquetAndCsv("t", table);
      assertThat(commit.rows("t")).isEqualTo(size);
      int jobsAfter = spark.sparkContext().statusTracker().getJobIdsForGroup(null).length;
      assertThat(jobsAfter).as("jobs to stage a local table").isEqualTo(jobsBefore);
      commit.commit();
      Path sparkRoot = dir.resolve("spark-" + size);
      new TableWriter(spark, sparkRoot.toString()).writeParquetAndCsv("t", table);

      byte[] expectedCsv = Files.readAllBytes(sparkRoot.resolve("t.csv"));
      assertThat(new String(Files.readAllBytes(driverRoot.resolve("t.csv")), "UTF-8"))
          .as("CSV of %d rows", size)
          .startsWith("text,pattern_id,n,i,x\n")
          .isEqualTo(new String(expectedCsv, "UTF-8"));
      Dataset<Row> written = spark.read().parquet(driverRoot.resolve("t").toString());
      Dataset<Row> expected = spark.read().parquet(sparkRoot.resolve("t").toString());
      assertThat(written.schema()).isEqualTo(expected.schema());
      assertThat(written.collectAsList()).as("Parquet rows").isEqualTo(expected.collectAsList());
      assertThat(written.collectAsList()).hasSize(size);
      try (Stream<Path> files = Files.list(driverRoot.resolve("t"))) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .contains("_SUCCESS")
            .anyMatch(name -> name.matches("part-00000-.*-c000\\.snappy\\.parquet"));
      }
    }
  }
}
