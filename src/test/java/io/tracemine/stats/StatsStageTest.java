package io.tracemine.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sha1;
import static org.apache.spark.sql.functions.unhex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tracemine.MalformedInputException;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedSpark.class)
class StatsStageTest {
  private static Map<String, Dataset<Row>> tables;
  private static StatsInputs inputs;

  @BeforeAll
  static void runStage() throws IOException {
    SparkSession spark = SharedSpark.session();
    inputs =
        new StatsInputs(
            spark.createDataFrame(questionRows(), Schemas.QUESTIONS),
            spark.createDataFrame(traceRows(), Schemas.TRACES),
            spark.createDataFrame(patternRows(StatsFixtures.patterns()), Schemas.PATTERNS),
            spark.createDataFrame(linkRows(), Schemas.PATTERN_TRACE_LISTS),
            spark.createDataFrame(patternRows(StatsFixtures.minsup1()), Schemas.PATTERNS),
            null);
    tables =
        new StatsStage(spark, new StatsConfig(4, 42, 5, Path.of("conf/codebook.csv"))).run(inputs);
  }

  @Test
  void preparedInputsHoldOnlyTheColumnsReadAndGiveTheSameTables() {
    SparkSession spark = SharedSpark.session();
    // the fixture's questions are undated: date them, so that the period tables have rows
    StatsInputs dated =
        new StatsInputs(
            inputs
                .questions()
                .withColumn(
                    "creation_date",
                    org.apache.spark.sql.functions.lit(
                        java.sql.Timestamp.valueOf("2020-03-01 00:00:00"))),
            inputs.traces(),
            inputs.patterns(),
            inputs.patternTraces(),
            inputs.patternsMinsup1(),
            inputs.patternTracesMinsup1());
    StatsInputs prepared = StatsStage.prepared(dated);
    try {
      assertThat(prepared.traces().columns())
          .containsExactly("trace_id", "question_id", "library", "exception_type", "template");
      assertThat(prepared.questions().columns())
          .hasSize(inputs.questions().columns().length - 3)
          .doesNotContain("code_blocks", "trace_count", "profile")
          .contains("creation_date", "has_accepted_answer");
      Map<String, Dataset<Row>> again =
          new StatsStage(spark, new StatsConfig(4, 42, 5, Path.of("conf/codebook.csv")))
              .run(prepared);
      assertThat(again.keySet()).isEqualTo(tables.keySet());
      again.forEach(
          (name, table) ->
              assertThat(table.collectAsList())
                  .as(name)
                  .isEqualTo(tables.get(name).collectAsList()));
      PeriodTables periods = new PeriodTables(PeriodConfig.defaults());
      Map<String, Dataset<Row>> before = periods.run(dated);
      Map<String, Dataset<Row>> after = periods.run(prepared);
      assertThat(before.get("period_questions").count()).isPositive();
      before.forEach(
          (name, table) -> {
            assertThat(after.get(name).schema()).as(name).isEqualTo(table.schema());
            assertThat(after.get(name).collectAsList()).as(name).isEqualTo(table.collectAsList());
          });
    } finally {
      prepared.unpersist();
    }
  }

  /** Every cell of Tables 1-4 computed by NumPy/SciPy 1.10.1 (resources/stats/rq1-gen.py). */
  @Test
  void rq1TablesMatchScipyCellByCell() throws IOException {
    int checked = 0;
    for (String line : resource("/stats/rq1-expected.csv").split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split(";");
      Row row = row(f[0], f[1]);
      Object actual = row.get(row.fieldIndex(f[2]));
      String where = f[0] + "/" + f[1] + "/" + f[2];
      if (f[3].equals("null")) {
        assertThat(actual).as(where).isNull();
      } else if (actual instanceof String) {
        assertThat(actual).as(where).isEqualTo(f[3]);
      } else if (actual instanceof Long) {
        assertThat(actual).as(where).isEqualTo(Long.parseLong(f[3]));
      } else {
        double expected = Double.parseDouble(f[3]);
        assertThat((Double) actual)
            .as(where)
            .isCloseTo(expected, within(1e-12 + 1e-9 * Math.abs(expected)));
      }
      checked++;
    }
    assertThat(checked).isEqualTo(231);
  }

  @Test
  void emptyGroupGivesNullTestAndNaMark() {
    Row keras = row("table4_answers", "keras");
    assertThat(keras.<Long>getAs("accepted_answer_hours_n_trace")).isZero();
    assertThat(keras.<Double>getAs("accepted_answer_hours_p")).isNull();
    assertThat(keras.<String>getAs("accepted_answer_hours_mark")).isEqualTo("n/a");
  }

  @Test
  void returnsEveryTableInOrder() {
    assertThat(tables.keySet())
        .containsExactly(
            "table1_population",
            "table2_lengths",
            "table3_popularity",
            "table4_answers",
            "table5_instances",
            "table6_coverage",
            "fig4_support_distribution",
            "fig5_length_distribution",
            "fig6_topk_coverage",
            "table7_shared",
            "fig7_library_pairs",
            "rq3_round1",
            "rq3_round2",
            "rq3_round2_allocation");
  }

  @Test
  void thePaperProfileAddsTheStudysOverallsNextToThePooledFigures(@TempDir Path dir)
      throws IOException {
    StatsConfig paper = new StatsConfig(4, 42, 5, Path.of("conf/codebook.csv"), "paper");
    StatsStage stage = new StatsStage(SharedSpark.session(), paper);
    Map<String, Dataset<Row>> out = stage.run(inputs);
    assertThat(out.keySet())
        .containsSubsequence(
            "table6_coverage", "table6_study_overall", "fig4_support_distribution");
    for (String name : tables.keySet()) {
      assertThat(out.get(name).collectAsList())
          .as(name)
          .isEqualTo(tables.get(name).collectAsList());
    }
    List<Row> overall = out.get("table6_study_overall").collectAsList();
    List<Row> libraries = tables.get("table6_coverage").filter("library <> 'all'").collectAsList();
    double mean =
        libraries.stream()
            .mapToDouble(r -> r.<Double>getAs("questions_covered_pct"))
            .average()
            .orElseThrow();
    assertThat(overall)
        .extracting(r -> r.<String>getAs("overall"))
        .containsExactly("study", "tracemine_pooled");
    assertThat(overall.get(0).<Double>getAs("questions_covered_pct"))
        .isCloseTo(mean, within(1e-12));
    assertThat(overall.get(1).<Double>getAs("questions_covered_pct"))
        .isEqualTo(row("table6_coverage", "all").<Double>getAs("questions_covered_pct"));

    Path a = dir.resolve("alice.csv");
    Files.writeString(
        a, "pattern_id,type,coder\nK-A,Python basic syntax,alice\nT-B,Parallelization,alice\n");
    Map<String, Dataset<Row>> labels = stage.runLabels(inputs, List.of(a));
    assertThat(labels.keySet())
        .containsExactly(
            "label_agreement",
            "table8_types",
            "table9_types",
            "table9_study_overall",
            "label_problems");
    Row study = labels.get("table9_study_overall").collectAsList().get(0);
    List<Row> types = labels.get("table9_types").collectAsList();
    assertThat(types).hasSize(2);
    assertThat(study.<Double>getAs("questions"))
        .isEqualTo(
            (types.get(0).<Long>getAs("questions") + types.get(1).<Long>getAs("questions")) / 2.0);
  }

  @Test
  void rq2TablesFromSpark() {
    Row keras = row("table6_coverage", "keras");
    assertThat(keras.<Long>getAs("questions_covered")).isEqualTo(2L);
    assertThat(keras.<Double>getAs("paper_covered_st_pct")).isEqualTo(50.0);
    assertThat(tables.get("table7_shared").collectAsList())
        .extracting(r -> r.getLong(1))
        .containsExactly(1L, 1L);
    assertThat(tables.get("rq3_round1").collectAsList())
        .extracting(r -> r.getAs("pattern_id"))
        .containsExactly("K-A");
    assertThat(tables.get("rq3_round2").count()).isEqualTo(4);
    // Fig. 4 uses the min-support-1 patterns when given
    assertThat(
            tables
                .get("fig4_support_distribution")
                .filter("library = 'keras' AND support = 1")
                .count())
        .isEqualTo(1);
  }

  @Test
  void table5CountsInstancesPerQuestionWithTrace() {
    Row tf = row("table5_instances", "tensorflow");
    assertThat(tf.<Long>getAs("instances")).isEqualTo(5L);
    long withTrace = inputs.questions().filter("library = 'tensorflow' AND has_trace").count();
    assertThat(tf.<Long>getAs("questions_with_trace")).isEqualTo(withTrace);
    assertThat(tf.<Double>getAs("ratio")).isEqualTo(5.0 / withTrace);
  }

  @Test
  void missingColumnIsNamed() {
    StatsInputs broken =
        new StatsInputs(
            inputs.questions().drop("views"),
            inputs.traces(),
            inputs.patterns(),
            inputs.patternTraces(),
            null,
            null);
    assertThatThrownBy(
            () -> new StatsStage(SharedSpark.session(), StatsConfig.defaults()).run(broken))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot compute stats: input 'questions' has no column 'views' (required: "
                + String.join(", ", StatsStage.QUESTION_COLUMNS)
                + ")");
  }

  @Test
  void readsOnlyDocumentedColumns() {
    Dataset<Row> slim =
        inputs.questions().selectExpr(StatsStage.QUESTION_COLUMNS.toArray(String[]::new));
    StatsInputs in =
        new StatsInputs(
            slim,
            inputs.traces().select("trace_id", "question_id", "library"),
            inputs.patterns(),
            inputs.patternTraces(),
            null,
            null);
    Map<String, Dataset<Row>> out =
        new StatsStage(SharedSpark.session(), StatsConfig.defaults()).run(in);
    assertThat(out.get("table1_population").collectAsList()).hasSize(3);
  }

  @Test
  void labelsFromSheets(@TempDir Path dir) throws IOException {
    Path a = dir.resolve("alice.csv");
    Files.writeString(
        a,
        "pattern_id,type,coder,notes\n"
            + "K-A,Python basic syntax,,\n"
            + "T-B,[MOD] Model training/learning,,\n"
            + "N-D,Quantum leap,,\n");
    Path b = dir.resolve("bob.csv");
    Files.writeString(
        b, "pattern_id,coder,type\nK-A,bob,python basic syntax\nT-B,bob,Parallelization\n");
    Map<String, Dataset<Row>> out =
        new StatsStage(
                SharedSpark.session(), new StatsConfig(4, 42, 5, Path.of("conf/codebook.csv")))
            .runLabels(inputs, List.of(a, b));
    assertThat(out.keySet())
        .containsExactly("label_agreement", "table8_types", "table9_types", "label_problems");
    List<Row> problems = out.get("label_problems").collectAsList();
    assertThat(problems)
        .extracting(r -> r.getAs("value"))
        .containsExactly("Quantum leap", "Model training/learning | Parallelization");
    Row top = out.get("table8_types").collectAsList().get(0);
    assertThat(top.<String>getAs("type")).isEqualTo("Python basic syntax");
    assertThat(top.<Long>getAs("patterns")).isEqualTo(1L);
    Row t9 = out.get("table9_types").collectAsList().get(0);
    // K-A's item list is also T-A and N-A: questions 1, 2, 31, 32, 100, 101; 100 and 101 are not in
    // the questions table
    assertThat(t9.<Long>getAs("questions")).isEqualTo(4L);
    assertThat(out.get("label_agreement").collectAsList().get(0).<Long>getAs("coders"))
        .isEqualTo(2L);
  }

  /**
   * pattern_id as the mine stage stores it (20 SHA-1 bytes) gives the same tables, labelled ones
   * too, as its hex view: the fixture ids replaced by the hex SHA-1 of themselves, then unhexed.
   */
  @Test
  void binaryPatternIdsGiveTheSameTablesAsTheirHex(@TempDir Path dir) throws Exception {
    Column hexId = sha1(col("pattern_id").cast("binary"));
    StatsInputs hex = withPatternIds(inputs, hexId);
    StatsInputs binary = withPatternIds(inputs, unhex(hexId));
    assertThat(binary.patterns().schema().apply("pattern_id").dataType())
        .isEqualTo(DataTypes.BinaryType);
    StatsStage stage =
        new StatsStage(
            SharedSpark.session(), new StatsConfig(4, 42, 5, Path.of("conf/codebook.csv")));
    Map<String, Dataset<Row>> expected = stage.run(hex);
    Map<String, Dataset<Row>> actual = stage.run(binary);
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach(
        (name, table) ->
            assertThat(actual.get(name).collectAsList()).as(name).isEqualTo(table.collectAsList()));
    assertThat(expected.get("rq3_round1").collectAsList())
        .as("a round-1 row with example questions")
        .anySatisfy(r -> assertThat(r.<String>getAs("example_urls")).isNotEmpty());

    String ka =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-1").digest("K-A".getBytes(StandardCharsets.UTF_8)));
    List<Path> sheets = List.of(dir.resolve("alice.csv"), dir.resolve("bob.csv"));
    for (Path sheet : sheets) {
      Files.writeString(sheet, "pattern_id,type,coder\n" + ka + ",Python basic syntax,\n");
    }
    Map<String, Dataset<Row>> labelled = stage.runLabels(hex, sheets);
    Map<String, Dataset<Row>> labelledBinary = stage.runLabels(binary, sheets);
    labelled.forEach(
        (name, table) ->
            assertThat(labelledBinary.get(name).collectAsList())
                .as(name)
                .isEqualTo(table.collectAsList()));
    assertThat(labelled.get("table9_types").collectAsList().get(0).<Long>getAs("questions"))
        .isEqualTo(4L);
  }

  private static StatsInputs withPatternIds(StatsInputs in, Column id) {
    return new StatsInputs(
        in.questions(),
        in.traces(),
        in.patterns().withColumn("pattern_id", id),
        in.patternTraces().withColumn("pattern_id", id),
        in.patternsMinsup1() == null ? null : in.patternsMinsup1().withColumn("pattern_id", id),
        in.patternTracesMinsup1() == null
            ? null
            : in.patternTracesMinsup1().withColumn("pattern_id", id));
  }

  private static Row row(String table, String library) {
    List<Row> rows =
        tables
            .get(table)
            .filter(org.apache.spark.sql.functions.col("library").equalTo(library))
            .collectAsList();
    assertThat(rows).as(table + "/" + library).hasSize(1);
    return rows.get(0);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = StatsStageTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static List<Row> questionRows() throws IOException {
    List<Row> rows = new ArrayList<>();
    String[] lines = resource("/stats/questions-small.csv").split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",", -1);
      rows.add(
          RowFactory.create(
              Long.parseLong(f[0]),
              f[1],
              null,
              Integer.parseInt(f[2]),
              Boolean.parseBoolean(f[3]),
              1,
              Integer.parseInt(f[4]),
              Integer.parseInt(f[5]),
              Boolean.parseBoolean(f[6]),
              f[6].equals("true") ? 1 : 0,
              f[7],
              f[8].isEmpty() ? null : Integer.parseInt(f[8]),
              Long.parseLong(f[9]),
              Integer.parseInt(f[10]),
              f[11].isEmpty() ? null : Integer.parseInt(f[11]),
              f[12].isEmpty() ? null : Double.parseDouble(f[12]),
              f[13].isEmpty() ? null : Double.parseDouble(f[13]),
              Boolean.parseBoolean(f[14]),
              "default"));
    }
    return rows;
  }

  static List<Row> traceRows() {
    List<Row> rows = new ArrayList<>();
    for (TraceLink t : StatsFixtures.traces()) {
      rows.add(
          RowFactory.create(
              t.traceId(),
              t.questionId(),
              t.library(),
              0,
              "pre",
              0,
              "unix",
              "ValueError",
              null,
              null,
              null,
              null,
              0,
              new Row[0],
              "python",
              null,
              null,
              "default",
              new Row[0]));
    }
    return rows;
  }

  static List<Row> patternRows(List<PatternFacts> patterns) {
    List<Row> rows = new ArrayList<>();
    for (PatternFacts p : patterns) {
      Row[] items =
          p.items().stream()
              .map(i -> RowFactory.create(i.split(":")[0], i.split(":")[1]))
              .toArray(Row[]::new);
      rows.add(
          RowFactory.create(
              p.library(),
              p.patternId(),
              items,
              p.length(),
              p.support(),
              0L,
              99L,
              p.exampleQuestionIds().toArray(Long[]::new),
              "traces",
              p.minSupport()));
    }
    return rows;
  }

  /** PATTERN_TRACES rows: one per pattern, its traces ascending. */
  private static List<Row> linkRows() {
    java.util.TreeMap<List<String>, java.util.TreeMap<String, Long>> byPattern =
        new java.util.TreeMap<>(
            java.util.Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
    for (var l : StatsFixtures.patternTraces()) {
      byPattern
          .computeIfAbsent(List.of(l.library(), l.patternId()), k -> new java.util.TreeMap<>())
          .put(l.traceId(), l.questionId());
    }
    List<Row> rows = new java.util.ArrayList<>();
    byPattern.forEach(
        (k, traces) ->
            rows.add(
                RowFactory.create(
                    k.get(0),
                    k.get(1),
                    traces.keySet().toArray(String[]::new),
                    traces.values().toArray(Long[]::new))));
    return rows;
  }
}
