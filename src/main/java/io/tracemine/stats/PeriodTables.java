package io.tracemine.stats;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tracemine.spark.OutputTables;
import io.tracemine.spark.Schemas;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Results per period of question creation (year or quarter, {@link PeriodConfig}) next to the
 * all-time ones: {@code period_questions}, {@code period_exceptions}, {@code period_templates},
 * {@code period_pattern_support} and {@code rising}. Every figure is an exact Spark aggregation (no
 * sampling): one Spark query per grouped count (questions, exception types, templates, pattern
 * supports per period, library and key), collected; the driver ranks the top values and the rising
 * keys of those grouped rows ({@link PeriodRanking}) and returns driver tables, which the stage
 * writes without a Spark job. The driver holds rows per (period, library, key), none per question
 * or trace. Definitions in docs/TABLES-stats.md.
 *
 * <p>A trace instance belongs to the period of its question's {@code creation_date}; questions
 * without a creation date are in no period. Python traces only, as every stats table ({@link
 * StatsInputs#pythonOnly()}).
 */
public final class PeriodTables {
  public static final List<String> TABLES =
      List.of(
          "period_questions",
          "period_exceptions",
          "period_templates",
          "period_pattern_support",
          "rising");
  static final StructType QUESTION_COLUMNS =
      Schemas.struct(
          Schemas.required("question_id", DataTypes.LongType),
          Schemas.required("library", DataTypes.StringType),
          Schemas.nullable("creation_date", DataTypes.TimestampType),
          Schemas.required("has_trace", DataTypes.BooleanType));
  static final StructType TRACE_COLUMNS =
      Schemas.struct(
          Schemas.required("trace_id", DataTypes.StringType),
          Schemas.required("question_id", DataTypes.LongType),
          Schemas.required("library", DataTypes.StringType),
          Schemas.nullable("exception_type", DataTypes.StringType),
          Schemas.nullable("template", DataTypes.StringType));

  private static final List<String> NO_LABEL = Collections.singletonList(null);

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final PeriodConfig config;

  public PeriodTables(PeriodConfig config) {
    this.config = config;
  }

  /** The five tables, by name, in {@link #TABLES} order. */
  public Map<String, Dataset<Row>> run(StatsInputs all) {
    requireColumns(all);
    StatsInputs in = all.pythonOnly();
    Dataset<Row> questions =
        in.questions()
            .select(
                periodOf(config, "creation_date").as("period"),
                col("question_id"),
                col("library"),
                col("has_trace"))
            .filter(col("period").isNotNull());
    Dataset<Row> traces =
        in.traces()
            .join(
                questions.select("question_id", "library", "period"),
                new String[] {"question_id", "library"},
                "inner")
            .select("period", "library", "trace_id", "question_id", "exception_type", "template")
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return tables(in, questions, traces);
    } finally {
      traces.unpersist();
    }
  }

  /**
   * One Spark query per grouped count (questions, exception types, templates, pattern supports),
   * each collected: the driver ranks the top values and the rising keys of those few rows per
   * (period, library, key) and returns driver tables, which the stage writes without a job.
   */
  private Map<String, Dataset<Row>> tables(
      StatsInputs in, Dataset<Row> questions, Dataset<Row> traces) {
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    Dataset<Row> periodQuestions = collected(questionCounts(questions, traces));
    out.put("period_questions", periodQuestions);
    // every period with a question has rows there, in period order: the first is the earliest
    List<Row> firstRow = periodQuestions.takeAsList(1);
    String first = firstRow.isEmpty() ? null : firstRow.get(0).getString(0);
    Dataset<Row> exceptions = counted(traces, "exception_type");
    out.put("period_exceptions", top(exceptions, "exception_type"));
    Dataset<Row> templates = counted(traces, "template");
    List<Row> templateRows = templates.collectAsList();
    out.put("period_templates", top(templates.schema(), templateRows, "template"));
    PeriodPatternSupport.Counts support = patternSupport(in, traces);
    List<Row> supportRows = new ArrayList<>(support.rows());
    supportRows.sort(
        Comparator.comparing((Row r) -> r.getString(0), PeriodRanking.SPARK_STRING_ORDER)
            .thenComparing(r -> r.getString(1), PeriodRanking.SPARK_STRING_ORDER)
            .thenComparing(Comparator.comparingLong((Row r) -> r.getLong(3)).reversed())
            .thenComparing(r -> patternId(r.get(2)), PeriodRanking.SPARK_STRING_ORDER));
    SparkSession spark = traces.sparkSession();
    out.put("period_pattern_support", spark.createDataFrame(supportRows, support.schema()));
    List<PeriodRanking.Rise> patternRising = rising(supports(supportRows), first);
    List<PeriodRanking.Rise> templateRising = rising(supports(templateRows), first);
    Map<List<String>, List<String>> labels =
        patternRising.isEmpty() ? Map.of() : labels(in.patterns());
    List<Row> rows = new ArrayList<>();
    for (PeriodRanking.Rise r : patternRising) {
      // a left join: a pattern without a PATTERNS row has no label, one with two rows has two
      for (String label : labels.getOrDefault(List.of(r.library(), r.key()), NO_LABEL)) {
        rows.add(risingRow("pattern", r, label));
      }
    }
    templateRising.forEach(r -> rows.add(risingRow("template", r, r.key())));
    out.put(
        "rising", spark.createDataFrame(rows, risingSchema(support.schema(), templates.schema())));
    return out;
  }

  /**
   * Grouped counts (period, library, key, count) as {@link PeriodRanking.Support}s, a binary key (a
   * stored pattern_id) as its lower-case hex ({@link #patternId}).
   */
  private static List<PeriodRanking.Support> supports(List<Row> counts) {
    List<PeriodRanking.Support> out = new ArrayList<>(counts.size());
    for (Row r : counts) {
      out.add(
          new PeriodRanking.Support(
              r.getString(0), r.getString(1), patternId(r.get(2)), r.getLong(3)));
    }
    return out;
  }

  /** A pattern id of either type as its hex ({@link PatternKeys#hex}). */
  static String patternId(Object id) {
    return PatternKeys.hex(id);
  }

  private List<PeriodRanking.Rise> rising(List<PeriodRanking.Support> support, String first) {
    return PeriodRanking.rising(
        support, first, config.top(), config.risingMinSupport(), config::previous);
  }

  private static Row risingRow(String kind, PeriodRanking.Rise r, String label) {
    return RowFactory.create(
        kind,
        r.library(),
        r.period(),
        r.previousPeriod(),
        r.rank(),
        r.key(),
        label,
        r.support(),
        r.previousSupport(),
        r.growth(),
        r.growthPct());
  }

  /**
   * The schema of {@code rising}: as the union of the pattern and the template rows (a column is
   * nullable when it is in either), the ranks and growths of a window and arithmetic over non-null
   * counts, the label and growth_pct nullable.
   */
  private static StructType risingSchema(StructType support, StructType templates) {
    return new StructType()
        .add("kind", DataTypes.StringType, false)
        .add(
            "library",
            DataTypes.StringType,
            support.apply("library").nullable() || templates.apply("library").nullable())
        .add(
            "period",
            DataTypes.StringType,
            support.apply("period").nullable() || templates.apply("period").nullable())
        .add("previous_period", DataTypes.StringType, true)
        .add("rank", DataTypes.IntegerType, false)
        .add(
            "key",
            DataTypes.StringType,
            support.apply("pattern_id").nullable() || templates.apply("template").nullable())
        .add("label", DataTypes.StringType, true)
        .add(
            "support",
            DataTypes.LongType,
            support.apply("traces").nullable() || templates.apply("instances").nullable())
        .add("previous_support", DataTypes.LongType, false)
        .add(
            "growth",
            DataTypes.LongType,
            support.apply("traces").nullable() || templates.apply("instances").nullable())
        .add("growth_pct", DataTypes.DoubleType, true);
  }

  /**
   * A table of at most (periods x libraries x {@code stats.period-top}) rows as driver rows, in its
   * order: one Spark query, and the stage writes it without another job.
   */
  private static Dataset<Row> collected(Dataset<Row> table) {
    return table.sparkSession().createDataFrame(table.collectAsList(), table.schema());
  }

  /** Fails naming the first column the period tables need that an input lacks. */
  public static void requireColumns(StatsInputs all) {
    OutputTables.requireColumns(all.questions(), QUESTION_COLUMNS, "questions");
    OutputTables.requireColumns(all.traces(), TRACE_COLUMNS, "traces");
  }

  /** Per period and library (then {@code all}, distinct questions): questions and instances. */
  private static Dataset<Row> questionCounts(Dataset<Row> questions, Dataset<Row> traces) {
    Column withTrace = when(col("has_trace"), col("question_id"));
    Dataset<Row> byLibrary =
        questions
            .groupBy("period", "library")
            .agg(
                countDistinct("question_id").as("questions"),
                countDistinct(withTrace).as("questions_with_trace"));
    Dataset<Row> overall =
        questions
            .groupBy("period")
            .agg(
                countDistinct("question_id").as("questions"),
                countDistinct(withTrace).as("questions_with_trace"))
            .withColumn("library", lit(Rq1Tables.ALL));
    Dataset<Row> instances =
        traces
            .groupBy("period", "library")
            .agg(count(lit(1)).as("instances"))
            .unionByName(
                traces
                    .groupBy("period")
                    .agg(countDistinct("trace_id").as("instances"))
                    .withColumn("library", lit(Rq1Tables.ALL)));
    return byLibrary
        .unionByName(overall)
        .join(instances, new String[] {"period", "library"}, "left")
        .select(
            col("period"),
            col("library"),
            col("questions"),
            col("questions_with_trace"),
            col("questions_with_trace")
                .multiply(100.0)
                .divide(col("questions"))
                .as("with_trace_pct"),
            coalesce(col("instances"), lit(0L)).as("instances"))
        .orderBy(col("period"), col("library").equalTo(Rq1Tables.ALL), col("library"));
  }

  /**
   * The period (UTC) of the timestamps of {@code column}, as {@link PeriodConfig#periodOf} gives it
   * for the instant Spark stores, computed by Spark's generated code (no UDF): the year, and in
   * {@code quarter} periods the quarter, of the UTC day of its microseconds (floor division, so a
   * time before 1970 is in the day before); null for null.
   */
  static Column periodOf(PeriodConfig config, String column) {
    String micros = "unix_micros(`" + column + "`)";
    String day =
        String.format(
            Locale.ROOT,
            "date_from_unix_date(cast(%1$s div %2$dL - if(%1$s %% %2$dL < 0, 1, 0) as int))",
            micros,
            MICROS_PER_DAY);
    String year = "format_string('%04d', year(" + day + "))";
    // format_string formats a null as "null": a null timestamp is in no period
    return when(
        col(column).isNotNull(),
        expr(
            config.period().equals(PeriodConfig.YEAR)
                ? year
                : "concat(" + year + ", '-Q', quarter(" + day + "))"));
  }

  /** Instances and distinct questions per (period, library, value of {@code column}). */
  private static Dataset<Row> counted(Dataset<Row> traces, String column) {
    return traces
        .filter(col(column).isNotNull())
        .groupBy("period", "library", column)
        .agg(count(lit(1)).as("instances"), countDistinct("question_id").as("questions"));
  }

  /** The {@code stats.period-top} most frequent values per period and library. */
  private Dataset<Row> top(Dataset<Row> counted, String column) {
    return top(counted.schema(), counted.collectAsList(), column);
  }

  /**
   * The {@code stats.period-top} most frequent values per period and library of the collected
   * {@code counted} rows (period, library, value, instances, questions): period, library, rank,
   * value, instances, questions.
   */
  private Dataset<Row> top(StructType counted, List<Row> rows, String column) {
    List<PeriodRanking.Count> counts = new ArrayList<>();
    rows.forEach(
        r ->
            counts.add(
                new PeriodRanking.Count(
                    r.getString(0), r.getString(1), r.getString(2), r.getLong(3), r.getLong(4))));
    List<Row> out = new ArrayList<>();
    for (PeriodRanking.Ranked r : PeriodRanking.top(counts, config.top())) {
      PeriodRanking.Count c = r.count();
      out.add(
          RowFactory.create(
              c.period(), c.library(), r.rank(), c.value(), c.instances(), c.questions()));
    }
    StructType schema =
        new StructType()
            .add(counted.apply("period"))
            .add(counted.apply("library"))
            .add("rank", DataTypes.IntegerType, false)
            .add(counted.apply(column))
            .add(counted.apply("instances"))
            .add(counted.apply("questions"));
    return SparkSession.active().createDataFrame(out, schema);
  }

  /**
   * Traces (and questions) of each period that contain each mined pattern: the links of the mined
   * patterns with their traces' periods, counted exactly by {@link PeriodPatternSupport#ofLists}
   * (in the lists' partitions, no link shuffled, when the trace rows fit its index).
   */
  private static PeriodPatternSupport.Counts patternSupport(StatsInputs in, Dataset<Row> traces) {
    Dataset<Row> lists =
        in.patternTraces()
            .join(
                in.patterns().select("library", "pattern_id"),
                new String[] {"library", "pattern_id"},
                "left_semi");
    return PeriodPatternSupport.ofLists(lists, traces.select("period", "library", "trace_id"));
  }

  /**
   * {@code file:function > ...} (outermost frame first) of each PATTERNS row, by (library,
   * pattern_id): one value per pattern, as the stage's collected patterns.
   */
  private static Map<List<String>, List<String>> labels(Dataset<Row> patterns) {
    Map<List<String>, List<String>> out = new HashMap<>();
    for (Row r :
        patterns
            .select(
                col("library"),
                col("pattern_id"),
                expr("concat_ws(' > ', transform(pattern, f -> concat(f.file, ':', f.function)))"))
            .collectAsList()) {
      out.computeIfAbsent(List.of(r.getString(0), patternId(r.get(1))), k -> new ArrayList<>())
          .add(r.getString(2));
    }
    return out;
  }
}
