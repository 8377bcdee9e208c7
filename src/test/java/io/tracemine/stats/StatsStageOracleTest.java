package io.tracemine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.config.TestSettings;
import io.tracemine.extract.ExtractConfig;
import io.tracemine.extract.ExtractStage;
import io.tracemine.ingest.IngestConfig;
import io.tracemine.ingest.IngestStage;
import io.tracemine.ingest.PostsSource;
import io.tracemine.mine.MineConfig;
import io.tracemine.mine.MineResult;
import io.tracemine.mine.MineStage;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stats stage (Tables 1-6 and Fig. 6 in Spark, the links and questions of the sheet and
 * labelled patterns only) equals, table for table, cell for cell and bit for bit, the driver
 * version that collects every input ({@link DriverStats}, the oracle).
 */
@ExtendWith(SharedSpark.class)
class StatsStageOracleTest {
  private final SparkSession spark = SharedSpark.session();

  @Test
  void equalsTheDriverOnTheFixtures(@TempDir Path dir) throws IOException {
    StatsInputs in =
        new StatsInputs(
            spark.createDataFrame(StatsStageTest.questionRows(), Schemas.QUESTIONS),
            spark.createDataFrame(StatsStageTest.traceRows(), Schemas.TRACES),
            spark.createDataFrame(
                StatsStageTest.patternRows(StatsFixtures.patterns()), Schemas.PATTERNS),
            spark.createDataFrame(
                linkRows(StatsFixtures.patternTraces()), Schemas.PATTERN_TRACE_LISTS),
            spark.createDataFrame(
                StatsStageTest.patternRows(StatsFixtures.minsup1()), Schemas.PATTERNS),
            null);
    for (String profile : List.of("default", "paper")) {
      StatsConfig config = new StatsConfig(4, 42, 5, Path.of("conf/codebook.csv"), profile);
      assertSame(
          config,
          new StatsStage(spark, config).run(in),
          DriverStats.run(in, config),
          "fixtures " + profile);
      Path sheet = dir.resolve("alice.csv");
      Files.writeString(
          sheet,
          "pattern_id,type,coder,notes\nK-A,Python basic syntax,,\n"
              + "T-B,[MOD] Model training/learning,,\nN-D,Quantum leap,,\n");
      assertSame(
          config,
          new StatsStage(spark, config).runLabels(in, List.of(sheet)),
          DriverStats.runLabels(in, config, List.of(sheet)),
          "fixtures labels " + profile);
    }
  }

  @Test
  void equalsTheDriverOnTheBundledCorpus(@TempDir Path dir) throws IOException {
    IngestConfig ingest = IngestConfig.from(TestSettings.withOverrides(null, Map.of()), Map.of());
    var posts = new IngestStage(spark, ingest).run(new PostsSource(spark, ingest).read()).posts();
    var extracted = new ExtractStage(spark, ExtractConfig.defaults()).run(posts);
    Dataset<Row> questions = extracted.questions().cache();
    Dataset<Row> traces = extracted.traces().cache();
    MineResult mined = new MineStage(spark, MineConfig.defaults()).run(traces);
    StatsInputs in =
        StatsInputs.of(
            questions,
            traces,
            mined.patterns().cache(),
            io.tracemine.mine.PatternTraces.lists(mined.patternTraces()).cache());
    StatsConfig config = new StatsConfig(60, 42, 5, Path.of("conf/codebook.csv"), "paper");
    Map<String, Dataset<Row>> actual = new StatsStage(spark, config).run(in);
    assertThat(actual.get("fig6_topk_coverage").count()).as("patterns mined").isGreaterThan(20);
    assertThat(actual.get("rq3_round2").count()).as("patterns drawn").isGreaterThan(20);
    assertSame(config, actual, DriverStats.run(in, config), "bundled corpus");

    // every drawn pattern labelled, cycling through the codebook's types
    List<Codebook.Entry> types = Codebook.load(config.codebook()).entries();
    StringBuilder sheet = new StringBuilder("pattern_id,type,coder,notes\n");
    int i = 0;
    for (Row r : actual.get("rq3_round2").collectAsList()) {
      sheet
          .append(r.<String>getAs("pattern_id"))
          .append(",\"")
          .append(types.get(i++ % types.size()).type())
          .append("\",alice,\n");
    }
    Path labels = dir.resolve("alice.csv");
    Files.writeString(labels, sheet);
    Map<String, Dataset<Row>> labelled =
        new StatsStage(spark, config).runLabels(in, List.of(labels));
    assertThat(labelled.get("table9_types").count()).isGreaterThan(3);
    assertSame(
        config,
        labelled,
        DriverStats.runLabels(in, config, List.of(labels)),
        "bundled corpus labels");
  }

  static void assertSame(
      StatsConfig config, Map<String, Dataset<Row>> actual, List<Table> expected, String what) {
    assertThat(actual.keySet())
        .as(what)
        .containsExactlyElementsOf(expected.stream().map(Table::name).toList());
    StatsStage stage = new StatsStage(SharedSpark.session(), config);
    for (Table e : expected) {
      Dataset<Row> a = actual.get(e.name());
      assertThat(a.schema()).as(what + " " + e.name()).isEqualTo(StatsSchemas.of(e));
      assertThat(cells(a.collectAsList()))
          .as(what + " " + e.name())
          .isEqualTo(cells(stage.toDataset(e).collectAsList()));
    }
  }

  /** Rows as lists of cells: Double.equals compares bits, so equal lists are bit-equal. */
  static List<List<Object>> cells(List<Row> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : rows) {
      List<Object> cells = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        cells.add(r.get(i));
      }
      out.add(cells);
    }
    return out;
  }

  /** PATTERN_TRACES rows: one per (library, pattern_id), its links in the given order. */
  static List<Row> linkRows(List<TraceLink> links) {
    Map<List<String>, List<TraceLink>> byPattern = new java.util.LinkedHashMap<>();
    links.forEach(
        l ->
            byPattern
                .computeIfAbsent(List.of(l.library(), l.patternId()), k -> new ArrayList<>())
                .add(l));
    List<Row> rows = new ArrayList<>();
    byPattern.forEach(
        (k, ls) ->
            rows.add(
                org.apache.spark.sql.RowFactory.create(
                    k.get(0),
                    k.get(1),
                    ls.stream().map(TraceLink::traceId).toArray(String[]::new),
                    ls.stream().map(TraceLink::questionId).toArray(Long[]::new))));
    return rows;
  }
}
