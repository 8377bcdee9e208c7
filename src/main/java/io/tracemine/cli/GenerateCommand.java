package io.tracemine.cli;

import io.tracemine.corpus.GenerateCorpus;
import io.tracemine.report.InputKind;
import io.tracemine.spark.GeneratePostLinkRows;
import io.tracemine.spark.GeneratePostRows;
import io.tracemine.spark.LocalOutputLock;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.TableWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a synthetic SOTorrent-shaped corpus (questions, answers, planted tracebacks).",
      "xml: a Stack Exchange Posts.xml dump plus the ground truth (planted.jsonl, runs.jsonl), "
          + "streamed by one thread. parquet: a Posts table written by Spark in parallel (for "
          + "10^6-10^8 questions); its Spark master and settings come from spark-submit "
          + "(./submit.sh --master ... generate) and the local profile."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./submit.sh generate --questions 100000 --format xml --output /tmp/corpus-100k",
      "  ./submit.sh generate --questions 1000000 --format parquet --output /tmp/corpus-1m"
    })
final class GenerateCommand implements Callable<Integer> {
  enum Format {
    xml,
    parquet
  }

  /**
   * How often the xml generator reports on a log (a terminal gets a line rewritten every second).
   */
  // the periods of ProgressListener, not read from it: that class is a SparkListener, and the
  // xml generator runs on a plain JVM without Spark
  private static final long LOG_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);

  private static final long TTY_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

  @Mixin ConsoleOptions common;

  @Mixin GenerateCorpus corpus;

  @Option(
      names = "--format",
      defaultValue = "xml",
      description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = "--partitions",
      defaultValue = "0",
      description = "Spark partitions for parquet (0: 4 per core).")
  int partitions;

  /** Four times Stack Overflow's questions; enough for a whole-dump scale run. */
  static final long MAX_QUESTIONS = 100_000_000L;

  @Override
  public Integer call() {
    long questions = corpus.questions();
    Path out = corpus.out();
    if (questions < 1 || questions > MAX_QUESTIONS) {
      throw new io.tracemine.InvalidConfigException(
          "'--questions' is " + questions + " but must be in 1..100,000,000");
    }
    if (partitions < 0) {
      throw new io.tracemine.InvalidConfigException(
          "'--partitions' is " + partitions + " but must be 0 (4 per core) or more");
    }
    corpus.generator(); // checks --duplicates before anything is printed or written
    LocalOutputLock.requireNoPipelineOutput(out);
    if (format == Format.xml) {
      return xml(questions, out);
    }
    CommonOptions options = CommonOptions.defaults(common);
    options.output = out.toAbsolutePath().toString();
    try (Invocation invocation = new Invocation(options, Map.of(), System.out)) {
      long start = System.nanoTime();
      Map<String, Long> counts = new LinkedHashMap<>();
      invocation.begin(
          "generate", 1, 1, questions + " questions as a Parquet posts table in " + out);
      counts.put("questions", questions);
      boolean canonical = corpus.generator().canonicalOriginals();
      counts.putAll(
          ParquetPosts.write(
              invocation,
              questions,
              out,
              corpus.seed(),
              corpus.duplicates(),
              canonical,
              partitions));
      markGenerated(out, questions);
      invocation.summary(
          StageSummary.since(
              "generate",
              start,
              counts,
              List.of(out.resolve("posts").toString(), out.resolve("postlinks").toString())));
    }
    return 0;
  }

  /**
   * Marks {@code out} as generated ({@link InputKind#GENERATED}), so a report of a run over it
   * shows its question ids without links to Stack Overflow: they name unrelated real questions.
   */
  private void markGenerated(Path out, long questions) {
    try {
      java.nio.file.Files.writeString(
          out.resolve(InputKind.GENERATED),
          "Synthetic posts written by 'tracemine generate' ("
              + questions
              + " questions, seed "
              + corpus.seed()
              + "): their ids name no real Stack Overflow question.\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot write " + out.resolve(InputKind.GENERATED), e);
    }
  }

  /** The Spark part, in its own class so that the xml format and --help never load Spark. */
  private static final class ParquetPosts {
    /** Writes the posts and postlinks tables; returns their row counts as read back. */
    static Map<String, Long> write(
        Invocation invocation,
        long questions,
        Path out,
        long seed,
        double duplicates,
        boolean canonicalOriginals,
        int partitions) {
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put(
          "posts",
          table(
              invocation,
              questions,
              out,
              "posts",
              new GeneratePostRows(seed, duplicates, canonicalOriginals),
              Schemas.SOTORRENT_POSTS,
              partitions));
      counts.put(
          "duplicates",
          table(
              invocation,
              questions,
              out,
              "postlinks",
              new GeneratePostLinkRows(seed, duplicates, canonicalOriginals),
              Schemas.SOTORRENT_POSTLINKS,
              partitions));
      return counts;
    }

    /**
     * Writes table {@code name} of the rows {@code generator} makes from question indexes {@code 0
     * .. questions-1}; returns its row count as read back.
     */
    private static long table(
        Invocation invocation,
        long questions,
        Path out,
        String name,
        MapPartitionsFunction<Long, Row> generator,
        StructType schema,
        int partitions) {
      var spark = invocation.spark();
      int slices = partitions > 0 ? partitions : 4 * spark.sparkContext().defaultParallelism();
      var indexes = spark.range(0, questions, 1, slices).as(Encoders.LONG());
      var rows = indexes.mapPartitions(generator, Encoders.row(schema));
      new TableWriter(spark, out.toAbsolutePath().toString()).writeParquet(name, rows);
      return spark.read().parquet(out.resolve(name).toAbsolutePath().toString()).count();
    }
  }

  /**
   * Posts.xml by one thread, without Spark (no Invocation: this path runs on a plain JVM), in
   * {@code out} locked.
   */
  private int xml(long questions, Path out) {
    try (LocalOutputLock lock = lockCreating(out)) {
      return xmlLocked(questions, out);
    }
  }

  private int xmlLocked(long questions, Path out) {
    long start = System.nanoTime();
    boolean talk = !common.quiet && !common.json;
    common.report.run(null, out.toAbsolutePath().toString());
    if (talk) {
      System.out.println("[1/1] generate: " + questions + " questions as Posts.xml in " + out);
    }
    GenerateCorpus.Summary s =
        GenerateCorpus.write(
            corpus.generator(),
            questions,
            out,
            corpus.gzip() ? GenerateCorpus.Compression.GZIP : GenerateCorpus.Compression.NONE,
            talk ? new Heartbeat(System.err, questions, System.console() != null) : done -> {});
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("questions", s.questions());
    counts.put("posts", s.posts());
    counts.put("planted_traces", s.plantedTraces());
    counts.put("distractors", s.distractors());
    counts.put("duplicates", s.duplicates());
    String suffix = corpus.gzip() ? ".gz" : "";
    List<String> outputs =
        new java.util.ArrayList<>(
            List.of(
                out.resolve("Posts.xml" + suffix).toString(),
                out.resolve("planted.jsonl" + suffix).toString(),
                out.resolve("runs.jsonl").toString()));
    if (corpus.duplicates() > 0) {
      outputs.add(out.resolve("PostLinks.xml" + suffix).toString());
      outputs.add(out.resolve("duplicates.jsonl").toString());
    }
    StageSummary summary = StageSummary.since("generate", start, counts, outputs);
    common.report.stage(summary);
    if (!common.json) {
      System.out.println("  done: " + summary.oneLine());
    }
    return 0;
  }

  /** Creates {@code out} if needed and locks it, as a pipeline stage locks its output. */
  private static LocalOutputLock lockCreating(Path out) {
    try {
      java.nio.file.Files.createDirectories(out);
    } catch (java.io.IOException e) {
      String why = LocalOutputLock.whyNoDirectory(out.toAbsolutePath().toUri());
      throw new java.io.UncheckedIOException(
          "Cannot write the corpus to " + out + (why.isEmpty() ? ": " + e.getMessage() : why), e);
    }
    return LocalOutputLock.acquire(
        out, LocalOutputLock.self(java.util.UUID.randomUUID().toString(), "generate"));
  }

  /** The xml generator's progress: questions written, rate and time left (it is one thread). */
  static final class Heartbeat implements java.util.function.LongConsumer {
    private final PrintStream err;
    private final long total;
    private final boolean tty;
    private final long started = System.nanoTime();
    private long lastPrint = started;

    Heartbeat(PrintStream err, long total, boolean tty) {
      this.err = err;
      this.total = total;
      this.tty = tty;
    }

    @Override
    public void accept(long done) {
      long now = System.nanoTime();
      if (now - lastPrint < (tty ? TTY_PERIOD_NANOS : LOG_PERIOD_NANOS) || done >= total) {
        return;
      }
      lastPrint = now;
      double seconds = (now - started) / 1e9;
      long left = Math.round(seconds / done * (total - done));
      String line =
          String.format(
              "  [1/1] generate  %ds  questions %,d/%,d  %,.0f/s  ~%ds left",
              TimeUnit.NANOSECONDS.toSeconds(now - started), done, total, done / seconds, left);
      if (tty) {
        err.print("\r" + line + "\033[K");
      } else {
        err.println(line);
      }
      err.flush();
    }
  }
}
