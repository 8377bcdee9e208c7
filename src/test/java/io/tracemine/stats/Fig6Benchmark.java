package io.tracemine.stats;

import io.tracemine.bench.StatsBenchmark;
import io.tracemine.spark.JobGroups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;

/**
 * Times Fig. 6's query ({@link SparkRq2Test#firstCovered}) against the plan before session 22
 * ({@link SparkRq2Test#firstCoveredByLinks}: every link joined with the ranks, the minimum keyed by
 * the library name) on the inputs {@code io.tracemine.bench.StatsBenchmark} wrote, and checks that
 * both give the same counts. Each run is its own job group ({@code FIG6 <plan> <n>}), so the event
 * log gives each run's executor CPU ({@code bench/eventlog-groups.py}):
 *
 * <pre>
 * java -Xmx2g $(cat .mvn/jvm.config) -Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file:///tmp/ev \
 *      -cp target/classes:target/test-classes:$(cat /tmp/cp-test.txt) \
 *      io.tracemine.stats.Fig6Benchmark 10000000 /tmp/tm-stats-bench cached old,new,new,old
 * </pre>
 *
 * Arguments: rows, the StatsBenchmark work directory, how PATTERN_TRACES is read ({@code parquet}:
 * from its files each time; {@code cached}: the stage's persisted inputs ({@link
 * StatsStage#prepared}), counted once first; {@code disk}: persisted on disk only), and the plans
 * to run in order ({@code old}, {@code new}, or {@code explode}: only read and explode the question
 * ids and count them, the part of the work that does not depend on the plan; {@code counts}: the
 * instance counts ({@link SparkRq2#traceCounts}) and then Fig. 6's separate query, as the stage ran
 * them before session 23; {@code carried}: both from one query, {@link
 * SparkRq2#traceCountsAndFirstCovered}).
 */
public final class Fig6Benchmark {
  private Fig6Benchmark() {}

  public static void main(String[] args) {
    long rows = Long.parseLong(args[0]);
    Path work = Path.of(args[1]).toAbsolutePath();
    String input = args[2];
    List<String> plans = List.of(args[3].split(","));
    if (!Files.exists(work.resolve("patterns-" + rows).resolve("_SUCCESS"))) {
      throw new IllegalArgumentException(
          "Cannot time Fig. 6: no inputs for " + rows + " rows in " + work);
    }
    SparkSession spark = StatsBenchmark.session("Fig6Benchmark", "local[2]");
    StatsInputs read = StatsBenchmark.inputs(spark, rows, work);
    StatsInputs in = input.equals("cached") ? StatsStage.prepared(read) : read;
    Dataset<Row> links =
        switch (input) {
          case "parquet" -> read.patternTraces();
          case "cached" -> in.patternTraces();
          case "disk" -> read.patternTraces().persist(StorageLevel.DISK_ONLY());
          default ->
              throw new IllegalArgumentException(
                  "Cannot time Fig. 6: unknown input '"
                      + input
                      + "' (valid: parquet, cached, disk)");
        };
    List<PatternFacts> patterns = StatsStage.patterns(read.patterns(), "patterns");
    if (!input.equals("parquet")) {
      long t = System.nanoTime();
      long n = links.count();
      System.out.printf(
          "cached %,d PATTERN_TRACES rows: %.1f s%n", n, (System.nanoTime() - t) / 1e9);
    }
    Map<String, Map<Long, Long>> first = null;
    Object firstBoth = null;
    int run = 0;
    for (String plan : plans) {
      run++;
      storage(spark);
      Supplier<Object> query =
          switch (plan) {
            case "old" -> () -> SparkRq2Test.firstCoveredByLinks(spark, patterns, links);
            case "new" -> () -> SparkRq2Test.firstCovered(spark, patterns, links);
            case "counts" ->
                () -> {
                  SparkRq2.TraceCounts counts =
                      SparkRq2.traceCounts(in.traces(), in.patterns(), links);
                  return List.of(
                      SparkRq2Test.firstCovered(spark, patterns, links), lists(counts.covered()));
                };
            case "carried" ->
                () -> {
                  SparkRq2.TraceCounts counts =
                      SparkRq2.traceCountsAndFirstCovered(in.traces(), patterns, links);
                  return List.of(counts.firstCovered(), lists(counts.covered()));
                };
            case "explode" ->
                () ->
                    links
                        .selectExpr("explode(question_ids) as q")
                        .selectExpr("sum(q)")
                        .first()
                        .get(0);
            default ->
                throw new IllegalArgumentException(
                    "Cannot time Fig. 6: unknown plan '"
                        + plan
                        + "' (valid: old, new, explode, counts, carried)");
          };
      long t0 = System.nanoTime();
      Object result = JobGroups.withJobGroup(spark, "FIG6", "FIG6 " + plan + " " + run, query);
      long t1 = System.nanoTime();
      String check = "";
      if (result instanceof List<?> both) {
        check = ", same as the first counts or carried run: " + both.equals(firstBoth);
        if (firstBoth == null) {
          firstBoth = both;
        }
      }
      if (result instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, Map<Long, Long>> counts = (Map<String, Map<Long, Long>>) m;
        if (first == null) {
          first = counts;
        }
        long questions =
            counts.values().stream()
                .flatMap(x -> x.values().stream())
                .mapToLong(Long::longValue)
                .sum();
        check =
            String.format(
                ", %,d questions covered, same as run 1: %s", questions, counts.equals(first));
      }
      System.out.printf(
          "FIG6 %s %d on %,d rows (%s): %.1f s%s%n",
          plan, run, rows, input, (t1 - t0) / 1e9, check);
    }
    storage(spark);
    spark.stop();
  }

  private static Map<String, List<Long>> lists(Map<String, long[]> counts) {
    Map<String, List<Long>> out = new java.util.TreeMap<>();
    counts.forEach((k, v) -> out.put(k, java.util.Arrays.stream(v).boxed().toList()));
    return out;
  }

  private static void storage(SparkSession spark) {
    for (RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
      System.out.printf(
          "  cached rdd %d: %d/%d partitions, memory %,d MiB, disk %,d MiB%n",
          info.id(),
          info.numCachedPartitions(),
          info.numPartitions(),
          info.memSize() >> 20,
          info.diskSize() >> 20);
    }
  }
}
