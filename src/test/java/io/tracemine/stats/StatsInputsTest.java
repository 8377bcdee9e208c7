package io.tracemine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.mine.PatternTraces;
import io.tracemine.mine.codec.TraceList;
import io.tracemine.spark.ExecutedPlans;
import io.tracemine.spark.SharedSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

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

  /**
   * The patterns found in JVM traces are found once per PATTERN_TRACES table, with the JVM traces
   * broadcast to the explode (no shuffle of the exploded links), and the same rows come out as
   * without the broadcast (JVM traces above the limit).
   */
  @Test
  void theJvmPatternsAreFoundOnceWithTheJvmTracesBroadcast() throws Exception {
    StatsInputs all = withMinsup1(withAJvmTrace());
    List<String> plans = new ArrayList<>();
    String threshold = "spark.sql.autoBroadcastJoinThreshold";
    // Spark would broadcast tables this small by itself: only the hint may do it here
    spark.conf().set(threshold, "-1");
    StatsInputs python;
    try {
      python = ExecutedPlans.of(spark, plans, all::pythonOnly);
    } finally {
      spark.conf().unset(threshold);
    }
    List<String> explodes = plans.stream().filter(p -> p.contains("Generate explode")).toList();
    assertThat(explodes).hasSize(2).allSatisfy(p -> assertThat(p).contains("BroadcastHashJoin"));
    assertThat(explodes).noneSatisfy(p -> assertThat(p).contains("SortMergeJoin"));
    assertThat(python.patterns().collectAsList()).containsExactly(RowFactory.create("lib", "p1"));
    assertThat(python.patternsMinsup1().collectAsList())
        .containsExactly(RowFactory.create("lib", "p1"));
    assertThat(texts(python.patternTracesMinsup1().collectAsList()))
        .containsExactly("lib p1 [t1] [1]");
    Dataset<Row> jvm = all.traces().filter("language <> 'python'");
    assertThat(StatsInputs.jvmPatterns(all.patternTraces(), jvm).collectAsList())
        .containsExactly(RowFactory.create("lib", "p2"));
  }

  @Test
  void withoutJvmTracesThePatternTablesAreTakenAsTheyAre() {
    StatsInputs all = withMinsup1(withAJvmTrace());
    StatsInputs pythonOnly =
        new StatsInputs(
                all.questions(),
                all.traces().filter("language = 'python'"),
                all.patterns(),
                all.patternTraces(),
                all.patternsMinsup1(),
                all.patternTracesMinsup1())
            .pythonOnly();
    assertThat(pythonOnly.patterns()).isSameAs(all.patterns());
    assertThat(pythonOnly.patternTraces()).isSameAs(all.patternTraces());
    assertThat(pythonOnly.patternTracesMinsup1()).isSameAs(all.patternTracesMinsup1());
    assertThat(pythonOnly.traces().collectAsList())
        .containsExactly(RowFactory.create("t1", 1L, "lib", "python"));
  }

  private static StatsInputs withMinsup1(StatsInputs in) {
    return new StatsInputs(
        in.questions(),
        in.traces(),
        in.patterns(),
        in.patternTraces(),
        in.patterns(),
        in.patternTraces());
  }

  /**
   * The PATTERN_TRACES copies are read from Parquet one pattern per vectorized batch (a pattern's
   * lists grow with the corpus; 4,096 of them in a batch did not fit a 2 GiB heap at 24M
   * questions), both as the benchmark stores them (lists) and as the mine stage does (packed, read
   * through {@link PatternTraces#lists}), and so is the scan that looks for the patterns found in
   * JVM traces; the session's own batch setting is left as it was.
   */
  @Test
  void patternTracesAreCachedFromOneRowBatchesAndTheSessionSettingIsKept(@TempDir Path dir)
      throws Exception {
    StructType lists =
        new StructType()
            .add("library", DataTypes.StringType)
            .add("pattern_id", DataTypes.StringType)
            .add("trace_ids", DataTypes.createArrayType(DataTypes.StringType))
            .add("question_ids", DataTypes.createArrayType(DataTypes.LongType));
    StructType stored =
        new StructType()
            .add("library", DataTypes.StringType)
            .add("pattern_id", DataTypes.StringType)
            .add("traces", DataTypes.BinaryType);
    List<Row> listRows = new ArrayList<>();
    List<Row> storedRows = new ArrayList<>();
    for (int p = 0; p < 20; p++) {
      String[] ids = new String[p + 1];
      long[] questions = new long[p + 1];
      List<Long> boxed = new ArrayList<>();
      for (int t = 0; t <= p; t++) {
        ids[t] = (10 + t) + "-0-0";
        questions[t] = 10 + t;
        boxed.add(10L + t);
      }
      String id = String.format("%040x", p);
      listRows.add(RowFactory.create("lib", id, List.of(ids), boxed));
      storedRows.add(RowFactory.create("lib", id, TraceList.encode(ids, questions)));
    }
    String listPath = dir.resolve("lists").toString();
    String storedPath = dir.resolve("stored").toString();
    spark.createDataFrame(listRows, lists).coalesce(1).write().parquet(listPath);
    spark.createDataFrame(storedRows, stored).coalesce(1).write().parquet(storedPath);
    Dataset<Row> questions =
        spark.createDataFrame(
            List.of(RowFactory.create(10L)),
            new StructType().add("question_id", DataTypes.LongType));
    // a JVM trace in the last pattern only: the JVM patterns are looked for, and that one found
    Dataset<Row> traces =
        spark.createDataFrame(
            List.of(
                RowFactory.create("10-0-0", 10L, "lib", "python"),
                RowFactory.create("29-0-0", 29L, "lib", "jvm")),
            new StructType()
                .add("trace_id", DataTypes.StringType)
                .add("question_id", DataTypes.LongType)
                .add("library", DataTypes.StringType)
                .add("language", DataTypes.StringType));
    Dataset<Row> patterns = spark.createDataFrame(List.of(), lists).select("library", "pattern_id");
    String key = StatsInputs.READER_BATCH_ROWS;
    for (String setting : new String[] {null, "333"}) {
      if (setting == null) {
        spark.conf().unset(key);
      } else {
        spark.conf().set(key, setting);
      }
      StatsInputs all =
          new StatsInputs(
              questions,
              traces,
              patterns,
              spark.read().parquet(listPath),
              patterns,
              PatternTraces.lists(spark.read().parquet(storedPath)));
      List<SparkPlan> plans = new ArrayList<>();
      StatsInputs persisted = ExecutedPlans.physical(spark, plans, all::pythonOnlyPersisted);
      try {
        List<SparkPlan> explodes =
            plans.stream().filter(p -> p.toString().contains("Generate explode")).toList();
        assertThat(explodes).hasSize(2);
        for (SparkPlan explode : explodes) {
          assertThat(readerBatches(explode)).as("the JVM patterns' scan").isEqualTo(20);
        }
        assertThat(spark.conf().get(key, null)).isEqualTo(setting);
        List<String> python = texts(listRows.subList(0, listRows.size() - 1));
        assertThat(texts(persisted.patternTraces().collectAsList()))
            .containsExactlyInAnyOrderElementsOf(python);
        assertThat(texts(persisted.patternTracesMinsup1().collectAsList()))
            .containsExactlyInAnyOrderElementsOf(python);
        assertThat(readerBatches(persisted.patternTraces())).isEqualTo(20);
        assertThat(readerBatches(persisted.patternTracesMinsup1())).isEqualTo(20);
      } finally {
        persisted.unpersist();
      }
      // the report reads PATTERN_TRACES itself: its scan takes the same batches
      List<SparkPlan> reportPlans = new ArrayList<>();
      Dataset<Row> reportKeys =
          ExecutedPlans.physical(
              spark,
              reportPlans,
              () ->
                  StatsInputs.collectedJvmPatterns(
                      spark.read().parquet(listPath),
                      traces.filter("language = 'jvm'"),
                      "REPORT",
                      "the report's JVM patterns"));
      List<SparkPlan> reportExplodes =
          reportPlans.stream().filter(p -> p.toString().contains("Generate explode")).toList();
      assertThat(reportExplodes).hasSize(1);
      assertThat(readerBatches(reportExplodes.get(0))).as("the report's scan").isEqualTo(20);
      assertThat(reportKeys.isLocal()).isTrue();
      assertThat(reportKeys.collectAsList())
          .containsExactly(RowFactory.create("lib", String.format("%040x", 19)));
      assertThat(spark.conf().get(key, null)).isEqualTo(setting);
    }
    spark.conf().unset(key);
  }

  private static List<String> texts(List<Row> rows) {
    return rows.stream()
        .map(r -> r.getString(0) + " " + r.getString(1) + " " + list(r, 2) + " " + list(r, 3))
        .toList();
  }

  /** A list column of a row from Spark, or of a row built here with a Java list. */
  private static List<?> list(Row row, int i) {
    return row.get(i) instanceof List<?> built ? built : row.getList(i);
  }

  /** The batches the Parquet reader gave the cached copy of {@code table} when it was built. */
  private long readerBatches(Dataset<Row> table) {
    SparkPlan plan =
        spark
            .sharedState()
            .cacheManager()
            .lookupCachedData(table)
            .get()
            .cachedRepresentation()
            .cachedPlan();
    return readerBatches(plan);
  }

  private static long readerBatches(SparkPlan plan) {
    if (plan instanceof AdaptiveSparkPlanExec adaptive) {
      return readerBatches(adaptive.executedPlan());
    }
    if (plan instanceof QueryStageExec stage) {
      return readerBatches(stage.plan());
    }
    long batches =
        plan instanceof ColumnarToRowExec ? plan.metrics().apply("numInputBatches").value() : 0;
    for (SparkPlan child : scala.collection.JavaConverters.seqAsJavaList(plan.children())) {
      batches += readerBatches(child);
    }
    return batches;
  }
}
