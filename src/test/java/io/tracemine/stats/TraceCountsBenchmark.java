package io.tracemine.stats;

import static io.tracemine.stats.Rq1Tables.ALL;

import io.tracemine.bench.StatsBenchmark;
import io.tracemine.spark.JobGroups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Times the stats stage's job group "STATS-1: instances and covered instances per library (Tables
 * 5, 6)" ({@link SparkRq2#traceCounts}) alone, on the inputs {@code io.tracemine.bench
 * .StatsBenchmark} wrote (run it first with the argument {@code inputs}), read as the stage reads
 * them. Prints the wall of the job group and every count, so two builds can be compared value for
 * value. Run with the event log on to read the group's executor CPU:
 *
 * <pre>
 * java -Xmx2g $(cat .mvn/jvm.config) -Dspark.eventLog.enabled=true \
 *      -Dspark.eventLog.dir=file:///tmp/ev -cp target/classes:target/test-classes:$(cat /tmp/cp-test.txt) \
 *      io.tracemine.stats.TraceCountsBenchmark 4000000 'local[2]' /tmp/tm-stats-bench
 * </pre>
 *
 * Arguments: rows, Spark master, the StatsBenchmark work directory.
 */
public final class TraceCountsBenchmark {
  private TraceCountsBenchmark() {}

  public static void main(String[] args) {
    long rows = Long.parseLong(args[0]);
    String master = args.length > 1 ? args[1] : "local[2]";
    Path work = Path.of(args.length > 2 ? args[2] : "/tmp/tm-stats-bench").toAbsolutePath();
    if (!Files.exists(work.resolve("patterns-" + rows).resolve("_SUCCESS"))) {
      throw new IllegalArgumentException(
          "Cannot time the trace counts: no inputs for "
              + rows
              + " rows in "
              + work
              + " (run io.tracemine.bench.StatsBenchmark "
              + rows
              + " '"
              + master
              + "' "
              + work
              + " inputs first)");
    }
    SparkSession spark = StatsBenchmark.session("TraceCountsBenchmark", master);
    StatsInputs in = StatsBenchmark.inputs(spark, rows, work).pythonOnly();
    long t0 = System.nanoTime();
    SparkRq2.TraceCounts counts =
        JobGroups.withJobGroup(
            spark,
            "STATS",
            "STATS-1: instances and covered instances per library (Tables 5, 6) in Spark",
            () -> SparkRq2.traceCounts(in.traces(), in.patterns(), in.patternTraces()));
    long t1 = System.nanoTime();
    System.out.printf("trace counts on %,d questions: %.1f s%n", rows, (t1 - t0) / 1e9);
    print("instances", counts.instances());
    print("covered", counts.covered());
    System.out.println("total " + Arrays.toString(counts.instances().get(ALL)));
    spark.stop();
  }

  private static void print(String kind, Map<String, long[]> counts) {
    counts.forEach((lib, c) -> System.out.println(kind + " " + lib + " " + Arrays.toString(c)));
  }
}
