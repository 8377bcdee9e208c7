package io.tracemine.report;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.tracemine.InvalidConfigException;
import io.tracemine.MalformedInputException;
import io.tracemine.TraceMineException;
import io.tracemine.match.CommittedIndex;
import io.tracemine.match.KnowledgeIndex;
import io.tracemine.match.KnowledgeSlice;
import io.tracemine.mine.PatternTraces;
import io.tracemine.mine.Patterns;
import io.tracemine.spark.ExactPercentiles;
import io.tracemine.spark.JobGroups;
import io.tracemine.spark.OutputTables;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.SmallParquet;
import io.tracemine.spark.StageCommit;
import io.tracemine.spark.StageManifest;
import io.tracemine.spark.WriteRefusals;
import io.tracemine.stats.StatsInputs;
import io.tracemine.stats.StudyAggregates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Spark adapter of the report: reads a run's tables from its output directory, aggregates what is
 * large (patterns, traces, questions) in Spark and collects only small results, renders them with
 * the pure {@link ReportRenderer} into a local temporary directory, then replaces {@code
 * <outputDir>/report} atomically (staging directory beside it, then rename), so a reader sees
 * either the old report or the complete new one.
 *
 * <p>Reads: the stats tables (required: {@link #STATS_TABLES}; optional: {@link #LABEL_TABLES} and
 * the {@code paper} profile's {@link StudyAggregates#TABLES}), {@code questions} and {@code traces}
 * (extract), {@code patterns} (mine), and when present the {@code counts} and {@code rejects}
 * tables, and {@code match_evaluation} (evaluate).
 */
public final class ReportStage {
  public static final String REPORT_DIR = "report";
  public static final List<String> STATS_TABLES =
      List.of(
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
          "rq3_round2_allocation",
          "rq3_round2");
  public static final List<String> LABEL_TABLES =
      List.of("label_agreement", "table8_types", "table9_types", "label_problems");

  /**
   * The small per-period tables (bounded by stats.period-top; period_pattern_support, one row per
   * pattern and period, is not collected into the report).
   */
  public static final List<String> PERIOD_TABLES =
      List.of("period_questions", "rising", "period_exceptions", "period_templates");

  /**
   * Label tables, the {@code paper} profile's study conventions and the per-period tables (absent
   * in runs made before them): shown when present.
   */
  private static final List<String> OPTIONAL_TABLES =
      java.util.stream.Stream.of(LABEL_TABLES, StudyAggregates.TABLES, PERIOD_TABLES)
          .flatMap(List::stream)
          .toList();

  private static final String MATCH_EVALUATION = "match_evaluation";
  private static final List<String> STAGE_ORDER =
      List.of("ingest", "extract", "mine", "index", "stats", "report");

  private final SparkSession spark;
  private final ReportConfig config;

  public ReportStage(SparkSession spark, ReportConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /**
   * Renders the report of the run in {@code outputDir} and stages it in {@code commit} as {@code
   * outputDir/report}, which its commit puts in place; returns counts (charts, tables,
   * top_patterns, templates). Fails with a {@code MalformedInputException} naming the table and the
   * stage to rerun when an input table is missing.
   */
  public Map<String, Long> run(String outputDir, StageCommit commit) {
    KnowledgeSlice.Slice search = searchSlice(outputDir); // refuses a replaced index before work
    return publish(read(outputDir), search, outputDir, commit);
  }

  /**
   * The knowledge slice of the page's search box, from the run's match index (written by the {@code
   * index} step, before the report); null when the run has none and no index stage committed one.
   * In an output (a directory with stage manifests) the index must be the one its {@code index}
   * stage committed ({@link CommittedIndex#check}). A remote index is copied to a local temporary
   * file first (the reader memory-maps it).
   */
  KnowledgeSlice.Slice searchSlice(String outputDir) {
    org.apache.hadoop.fs.Path index =
        new org.apache.hadoop.fs.Path(outputDir, KnowledgeIndex.RELATIVE_PATH);
    Path copy = null;
    try {
      FileSystem fs = index.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Optional<StageManifest> manifest = StageCommit.read(spark, outputDir, CommittedIndex.STAGE);
      if (!fs.exists(index)) {
        if (manifest.isPresent()) {
          throw CommittedIndex.missing(index.toString());
        }
        return null;
      }
      Path local;
      if ("file".equals(fs.getScheme())) {
        local = io.tracemine.spark.LocalPaths.of(fs.makeQualified(index).toUri());
      } else {
        copy = Files.createTempFile("tracemine-report-index", ".tmm");
        fs.copyToLocalFile(false, index, new org.apache.hadoop.fs.Path(copy.toUri()), true);
        local = copy;
      }
      if (holdsManifests(fs, outputDir)) {
        CommittedIndex.check(local, index.toString(), manifest);
      }
      return KnowledgeSlice.of(
          KnowledgeIndex.open(local), config.searchPatterns(), config.searchPostings());
    } catch (IOException e) {
      throw new TraceMineException(
          "Cannot read the match index "
              + index
              + " for the report's "
              + "search box: "
              + e.getMessage(),
          e);
    } finally {
      if (copy != null) {
        copy.toFile().delete();
      }
    }
  }

  /**
   * Whether {@code outputDir} is a run's output, not bare tables ({@link
   * StageManifest#marksAnOutput}).
   */
  private static boolean holdsManifests(FileSystem fs, String outputDir) throws IOException {
    var manifests =
        fs.globStatus(
            new org.apache.hadoop.fs.Path(outputDir, StageManifest.fileName("*")),
            path -> StageManifest.marksAnOutput(path.getName()));
    return manifests != null && manifests.length > 0;
  }

  /** What the report of {@code outputDir} shows, read and aggregated (no files written). */
  ReportData read(String outputDir) {
    OutputTables tables = new OutputTables(spark, outputDir);
    Set<String> outdated = outdatedSideStages(outputDir).keySet();
    Inputs in =
        JobGroups.withJobGroup(
            spark,
            "REPORT",
            "REPORT-1: reading the run's tables for the report",
            () -> inputs(tables, outdated));
    return JobGroups.withJobGroup(
        spark,
        "REPORT",
        "REPORT-2: top " + config.topPatterns() + " patterns and messages per library",
        () -> aggregate(tables, in, outdated));
  }

  /** Stages whose outputs sit beside the chain the report shows, without being part of it. */
  private static final List<String> SIDE_STAGES = List.of("evaluate");

  /**
   * Each side stage ({@code evaluate}) whose output no longer belongs to {@code outputDir}, with
   * why: an upstream run it was made from was replaced since, or is gone (its evaluation describes
   * other posts). The report leaves such a stage's table, counts and rejects out.
   */
  public Map<String, String> outdatedSideStages(String outputDir) {
    Map<String, String> outdated = new LinkedHashMap<>();
    for (String stage : SIDE_STAGES) {
      Optional<StageManifest> manifest = StageCommit.read(spark, outputDir, stage);
      if (manifest.isEmpty()) {
        continue;
      }
      manifest
          .get()
          .staleUpstream(up -> StageCommit.read(spark, outputDir, up))
          .ifPresent(
              stale ->
                  outdated.put(
                      stage,
                      stale.current() == null
                          ? "its '" + stale.stage() + "' output is not committed any more"
                          : stale.madeFromAnother()));
    }
    return outdated;
  }

  private record Inputs(
      Map<String, DataTable> stats,
      Dataset<Row> questions,
      Dataset<Row> traces,
      Dataset<Row> patterns) {}

  private Inputs inputs(OutputTables tables, Set<String> outdated) {
    Optional<StageManifest> statsManifest = tables.manifest("stats");
    Map<String, Long> committed = statsManifest.map(StageManifest::tables).orElse(Map.of());
    Map<String, DataTable> stats = new LinkedHashMap<>();
    for (String name : STATS_TABLES) {
      stats.put(name, requireCommittedRows(statsTable(tables, name), committed));
      // its files: another output's with the same rows
      tables.requireCommittedRows(name, "stats", statsManifest);
    }
    requireCommittedStageTables(tables);
    Dataset<Row> questions = required(tables, "questions", Schemas.QUESTIONS, "extract");
    Dataset<Row> traces = required(tables, "traces", Schemas.TRACES, "extract");
    required(tables, "patterns", new StructType(), "mine");
    Dataset<Row> patterns = Patterns.read(tables, "patterns");
    for (String name : OPTIONAL_TABLES) {
      if (exists(tables.pathOf(name))) {
        stats.put(name, requireCommittedRows(statsTable(tables, name), committed));
        tables.requireCommittedRows(name, "stats", statsManifest);
      }
    }
    // written by 'evaluate' after a run: shown when the report is rendered again
    if (exists(tables.pathOf(MATCH_EVALUATION)) && !outdated.contains("evaluate")) {
      stats.put(
          MATCH_EVALUATION,
          collect(
              MATCH_EVALUATION,
              required(tables, MATCH_EVALUATION, Schemas.MATCH_EVALUATION, "evaluate")));
    }
    return new Inputs(stats, questions, traces, patterns);
  }

  private ReportData aggregate(OutputTables tables, Inputs in, Set<String> outdated) {
    Dataset<Row> patterns = in.patterns();
    Dataset<Row> patternTraces = PatternTraces.read(tables, "pattern_traces");
    Dataset<Row> python = in.traces().filter(col("language").equalTo("python"));
    Dataset<Row> jvmTraces = in.traces().filter(col("language").equalTo("jvm"));
    // one query ranks both: the patterns with a JVM trace, and the others
    Dataset<Row> jvmKeys =
        StatsInputs.collectedJvmPatterns(
                patternTraces,
                jvmTraces,
                "REPORT",
                "REPORT-2: the patterns found in JVM traces, in small batches")
            .withColumn(JVM, lit(true));
    TopPatterns tops =
        topPatterns(
            patterns
                .join(jvmKeys, new String[] {"library", "pattern_id"}, "left")
                .withColumn(JVM, coalesce(col(JVM), lit(false))));
    return new ReportData(
        config.settings(),
        counts(tables, outdated),
        rejects(tables, outdated),
        in.stats(),
        tops.others(),
        templates(python),
        distributions(in.questions()),
        jvmSummary(jvmTraces),
        tops.jvm());
  }

  private static InvalidConfigException refusedReport(
      String outputDir, String reason, Throwable cause) {
    InvalidConfigException e =
        new InvalidConfigException(
            "Cannot write output: '"
                + outputDir
                + "' could not be written ("
                + reason
                + ") while 'report' staged its page folder '"
                + REPORT_DIR
                + "': the previous report stands; make it writable and rerun 'report'");
    e.initCause(cause);
    return e;
  }

  private Map<String, Long> publish(
      ReportData data, KnowledgeSlice.Slice search, String outputDir, StageCommit commit) {
    Path local = null;
    try {
      local = Files.createTempDirectory("tracemine-report");
      Map<String, Long> counts = ReportRenderer.render(data, search, local);
      commit.writeFolder(REPORT_DIR, local);
      return counts;
    } catch (IOException e) {
      String refusal = WriteRefusals.reason(e);
      if (refusal != null) {
        throw refusedReport(outputDir, refusal, e);
      }
      throw new TraceMineException(
          "Cannot write the report into " + outputDir + "/" + REPORT_DIR + ": " + e.getMessage(),
          e);
    } finally {
      deleteLocal(local);
    }
  }

  private static void deleteLocal(Path dir) {
    if (dir == null) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temporary directory is harmless
    }
  }

  /**
   * {@link OutputTables#read}, after checking that the table exists: Spark's AnalysisException for
   * a missing path is a checked exception that {@code read} does not translate.
   */
  private Dataset<Row> required(
      OutputTables tables, String name, StructType schema, String producedBy) {
    if (!exists(tables.pathOf(name))) {
      throw new MalformedInputException(
          "Cannot read table '"
              + name
              + "' at "
              + tables.pathOf(name)
              + ": run the '"
              + producedBy
              + "' stage first");
    }
    return tables.read(name, schema, producedBy);
  }

  private boolean exists(String path) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A table of the stats stage, read on the driver when it is one file of flat columns ({@link
   * SmallParquet}), else collected with Spark.
   */
  private DataTable statsTable(OutputTables tables, String name) {
    if (exists(tables.pathOf(name))) {
      try {
        var small =
            SmallParquet.read(spark.sparkContext().hadoopConfiguration(), tables.pathOf(name));
        if (small.isPresent()) {
          return new DataTable(name, small.get().columns(), small.get().rows());
        }
      } catch (IOException e) {
        // Spark reads it below, and names the table if it cannot either
      }
    }
    return collect(name, required(tables, name, new StructType(), "stats"));
  }

  /**
   * {@code table} when it has the rows the stats stage's manifest ({@code committed}: rows per
   * table) says it wrote, or the manifest does not name it; a table changed since (rows deleted,
   * truncated, replaced by another table) fails naming it and the stage to rerun.
   */
  static DataTable requireCommittedRows(DataTable table, Map<String, Long> committed) {
    Long rows = committed.get(table.name());
    if (rows != null && rows >= 0 && rows != table.rows().size()) {
      throw new MalformedInputException(
          "Cannot use table '"
              + table.name()
              + "': it has "
              + table.rows().size()
              + " rows but the 'stats' stage committed "
              + rows
              + " (changed since); rerun 'stats'");
    }
    return table;
  }

  static DataTable collect(String name, Dataset<Row> ds) {
    List<String> columns = List.of(ds.columns());
    List<List<Object>> rows = new ArrayList<>();
    for (Row r : ds.collectAsList()) {
      List<Object> values = new ArrayList<>(columns.size());
      for (int i = 0; i < columns.size(); i++) {
        Object v = r.get(i);
        values.add(
            v == null || v instanceof Number || v instanceof String || v instanceof Boolean
                ? v
                : v.toString());
      }
      rows.add(values);
    }
    return new DataTable(name, columns, rows);
  }

  /**
   * Each stage's part of {@code counts} and {@code rejects} (but the report's own) is what that
   * stage committed: its rows and files (a file of another run or table copied in, one removed),
   * checked against the stage's manifest as every stage checks the tables it reads. In a run's
   * output a part of a stage that committed nothing there (copied from another output, or a stray
   * folder) is refused; bare tables, without manifests, are shown as they are.
   */
  private void requireCommittedStageTables(OutputTables tables) {
    Map<String, Optional<StageManifest>> manifests = new java.util.HashMap<>();
    boolean runOutput = holdsManifests(tables.root());
    for (String table : List.of("counts", "rejects")) {
      for (String stage : stagePartitions(tables.pathOf(table))) {
        if (stage.equals("report")) {
          continue;
        }
        Optional<StageManifest> manifest = manifests.computeIfAbsent(stage, tables::manifest);
        if (runOutput && manifest.isEmpty()) {
          throw new MalformedInputException(
              "Cannot use table '"
                  + table
                  + "': its part 'stage="
                  + stage
                  + "' was committed by no stage of this output (there is no "
                  + StageManifest.fileName(stage)
                  + "): copied from another output or written there since; remove '"
                  + tables.pathOf(table)
                  + "/stage="
                  + stage
                  + "', or rerun '"
                  + stage
                  + "'");
        }
        tables.requireCommittedRows(table + "/stage=" + stage, stage, manifest);
      }
    }
  }

  private boolean holdsManifests(String outputDir) {
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(outputDir);
    try {
      return holdsManifests(
          dir.getFileSystem(spark.sparkContext().hadoopConfiguration()), outputDir);
    } catch (IOException e) {
      throw new MalformedInputException("Cannot list '" + outputDir + "'", e);
    }
  }

  /** The {@code stage=} values of the partition directories of {@code table}, if it exists. */
  private List<String> stagePartitions(String table) {
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(table);
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(dir)) {
        return List.of();
      }
      List<String> stages = new ArrayList<>();
      for (FileStatus status : fs.listStatus(dir)) {
        String name = status.getPath().getName();
        if (status.isDirectory() && name.startsWith("stage=")) {
          stages.add(name.substring("stage=".length()));
        }
      }
      return stages;
    } catch (IOException e) {
      throw new MalformedInputException("Cannot list '" + table + "'", e);
    }
  }

  private Map<String, Map<String, Long>> counts(OutputTables tables, Set<String> outdated) {
    Map<String, Map<String, Long>> out = new TreeMap<>(ReportStage::compareStages);
    if (!exists(tables.pathOf("counts"))) {
      return out;
    }
    for (Row r :
        spark
            .read()
            .parquet(tables.pathOf("counts"))
            .select("stage", "metric", "value")
            .where("stage <> 'report'") // a previous report's own counts: a rerun shows the same
            .where(functions.not(col("stage").isin(outdated.toArray())))
            .collectAsList()) {
      out.computeIfAbsent(r.getString(0), s -> new LinkedHashMap<>())
          .put(r.getString(1), r.getLong(2));
    }
    return out;
  }

  private Map<String, Long> rejects(OutputTables tables, Set<String> outdated) {
    Map<String, Long> out = new TreeMap<>();
    if (!exists(tables.pathOf("rejects"))) {
      return out;
    }
    for (Row r :
        spark
            .read()
            .parquet(tables.pathOf("rejects"))
            .where(functions.not(col("stage").isin(outdated.toArray())))
            .groupBy("stage", "reason")
            .count()
            .collectAsList()) {
      out.put(r.getString(0) + ": " + r.getString(1), r.getLong(2));
    }
    return out;
  }

  private static int compareStages(String a, String b) {
    int ia = STAGE_ORDER.indexOf(a);
    int ib = STAGE_ORDER.indexOf(b);
    ia = ia < 0 ? STAGE_ORDER.size() : ia;
    ib = ib < 0 ? STAGE_ORDER.size() : ib;
    return ia != ib ? Integer.compare(ia, ib) : a.compareTo(b);
  }

  private static final String JVM = "has_jvm_trace";

  private record TopPatterns(List<TopPattern> others, List<TopPattern> jvm) {}

  /**
   * The top patterns of each library by the run's support measure, apart for the patterns with a
   * JVM trace (column {@link #JVM}) and the others.
   */
  private TopPatterns topPatterns(Dataset<Row> patterns) {
    Column support =
        when(col("support_measure").equalTo("questions"), col("question_support"))
            .when(col("support_measure").equalTo("occurrences"), col("occurrence_support"))
            .otherwise(col("trace_support"));
    var byLibrary =
        Window.partitionBy(JVM, "library").orderBy(col("support").desc(), col("pattern_id").asc());
    List<Row> rows =
        patterns
            .withColumn("support", support)
            .withColumn("rank", row_number().over(byLibrary))
            .filter(col("rank").leq(config.topPatterns()))
            .select(
                "library",
                "rank",
                "pattern_id",
                "pattern",
                "support",
                "support_measure",
                "trace_support",
                "question_support",
                "occurrence_support",
                "example_question_ids",
                JVM)
            .orderBy(JVM, "library", "rank")
            .collectAsList();
    List<TopPattern> others = new ArrayList<>();
    List<TopPattern> jvm = new ArrayList<>();
    for (Row r : rows) {
      List<String> frames = new ArrayList<>();
      for (Row item : r.<Row>getList(3)) {
        frames.add(item.getString(0) + ":" + item.getString(1));
      }
      (r.getBoolean(10) ? jvm : others)
          .add(
              new TopPattern(
                  r.getString(0),
                  r.getInt(1),
                  r.getString(2),
                  frames,
                  r.getLong(4),
                  r.getString(5),
                  r.getLong(6),
                  r.getLong(7),
                  r.getLong(8),
                  r.<Long>getList(9)));
    }
    return new TopPatterns(others, jvm);
  }

  /** Per library: questions with a JVM frame, JVM instances, frames, instances with a parent. */
  private static List<JvmSummary> jvmSummary(Dataset<Row> jvm) {
    List<Row> rows =
        jvm.groupBy("library")
            .agg(
                countDistinct(when(col("frame_count").gt(0), col("question_id"))),
                count(lit(1)),
                expr("sum(frame_count)"),
                count(col("parent_trace_id")))
            .orderBy("library")
            .collectAsList();
    List<JvmSummary> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          new JvmSummary(r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)));
    }
    return out;
  }

  private List<TemplateCount> templates(Dataset<Row> traces) {
    Dataset<Row> withTemplate =
        traces.filter(col("template").isNotNull().and(col("template").notEqual("")));
    var byTemplate =
        Window.partitionBy("library", "template")
            .orderBy(col("n").desc(), col("exception_type").asc_nulls_last());
    Dataset<Row> type =
        withTemplate
            .groupBy("library", "template", "exception_type")
            .agg(count(lit(1)).as("n"))
            .withColumn("r", row_number().over(byTemplate))
            .filter(col("r").equalTo(1))
            .select("library", "template", "exception_type");
    var byLibrary =
        Window.partitionBy("library")
            .orderBy(col("instances").desc(), col("questions").desc(), col("template").asc());
    List<Row> rows =
        withTemplate
            .groupBy("library", "template")
            .agg(count(lit(1)).as("instances"), countDistinct("question_id").as("questions"))
            .join(type, new String[] {"library", "template"}, "inner")
            .withColumn("rank", row_number().over(byLibrary))
            .filter(col("rank").leq(config.topPatterns()))
            .select("library", "rank", "exception_type", "template", "instances", "questions")
            .orderBy("library", "rank")
            .collectAsList();
    List<TemplateCount> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          new TemplateCount(
              r.getString(0),
              r.getInt(1),
              r.getString(2),
              r.getString(3),
              r.getLong(4),
              r.getLong(5)));
    }
    return out;
  }

  /**
   * Views (questions with code, as Table 3) and hours to first answer (answered questions with
   * code, Table 4's groups: questions without a code block are in neither).
   */
  private static List<Distribution> distributions(Dataset<Row> questions) {
    List<String> variables = List.of("views", "hours_to_first_answer");
    // one scan: each question with code gives its views and, when answered, its hours
    Column views = struct(lit(0).as("variable"), col("views").cast("double").as("value"));
    Column hours =
        struct(
            lit(1).as("variable"),
            when(col("answer_count").gt(0), col("hours_to_first_answer").cast("double"))
                .as("value"));
    List<Row> rows =
        questions
            .filter(col("has_code"))
            .select(col("library"), col("has_trace"), explode(array(views, hours)).as("v"))
            .select("library", "has_trace", "v.variable", "v.value")
            .filter(col("value").isNotNull())
            .groupBy("variable", "library", "has_trace")
            .agg(
                count(col("value")).as("n"),
                ExactPercentiles.at(0.05, 0.25, 0.5, 0.75, 0.95).apply(col("value")).as("q"))
            .orderBy("variable", "library", "has_trace")
            .collectAsList();
    List<Distribution> out = new ArrayList<>();
    for (Row r : rows) {
      List<Double> q = r.getStruct(4).getList(0);
      out.add(
          new Distribution(
              variables.get(r.getInt(0)),
              r.getString(1),
              r.getBoolean(2) ? Distribution.WITH_TRACE : Distribution.WITHOUT_TRACE,
              r.getLong(3),
              q.get(0),
              q.get(1),
              q.get(2),
              q.get(3),
              q.get(4)));
    }
    return out;
  }
}
