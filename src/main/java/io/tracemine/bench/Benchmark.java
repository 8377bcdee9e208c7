package io.tracemine.bench;

import io.tracemine.config.Settings;
import io.tracemine.corpus.CorpusGenerator;
import io.tracemine.corpus.GenerateCorpus;
import io.tracemine.extract.ExtractConfig;
import io.tracemine.extract.ExtractPosts;
import io.tracemine.extract.ExtractStage;
import io.tracemine.ingest.IngestConfig;
import io.tracemine.ingest.IngestStage;
import io.tracemine.ingest.PostsSource;
import io.tracemine.mine.MineConfig;
import io.tracemine.mine.MineResult;
import io.tracemine.mine.MineStage;
import io.tracemine.mine.ccspan.CcSpan;
import io.tracemine.mine.ccspan.ClosedPattern;
import io.tracemine.mine.ccspan.Sequence;
import io.tracemine.spark.GeneratePostRows;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.TableWriter;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.api.java.function.ReduceFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jsoup.Jsoup;

/**
 * What {@code tracemine benchmark} measures, each step against its floor in the same JVM: the mine
 * stage (read traces, mine, write both tables) against the pure miner on the same synthetic traces;
 * ingest and extract against the bare jsoup parse of the same bodies. Prints wall time, CPU use of
 * the process and peak heap (sum of the heap pools' peaks, reset before each step) per step.
 */
public final class Benchmark {
  private static final long SEED = 20201231L;

  private final SparkSession spark;
  private final Path work;
  private final PrintStream out;

  public Benchmark(SparkSession spark, Path work, PrintStream out) {
    this.spark = spark;
    this.work = work.toAbsolutePath();
    this.out = out;
  }

  /** One line about the machine: cores, heap, Java, master, load. */
  public void header() {
    out.printf(
        "machine: %d cores, max heap %d MiB, Java %s, master %s, load average %.2f%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"),
        spark.sparkContext().master(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** The pure miner (as many threads as Spark's parallelism) and the mine stage on n traces. */
  public void mining(int n) throws Exception {
    int threads = spark.sparkContext().defaultParallelism();
    Path traces = work.resolve("traces-" + n);
    if (!Files.exists(traces.resolve("_SUCCESS"))) {
      Dataset<Row> rows =
          spark
              .range(0, n, 1, Math.max(2, n / 100_000))
              .as(Encoders.LONG())
              .mapPartitions(
                  new SyntheticTraces.Generate(SEED, false), Encoders.row(Schemas.TRACES));
      rows.write().mode("overwrite").parquet(traces.toString());
    }
    Measured pure = measure(() -> pureMine(new SyntheticTraces(SEED, false).byLibrary(n), threads));
    print("mine, pure CcSpan, " + threads + " threads", n, pure, "patterns " + pure.result);
    TableWriter writer = new TableWriter(spark, work.resolve("out-" + n).toString());
    Measured stage =
        measure(
            () -> {
              Dataset<Row> in = spark.read().schema(Schemas.TRACES).parquet(traces.toString());
              MineResult r = new MineStage(spark, MineConfig.defaults()).run(in);
              writer.writeParquet("patterns", r.storedPatterns());
              writer.writeParquet("pattern_items", r.items());
              writer.writeParquet("pattern_traces", r.patternTraces());
              r.unpersist();
              return null;
            });
    long patterns = spark.read().parquet(writer.pathOf("patterns")).count();
    print("mine stage (read, mine, write)", n, stage, "patterns " + patterns);
    out.printf(
        "  ratio stage / pure = %.1f (wall), %.1f (cpu)%n",
        stage.seconds / pure.seconds, stage.cpuSeconds / pure.cpuSeconds);
  }

  /** CcSpan over first-item buckets (8 per thread), library by library; returns patterns. */
  static long pureMine(List<List<Sequence>> libraries, int threads) throws Exception {
    CcSpan miner = new CcSpan(MineConfig.defaults().supportMeasure(), 2, null);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> parts = new ArrayList<>();
      int buckets = 8 * threads;
      for (List<Sequence> db : libraries) {
        for (int b = 0; b < buckets; b++) {
          int bucket = b;
          parts.add(
              pool.submit(
                  () -> {
                    long[] count = new long[1];
                    miner.mine(db, it -> it % buckets == bucket, (ClosedPattern p) -> count[0]++);
                    return count[0];
                  }));
        }
      }
      long patterns = 0;
      for (Future<Long> f : parts) {
        patterns += f.get();
      }
      return patterns;
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Ingest from Posts.xml and from a Parquet table, jsoup alone on the selected questions' bodies,
   * extraction of the same bodies, and the whole extract stage, on a generated corpus.
   *
   * @param settings the settings for given overrides (source.type, source.path)
   */
  public void pipeline(long questions, Function<Map<String, String>, Settings> settings)
      throws Exception {
    Path xml = work.resolve("xml-" + questions);
    if (!Files.exists(xml.resolve("Posts.xml"))) {
      GenerateCorpus.write(
          new CorpusGenerator(42), questions, xml, GenerateCorpus.Compression.NONE);
    }
    Path parquet = work.resolve("parquet-" + questions);
    if (!Files.exists(parquet.resolve("posts"))) {
      Dataset<Row> posts =
          spark
              .range(0, questions, 1, 16)
              .as(Encoders.LONG())
              .mapPartitions(new GeneratePostRows(42), Encoders.row(Schemas.SOTORRENT_POSTS));
      new TableWriter(spark, parquet.toString()).writeParquet("posts", posts);
    }
    TableWriter writer = new TableWriter(spark, work.resolve("out-" + questions).toString());
    long rows = spark.read().parquet(parquet.resolve("posts").toString()).count();
    for (String[] source :
        new String[][] {
          {"xml", xml.resolve("Posts.xml").toString()},
          {"parquet", parquet.resolve("posts").toString()}
        }) {
      IngestConfig config =
          IngestConfig.from(
              settings.apply(Map.of("source.type", source[0], "source.path", source[1])), Map.of());
      Measured m =
          measure(
              () -> {
                var result =
                    new IngestStage(spark, config).run(new PostsSource(spark, config).read());
                writer.writeParquet("posts", result.posts());
                return result.counts();
              });
      print("ingest, " + source[0] + " source", rows, m, "");
    }
    Dataset<Row> posts = spark.read().parquet(writer.pathOf("posts"));
    long selected = posts.count();
    Dataset<Row> questionRows = ExtractStage.withAnswerDates(posts).cache();
    long questionCount = questionRows.count();
    Measured jsoup =
        measure(
            () ->
                questionRows
                    .select("Body")
                    .mapPartitions(new JsoupOnly(), Encoders.LONG())
                    .reduce((ReduceFunction<Long>) Long::sum));
    print("jsoup parse alone (the floor)", questionCount, jsoup, "");
    ExtractConfig extract = ExtractConfig.defaults();
    Measured parse =
        measure(
            () ->
                questionRows
                    .mapPartitions(new ExtractPosts(extract), Encoders.row(ExtractPosts.SCHEMA))
                    .selectExpr("sum(size(traces))")
                    .first());
    print("extraction of the same bodies", questionCount, parse, "");
    out.printf("  ratio extraction / jsoup = %.1f%n", parse.seconds / jsoup.seconds);
    questionRows.unpersist();
    Measured stage =
        measure(
            () -> {
              var result = new ExtractStage(spark, extract).run(posts);
              writer.writeParquet("questions", result.questions());
              writer.writeParquet("traces", result.traces());
              return null;
            });
    print("extract stage (joins, parse, write)", selected, stage, "");
    out.printf("  ratio extract stage / jsoup = %.1f%n", stage.seconds / jsoup.seconds);
  }

  private record Measured(
      double seconds, double cpuSeconds, long peakHeap, long gcMillis, Object result) {}

  private interface Step {
    Object run() throws Exception;
  }

  private static Measured measure(Step step) throws Exception {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long gc0 = gcMillis();
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    Object result = step.run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (processCpuNanos() - cpu0) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return new Measured(seconds, cpu, peak, gcMillis() - gc0, result);
  }

  private static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  private void print(String step, long rows, Measured m, String extra) {
    out.printf(
        "%-38s %,11d rows %8.2f s %,10.0f rows/s  cpu %7.1f s = %4.0f%%  peak heap %,6d MiB"
            + "  gc %,6d ms  %s%n",
        step,
        rows,
        m.seconds,
        rows / m.seconds,
        m.cpuSeconds,
        100 * m.cpuSeconds / m.seconds,
        m.peakHeap >> 20,
        m.gcMillis,
        extra);
  }

  /** Total GC time so far (all collectors). */
  private static long gcMillis() {
    long ms = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ms += Math.max(0, gc.getCollectionTime());
    }
    return ms;
  }

  /** Parses every body with jsoup and nothing else: the floor for the extract stage. */
  static final class JsoupOnly implements MapPartitionsFunction<Row, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Long> call(Iterator<Row> rows) {
      long n = 0;
      while (rows.hasNext()) {
        Row r = rows.next();
        if (!r.isNullAt(0)) {
          n += Jsoup.parse(r.getString(0)).childNodeSize();
        }
      }
      return List.of(n).iterator();
    }
  }
}
