package io.tracemine.mine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hex;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedSpark.class)
class PatternsTest {

  private static MineResult mine(SparkSession spark, List<Sequence> db, int minSupport) {
    MineConfig c =
        new MineConfig(SupportMeasure.TRACES, MinSupport.absolute(minSupport), null, 2, 3);
    return new MineStage(spark, c).run(MineStageTest.traces(spark, db));
  }

  /** A view row as plain values: the pattern as "file:function" strings. */
  private static List<Object> plain(Row r) {
    List<Object> out = new ArrayList<>();
    for (int c = 0; c < r.size(); c++) {
      if (c == 2) {
        out.add(
            r.<Row>getList(2).stream().map(i -> i.getString(0) + ":" + i.getString(1)).toList());
      } else if (c == 7) {
        out.add(r.getList(7));
      } else {
        out.add(r.get(c));
      }
    }
    return out;
  }

  @Test
  void theWrittenTablesReadBackAsTheStagesViewInItsOrder(@TempDir Path dir) {
    SparkSession spark = SharedSpark.session();
    MineResult r = mine(spark, MineStageTest.randomDb(7, 400, 12, 10), 1);
    OutputTables tables = new OutputTables(spark, dir.toString());
    tables.writer().writeParquet("patterns_minsup1", r.storedPatterns());
    tables.writer().writeParquet("pattern_items_minsup1", r.items());
    List<List<Object>> expected =
        r.patterns().collectAsList().stream().map(PatternsTest::plain).toList();
    r.unpersist();

    Dataset<Row> read = Patterns.read(tables, "patterns_minsup1");

    assertThat(read.schema()).isEqualTo(Schemas.PATTERNS);
    assertThat(expected).hasSizeGreaterThan(50);
    // Spark reads files largest first: the rows of each file keep their order, the files do not
    assertThat(read.collectAsList().stream().map(PatternsTest::plain).toList())
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void storedRowsNameTheItemsByIdAndTheItemTableHasEachOnce() {
    SparkSession spark = SharedSpark.session();
    // keras: sequences 0, 2, 4 hold items 1, 2 (files m1, m2; functions f1, f2)
    List<Sequence> db =
        List.of(
            new Sequence(new int[] {1, 2}, 9),
            new Sequence(new int[] {5}, 1),
            new Sequence(new int[] {1, 2}, 3),
            new Sequence(new int[] {5}, 1),
            new Sequence(new int[] {1, 2}, 7));
    MineResult r = mine(spark, db, 2);
    assertThat(r.storedPatterns().schema()).isEqualTo(Schemas.PATTERNS_STORED);
    assertThat(r.items().schema()).isEqualTo(Schemas.PATTERN_ITEMS);
    List<Row> items = r.items().collectAsList();
    assertThat(items)
        .containsExactly(
            RowFactory.create(0, "m1", "f1"),
            RowFactory.create(1, "m2", "f2"),
            RowFactory.create(2, "m2", "f5"));
    List<Row> stored = r.storedPatterns().collectAsList();
    assertThat(stored).hasSize(2);
    assertThat(stored.get(0).<Integer>getList(2)).containsExactly(0, 1);
    assertThat(stored.get(1).<Integer>getList(2)).containsExactly(2);
    assertThat(r.patterns().collectAsList().get(0).<Row>getList(2))
        .containsExactly(RowFactory.create("m1", "f1"), RowFactory.create("m2", "f2"));
    // the id is stored as its 20 SHA-1 bytes; the view has their lower-case hex
    byte[] id = (byte[]) stored.get(0).get(1);
    assertThat(id).hasSize(20);
    assertThat(PatternIds.hex(id, 0))
        .isEqualTo(PatternIds.of("keras", new String[] {"m1", "m2"}, new String[] {"f1", "f2"}))
        .isEqualTo(r.patterns().collectAsList().get(0).getString(1));
    r.unpersist();
  }

  @Test
  void aTableWrittenWithHexIdsIsReadAsItIs(@TempDir Path dir) {
    SparkSession spark = SharedSpark.session();
    MineResult r = mine(spark, MineStageTest.randomDb(5, 150, 8, 6), 1);
    OutputTables tables = new OutputTables(spark, dir.toString());
    // the layout before 2026-11-30: item ids, pattern_id as a hex string
    tables
        .writer()
        .writeParquet(
            "patterns", r.storedPatterns().withColumn("pattern_id", lower(hex(col("pattern_id")))));
    tables.writer().writeParquet("pattern_items", r.items());
    List<List<Object>> expected =
        r.patterns().collectAsList().stream().map(PatternsTest::plain).toList();
    r.unpersist();

    assertThat(expected).hasSizeGreaterThan(10);
    assertThat(Patterns.read(tables, "patterns").collectAsList().stream().map(PatternsTest::plain))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aTableWrittenBeforeTheItemIdsIsReadAsItIs(@TempDir Path dir) {
    SparkSession spark = SharedSpark.session();
    MineResult r = mine(spark, MineStageTest.randomDb(3, 100, 8, 6), 2);
    OutputTables tables = new OutputTables(spark, dir.toString());
    tables.writer().writeParquet("patterns", r.patterns());
    List<List<Object>> expected =
        r.patterns().collectAsList().stream().map(PatternsTest::plain).toList();
    r.unpersist();

    assertThat(Patterns.read(tables, "patterns").collectAsList().stream().map(PatternsTest::plain))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void anItemTableWithARepeatedIdOrAPatternNamingAMissingItemIsRefused() {
    SparkSession spark = SharedSpark.session();
    Dataset<Row> twice =
        spark.createDataFrame(
            List.of(RowFactory.create(0, "a", "f"), RowFactory.create(0, "b", "g")),
            Schemas.PATTERN_ITEMS);
    Dataset<Row> one =
        spark.createDataFrame(List.of(RowFactory.create(0, "a", "f")), Schemas.PATTERN_ITEMS);
    Dataset<Row> stored =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    "keras",
                    new byte[] {0x0a, (byte) 0xb1},
                    List.of(0, 3),
                    2,
                    2L,
                    2L,
                    2L,
                    List.of(1L),
                    "traces",
                    2L)),
            Schemas.PATTERNS_STORED);

    assertThatThrownBy(() -> Patterns.view(stored, twice, "patterns"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read pattern_items: item_id 0 appears twice (the ids must be 0..n-1, once"
                + " each; re-run the 'mine' stage)");
    assertThatThrownBy(() -> Patterns.view(stored, one, "patterns").collectAsList())
        .hasRootCauseInstanceOf(MalformedInputException.class)
        .rootCause()
        .hasMessage(
            "Cannot read patterns: pattern 0ab1 (keras) names item 3, which pattern_items lacks"
                + " (re-run the 'mine' stage)");
  }

  @Test
  void theItemTableOfAPatternsTableKeepsItsSuffix() {
    assertThat(Patterns.itemsTable("patterns")).isEqualTo("pattern_items");
    assertThat(Patterns.itemsTable("patterns_minsup1")).isEqualTo("pattern_items_minsup1");
    assertThatThrownBy(() -> Patterns.itemsTable("traces"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'traces' is not a patterns table (its name must start with 'patterns')");
  }
}
