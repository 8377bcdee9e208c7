package io.tracemine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.report.Percentiles;
import java.util.ArrayList;
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

/** The Spark aggregate against Spark's own exact {@code percentile}, bit for bit. */
@ExtendWith(SharedSpark.class)
class ExactPercentilesTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("g", DataTypes.IntegerType, false)
          .add("value", DataTypes.DoubleType, true);

  @Test
  void givesSparksExactPercentilesForEveryGroupAndPartitioning() {
    SparkSession spark = SharedSpark.session();
    Random random = new Random(12);
    List<Row> rows = new ArrayList<>();
    for (int g = 0; g < 12; g++) {
      int n = g == 0 ? 1 : g == 1 ? 2 : 1 + random.nextInt(1500);
      for (int i = 0; i < n; i++) {
        Double v =
            switch (g % 4) {
              case 0 -> (double) random.nextInt(5); // heavy ties, like views of small groups
              case 1 -> random.nextDouble() * 1e4; // distinct, like hours to first answer
              case 2 -> Math.floor(Math.exp(random.nextDouble() * 12)); // skewed counts
              default -> random.nextInt(10) == 0 ? null : random.nextGaussian();
            };
        rows.add(RowFactory.create(g, v));
      }
    }
    rows.add(RowFactory.create(99, null)); // a group with no values: null values, Spark's null
    for (int partitions : new int[] {1, 5}) {
      Dataset<Row> in = spark.createDataFrame(rows, SCHEMA).repartition(partitions);
      List<Row> got =
          in.groupBy("g")
              .agg(
                  ExactPercentiles.at(0.05, 0.25, 0.5, 0.75, 0.95).apply(col("value")).as("q"),
                  expr("percentile(value, array(0.05, 0.25, 0.5, 0.75, 0.95))").as("spark"))
              .orderBy("g")
              .collectAsList();
      assertThat(got).hasSize(13);
      for (Row r : got) {
        if (r.getInt(0) == 99) {
          assertThat(r.getStruct(1).isNullAt(0)).isTrue();
          assertThat(r.isNullAt(2)).isTrue();
          continue;
        }
        List<Double> mine = r.getStruct(1).getList(0);
        List<Double> spark1 = r.getList(2);
        assertThat(mine).as("group %d, %d partitions", r.getInt(0), partitions).isEqualTo(spark1);
      }
    }
  }

  @Test
  void rejectsAFractionOutsideTheUnitInterval() {
    assertThatThrownBy(() -> ExactPercentiles.at(0.5, -0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot take percentile -0.1: a fraction must be between 0.0 and 1.0");
  }

  @Test
  void buffersSurviveSerializationAndMerge() throws Exception {
    ExactPercentiles.Values a = new ExactPercentiles.Values();
    ExactPercentiles.Values b = new ExactPercentiles.Values();
    for (int i = 0; i < 40; i++) {
      a.add(i);
      b.add(100 + i);
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(b);
    }
    ExactPercentiles.Values copy;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (ExactPercentiles.Values) in.readObject();
    }
    a.addAll(copy);
    double[] all = new double[80];
    for (int i = 0; i < 40; i++) {
      all[i] = i;
      all[40 + i] = 100 + i;
    }
    double[] fractions = {0, 0.3, 0.5, 1};
    assertThat(Percentiles.ofUnsorted(a.values(), a.size(), fractions))
        .containsExactly(Percentiles.ofUnsorted(all, 80, fractions));
  }
}
