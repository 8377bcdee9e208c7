package io.tracemine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.SharedSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class StatsInputsTest {
  private final SparkSession spark = SharedSpark.session();

  private StatsInputs withAJvmTrace() {
    StructType traces =
        new StructType()
            .add("trace_id", DataTypes.StringType)
            .add("question_id", DataTypes.LongType)
            .add("library", DataTypes.StringType)
            .add("language", DataTypes.StringType);
    StructType patterns =
        new StructType()
            .add("library", DataTypes.StringType)
            .add("pattern_id", DataTypes.StringType);
    StructType links =
        patterns
            .add("trace_ids", DataTypes.createArrayType(DataTypes.StringType))
            .add("question_ids", DataTypes.createArrayType(DataTypes.LongType));
    Dataset<Row> questions =
        spark.createDataFrame(
            List.of(RowFactory.create(1L), RowFactory.create(2L)),
            new StructType().add("question_id", DataTypes.LongType));
    return StatsInputs.of(
        questions,
        spark.createDataFrame(
            List.of(
                RowFactory.create("t1", 1L, "lib", "python"),
                RowFactory.create("t2", 2L, "lib", "java")),
            traces),
        spark.createDataFrame(
            List.of(RowFactory.create("lib", "p1"), RowFactory.create("lib", "p2")), patterns),
        spark.createDataFrame(
            List.of(
                RowFactory.create("lib", "p1", List.of("t1"), List.of(1L)),
                RowFactory.create("lib", "p2", List.of("t1", "t2"), List.of(1L, 2L))),
            links));
  }

  @Test
  void persistedPythonOnlyInputsHoldThePythonRowsAndNeedNoFurtherFiltering() {
    StatsInputs all = withAJvmTrace();
    StatsInputs python = all.pythonOnly();
    StatsInputs persisted = all.pythonOnlyPersisted();
    try {
      assertThat(persisted.pythonOnly()).isSameAs(persisted);
      assertThat(persisted.traces().columns())
          .containsExactly("trace_id", "question_id", "library");
      assertThat(persisted.traces().collectAsList())
          .containsExactly(RowFactory.create("t1", 1L, "lib"))
          .isEqualTo(python.traces().drop("language").collectAsList());
      assertThat(persisted.patterns().collectAsList())
          .containsExactly(RowFactory.create("lib", "p1"))
          .isEqualTo(python.patterns().collectAsList());
      assertThat(persisted.patternTraces().collectAsList())
          .isEqualTo(python.patternTraces().collectAsList())
          .hasSize(1);
      assertThat(persisted.questions().count()).isEqualTo(2);
      assertThat(persisted.patternsMinsup1()).isNull();
    } finally {
      persisted.unpersist();
    }
  }
}
