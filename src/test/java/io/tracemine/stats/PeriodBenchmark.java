package io.tracemine.stats;

import io.tracemine.bench.StatsBenchmark;
import io.tracemine.spark.JobGroups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Times the period tables ({@link PeriodTables#run}) on the inputs {@code
 * io.tracemine.bench.StatsBenchmark} wrote, on the stage's persisted inputs ({@link
 * StatsStage#prepared}, counted once first in job group {@code CACHE}), RUNS times, each run its
 * own job group ({@code PERIOD <tag> <n>}), so the event log gives each run's executor CPU ({@code
 * bench/eventlog-groups.py}). Each run's five tables (schema as JSON, then the rows in their order)
 * are written to {@code OUT/period-<tag>-<rows>-<n>.txt}, to be compared with {@code cmp} between
 * runs and builds (docs/PERFORMANCE.md, "Period tables, session 24"):
 *
 * <pre>
 * java -Xmx2g -XX:+UseParallelGC $(cat .mvn/jvm.config) -Dspark.eventLog.enabled=true \
 *      -Dspark.eventLog.dir=file:///tmp/ev -cp target/classes:target/test-classes:$(cat /tmp/cp-test.txt) \
 *      io.tracemine.stats.PeriodBenchmark 2400000 /tmp/tm-stats-bench 2 base /tmp/out
 * </pre>
 */
public final class PeriodBenchmark {
  public static void main(String[] args) throws Exception {
    long rows = Long.parseLong(args[0]);
    Path work = Path.of(args[1]).toAbsolutePath();
    int runs = Integer.parseInt(args[2]);
    String tag = args[3];
    Path out = Path.of(args[4]);
    Files.createDirectories(out);
    SparkSession spark = StatsBenchmark.session("PeriodBenchmark", "local[2]");
    StatsInputs read = StatsBenchmark.inputs(spark, rows, work);
    StatsInputs in = StatsStage.prepared(read);
    long t = System.nanoTime();
    JobGroups.withJobGroup(
        spark,
        "CACHE",
        "CACHE inputs",
        () -> {
          in.questions().count();
          in.traces().count();
          in.patterns().count();
          in.patternTraces().count();
          return null;
        });
    System.out.printf("cached inputs: %.1f s%n", (System.nanoTime() - t) / 1e9);
    for (int run = 1; run <= runs; run++) {
      long t0 = System.nanoTime();
      Map<String, Dataset<Row>> tables =
          JobGroups.withJobGroup(
              spark,
              "PERIOD",
              "PERIOD " + tag + " " + run,
              () -> new PeriodTables(PeriodConfig.defaults()).run(in));
      // the period tables are driver tables: collecting them runs no Spark job
      List<String> lines = new ArrayList<>();
      for (Map.Entry<String, Dataset<Row>> e : tables.entrySet()) {
        lines.add("## " + e.getKey() + " " + e.getValue().schema().json());
        List<String> rs = new ArrayList<>();
        for (Row r :
            JobGroups.withJobGroup(
                spark, "DUMP", "DUMP " + run, () -> e.getValue().collectAsList())) {
          rs.add(r.toString());
        }
        lines.addAll(rs);
      }
      long t1 = System.nanoTime();
      Files.write(out.resolve("period-" + tag + "-" + rows + "-" + run + ".txt"), lines);
      System.out.printf(
          "PERIOD %s %d on %,d rows: %.1f s, %,d lines%n",
          tag, run, rows, (t1 - t0) / 1e9, lines.size());
    }
    spark.stop();
  }
}
