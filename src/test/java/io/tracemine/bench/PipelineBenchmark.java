package io.tracemine.bench;

import io.tracemine.config.TestSettings;
import io.tracemine.corpus.CorpusGenerator;
import io.tracemine.corpus.GenerateCorpus;
import io.tracemine.extract.ExtractConfig;
import io.tracemine.extract.ExtractPosts;
import io.tracemine.extract.ExtractStage;
import io.tracemine.ingest.IngestConfig;
import io.tracemine.ingest.IngestStage;
import io.tracemine.ingest.PostsSource;
import io.tracemine.spark.GeneratePostRows;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.TableWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jsoup.Jsoup;

/**
 * Ingest (xml and parquet sources) and extract throughput on generated posts, with the floor set
 * by jsoup parsing alone on the same bodies. Prints posts/s and peak heap for each step.
 *
 * <pre>
 * mvn -q -o test-compile exec:java -Dtools.skip -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.tracemine.bench.PipelineBenchmark -Dexec.args="470000 local[2] /tmp/tm-bench"
 * </pre>
 *
 * Arguments: questions to generate (about 2.1 posts each), Spark master, work directory (the
 * generated inputs are kept there and reused).
 */
public final class PipelineBenchmark {
  private PipelineBenchmark() {}

  public static void main(String[] args) throws Exception {
    long questions = args.length > 0 ? Long.parseLong(args[0]) : 470_000;
    String master = args.length > 1 ? args[1] : "local[2]";
    Path work = Path.of(args.length > 2 ? args[2] : "/tmp/tracemine-bench").toAbsolutePath();
    Path xmlDir = work.resolve("xml-" + questions);
    if (!Files.exists(xmlDir.resolve("Posts.xml"))) {
      long t = System.nanoTime();
      GenerateCorpus.write(new CorpusGenerator(42), questions, xmlDir, GenerateCorpus.Compression.NONE);
      System.out.printf("generated %,d questions as Posts.xml in %.1f s%n", questions, secondsSince(t));
    }
    SparkSession spark =
        SparkSession.builder()
            .master(master)
            .appName("tracemine-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    Path parquet = work.resolve("parquet-" + questions);
    if (!Files.exists(parquet.resolve("posts"))) {
      var indexes = spark.range(0, questions, 1, 16).as(Encoders.LONG());
      new TableWriter(spark, parquet.toString())
          .writeParquet("posts", indexes.mapPartitions(new GeneratePostRows(42), Encoders.row(Schemas.SOTORRENT_POSTS)));
    }
    System.out.printf("machine: %d cores, max heap %d MiB, Java %s, master %s%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"), master);

    long inputRows = spark.read().text(xmlDir.resolve("Posts.xml").toString()).count() - 3;
    TableWriter out = new TableWriter(spark, work.resolve("out").toString());
    measure("ingest xml     ", inputRows, () -> ingest(spark, out, "xml", xmlDir.resolve("Posts.xml").toString()));
    measure("ingest parquet ", inputRows, () -> ingest(spark, out, "parquet", parquet.resolve("posts").toString()));
    Dataset<Row> posts = spark.read().parquet(out.pathOf("posts"));
    long selected = posts.count();
    // the same question bodies, cached, so both measure parsing only
    Dataset<Row> questionRows = ExtractStage.withAnswerDates(posts).cache();
    long questionCount = questionRows.count();
    measure("jsoup floor    ", questionCount, () -> questionRows.select("Body")
        .mapPartitions(new JsoupOnly(), Encoders.LONG())
        .reduce((org.apache.spark.api.java.function.ReduceFunction<Long>) Long::sum));
    measure("extract parse  ", questionCount, () -> questionRows
        .mapPartitions(new ExtractPosts(new ExtractConfig("default")), Encoders.row(ExtractPosts.SCHEMA))
        .selectExpr("sum(size(traces))").first());
    questionRows.unpersist();
    measure("extract stage  ", selected, () -> {
      var result = new ExtractStage(spark, new ExtractConfig("default")).run(posts);
      out.writeParquet("questions", result.questions());
      out.writeParquet("traces", result.traces());
      return result.counts();
    });
    spark.stop();
  }

  private static Map<String, Long> ingest(SparkSession spark, TableWriter out, String type, String path) {
    IngestConfig config = IngestConfig.from(
        TestSettings.withOverrides(null, Map.of("source.type", type, "source.path", path)), Map.of());
    var result = new IngestStage(spark, config).run(new PostsSource(spark, config).read());
    out.writeParquet("posts", result.posts());
    return result.counts();
  }

  private static void measure(String name, long rows, Supplier<Object> step) {
    resetPeaks();
    long t = System.nanoTime();
    Object result = step.get();
    double s = secondsSince(t);
    System.out.printf("%s %,10d rows in %6.1f s = %,9.0f rows/s   peak heap %,6d MiB   %s%n",
        name, rows, s, rows / s, peakHeapMiB(), result);
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeapMiB() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum >> 20;
  }

  private static double secondsSince(long t) {
    return (System.nanoTime() - t) / 1e9;
  }

  /** Parses every body with jsoup and nothing else: the floor for the extract stage. */
  static final class JsoupOnly implements MapPartitionsFunction<Row, Long> {
    @Override
    public Iterator<Long> call(Iterator<Row> rows) {
      long n = 0;
      while (rows.hasNext()) {
        Row r = rows.next();
        if (!r.isNullAt(0)) {
          n += Jsoup.parse(r.getString(0)).childNodeSize();
        }
      }
      return java.util.List.of(n).iterator();
    }
  }
}
