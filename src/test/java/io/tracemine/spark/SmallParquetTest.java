package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link SmallParquet} against Spark's own read of the same files (the oracle). */
@ExtendWith(SharedSpark.class)
class SmallParquetTest {
  private static final StructType FLAT =
      new StructType()
          .add("s", DataTypes.StringType)
          .add("l", DataTypes.LongType)
          .add("i", DataTypes.IntegerType)
          .add("d", DataTypes.DoubleType)
          .add("b", DataTypes.BooleanType);

  private static SparkSession spark() {
    return SharedSpark.session();
  }

  private static Object maybeNull(Random r, Object v) {
    return r.nextInt(5) == 0 ? null : v;
  }

  private static List<Row> randomRows(long seed, int n) {
    Random r = new Random(seed);
    String[] words = {"", "a", "keras", "ValueError: x", "é✓ 漢字", "\uD83D\uDE00 emoji"};
    double[] doubles = {0.0, -0.0, 1.5, Double.NaN, Double.MAX_VALUE, 1e-300, -2.25};
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      rows.add(
          RowFactory.create(
              maybeNull(r, words[r.nextInt(words.length)] + k),
              maybeNull(r, r.nextLong()),
              maybeNull(r, r.nextInt()),
              maybeNull(r, r.nextBoolean() ? doubles[r.nextInt(doubles.length)] : r.nextDouble()),
              maybeNull(r, r.nextBoolean())));
    }
    return rows;
  }

  private static List<List<Object>> sparkRows(String dir) {
    List<List<Object>> out = new ArrayList<>();
    for (Row row : spark().read().parquet(dir).collectAsList()) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        values.add(row.get(i));
      }
      out.add(values);
    }
    return out;
  }

  @Test
  void readsWhatSparkReadsFromOneFileOfFlatColumns(@TempDir Path tmp) throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      String dir = tmp.resolve("t" + seed).toString();
      spark()
          .createDataFrame(randomRows(seed, 40 * (int) seed), FLAT)
          .coalesce(1)
          .write()
          .parquet(dir);
      var table = SmallParquet.read(spark().sparkContext().hadoopConfiguration(), dir);
      assertThat(table).isPresent();
      assertThat(table.get().columns()).containsExactly("s", "l", "i", "d", "b");
      assertThat(table.get().rows()).as("seed %d", seed).isEqualTo(sparkRows(dir));
    }
  }

  @Test
  void anEmptyTableHasItsColumnsAndNoRows(@TempDir Path tmp) throws Exception {
    String dir = tmp.resolve("empty").toString();
    spark().createDataFrame(List.of(), FLAT).coalesce(1).write().parquet(dir);
    var table = SmallParquet.read(spark().sparkContext().hadoopConfiguration(), dir);
    assertThat(table).isPresent();
    assertThat(table.get().columns()).hasSize(5);
    assertThat(table.get().rows()).isEmpty();
    assertThat(sparkRows(dir)).isEmpty();
  }

  @Test
  void leavesToSparkWhatItCannotReadAlike(@TempDir Path tmp) throws Exception {
    var conf = spark().sparkContext().hadoopConfiguration();
    Dataset<Row> flat = spark().createDataFrame(randomRows(7, 30), FLAT);
    String twoFiles = tmp.resolve("two").toString();
    flat.repartition(2).write().parquet(twoFiles);
    String partitioned = tmp.resolve("partitioned").toString();
    flat.coalesce(1).write().partitionBy("b").parquet(partitioned);
    String nested = tmp.resolve("nested").toString();
    flat.selectExpr("s", "array(l) AS ls").coalesce(1).write().parquet(nested);
    String timestamps = tmp.resolve("timestamps").toString();
    flat.selectExpr("s", "current_timestamp() AS t").coalesce(1).write().parquet(timestamps);
    for (String dir : Arrays.asList(twoFiles, partitioned, nested, timestamps)) {
      assertThat(SmallParquet.read(conf, dir)).as(dir).isEmpty();
    }
  }

  @Test
  void leavesADamagedFileToSpark(@TempDir Path tmp) throws Exception {
    var conf = spark().sparkContext().hadoopConfiguration();
    Dataset<Row> flat = spark().createDataFrame(randomRows(11, 200), FLAT).coalesce(1);
    String truncated = tmp.resolve("truncated").toString();
    flat.write().parquet(truncated);
    damage(truncated, f -> f.setLength(f.length() / 2));
    String zeroed = tmp.resolve("zeroed").toString();
    flat.write().parquet(zeroed);
    // the footer stays intact, the first data page is overwritten
    damage(
        zeroed,
        f -> {
          f.seek(4);
          f.write(new byte[512]);
        });
    for (String dir : List.of(truncated, zeroed)) {
      assertThat(SmallParquet.read(conf, dir)).as(dir).isEmpty();
      assertThatThrownBy(() -> sparkRows(dir)).as(dir).hasMessageContaining(".parquet");
    }
  }

  private interface Damage {
    void apply(java.io.RandomAccessFile f) throws java.io.IOException;
  }

  private static void damage(String dir, Damage how) throws java.io.IOException {
    try (var files = java.nio.file.Files.list(Path.of(dir))) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".crc")) {
          java.nio.file.Files.delete(p);
        } else if (name.endsWith(".parquet")) {
          try (var f = new java.io.RandomAccessFile(p.toFile(), "rw")) {
            how.apply(f);
          }
        }
      }
    }
  }
}
