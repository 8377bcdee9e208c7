package io.tracemine.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
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
import java.util.List;
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
 * Arguments: rows, Spark master, work directory (the generated table is kept and reused). The
 * traces table has one row per 50th question with a trace and the pattern tables are empty: the
 * RQ2/RQ3 tables still collect traces and links to the driver, which is not what is measured.
 */
public final class StatsBenchmark {
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
    System.out.printf("generate %,d question rows: %.1f s (0 if reused)%n", rows, (System.nanoTime() - t0) / 1e9);
    Dataset<Row> questions = spark.read().schema(Schemas.QUESTIONS).parquet(questionsPath.toString());
    Dataset<Row> traces =
        questions
            .where(col("has_trace").and(col("question_id").mod(50).equalTo(0)))
            .select(
                concat(col("question_id").cast("string"), lit("-0")).as("trace_id"),
                col("question_id"),
                col("library"));
    Dataset<Row> noPatterns = spark.createDataFrame(List.of(), Schemas.PATTERNS);
    Dataset<Row> noLinks = spark.createDataFrame(List.of(), Schemas.PATTERN_TRACES);
    StatsStage stage = new StatsStage(spark, StatsConfig.defaults());
    long t1 = System.nanoTime();
    Map<String, Dataset<Row>> tables = stage.run(StatsInputs.of(questions, traces, noPatterns, noLinks));
    long t2 = System.nanoTime();
    for (Row r : tables.get("table1_population").collectAsList()) {
      System.out.println("table1 " + r.mkString(" | "));
    }
    for (Row r : tables.get("table4_answers").collectAsList()) {
      System.out.printf("table4 %s first_answer median %s / %s  U %s  p %s  accepted %s/%s vs %s/%s%n",
          r.getAs("library"), r.getAs("first_answer_hours_median_trace"), r.getAs("first_answer_hours_median_no_trace"),
          r.getAs("first_answer_hours_u"), r.getAs("first_answer_hours_p"), r.getAs("accepted_trace"),
          r.getAs("questions_trace"), r.getAs("accepted_no_trace"), r.getAs("questions_no_trace"));
    }
    System.out.printf("stats stage on %,d questions: %.1f s (Tables 1-5 and the rest), peak heap %,d MiB, -Xmx %,d MiB%n",
        rows, (t2 - t1) / 1e9, peakHeapMiB(), Runtime.getRuntime().maxMemory() >> 20);
    spark.stop();
  }

  /** N questions over 7 libraries, ~80% with code, ~13% with a trace, ties and nulls as in SOTorrent. */
  static Dataset<Row> generate(SparkSession spark, long rows) {
    Column u = rand(1);
    Column code = rand(2).lt(0.8);
    Column trace = code.and(rand(3).lt(0.16));
    Column answers = floor(rand(4).multiply(4)).cast("int");
    Column libraries =
        array(lit("tensorflow"), lit("keras"), lit("scikit-learn"), lit("pytorch"), lit("nltk"),
            lit("huggingface"), lit("spark-ml"));
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
            when(trace, floor(rand(8).multiply(40)).cast("int")).otherwise(0).as("trace_code_lines"),
            trace.as("has_trace"),
            when(trace, 1).otherwise(0).as("trace_count"),
            when(trace, element_at(array(lit("unix"), lit("windows"), lit("mixed")),
                floor(rand(9).multiply(3)).cast("int").plus(1))).otherwise(lit("none")).as("os"),
            floor(rand(10).multiply(8)).cast("int").minus(2).as("score"),
            floor(rand(11).multiply(rand(12)).multiply(20000)).cast("long").as("views"),
            floor(rand(13).multiply(5)).cast("int").as("comments"),
            answers.as("answer_count"),
            when(answers.gt(0), floor(rand(14).multiply(rand(15)).multiply(1e6)).divide(1e3)).as("hours_to_first_answer"),
            when(answers.gt(0).and(rand(16).lt(0.4)), floor(rand(17).multiply(1e6)).divide(1e4))
                .as("hours_to_accepted_answer"),
            answers.gt(0).and(rand(16).lt(0.4)).as("has_accepted_answer"),
            lit("default").as("profile"));
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
