package io.tracemine.bench;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_repeat;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;

import io.tracemine.spark.JobGroups;
import io.tracemine.spark.Schemas;
import io.tracemine.stats.PeriodConfig;
import io.tracemine.stats.PeriodTables;
import io.tracemine.stats.StatsConfig;
import io.tracemine.stats.StatsInputs;
import io.tracemine.stats.StatsStage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The stats stage on a generated QUESTIONS table of N rows (made directly as a Parquet table with
 * Spark, no posts), in local mode: prints the time of Tables 1-5 (Spark aggregations) and of the
 * whole stage, with the peak heap. Run within a 2 GiB heap:
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dtools.skip -Dmdep.outputFile=/tmp/cp-test.txt -Dmdep.includeScope=test
 * java -Xmx2g $(cat .mvn/jvm.config) -cp target/test-classes:target/classes:$(cat /tmp/cp-test.txt) \
 *      io.tracemine.bench.StatsBenchmark 10000000 'local[2]' /tmp/tm-stats-bench
 * </pre>
 *
 * Arguments: rows, Spark master, work directory (the generated tables are kept and reused), and
 * optionally {@code inputs} to write the inputs and stop (for {@code
 * io.tracemine.stats.TraceCountsBenchmark}, which times one job group on them) or {@code stage} to
 * run the whole stage as the CLI does, period tables included ({@link #wholeStage}). The inputs'
 * proportions are chosen with {@code -Dtracemine.bench.profile} ({@link Profile}; one profile per
 * work directory). The scaling runs of session 17 (docs/PERFORMANCE.md, "Stats, session 17"):
 *
 * <pre>
 * java -Xmx2g $(cat .mvn/jvm.config) -Dtracemine.bench.profile=corpus2m \
 *      -Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file:///tmp/ev \
 *      -cp target/test-classes:target/classes:$(cat /tmp/cp-test.txt) \
 *      io.tracemine.bench.StatsBenchmark 500000 'local[2]' /tmp/tm-stats-c2m stage
 * </pre>
 *
 * The traces table has one trace per question with a trace; each trace contains up to 3 of its
 * library's 2,000 patterns (skewed supports; the 100 rarest pattern numbers have item lists shared
 * by every library, so round 1 lists them). Every output table is written as Parquet, as the CLI
 * does, so the lazily computed ones (Fig. 6) are measured too.
 */
public final class StatsBenchmark {
  private static final int PATTERNS = 2_000;

  /**
   * The proportions of the generated inputs, chosen with {@code -Dtracemine.bench.profile}: {@code
   * synthetic} (the default, as before session 17: ~12.8% of the questions with one trace each, up
   * to 3 of 2,000 patterns per library per trace, no creation dates, no exception types) or {@code
   * corpus2m}, the proportions of the stage's inputs on the 2M generated corpus ({@code ./submit.sh
   * generate --questions 2000000}: 2,065,089 question rows, 395,332 Python trace rows of 313,333
   * questions, 30,687 patterns, about 5.13M links): ~15.2% of the questions with a trace, 26% of
   * those with a second one, up to 14 of 4,000 patterns per library per trace (about 13 links per
   * trace), creation dates spread over 2008-08 to 2024-12 in question-id order, and per trace an
   * exception type (40, skewed) and a template (up to 300 per type, skewed), so the period tables
   * have work.
   */
  record Profile(
      String name, double traceShare, double secondTrace, int patterns, int picks, boolean dated) {
    static final Profile SYNTHETIC = new Profile("synthetic", 0.16, 0, PATTERNS, 3, false);
    static final Profile CORPUS_2M = new Profile("corpus2m", 0.19, 0.26, 4_000, 14, true);

    static Profile of(String name) {
      return switch (name) {
        case "synthetic" -> SYNTHETIC;
        case "corpus2m" -> CORPUS_2M;
        default ->
            throw new IllegalArgumentException(
                "Cannot generate stats inputs: unknown tracemine.bench.profile '"
                    + name
                    + "' (valid: synthetic, corpus2m)");
      };
    }
  }

  private StatsBenchmark() {}

  /**
   * The session of the stats benchmarks ({@code appName} on {@code master}, 8 shuffle partitions).
   */
  public static SparkSession session(String appName, String master) {
    return SparkSession.builder()
        .master(master)
        .appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }

  /** The generated inputs of {@code rows} question rows in {@code work}, as read (not prepared). */
  public static StatsInputs inputs(SparkSession spark, long rows, Path work) {
    return StatsInputs.of(
        spark.read().schema(Schemas.QUESTIONS).parquet(work + "/questions-" + rows),
        spark.read().parquet(work + "/traces-" + rows),
        spark.read().parquet(work + "/patterns-" + rows),
        spark.read().parquet(work + "/pattern-traces-" + rows));
  }

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    String master = args.length > 1 ? args[1] : "local[2]";
    Path work = Path.of(args.length > 2 ? args[2] : "/tmp/tm-stats-bench").toAbsolutePath();
    SparkSession spark = session("StatsBenchmark", master);
    Profile profile = Profile.of(System.getProperty("tracemine.bench.profile", "synthetic"));
    checkProfile(work, profile);
    Path questionsPath = work.resolve("questions-" + rows);
    long t0 = System.nanoTime();
    if (!Files.exists(questionsPath.resolve("_SUCCESS"))) {
      generate(spark, rows, profile).write().mode("overwrite").parquet(questionsPath.toString());
    }
    System.out.printf(
        "generate %,d question rows: %.1f s (0 if reused)%n", rows, (System.nanoTime() - t0) / 1e9);
    Dataset<Row> questions =
        spark.read().schema(Schemas.QUESTIONS).parquet(questionsPath.toString());
    Path tracesPath = work.resolve("traces-" + rows);
    Path linksPath = work.resolve("pattern-traces-" + rows);
    Path patternsPath = work.resolve("patterns-" + rows);
    if (!Files.exists(patternsPath.resolve("_SUCCESS"))) {
      traces(questions, profile).write().mode("overwrite").parquet(tracesPath.toString());
      Dataset<Row> traces = spark.read().parquet(tracesPath.toString());
      patternTraces(traces, profile).write().mode("overwrite").parquet(linksPath.toString());
      patterns(spark.read().parquet(linksPath.toString()), profile)
          .write()
          .mode("overwrite")
          .parquet(patternsPath.toString());
    }
    System.out.printf(
        "generate + write all inputs: %.1f s (0 if reused)%n", (System.nanoTime() - t0) / 1e9);
    if (args.length > 3 && args[3].equals("inputs")) {
      spark.stop();
      return;
    }
    if (args.length > 3 && args[3].equals("stage")) {
      wholeStage(spark, rows, work);
      spark.stop();
      return;
    }
    Dataset<Row> traces = spark.read().parquet(tracesPath.toString());
    Dataset<Row> links = spark.read().parquet(linksPath.toString());
    Dataset<Row> patterns = spark.read().parquet(patternsPath.toString());
    System.out.printf(
        "inputs: %,d traces, %,d patterns, %,d links%n",
        traces.count(),
        patterns.count(),
        links.selectExpr("sum(size(trace_ids))").first().getLong(0));
    StatsStage stage = new StatsStage(spark, StatsConfig.defaults());
    long t1 = System.nanoTime();
    Map<String, Dataset<Row>> tables =
        stage.run(StatsInputs.of(questions, traces, patterns, links));
    for (Map.Entry<String, Dataset<Row>> t : tables.entrySet()) {
      t.getValue()
          .write()
          .mode("overwrite")
          .parquet(work.resolve("out").resolve(t.getKey()).toString());
    }
    long t2 = System.nanoTime();
    Dataset<Row> fig6 = spark.read().parquet(work.resolve("out/fig6_topk_coverage").toString());
    System.out.printf(
        "fig6 rows %,d; rq3_round1 rows %,d; rq3_round2 rows %,d%n",
        fig6.count(),
        spark.read().parquet(work.resolve("out/rq3_round1").toString()).count(),
        spark.read().parquet(work.resolve("out/rq3_round2").toString()).count());
    for (Row r :
        spark.read().parquet(work.resolve("out/table6_coverage").toString()).collectAsList()) {
      System.out.println("table6 " + r.mkString(" | "));
    }
    for (Row r :
        spark.read().parquet(work.resolve("out/table1_population").toString()).collectAsList()) {
      System.out.println("table1 " + r.mkString(" | "));
    }
    for (Row r :
        spark.read().parquet(work.resolve("out/table4_answers").toString()).collectAsList()) {
      System.out.printf(
          "table4 %s first_answer median %s / %s  U %s  p %s  accepted %s/%s vs %s/%s%n",
          r.getAs("library"),
          r.getAs("first_answer_hours_median_trace"),
          r.getAs("first_answer_hours_median_no_trace"),
          r.getAs("first_answer_hours_u"),
          r.getAs("first_answer_hours_p"),
          r.getAs("accepted_trace"),
          r.getAs("questions_trace"),
          r.getAs("accepted_no_trace"),
          r.getAs("questions_no_trace"));
    }
    System.out.printf(
        "stats stage on %,d questions (run and write every table): %.1f s, "
            + "peak heap %,d MiB (sum of the pools' peaks), -Xmx %,d MiB%n",
        rows, (t2 - t1) / 1e9, peakHeapMiB(), Runtime.getRuntime().maxMemory() >> 20);
    spark.stop();
  }

  /**
   * The whole stats stage as {@code ./submit.sh stats} runs it on these inputs: {@link
   * StatsStage#prepared} (persisted, only the used columns), {@link StatsStage#run}, {@link
   * PeriodTables#run} (job group "STATS-P: period tables") and every table written as Parquet (job
   * group "STATS-W: write the tables"; the CLI also writes a CSV copy, not done here). Prints the
   * wall of each part; with {@code -Dspark.eventLog.enabled=true} the event log gives each job
   * group's executor CPU.
   */
  static void wholeStage(SparkSession spark, long rows, Path work) {
    StatsInputs read = inputs(spark, rows, work);
    long t0 = System.nanoTime();
    StatsInputs inputs = StatsStage.prepared(read);
    Map<String, Dataset<Row>> results =
        new LinkedHashMap<>(new StatsStage(spark, StatsConfig.defaults()).run(inputs));
    long t1 = System.nanoTime();
    results.putAll(
        JobGroups.withJobGroup(
            spark,
            "STATS",
            "STATS-P: period tables",
            () -> new PeriodTables(PeriodConfig.defaults()).run(inputs)));
    long t2 = System.nanoTime();
    Path out = work.resolve("out-stage-" + rows);
    JobGroups.withJobGroup(
        spark,
        "STATS",
        "STATS-W: write the tables",
        () -> {
          for (Map.Entry<String, Dataset<Row>> t : results.entrySet()) {
            t.getValue().write().mode("overwrite").parquet(out.resolve(t.getKey()).toString());
          }
        });
    inputs.unpersist();
    long t3 = System.nanoTime();
    System.out.printf(
        "whole stats stage on %,d questions: %.1f s (StatsStage.run %.1f s, period tables %.1f s,"
            + " write %d tables %.1f s), peak heap %,d MiB%n",
        rows,
        (t3 - t0) / 1e9,
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9,
        results.size(),
        (t3 - t2) / 1e9,
        peakHeapMiB());
  }

  /** Fails when {@code work} holds inputs of another profile; records the profile otherwise. */
  private static void checkProfile(Path work, Profile profile) throws java.io.IOException {
    Path marker = work.resolve("profile");
    Files.createDirectories(work);
    if (Files.exists(marker)) {
      String stored = Files.readString(marker).strip();
      if (!stored.equals(profile.name())) {
        throw new IllegalArgumentException(
            "Cannot use work directory "
                + work
                + ": it holds inputs of profile '"
                + stored
                + "', not '"
                + profile.name()
                + "' (use another directory)");
      }
    } else {
      Files.writeString(marker, profile.name() + "\n");
    }
  }

  /**
   * N questions over 7 libraries, ~80% with code, ~13% (corpus2m: ~15%) with a trace, ties and
   * nulls as in SOTorrent.
   */
  static Dataset<Row> generate(SparkSession spark, long rows, Profile profile) {
    Column u = rand(1);
    Column code = rand(2).lt(0.8);
    Column trace = code.and(rand(3).lt(profile.traceShare()));
    // 2008-08-01 to 2024-12-31 in question-id order, or none
    Column created =
        profile.dated()
            ? timestamp_seconds(
                lit(1_217_548_800L).plus(floor(col("id").multiply(517_190_400.0).divide(rows))))
            : lit(null).cast("timestamp");
    Column answers = floor(rand(4).multiply(4)).cast("int");
    Column libraries =
        array(
            lit("tensorflow"),
            lit("keras"),
            lit("scikit-learn"),
            lit("pytorch"),
            lit("nltk"),
            lit("huggingface"),
            lit("spark-ml"));
    Column libraryIndex = floor(rand(5).multiply(rand(6)).multiply(7)).cast("int").plus(1);
    return spark
        .range(rows)
        .select(
            col("id").plus(1).as("question_id"),
            element_at(libraries, libraryIndex).as("library"),
            created.as("creation_date"),
            floor(u.multiply(200)).cast("int").as("word_count"),
            code.as("has_code"),
            when(code, 1).otherwise(0).as("code_blocks"),
            when(code, floor(rand(7).multiply(60)).cast("int")).otherwise(0).as("code_lines"),
            when(trace, floor(rand(8).multiply(40)).cast("int"))
                .otherwise(0)
                .as("trace_code_lines"),
            trace.as("has_trace"),
            when(trace, 1).otherwise(0).as("trace_count"),
            when(
                    trace,
                    element_at(
                        array(lit("unix"), lit("windows"), lit("mixed")),
                        floor(rand(9).multiply(3)).cast("int").plus(1)))
                .otherwise(lit("none"))
                .as("os"),
            floor(rand(10).multiply(8)).cast("int").minus(2).as("score"),
            floor(rand(11).multiply(rand(12)).multiply(20000)).cast("long").as("views"),
            floor(rand(13).multiply(5)).cast("int").as("comments"),
            answers.as("answer_count"),
            when(answers.gt(0), floor(rand(14).multiply(rand(15)).multiply(1e6)).divide(1e3))
                .as("hours_to_first_answer"),
            when(answers.gt(0).and(rand(16).lt(0.4)), floor(rand(17).multiply(1e6)).divide(1e4))
                .as("hours_to_accepted_answer"),
            answers.gt(0).and(rand(16).lt(0.4)).as("has_accepted_answer"),
            lit("default").as("profile"));
  }

  /**
   * One trace per question with a trace (corpus2m: two for {@code secondTrace} of them): trace_id,
   * question_id, library, exception_type (40 values, skewed), template (up to 300 per type,
   * skewed).
   */
  static Dataset<Row> traces(Dataset<Row> questions, Profile profile) {
    Column second =
        pmod(hash(col("question_id"), lit(101)), lit(10_000))
            .lt((int) Math.round(profile.secondTrace() * 10_000));
    Column u = pmod(hash(col("trace_id"), lit(102)), lit(1_000_003)).divide(1_000_003.0);
    Column v = pmod(hash(col("trace_id"), lit(103)), lit(1_000_003)).divide(1_000_003.0);
    Column type = concat(lit("Error"), floor(u.multiply(u).multiply(40)).cast("string"));
    return questions
        .where(col("has_trace"))
        .select(
            col("question_id"),
            col("library"),
            explode(when(second, array(lit(0), lit(1))).otherwise(array(lit(0)))).as("k"))
        .select(
            concat(col("question_id").cast("string"), lit("-"), col("k").cast("string"))
                .as("trace_id"),
            col("question_id"),
            col("library"))
        .select(
            col("trace_id"),
            col("question_id"),
            col("library"),
            type.as("exception_type"),
            concat(type, lit(": message "), floor(v.multiply(v).multiply(300)).cast("string"))
                .as("template"));
  }

  /**
   * PATTERN_TRACES: each trace contains up to {@code picks} (3) of its library's {@code patterns}
   * ({@value #PATTERNS}) patterns, skewed so that low pattern numbers have the most traces.
   */
  static Dataset<Row> patternTraces(Dataset<Row> traces, Profile profile) {
    Column[] picks = new Column[profile.picks()];
    // the synthetic profile's picks hash the question id (one trace per question), as before
    Column key = profile == Profile.SYNTHETIC ? col("question_id") : col("trace_id");
    for (int j = 0; j < picks.length; j++) {
      Column u = pmod(hash(key, lit(j)), lit(1_000_003)).divide(1_000_003.0);
      picks[j] = floor(u.multiply(u).multiply(profile.patterns())).cast("int");
    }
    return traces
        .select(
            col("library"),
            col("trace_id"),
            col("question_id"),
            explode(array_distinct(array(picks))).as("p"))
        .groupBy("library", "p")
        .agg(
            collect_list("trace_id").as("trace_ids"),
            collect_list("question_id").as("question_ids"))
        .select(
            concat(col("library"), lit("-"), col("p").cast("string")).as("pattern_id"),
            col("library"),
            col("trace_ids"),
            col("question_ids"))
        .select("library", "pattern_id", "trace_ids", "question_ids");
  }

  /**
   * PATTERNS from the links: support = traces; items shared by every library for the last 100
   * pattern numbers (the rarest), the library's own otherwise.
   */
  static Dataset<Row> patterns(Dataset<Row> patternTraces, Profile profile) {
    Column p = substring_index(col("pattern_id"), "-", -1).cast("int");
    Column owner = when(p.geq(profile.patterns() - 100), lit("shared")).otherwise(col("library"));
    Column item =
        struct(
            concat(owner, lit(".py")).as("file"),
            concat(lit("f"), p.cast("string")).as("function"));
    Column length = pmod(p, lit(3)).plus(1);
    Column support = size(col("trace_ids")).cast("long");
    return patternTraces.select(
        col("library"),
        col("pattern_id"),
        array_repeat(item, length).as("pattern"),
        length.as("length"),
        support.as("trace_support"),
        support.as("question_support"),
        support.as("occurrence_support"),
        slice(col("question_ids"), 1, 5).as("example_question_ids"),
        lit("traces").as("support_measure"),
        lit(1L).as("min_support"));
  }

  private static long peakHeapMiB() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes >> 20;
  }
}
