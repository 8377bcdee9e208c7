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
import static org.apache.spark.sql.functions.when;

import io.tracemine.spark.Schemas;
import io.tracemine.stats.StatsConfig;
import io.tracemine.stats.StatsInputs;
import io.tracemine.stats.StatsStage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * io.tracemine.stats.TraceCountsBenchmark}, which times one job group on them). The traces table
 * has one trace per question with a trace; each trace contains up to 3 of its library's 2,000
 * patterns (skewed supports; the 100 rarest pattern numbers have item lists shared by every
 * library, so round 1 lists them). Every output table is written as Parquet, as the CLI does, so
 * the lazily computed ones (Fig. 6) are measured too.
 */
public final class StatsBenchmark {
  private static final int PATTERNS = 2_000;

  private StatsBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    String master = args.length > 1 ? args[1] : "local[2]";
    Path work = Path.of(args.length > 2 ? args[2] : "/tmp/tm-stats-bench").toAbsolutePath();
    SparkSession spark =
        SparkSession.builder()
            .master(master)
            .appName("StatsBenchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    Path questionsPath = work.resolve("questions-" + rows);
    long t0 = System.nanoTime();
    if (!Files.exists(questionsPath.resolve("_SUCCESS"))) {
      generate(spark, rows).write().mode("overwrite").parquet(questionsPath.toString());
    }
    System.out.printf(
        "generate %,d question rows: %.1f s (0 if reused)%n", rows, (System.nanoTime() - t0) / 1e9);
    Dataset<Row> questions =
        spark.read().schema(Schemas.QUESTIONS).parquet(questionsPath.toString());
    Path tracesPath = work.resolve("traces-" + rows);
    Path linksPath = work.resolve("pattern-traces-" + rows);
    Path patternsPath = work.resolve("patterns-" + rows);
    if (!Files.exists(patternsPath.resolve("_SUCCESS"))) {
      traces(questions).write().mode("overwrite").parquet(tracesPath.toString());
      Dataset<Row> traces = spark.read().parquet(tracesPath.toString());
      patternTraces(traces).write().mode("overwrite").parquet(linksPath.toString());
      patterns(spark.read().parquet(linksPath.toString()))
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
   * N questions over 7 libraries, ~80% with code, ~13% with a trace, ties and nulls as in
   * SOTorrent.
   */
  static Dataset<Row> generate(SparkSession spark, long rows) {
    Column u = rand(1);
    Column code = rand(2).lt(0.8);
    Column trace = code.and(rand(3).lt(0.16));
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
            lit(null).cast("timestamp").as("creation_date"),
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

  /** One trace per question with a trace: trace_id, question_id, library. */
  static Dataset<Row> traces(Dataset<Row> questions) {
    return questions
        .where(col("has_trace"))
        .select(
            concat(col("question_id").cast("string"), lit("-0")).as("trace_id"),
            col("question_id"),
            col("library"));
  }

  /**
   * PATTERN_TRACES: each trace contains up to 3 of its library's {@value #PATTERNS} patterns,
   * skewed so that low pattern numbers have the most traces.
   */
  static Dataset<Row> patternTraces(Dataset<Row> traces) {
    Column[] picks = new Column[3];
    for (int j = 0; j < 3; j++) {
      Column u = pmod(hash(col("question_id"), lit(j)), lit(1_000_003)).divide(1_000_003.0);
      picks[j] = floor(u.multiply(u).multiply(PATTERNS)).cast("int");
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
  static Dataset<Row> patterns(Dataset<Row> patternTraces) {
    Column p = substring_index(col("pattern_id"), "-", -1).cast("int");
    Column owner = when(p.geq(PATTERNS - 100), lit("shared")).otherwise(col("library"));
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
