package io.tracemine.stats;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.tracemine.spark.OutputTables;
import io.tracemine.spark.PatternTraceLinks;
import io.tracemine.spark.Schemas;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Results per period of question creation (year or quarter, {@link PeriodConfig}) next to the
 * all-time ones: {@code period_questions}, {@code period_exceptions}, {@code period_templates},
 * {@code period_pattern_support} and {@code rising}. Every figure is an exact Spark aggregation (no
 * sampling); the four tables bounded by periods x libraries x {@code stats.period-top} are
 * collected (the stage writes them from the driver), period_pattern_support stays a Spark table.
 * Definitions in docs/TABLES-stats.md.
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

  private final PeriodConfig config;
  private final UserDefinedFunction periodOf;
  private final UserDefinedFunction previous;

  public PeriodTables(PeriodConfig config) {
    this.config = config;
    this.periodOf = functions.udf(new PeriodOf(config), DataTypes.StringType);
    this.previous = functions.udf(new PreviousPeriod(config), DataTypes.StringType);
  }

  /** The five tables, by name, in {@link #TABLES} order. */
  public Map<String, Dataset<Row>> run(StatsInputs all) {
    requireColumns(all);
    StatsInputs in = all.pythonOnly();
    Dataset<Row> questions =
        in.questions()
            .withColumn("period", periodOf.apply(col("creation_date")))
            .filter(col("period").isNotNull())
            .select("period", "question_id", "library", "has_trace");
    Dataset<Row> traces =
        in.traces()
            .join(
                questions.select("question_id", "library", "period"),
                new String[] {"question_id", "library"},
                "inner")
            .select("period", "library", "trace_id", "question_id", "exception_type", "template")
            .persist(StorageLevel.MEMORY_AND_DISK());
    // read by every table, and support and templates twice by rising: computed once while the
    // collected tables run (period_pattern_support, written later, computes its own)
    Dataset<Row> templates = counted(traces, "template").persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> support = patternSupport(in, traces);
    Dataset<Row> cachedSupport = support.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return tables(in, questions, traces, templates, cachedSupport);
    } finally {
      cachedSupport.unpersist();
      templates.unpersist();
      traces.unpersist();
    }
  }

  private Map<String, Dataset<Row>> tables(
      StatsInputs in,
      Dataset<Row> questions,
      Dataset<Row> traces,
      Dataset<Row> templates,
      Dataset<Row> support) {
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    Dataset<Row> periodQuestions = collected(questionCounts(questions, traces));
    out.put("period_questions", periodQuestions);
    // every period with a question has rows there, in period order: the first is the earliest
    List<Row> firstRow = periodQuestions.takeAsList(1);
    String first = firstRow.isEmpty() ? null : firstRow.get(0).getString(0);
    out.put(
        "period_exceptions", collected(top(counted(traces, "exception_type"), "exception_type")));
    out.put("period_templates", collected(top(templates, "template")));
    out.put(
        "period_pattern_support",
        support.orderBy(col("period"), col("library"), col("traces").desc(), col("pattern_id")));
    Dataset<Row> patternRising =
        rising(
                support.select(
                    lit("pattern").as("kind"),
                    col("period"),
                    col("library"),
                    col("pattern_id").as("key"),
                    col("traces").as("support")),
                first)
            .join(labels(in.patterns()), new String[] {"library", "key"}, "left");
    Dataset<Row> templateRising =
        rising(
                templates.select(
                    lit("template").as("kind"),
                    col("period"),
                    col("library"),
                    col("template").as("key"),
                    col("instances").as("support")),
                first)
            .withColumn("label", col("key"));
    String[] columns = {
      "kind",
      "library",
      "period",
      "previous_period",
      "rank",
      "key",
      "label",
      "support",
      "previous_support",
      "growth",
      "growth_pct"
    };
    out.put(
        "rising",
        collected(
            patternRising
                .selectExpr(columns)
                .unionByName(templateRising.selectExpr(columns))
                .orderBy(col("kind"), col("library"), col("period"), col("rank"))));
    return out;
  }

  /**
   * A table of at most (periods x libraries x {@code stats.period-top}) rows as driver rows, in its
   * order: one Spark query, and the stage writes it without another job. period_pattern_support,
   * bounded by patterns x periods, stays a Spark table.
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
            .withColumn("library", lit("all"));
    Dataset<Row> instances =
        traces
            .groupBy("period", "library")
            .agg(count(lit(1)).as("instances"))
            .unionByName(
                traces
                    .groupBy("period")
                    .agg(countDistinct("trace_id").as("instances"))
                    .withColumn("library", lit("all")));
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
        .orderBy(col("period"), col("library").equalTo("all"), col("library"));
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
    var byCount =
        Window.partitionBy("period", "library").orderBy(col("instances").desc(), col(column));
    return counted
        .withColumn("rank", row_number().over(byCount))
        .filter(col("rank").leq(config.top()))
        .select("period", "library", "rank", column, "instances", "questions")
        .orderBy("period", "library", "rank");
  }

  /** Traces (and questions) of each period that contain each mined pattern: a join, exact. */
  private static Dataset<Row> patternSupport(StatsInputs in, Dataset<Row> traces) {
    return PatternTraceLinks.of(in.patternTraces())
        .join(
            in.patterns().select("library", "pattern_id"),
            new String[] {"library", "pattern_id"},
            "left_semi")
        .join(
            traces.select("library", "trace_id", "period"),
            new String[] {"library", "trace_id"},
            "inner")
        .groupBy("period", "library", "pattern_id")
        .agg(countDistinct("trace_id").as("traces"), countDistinct("question_id").as("questions"));
  }

  /**
   * Keys whose support grew most against the previous period: in each period after the first one
   * with questions, a key with {@code support >= stats.rising-min-support} and {@code growth =
   * support - previous_support > 0} (previous support 0 when absent), ranked by growth, then
   * support descending, then key; the top {@code stats.period-top} per kind, library and period.
   */
  private Dataset<Row> rising(Dataset<Row> support, String firstPeriod) {
    Dataset<Row> before =
        support.select(
            col("library"),
            col("key"),
            col("period").as("previous_period"),
            col("support").as("previous_support"));
    var byGrowth =
        Window.partitionBy("kind", "library", "period")
            .orderBy(col("growth").desc(), col("support").desc(), col("key"));
    return support
        .filter(
            col("period").gt(lit(firstPeriod)).and(col("support").geq(config.risingMinSupport())))
        .withColumn("previous_period", previous.apply(col("period")))
        .join(before, new String[] {"library", "key", "previous_period"}, "left")
        .withColumn("previous_support", coalesce(col("previous_support"), lit(0L)))
        .withColumn("growth", col("support").minus(col("previous_support")))
        .filter(col("growth").gt(0))
        .withColumn(
            "growth_pct",
            when(
                col("previous_support").gt(0),
                col("growth").multiply(100.0).divide(col("previous_support"))))
        .withColumn("rank", row_number().over(byGrowth))
        .filter(col("rank").leq(config.top()));
  }

  /** {@code file:function > ...} of each pattern, outermost frame first. */
  private static Dataset<Row> labels(Dataset<Row> patterns) {
    return patterns.select(
        col("library"),
        col("pattern_id").as("key"),
        expr("concat_ws(' > ', transform(pattern, f -> concat(f.file, ':', f.function)))")
            .as("label"));
  }

  /** The period (UTC) of a creation timestamp. */
  static final class PeriodOf implements UDF1<Timestamp, String> {
    private final PeriodConfig config;

    PeriodOf(PeriodConfig config) {
      this.config = config;
    }

    @Override
    public String call(Timestamp created) {
      return config.periodOf(created == null ? null : created.toInstant());
    }
  }

  /** The period before a period. */
  static final class PreviousPeriod implements UDF1<String, String> {
    private final PeriodConfig config;

    PreviousPeriod(PeriodConfig config) {
      this.config = config;
    }

    @Override
    public String call(String period) {
      return period == null ? null : config.previous(period);
    }
  }
}
