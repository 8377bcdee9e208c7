package io.tracemine.stats;

import static org.apache.spark.sql.functions.broadcast;

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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Stats stage: the RQ1-RQ3 tables of the study (STUDY.md sections 4-6) as small Datasets.
 *
 * <p>Tables 1-5 are computed with Spark aggregations ({@link SparkRq1}: exact medians and
 * tie-corrected rank sums, with the per-library counts in the same query), so no question is
 * collected for them; {@link Rq1Tables}, the driver code over collected questions, is their oracle
 * in tests. The trace counts of Tables 5 and 6 are one Spark aggregation, Fig. 6 another over the
 * ranks the driver gives the patterns ({@link SparkRq2}); the RQ3 sheets' example questions are
 * drawn in Spark ({@link SparkRq3}). Every table returned is a driver table (a local Dataset),
 * which the CLI writes without a Spark job. The patterns are collected (one small record each) for
 * the other RQ2/RQ3 tables ({@link Rq2Tables}, {@link Rq3Sheets}); Table 9 still collects the
 * labelled patterns' links and the questions they name ({@link LabelSheets}). The stage reads no
 * column beyond the documented ones, so any table with these columns works; a missing column fails
 * up front, naming it.
 */
public final class StatsStage {
  static final List<String> QUESTION_COLUMNS =
      List.of(
          "question_id",
          "library",
          "word_count",
          "has_code",
          "code_lines",
          "trace_code_lines",
          "has_trace",
          "os",
          "score",
          "views",
          "comments",
          "answer_count",
          "hours_to_first_answer",
          "hours_to_accepted_answer",
          "has_accepted_answer");
  static final List<String> TRACE_COLUMNS = List.of("trace_id", "question_id", "library");
  static final List<String> PATTERN_COLUMNS =
      List.of(
          "library",
          "pattern_id",
          "pattern",
          "length",
          "trace_support",
          "question_support",
          "occurrence_support",
          "example_question_ids",
          "support_measure",
          "min_support");
  static final List<String> PATTERN_TRACE_COLUMNS =
      List.of("library", "pattern_id", "trace_ids", "question_ids");
  private static final StructType QUESTION_KEY =
      new StructType().add("question_id", DataTypes.LongType);
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
  public Map<String, Dataset<Row>> run(StatsInputs all) {
    StatsInputs in = checked(all);
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    List<PatternFacts> patterns =
        group("STATS-2: collect the patterns", () -> patterns(in.patterns(), "patterns"));
    SparkRq2.TraceCounts traceCounts =
        group(
            "STATS-1: instances and covered instances per library (Tables 5, 6), Fig. 6's"
                + " counts, in Spark",
            () -> SparkRq2.traceCountsAndFirstCovered(in.traces(), patterns, in.patternTraces()));
    group(
            "STATS-1: Tables 1-5 (counts, exact medians, rank sums) in Spark",
            () -> SparkRq1.tables(spark, in.questions(), traceCounts))
        .forEach(t -> put(out, t));
    List<PatternFacts> minsup1 =
        in.patternsMinsup1() == null
            ? null
            : group(
                "STATS-2: collect the patterns",
                () -> patterns(in.patternsMinsup1(), "patterns_minsup1"));
    Table coverage =
        SparkRq2.coverage(
            traceCounts,
            SparkRq2.countByLibrary(patterns),
            minsup1 == null ? null : SparkRq2.countByLibrary(minsup1));
    put(out, coverage);
    if (config.studyConventions()) {
      put(out, StudyAggregates.coverageOverall(coverage));
    }
    List<PatternFacts> distribution = minsup1 == null ? patterns : minsup1;
    put(out, Rq2Tables.supportDistribution(distribution));
    put(out, Rq2Tables.lengthDistribution(distribution));
    put(out, SparkRq2.topKCoverage(patterns, traceCounts));
    put(out, Rq2Tables.shared(patterns));
    put(out, Rq2Tables.libraryPairs(patterns));
    List<Rq3Sheets.Sheet> sheets = new ArrayList<>(Rq3Sheets.round1Sheets(patterns));
    Rq3Sheets.round2Sheets(patterns, config.sampleSize(), config.seed())
        .values()
        .forEach(sheets::addAll);
    Rq3Sheets.ExampleUrls examples =
        group(
            "STATS-4: example questions of the RQ3 sheets' patterns in Spark",
            () ->
                SparkRq3.exampleUrls(
                    spark, in.patternTraces(), sheets, config.examples(), config.seed()));
    put(out, Rq3Sheets.round1(patterns, examples));
    put(out, Rq3Sheets.round2(patterns, config.sampleSize(), config.seed(), examples));
    put(out, Rq3Sheets.allocation(patterns, config.sampleSize(), config.seed()));
    return out;
  }

  /**
   * Reads filled-in RQ3 sheets ({@link LabelSheets}) and computes label_agreement, table8_types,
   * table9_types (then, in the {@code paper} profile, table9_study_overall) and label_problems with
   * the codebook of the config. Collects the links of the labelled patterns (and of the patterns
   * with their item lists) and the questions they name, nothing else per question.
   */
  public Map<String, Dataset<Row>> runLabels(StatsInputs all, List<Path> sheets) {
    StatsInputs in = checked(all);
    List<PatternFacts> patterns =
        group("STATS-2: collect the patterns", () -> patterns(in.patterns(), "patterns"));
    Codebook codebook = Codebook.load(config.codebook());
    Set<String> ids = new HashSet<>();
    patterns.forEach(p -> ids.add(p.patternId()));
    LabelSheets.Labels labels = LabelSheets.read(sheets, codebook, ids);
    Set<List<String>> labelledItems = new HashSet<>();
    patterns.stream()
        .filter(p -> labels.finalTypes().containsKey(p.patternId()))
        .forEach(p -> labelledItems.add(p.items()));
    List<PatternFacts> labelled =
        patterns.stream().filter(p -> labelledItems.contains(p.items())).toList();
    List<TraceLink> links =
        group(
            "STATS-5: collect the links of the labelled patterns",
            () -> linksOf(in.patternTraces(), labelled));
    List<QuestionFacts> questions =
        group(
            "STATS-5: collect the questions of those links",
            () -> questionsOf(in.questions(), links));
    Table types = LabelSheets.typeStats(labels, codebook, patterns, links, questions);
    List<Table> tables =
        new ArrayList<>(
            List.of(LabelSheets.agreement(labels), LabelSheets.types(labels, codebook), types));
    if (config.studyConventions()) {
      tables.add(
          StudyAggregates.typeOverall(
              types, LabelSheets.questionsByType(labels, patterns, links, questions)));
    }
    tables.add(LabelSheets.problems(labels));
    return toDatasets(tables);
  }

  private <T> T group(String description, java.util.function.Supplier<T> action) {
    return JobGroups.withJobGroup(spark, "STATS", description, action);
  }

  private void put(Map<String, Dataset<Row>> out, Table table) {
    out.put(table.name(), toDataset(table));
  }

  /**
   * The inputs without JVM traces, persisted for the stage's passes ({@link
   * StatsInputs#pythonOnlyPersisted()}), once every required column is known to be present.
   */
  public static StatsInputs prepared(StatsInputs all) {
    requireColumns(all);
    return new StatsInputs(
            used(all.questions(), QUESTION_COLUMNS, PeriodTables.QUESTION_COLUMNS.fieldNames()),
            used(
                all.traces(),
                TRACE_COLUMNS,
                PeriodTables.TRACE_COLUMNS.fieldNames(),
                new String[] {"language"}),
            all.patterns(),
            all.patternTraces(),
            all.patternsMinsup1(),
            all.patternTracesMinsup1())
        .pythonOnlyPersisted();
  }

  /**
   * {@code table} with only the columns the stage and the period tables read (those present, in the
   * table's order): the persisted copies then hold no trace frames, messages or other columns no
   * stats table needs.
   */
  private static Dataset<Row> used(Dataset<Row> table, List<String> stage, String[]... more) {
    Set<String> wanted = new HashSet<>(stage);
    for (String[] names : more) {
      wanted.addAll(Arrays.asList(names));
    }
    String[] kept = Arrays.stream(table.columns()).filter(wanted::contains).toArray(String[]::new);
    if (kept.length == table.columns().length) {
      return table;
    }
    return table.selectExpr(Arrays.stream(kept).map(c -> "`" + c + "`").toArray(String[]::new));
  }

  /** The inputs without JVM traces, once every required column is known to be present. */
  private static StatsInputs checked(StatsInputs all) {
    requireColumns(all);
    return all.pythonOnly();
  }

  private static void requireColumns(StatsInputs all) {
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
  }

  /** The PATTERN_TRACES links of {@code wanted} (by library and pattern_id), one per trace. */
  private List<TraceLink> linksOf(Dataset<Row> patternTraces, List<PatternFacts> wanted) {
    List<TraceLink> links = new ArrayList<>();
    if (wanted.isEmpty()) {
      return links;
    }
    // the keys take the type of the links' pattern_id (hex or the stored bytes)
    boolean binary = PatternKeys.binary(patternTraces);
    Map<List<String>, Row> keys = new LinkedHashMap<>();
    wanted.forEach(
        p ->
            keys.put(
                List.of(p.library(), p.patternId()),
                RowFactory.create(p.library(), PatternKeys.key(p.patternId(), binary))));
    StructType keySchema =
        new StructType()
            .add("library", DataTypes.StringType)
            .add("pattern_id", PatternKeys.type(binary));
    Dataset<Row> keyTable = spark.createDataFrame(new ArrayList<>(keys.values()), keySchema);
    Dataset<Row> rows =
        patternTraces.join(
            broadcast(keyTable), new String[] {"library", "pattern_id"}, "left_semi");
    for (Row r : select(rows, PATTERN_TRACE_COLUMNS)) {
      List<String> traceIds = r.getList(2);
      List<Long> questionIds = r.getList(3);
      for (int i = 0; i < traceIds.size(); i++) {
        links.add(
            new TraceLink(
                r.getString(0), PatternKeys.hex(r.get(1)), traceIds.get(i), questionIds.get(i)));
      }
    }
    return links;
  }

  /** The QUESTIONS rows of the questions that {@code links} name. */
  private List<QuestionFacts> questionsOf(Dataset<Row> questionTable, List<TraceLink> links) {
    List<QuestionFacts> questions = new ArrayList<>();
    Set<Long> ids = new HashSet<>();
    links.forEach(l -> ids.add(l.questionId()));
    if (ids.isEmpty()) {
      return questions;
    }
    List<Row> idRows = ids.stream().map(id -> RowFactory.create(id)).toList();
    Dataset<Row> idTable = spark.createDataFrame(idRows, QUESTION_KEY);
    Dataset<Row> used = questionTable.join(broadcast(idTable), "question_id", "left_semi");
    for (Row r : select(used, QUESTION_COLUMNS)) {
      questions.add(question(r));
    }
    return questions;
  }

  private static List<Row> select(Dataset<Row> ds, List<String> columns) {
    return ds.selectExpr(columns.stream().map(c -> "`" + c + "`").toArray(String[]::new))
        .collectAsList();
  }

  static void require(String input, Dataset<Row> ds, List<String> columns) {
    if (ds == null) {
      throw new MalformedInputException(
          "Cannot compute stats: input '" + input + "' is missing (null)");
    }
    Set<String> present = new HashSet<>(Arrays.asList(ds.columns()));
    for (String c : columns) {
      if (!present.contains(c)) {
        throw new MalformedInputException(
            "Cannot compute stats: input '"
                + input
                + "' has no column '"
                + c
                + "' (required: "
                + String.join(", ", columns)
                + ")");
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

  static List<PatternFacts> patterns(Dataset<Row> ds, String input) {
    List<PatternFacts> out = new ArrayList<>();
    for (Row r : select(ds, PATTERN_COLUMNS)) {
      String id = PatternKeys.hex(r.get(1));
      String measure = r.getString(8);
      int index = MEASURES.indexOf(measure);
      if (index < 0) {
        throw new MalformedInputException(
            "Cannot compute stats: input '"
                + input
                + "' has support_measure '"
                + measure
                + "' for pattern '"
                + id
                + "' (valid: "
                + String.join(", ", MEASURES)
                + ")");
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
      out.add(
          new PatternFacts(
              r.getString(0),
              id,
              List.copyOf(items),
              ((Number) r.get(3)).intValue(),
              ((Number) r.get(4 + index)).longValue(),
              ((Number) r.get(9)).longValue(),
              List.copyOf(examples)));
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
