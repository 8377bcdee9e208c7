package io.tracemine.mine;

import io.tracemine.mine.ccspan.CcSpan;
import io.tracemine.mine.ccspan.ClosedPattern;
import io.tracemine.mine.ccspan.Sequence;
import io.tracemine.mine.ccspan.SupportMeasure;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Mining benchmark on synthetic traces. Args: {@code sizes modes [longtail]}, e.g. {@code
 * 10000,100000 pure1,pure2,local1,local2}. Prints one line per run: seconds per phase, peak heap,
 * patterns. Run with {@code mvn -q -o exec:java -Dexec.mainClass=io.tracemine.mine.MineBenchmark
 * -Dexec.classpathScope=test -Dexec.args="100000 pure2,local2"}.
 */
public final class MineBenchmark {
  private static final long SEED = 20201231L;

  public static void main(String[] args) throws Exception {
    String[] sizes = (args.length > 0 ? args[0] : "10000,100000").split(",");
    String[] modes = (args.length > 1 ? args[1] : "pure1,pure2,local1,local2").split(",");
    boolean longTail = args.length > 2 && args[2].equals("longtail");
    System.out.printf(
        "java %s, %d cores, max heap %d MiB, long tail %s%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        longTail);
    for (String size : sizes) {
      int n = Integer.parseInt(size);
      for (String mode : modes) {
        if (mode.startsWith("pure")) {
          pure(n, Integer.parseInt(mode.substring(4)), longTail);
        } else {
          spark(n, Integer.parseInt(mode.substring(5)), longTail);
        }
      }
    }
  }

  private static void pure(int n, int threads, boolean longTail) throws Exception {
    System.gc();
    HeapWatch heap = new HeapWatch();
    long t0 = System.nanoTime();
    List<List<Sequence>> libs = new SyntheticTraces(SEED, longTail).byLibrary(n);
    long t1 = System.nanoTime();
    CcSpan miner = new CcSpan(SupportMeasure.TRACES, 2, null);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Long>> parts = new ArrayList<>();
    int buckets = 8 * threads;
    for (List<Sequence> db : libs) {
      for (int b = 0; b < buckets; b++) {
        int bucket = b;
        parts.add(
            pool.submit(
                () -> {
                  AtomicLong c = new AtomicLong();
                  miner.mine(
                      db,
                      it -> it % buckets == bucket,
                      (ClosedPattern p) -> c.addAndGet((1L << 32) + p.traceSupport()));
                  return c.get();
                }));
      }
    }
    long patterns = 0;
    for (Future<Long> f : parts) {
      patterns += f.get();
    }
    pool.shutdown();
    long t2 = System.nanoTime();
    System.out.printf(
        "pure%d n=%d generate=%.2fs mine=%.2fs patterns=%d patternTraces=%d peakHeap=%dMiB%n",
        threads, n, sec(t0, t1), sec(t1, t2), patterns >>> 32, patterns & 0xffffffffL,
        heap.stop() >> 20);
  }

  private static void spark(int n, int cores, boolean longTail) throws Exception {
    SparkSession spark =
        SparkSession.builder()
            .master("local[" + cores + "]")
            .appName("mine-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", Integer.toString(4 * cores))
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    if (Boolean.getBoolean("bench.stages")) {
      spark
          .sparkContext()
          .addSparkListener(
              new org.apache.spark.scheduler.SparkListener() {
                @Override
                public void onStageCompleted(
                    org.apache.spark.scheduler.SparkListenerStageCompleted e) {
                  org.apache.spark.scheduler.StageInfo i = e.stageInfo();
                  long ms =
                      (long) i.completionTime().get() - (long) i.submissionTime().get();
                  System.out.printf(
                      "  stage %d %-36.36s tasks=%d wall=%dms run=%dms cpu=%dms gc=%dms"
                          + " shuffleWrite=%dKiB%n",
                      i.stageId(), i.name(), i.numTasks(), ms,
                      i.taskMetrics().executorRunTime(),
                      i.taskMetrics().executorCpuTime() / 1_000_000,
                      i.taskMetrics().jvmGCTime(),
                      i.taskMetrics().shuffleWriteMetrics().bytesWritten() >> 10);
                }
              });
    }
    try {
      String dir = "/tmp/mine-bench";
      String in = dir + "/traces-" + n + (longTail ? "-lt" : "");
      if (!new File(in).exists()) {
        spark
            .range(0, n, 1, Math.max(2, n / 100_000))
            .as(Encoders.LONG())
            .mapPartitions(new SyntheticTraces.Generate(SEED, longTail), Encoders.row(SyntheticTraces.SCHEMA))
            .write()
            .mode(SaveMode.Overwrite)
            .parquet(in);
      }
      System.gc();
      HeapWatch heap = new HeapWatch();
      long t0 = System.nanoTime();
      Dataset<Row> traces = spark.read().parquet(in);
      long frames = traces.agg(functions.sum(functions.size(functions.col("frames")))).first().getLong(0);
      long t1 = System.nanoTime();
      MineResult r = new MineStage(spark, MineConfig.defaults()).run(traces);
      long t2 = System.nanoTime();
      long patterns = r.patterns().count();
      long t3 = System.nanoTime();
      r.patterns().write().mode(SaveMode.Overwrite).parquet(dir + "/patterns");
      r.patternTraces().write().mode(SaveMode.Overwrite).parquet(dir + "/pattern_traces");
      long t4 = System.nanoTime();
      r.unpersist();
      System.out.printf(
          "local[%d] n=%d frames=%d readInput=%.2fs dictionary=%.2fs mine=%.2fs"
              + " sortAndWriteOutputs=%.2fs total=%.2fs patterns=%d peakHeap=%dMiB%n",
          cores, n, frames, sec(t0, t1), sec(t1, t2), sec(t2, t3), sec(t3, t4), sec(t1, t4),
          patterns, heap.stop() >> 20);
    } finally {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
  }

  private static double sec(long a, long b) {
    return (b - a) / 1e9;
  }

  /** Samples used heap every 5 ms; also reads the pools' peak usage. */
  private static final class HeapWatch {
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread;

    HeapWatch() {
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        p.resetPeakUsage();
      }
      thread =
          new Thread(
              () -> {
                Runtime rt = Runtime.getRuntime();
                while (running) {
                  peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    long stop() throws InterruptedException {
      running = false;
      thread.join();
      return peak.get();
    }
  }

  private MineBenchmark() {}

}
