package io.tracemine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.Schemas;
import io.tracemine.spark.SharedSpark;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tables 1-5 computed with Spark aggregations ({@link SparkRq1}) equal, cell for cell and bit for
 * bit, the driver code ({@link Rq1Tables} over collected questions, the oracle). The bundled corpus
 * is checked with the whole stage in {@link StatsStageOracleTest}.
 */
@ExtendWith(SharedSpark.class)
class SparkRq1Test {
  private final SparkSession spark = SharedSpark.session();

  private static List<Table> driver(Dataset<Row> questions, Dataset<Row> traces) {
    List<QuestionFacts> facts = new ArrayList<>();
    for (Row r :
        questions.selectExpr(StatsStage.QUESTION_COLUMNS.toArray(String[]::new)).collectAsList()) {
      facts.add(StatsStage.question(r));
    }
    List<TraceLink> links = new ArrayList<>();
    for (Row r : traces.select("trace_id", "question_id", "library").collectAsList()) {
      links.add(new TraceLink(r.getString(2), null, r.getString(0), r.getLong(1)));
    }
    return List.of(
        Rq1Tables.population(facts),
        Rq1Tables.lengths(facts),
        Rq1Tables.popularity(facts),
        Rq1Tables.answers(facts),
        Rq1Tables.instances(facts, links));
  }

  private void assertSame(Dataset<Row> questions, Dataset<Row> traces, String what) {
    List<Table> expected = driver(questions, traces);
    List<Table> actual = SparkRq1.tables(spark, questions, traces);
    assertThat(actual)
        .extracting(Table::name)
        .containsExactlyElementsOf(expected.stream().map(Table::name).toList());
    for (int i = 0; i < expected.size(); i++) {
      Table e = expected.get(i);
      Table a = actual.get(i);
      assertThat(a.columns()).as(what + " " + e.name()).isEqualTo(e.columns());
      assertThat(a.rows()).as(what + " " + e.name()).hasSameSizeAs(e.rows());
      for (int r = 0; r < e.rows().size(); r++) {
        assertThat(Arrays.asList(a.rows().get(r)))
            .as(what + " " + e.name() + " row " + r)
            .isEqualTo(Arrays.asList(e.rows().get(r)));
      }
    }
  }

  @Test
  void equalsTheDriverOnTheScipyCheckedQuestions() throws IOException {
    Dataset<Row> questions =
        spark.createDataFrame(StatsStageTest.questionRows(), Schemas.QUESTIONS);
    List<Row> traces = new ArrayList<>();
    for (TraceLink t : StatsFixtures.traces()) {
      traces.add(
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
              "default"));
    }
    assertSame(questions, spark.createDataFrame(traces, Schemas.TRACES), "questions-small");
  }

  /**
   * Seeded random tables: few distinct values (ties), nulls, NaN hours, duplicated questions across
   * libraries, tiny groups (exact p) and empty groups.
   */
  @Test
  void equalsTheDriverOnSeededRandomTables() {
    for (long seed = 1; seed <= 4; seed++) {
      Random rnd = new Random(seed);
      int size = seed <= 2 ? 12 + rnd.nextInt(10) : 150 + rnd.nextInt(200);
      boolean continuous = seed % 2 == 0;
      List<Row> rows = new ArrayList<>();
      List<Row> traces = new ArrayList<>();
      String[] libraries = {"keras", "nltk", "tensorflow"};
      for (long id = 1; id <= size; id++) {
        // a question has the same facts in each of its libraries (as extract writes them)
        Random q = new Random(seed * 1_000_003 + id);
        boolean code = q.nextDouble() < 0.8;
        boolean trace = q.nextDouble() < (code ? 0.4 : 0.05);
        Integer answers = q.nextDouble() < 0.1 ? null : q.nextInt(4);
        Double first = answers == null || answers == 0 ? null : hours(q, continuous);
        Double accepted = q.nextDouble() < 0.4 ? hours(q, continuous) : null;
        String os =
            trace
                ? new String[] {"unix", " Windows ", "mixed", "none", "beos", ""}[q.nextInt(6)]
                : "none";
        Object[] facts = {
          q.nextInt(5) * 10,
          code,
          1,
          q.nextInt(30),
          q.nextInt(20),
          trace,
          trace ? 1 : 0,
          os,
          q.nextDouble() < 0.1 ? null : q.nextInt(5) - 1,
          q.nextDouble() < 0.05
              ? null
              : continuous ? (long) q.nextInt(1_000_000) : 50L * q.nextInt(6),
          q.nextInt(3),
          answers,
          first,
          accepted,
          accepted != null,
          "default"
        };
        int firstLibrary = rnd.nextInt(libraries.length);
        int count = rnd.nextDouble() < 0.2 ? 2 : 1;
        for (int k = 0; k < count; k++) {
          String library = libraries[(firstLibrary + k) % libraries.length];
          Object[] row = new Object[19];
          row[0] = id;
          row[1] = library;
          System.arraycopy(facts, 0, row, 3, facts.length);
          rows.add(RowFactory.create(row));
          if (trace) {
            traces.add(
                RowFactory.create(
                    id + "-0",
                    id,
                    library,
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
                    "default"));
          }
        }
      }
      assertSame(
          spark.createDataFrame(rows, Schemas.QUESTIONS),
          spark.createDataFrame(traces, Schemas.TRACES),
          "seed " + seed);
    }
  }

  /**
   * The {@code all} rows are, per question, its smallest row in column order, as {@code
   * min(struct(...))} per question id defines it: on rows whose facts differ between a question's
   * libraries, with repeated (question, library) rows, null ids, libraries and values, and NaN.
   */
  @Test
  void theAllRowsAreEachQuestionsSmallestRowAsMinOfStruct() {
    StructType schema =
        new StructType()
            .add("question_id", DataTypes.LongType)
            .add("library", DataTypes.StringType)
            .add("score", DataTypes.IntegerType)
            .add("hours", DataTypes.DoubleType)
            .add("has_code", DataTypes.BooleanType);
    for (long seed = 1; seed <= 3; seed++) {
      Random rnd = new Random(seed);
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        rows.add(
            RowFactory.create(
                rnd.nextInt(20) == 0 ? null : (long) rnd.nextInt(60),
                rnd.nextInt(15) == 0
                    ? null
                    : new String[] {"keras", "nltk", "pytorch"}[rnd.nextInt(3)],
                rnd.nextInt(10) == 0 ? null : rnd.nextInt(3),
                rnd.nextInt(10) == 0
                    ? (Double) Double.NaN
                    : rnd.nextInt(10) == 0 ? null : (Double) (rnd.nextInt(3) / 2.0),
                rnd.nextInt(10) == 0 ? null : rnd.nextBoolean()));
      }
      Dataset<Row> facts = spark.createDataFrame(rows, schema).repartition(3);
      Column[] fields =
          Arrays.stream(facts.columns()).skip(1).map(functions::col).toArray(Column[]::new);
      Dataset<Row> expected =
          facts
              .groupBy("question_id")
              .agg(functions.min(functions.struct(fields)).as("first"))
              .select(functions.col("question_id"), functions.col("first.*"))
              .withColumn("library", functions.lit(Rq1Tables.ALL));
      Dataset<Row> all = SparkRq1.withAll(facts).where("library = '" + Rq1Tables.ALL + "'");
      assertThat(all.collectAsList())
          .as("seed " + seed)
          .hasSizeGreaterThan(50)
          .containsExactlyInAnyOrderElementsOf(expected.collectAsList());
      assertThat(SparkRq1.withAll(facts).count()).isEqualTo(rows.size() + all.count());
    }
  }

  private static Double hours(Random rnd, boolean continuous) {
    double u = rnd.nextDouble();
    if (u < 0.05) {
      return Double.NaN;
    }
    return continuous ? rnd.nextDouble() * 100 : (double) rnd.nextInt(4);
  }
}
