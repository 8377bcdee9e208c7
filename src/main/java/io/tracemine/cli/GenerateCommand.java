package io.tracemine.cli;

import io.tracemine.corpus.GenerateCorpus;
import io.tracemine.spark.GeneratePostRows;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.TableWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Encoders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a synthetic SOTorrent-shaped corpus (questions, answers, planted tracebacks).",
      "xml: a Stack Exchange Posts.xml dump plus the ground truth (planted.jsonl, runs.jsonl), streamed",
      "by one thread; parquet: a Posts table written by Spark in parallel (for 10^6-10^7 questions)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./submit.sh generate --questions 100000 --format xml --out /tmp/corpus-100k",
      "  ./submit.sh generate --questions 1000000 --format parquet --out /tmp/corpus-1m"
    })
final class GenerateCommand implements Callable<Integer> {
  enum Format { xml, parquet }

  @Mixin CommonOptions common;

  @Mixin GenerateCorpus corpus;

  @Option(names = "--format", defaultValue = "xml", description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = "--partitions", defaultValue = "0", description = "Spark partitions for parquet (0: 4 per core).")
  int partitions;

  @Override
  public Integer call() {
    long questions = corpus.questions();
    Path out = corpus.out();
    if (questions < 1 || questions > 10_000_000) {
      throw new io.tracemine.InvalidConfigException("'--questions' is " + questions + " but must be in 1..10,000,000");
    }
    if (format == Format.xml) {
      return corpus.call();
    }
    try (Job job = new Job(common, Map.of(), System.out)) {
      long start = System.nanoTime();
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("questions", questions);
      counts.put("posts", ParquetPosts.write(job, questions, out, corpus.seed(), partitions));
      job.summary(Job.summarize("generate", start, counts, List.of(out.resolve("posts").toString())));
    }
    return 0;
  }

  /** The Spark part, in its own class so that the xml format and --help never load Spark. */
  private static final class ParquetPosts {
    static long write(Job job, long questions, Path out, long seed, int partitions) {
      var spark = job.spark();
      int slices = partitions > 0 ? partitions : 4 * spark.sparkContext().defaultParallelism();
      var indexes = spark.range(0, questions, 1, slices).as(Encoders.LONG());
      var posts =
          indexes.mapPartitions(new GeneratePostRows(seed), Encoders.row(Schemas.SOTORRENT_POSTS));
      new TableWriter(spark, out.toAbsolutePath().toString()).writeParquet("posts", posts);
      return spark.read().parquet(out.resolve("posts").toAbsolutePath().toString()).count();
    }
  }
}
