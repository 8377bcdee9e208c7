package io.tracemine.mine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.MalformedInputException;
import io.tracemine.mine.ccspan.MinSupport;
import io.tracemine.mine.ccspan.Sequence;
import io.tracemine.mine.ccspan.SupportMeasure;
import io.tracemine.spark.OutputTables;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.SharedSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedSpark.class)
class PatternTracesTest {

  private static MineResult mine(SparkSession spark, List<Sequence> db, int minSupport) {
    MineConfig c =
        new MineConfig(SupportMeasure.TRACES, MinSupport.absolute(minSupport), null, 2, 0);
    return new MineStage(spark, c).run(MineStageTest.traces(spark, db));
  }

  private static List<Object> javaLists(Row r) {
    return List.of(r.getString(0), r.getString(1), r.getList(2), r.getList(3));
  }

  @Test
  void readGivesListsAndPairsOfTheWrittenTable(@TempDir Path dir) {
    SparkSession spark = SharedSpark.session();
    // keras holds sequences 0, 2, 4 (questions 9, 3, 7); tensorflow holds 1, 3 (question 1 twice)
    List<Sequence> db =
        List.of(
            new Sequence(new int[] {1, 2}, 9),
            new Sequence(new int[] {5}, 1),
            new Sequence(new int[] {1, 2}, 3),
            new Sequence(new int[] {5}, 1),
            new Sequence(new int[] {1, 2}, 7));
    MineResult r = mine(spark, db, 2);
    OutputTables tables = new OutputTables(spark, dir.toString());
    tables.writer().writeParquet("pattern_traces", r.patternTraces());
    r.unpersist();
    String keras = PatternIds.of("keras", new String[] {"m1", "m2"}, new String[] {"f1", "f2"});
    String tf = PatternIds.of("tensorflow", new String[] {"m2"}, new String[] {"f5"});

    var lists = PatternTraces.read(tables, "pattern_traces");
    assertThat(lists.schema()).isEqualTo(Schemas.PATTERN_TRACE_LISTS);
    assertThat(lists.collectAsList().stream().map(PatternTracesTest::javaLists))
        .containsExactlyInAnyOrder(
            List.of("keras", keras, List.of("t00000", "t00002", "t00004"), List.of(9L, 3L, 7L)),
            List.of("tensorflow", tf, List.of("t00001", "t00003"), List.of(1L, 1L)));

    var pairs = PatternTraces.readPairs(tables, "pattern_traces");
    assertThat(pairs.schema()).isEqualTo(Schemas.PATTERN_TRACE_PAIRS);
    assertThat(pairs.collectAsList())
        .containsExactlyInAnyOrder(
            RowFactory.create("keras", keras, "t00000", 9L),
            RowFactory.create("keras", keras, "t00002", 3L),
            RowFactory.create("keras", keras, "t00004", 7L),
            RowFactory.create("tensorflow", tf, "t00001", 1L),
            RowFactory.create("tensorflow", tf, "t00003", 1L));
  }

  @Test
  void pairsAreTheListsExplodedOnRandomInput() {
    SparkSession spark = SharedSpark.session();
    MineResult r = mine(spark, MineStageTest.randomDb(5, 300, 10, 12), 1);
    List<Row> expected = new ArrayList<>();
    for (Row l : PatternTraces.lists(r.patternTraces()).collectAsList()) {
      List<String> traces = l.getList(2);
      List<Long> questions = l.getList(3);
      assertThat(traces).isSorted().doesNotHaveDuplicates().hasSameSizeAs(questions);
      for (int i = 0; i < traces.size(); i++) {
        expected.add(
            RowFactory.create(l.getString(0), l.getString(1), traces.get(i), questions.get(i)));
      }
    }
    long support = r.patterns().selectExpr("sum(trace_support)").first().getLong(0);
    assertThat(expected).hasSize(Math.toIntExact(support));
    assertThat(PatternTraces.pairs(r.patternTraces()).collectAsList())
        .containsExactlyInAnyOrderElementsOf(expected);
    r.unpersist();
  }

  @Test
  void storedIdsAreTheTwentySha1BytesOfTheViewsHexIds() {
    SparkSession spark = SharedSpark.session();
    MineResult r = mine(spark, MineStageTest.randomDb(9, 200, 10, 8), 1);
    List<Row> stored = r.patternTraces().collectAsList();
    List<Row> lists = PatternTraces.lists(r.patternTraces()).collectAsList();
    assertThat(stored).hasSameSizeAs(lists).hasSizeGreaterThan(20);
    for (int i = 0; i < stored.size(); i++) {
      byte[] id = (byte[]) stored.get(i).get(1);
      assertThat(id).hasSize(20);
      assertThat(lists.get(i).getString(1)).isEqualTo(PatternIds.hex(id, 0));
    }
    r.unpersist();
  }

  @Test
  void aTableWrittenWithHexIdsIsReadAsItIs(@TempDir Path dir) {
    SparkSession spark = SharedSpark.session();
    MineResult r = mine(spark, MineStageTest.randomDb(4, 150, 8, 6), 1);
    OutputTables tables = new OutputTables(spark, dir.toString());
    // the layout before 2026-11-30: pattern_id as a hex string
    tables
        .writer()
        .writeParquet(
            "pattern_traces",
            r.patternTraces().withColumn("pattern_id", lower(hex(col("pattern_id")))));
    List<List<Object>> expected =
        PatternTraces.lists(r.patternTraces()).collectAsList().stream()
            .map(PatternTracesTest::javaLists)
            .toList();
    r.unpersist();

    assertThat(expected).hasSizeGreaterThan(10);
    assertThat(
            PatternTraces.read(tables, "pattern_traces").collectAsList().stream()
                .map(PatternTracesTest::javaLists))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aPatternIdOfAnotherTypeIsRejectedNamingIt() {
    SparkSession spark = SharedSpark.session();
    var wrong =
        spark.createDataFrame(List.of(), Schemas.PATTERN_TRACES).withColumn("pattern_id", lit(1L));
    assertThatThrownBy(() -> PatternTraces.lists(wrong))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot use table 'pattern_traces': column 'pattern_id' has type bigint but must be"
                + " binary (or string, as written before 2026-11-30)");
  }

  @Test
  void aTableWithoutTheStoredColumnsIsRejectedNamingTheColumn() {
    SparkSession spark = SharedSpark.session();
    var wrong = spark.createDataFrame(List.of(), Schemas.PATTERN_TRACE_PAIRS);
    assertThatThrownBy(() -> PatternTraces.lists(wrong))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage("Cannot use table 'pattern_traces': missing column 'traces'");
  }

  @Test
  void errorsNameTheTableActuallyRead(@TempDir Path dir) {
    SparkSession spark = SharedSpark.session();
    OutputTables tables = new OutputTables(spark, dir.toString());
    tables
        .writer()
        .writeParquet(
            "pattern_traces_minsup1",
            spark.createDataFrame(List.of(), Schemas.PATTERN_TRACE_PAIRS));
    assertThatThrownBy(() -> PatternTraces.read(tables, "pattern_traces_minsup1"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage("Cannot use table 'pattern_traces_minsup1': missing column 'traces'");
    assertThatThrownBy(() -> PatternTraces.readPairs(tables, "pattern_traces_minsup1"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage("Cannot use table 'pattern_traces_minsup1': missing column 'traces'");
  }

  @Test
  void anUndecodableTraceListNamesTheTableAndPattern() {
    SparkSession spark = SharedSpark.session();
    var bad =
        spark.createDataFrame(
            List.of(RowFactory.create("keras", new byte[20], new byte[] {(byte) 0xff})),
            Schemas.PATTERN_TRACES);
    assertThatThrownBy(() -> PatternTraces.lists(bad, "pattern_traces_minsup1").collectAsList())
        .hasRootCauseInstanceOf(MalformedInputException.class)
        .rootCause()
        .hasMessageStartingWith(
            "Cannot read pattern_traces_minsup1 of pattern "
                + "0000000000000000000000000000000000000000 (keras): ");
  }
}
