package io.tracemine.bench;

import io.tracemine.extract.ExtractConfig;
import io.tracemine.extract.ExtractStage;
import io.tracemine.mine.MineConfig;
import io.tracemine.mine.MineStage;
import io.tracemine.spark.Schemas;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Issue 9's pathological case: two questions whose tracebacks list N identical frames
 * (RecursionError-style), through extract + mine. Prints the seconds of each stage.
 *
 * <pre>
 * mvn -q -o test-compile exec:java -Dtools.skip -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.tracemine.bench.RepeatedFramesBenchmark -Dexec.args="100000 3 local[2]"
 * </pre>
 *
 * Arguments: N (frames per traceback), {@code extract.max-frame-repeats} (3 = the default; 0 keeps
 * every frame, which shows the quadratic cost: do not use it with a large N), Spark master.
 */
public final class RepeatedFramesBenchmark {
  private RepeatedFramesBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int maxRepeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String master = args.length > 2 ? args[2] : "local[2]";
    SparkSession spark =
        SparkSession.builder()
            .master(master)
            .appName("tracemine-repeated-frames")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    String body =
        "<pre>Traceback (most recent call last):\n  File \"/a/run.py\", line 1, in main\n"
            + "  File \"/a/model.py\", line 12, in call\n    return self.call(x)\n".repeat(n)
            + "RecursionError: maximum recursion depth exceeded\n</pre>";
    List<Row> rows = List.of(question(1, body), question(2, body));
    Dataset<Row> posts = spark.createDataFrame(rows, Schemas.POSTS);
    System.out.printf(
        "2 questions, %,d identical frames each (%.1f MB of body), max-frame-repeats=%d%n",
        n, body.length() / 1e6, maxRepeats);
    for (int round = 1; round <= 2; round++) {
      long t0 = System.nanoTime();
      Dataset<Row> traces =
          new ExtractStage(spark, new ExtractConfig("default", maxRepeats))
              .run(posts)
              .traces()
              .persist(StorageLevel.MEMORY_ONLY());
      long frames = traces.selectExpr("sum(frame_count)").first().getLong(0);
      double extract = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      var mined = new MineStage(spark, MineConfig.defaults()).run(traces);
      long patterns = mined.patterns().count();
      long links = mined.patternTraces().count();
      double mine = (System.nanoTime() - t1) / 1e9;
      System.out.printf(
          "round %d: extract %.2f s (%d frames kept), mine %.2f s (%d patterns, %d links),"
              + " total %.2f s%n",
          round, extract, frames, mine, patterns, links, extract + mine);
      traces.unpersist();
    }
    spark.stop();
  }

  private static Row question(long id, String body) {
    return RowFactory.create(
        id,
        1,
        null,
        null,
        null,
        0,
        10L,
        0,
        0,
        "recursion",
        "<python><tensorflow>",
        body,
        new String[] {"tensorflow"});
  }
}
