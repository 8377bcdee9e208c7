package io.tracemine.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import io.tracemine.MalformedInputException;
import io.tracemine.spark.JobGroups;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Stats stage: the RQ1-RQ3 tables of the study (STUDY.md sections 4-6) as small Datasets.
 *
 * <p>Tables 1-5 are computed with Spark aggregations ({@link SparkRq1}: exact medians and
 * tie-corrected rank sums), so no question is collected for them; {@link Rq1Tables}, the driver
 * code over collected questions, is their oracle in tests. The RQ2/RQ3 tables still collect the
 * traces, patterns and pattern-trace links (and, for Table 9, the linked questions) and hand them
 * to the Spark-free code ({@link Rq2Tables}, {@link Rq3Sheets}, {@link LabelSheets}). The stage
 * reads no column beyond the documented ones, so any table with these columns works; a missing
 * column fails up front, naming it.
 */
public final class StatsStage {
  static final List<String> QUESTION_COLUMNS =
      List.of("question_id", "library", "word_count", "has_code", "code_lines", "trace_code_lines",
          "has_trace", "os", "score", "views", "comments", "answer_count", "hours_to_first_answer",
          "hours_to_accepted_answer", "has_accepted_answer");
  static final List<String> TRACE_COLUMNS = List.of("trace_id", "question_id", "library");
  static final List<String> PATTERN_COLUMNS =
      List.of("library", "pattern_id", "pattern", "length", "trace_support", "question_support",
          "occurrence_support", "example_question_ids", "support_measure", "min_support");
  static final List<String> PATTERN_TRACE_COLUMNS = List.of("library", "pattern_id", "trace_ids", "question_ids");
  private static final List<String> MEASURES = List.of("traces", "questions", "occurrences");

  private final SparkSession spark;
  private final StatsConfig config;

  public StatsStage(SparkSession spark, StatsConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /**
   * Computes table1_population ... table5_instances, table6_coverage (then, in the {@code paper}
   * profile, table6_study_overall), fig4-fig7, table7_shared, rq3_round1, rq3_round2 and
   * rq3_round2_allocation, in that order (name to table).
   *
   * @throws MalformedInputException when an input lacks a required column or a value is invalid
   */
  public Map<String, Dataset<Row>> run(StatsInputs in) {
    Facts f = collect(in, false);
    StatsInputs python = in.pythonOnly();
    List<Table> tables = new ArrayList<>(JobGroups.withJobGroup(spark, "STATS",
        "STATS-2: Tables 1-5 (counts, exact medians, rank sums) in Spark",
        () -> SparkRq1.tables(spark, python.questions(), python.traces())));
    Table coverage = Rq2Tables.coverage(f.patterns(), f.patternTraces(), f.traces(), f.minsup1());
    tables.add(coverage);
    if (config.studyConventions()) {
      tables.add(StudyAggregates.coverageOverall(coverage));
    }
    List<PatternFacts> distribution = f.minsup1() == null ? f.patterns() : f.minsup1();
    tables.add(Rq2Tables.supportDistribution(distribution));
    tables.add(Rq2Tables.lengthDistribution(distribution));
    tables.add(Rq2Tables.topKCoverage(f.patterns(), f.patternTraces(), f.traces()));
    tables.add(Rq2Tables.shared(f.patterns()));
    tables.add(Rq2Tables.libraryPairs(f.patterns()));
    tables.add(Rq3Sheets.round1(f.patterns(), f.patternTraces(), config.examples(), config.seed()));
    tables.add(Rq3Sheets.round2(f.patterns(), f.patternTraces(), config.sampleSize(), config.examples(), config.seed()));
    tables.add(Rq3Sheets.allocation(f.patterns(), config.sampleSize(), config.seed()));
    return toDatasets(tables);
  }

  /**
   * Reads filled-in RQ3 sheets ({@link LabelSheets}) and computes label_agreement, table8_types,
   * table9_types (then, in the {@code paper} profile, table9_study_overall) and label_problems
   * with the codebook of the config.
   */
  public Map<String, Dataset<Row>> runLabels(StatsInputs in, List<Path> sheets) {
    Facts f = collect(in, true);
    Codebook codebook = Codebook.load(config.codebook());
    Set<String> ids = new HashSet<>();
    f.patterns().forEach(p -> ids.add(p.patternId()));
    LabelSheets.Labels labels = LabelSheets.read(sheets, codebook, ids);
    Table types = LabelSheets.typeStats(labels, codebook, f.patterns(), f.patternTraces(), f.questions());
    List<Table> tables = new ArrayList<>(List.of(LabelSheets.agreement(labels), LabelSheets.types(labels, codebook), types));
    if (config.studyConventions()) {
      tables.add(StudyAggregates.typeOverall(
          types, LabelSheets.questionsByType(labels, f.patterns(), f.patternTraces(), f.questions())));
    }
    tables.add(LabelSheets.problems(labels));
    return toDatasets(tables);
  }

  private record Facts(
      List<QuestionFacts> questions,
      List<TraceLink> traces,
      List<PatternFacts> patterns,
      List<TraceLink> patternTraces,
      List<PatternFacts> minsup1) {}

  /**
   * Collects traces, patterns and links, and with {@code linkedQuestions} the questions that have
   * a pattern-trace link (the only ones Table 9 reads); Tables 1-5 need no question on the driver.
   */
  private Facts collect(StatsInputs all, boolean linkedQuestions) {
    require("questions", all.questions(), QUESTION_COLUMNS);
    require("traces", all.traces(), TRACE_COLUMNS);
    require("patterns", all.patterns(), PATTERN_COLUMNS);
    require("pattern_traces", all.patternTraces(), PATTERN_TRACE_COLUMNS);
    if (all.patternsMinsup1() != null) {
      require("patterns_minsup1", all.patternsMinsup1(), PATTERN_COLUMNS);
    }
    if (all.patternTracesMinsup1() != null) {
      require("pattern_traces_minsup1", all.patternTracesMinsup1(), PATTERN_TRACE_COLUMNS);
    }
    StatsInputs in = all.pythonOnly();
    return JobGroups.withJobGroup(spark, "STATS",
        "STATS-1: collect questions, traces and patterns for the RQ1-RQ3 tables",
        () -> collectFacts(in, linkedQuestions));
  }

  private Facts collectFacts(StatsInputs in, boolean linkedQuestions) {
    List<QuestionFacts> questions = new ArrayList<>();
    if (linkedQuestions) {
      Dataset<Row> linked = in.patternTraces()
          .select(explode(col("question_ids")).as("question_id")).distinct();
      Dataset<Row> used = in.questions().join(linked, "question_id", "left_semi");
      for (Row r : select(used, QUESTION_COLUMNS)) {
        questions.add(question(r));
      }
    }
    List<TraceLink> traces = new ArrayList<>();
    for (Row r : select(in.traces(), TRACE_COLUMNS)) {
      traces.add(new TraceLink(r.getString(2), null, r.getString(0), ((Number) r.get(1)).longValue()));
    }
    List<TraceLink> links = new ArrayList<>();
    for (Row r : select(in.patternTraces(), PATTERN_TRACE_COLUMNS)) {
      List<String> traceIds = r.getList(2);
      List<Long> questionIds = r.getList(3);
      for (int i = 0; i < traceIds.size(); i++) {
        links.add(
            new TraceLink(r.getString(0), r.getString(1), traceIds.get(i), questionIds.get(i)));
      }
    }
    return new Facts(questions, traces, patterns(in.patterns(), "patterns"), links,
        in.patternsMinsup1() == null ? null : patterns(in.patternsMinsup1(), "patterns_minsup1"));
  }

  private static List<Row> select(Dataset<Row> ds, List<String> columns) {
    return ds.selectExpr(columns.stream().map(c -> "`" + c + "`").toArray(String[]::new)).collectAsList();
  }

  static void require(String input, Dataset<Row> ds, List<String> columns) {
    if (ds == null) {
      throw new MalformedInputException("Cannot compute stats: input '" + input + "' is missing (null)");
    }
    Set<String> present = new HashSet<>(Arrays.asList(ds.columns()));
    for (String c : columns) {
      if (!present.contains(c)) {
        throw new MalformedInputException(
            "Cannot compute stats: input '" + input + "' has no column '" + c + "' (required: "
                + String.join(", ", columns) + ")");
      }
    }
  }

  static QuestionFacts question(Row r) {
    return new QuestionFacts(
        ((Number) r.get(0)).longValue(),
        r.getString(1),
        intOr0(r.get(2)),
        Boolean.TRUE.equals(r.get(3)),
        intOr0(r.get(4)),
        intOr0(r.get(5)),
        Boolean.TRUE.equals(r.get(6)),
        r.getString(7),
        r.isNullAt(8) ? null : ((Number) r.get(8)).intValue(),
        r.isNullAt(9) ? null : ((Number) r.get(9)).longValue(),
        r.isNullAt(10) ? null : ((Number) r.get(10)).intValue(),
        r.isNullAt(11) ? null : ((Number) r.get(11)).intValue(),
        r.isNullAt(12) ? null : ((Number) r.get(12)).doubleValue(),
        r.isNullAt(13) ? null : ((Number) r.get(13)).doubleValue(),
        Boolean.TRUE.equals(r.get(14)));
  }

  private static int intOr0(Object v) {
    return v == null ? 0 : ((Number) v).intValue();
  }

  private static List<PatternFacts> patterns(Dataset<Row> ds, String input) {
    List<PatternFacts> out = new ArrayList<>();
    for (Row r : select(ds, PATTERN_COLUMNS)) {
      String measure = r.getString(8);
      int index = MEASURES.indexOf(measure);
      if (index < 0) {
        throw new MalformedInputException(
            "Cannot compute stats: input '" + input + "' has support_measure '" + measure + "' for pattern '"
                + r.getString(1) + "' (valid: " + String.join(", ", MEASURES) + ")");
      }
      List<String> items = new ArrayList<>();
      for (Row item : r.<Row>getList(2)) {
        items.add(item.getAs("file") + ":" + item.getAs("function"));
      }
      List<Long> examples = new ArrayList<>();
      if (!r.isNullAt(7)) {
        for (Object q : r.getList(7)) {
          examples.add(((Number) q).longValue());
        }
      }
      out.add(new PatternFacts(r.getString(0), r.getString(1), List.copyOf(items), ((Number) r.get(3)).intValue(),
          ((Number) r.get(4 + index)).longValue(), ((Number) r.get(9)).longValue(), List.copyOf(examples)));
    }
    return out;
  }

  private Map<String, Dataset<Row>> toDatasets(List<Table> tables) {
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    for (Table t : tables) {
      out.put(t.name(), toDataset(t));
    }
    return out;
  }

  Dataset<Row> toDataset(Table t) {
    StructType schema = StatsSchemas.of(t);
    List<Row> rows = new ArrayList<>();
    for (Object[] values : t.rows()) {
      Object[] typed = new Object[values.length];
      for (int i = 0; i < values.length; i++) {
        typed[i] = typed(values[i], t.columns().get(i).type());
      }
      rows.add(RowFactory.create(typed));
    }
    return spark.createDataFrame(rows, schema);
  }

  private static Object typed(Object v, Table.Type type) {
    if (v == null) {
      return null;
    }
    return switch (type) {
      case STRING -> v.toString();
      case INT -> ((Number) v).intValue();
      case LONG -> ((Number) v).longValue();
      case DOUBLE -> ((Number) v).doubleValue();
    };
  }
}
