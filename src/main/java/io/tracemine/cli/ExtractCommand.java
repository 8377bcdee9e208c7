package io.tracemine.cli;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tracemine.MalformedInputException;
import io.tracemine.extract.ExtractConfig;
import io.tracemine.extract.ExtractStage;
import io.tracemine.spark.OutputTables;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.StageCommit;
import io.tracemine.spark.StageManifest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
      "Parses questions and their Python tracebacks ('questions', 'traces').",
      "Reads 'posts', parses each question's HTML into text and code blocks and its Python "
          + "tracebacks into frames, exception type and message; writes 'questions' and 'traces'."
    },
    footerHeading = "%nExample:%n",
    footer = "  ./submit.sh extract --extract-profile paper --output out/paper")
final class ExtractCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin StageOptions.Extract extract;

  @Override
  public Integer call() {
    Map<String, String> overrides = new TreeMap<>();
    extract.addTo(overrides);
    try (Invocation invocation = new Invocation("extract", common, overrides, System.out)) {
      check(invocation);
      invocation.open();
      invocation.summary(run(invocation, 1, 1));
    }
    return 0;
  }

  /** Checks the extract settings, without Spark. */
  static void check(Invocation invocation) {
    ExtractConfig.from(invocation.settings);
  }

  static StageSummary run(Invocation invocation, int index, int total) {
    ExtractConfig config = ExtractConfig.from(invocation.settings);
    long start = System.nanoTime();
    StageCommit commit = invocation.stage("extract", List.of("ingest"));
    OutputTables tables = invocation.tables();
    ExtractScope scope = ExtractScope.of(invocation, config);
    scope.describeIn(commit);
    var posts =
        scope.incremental()
            ? tables.readMonths("posts", Schemas.POSTS, "ingest", scope.redo())
            : tables.readCommitted("posts", Schemas.POSTS, "ingest");
    if (scope.incremental()) {
      tables.requireCommittedRows("posts", "ingest");
    }
    invocation.begin(
        "extract",
        index,
        total,
        "parsing questions with the '" + config.profile() + "' profile" + scope.describe());
    if (scope.changedTables() != null) {
      invocation.info(
          "  note: "
              + scope.changedTables()
              + "; every month is extracted again, so the tables are rewritten whole");
    }
    var result = new ExtractStage(invocation.spark(), config).run(posts);
    ExtractedTables.write(commit, result, scope);
    Set<String> untouched = new TreeSet<>();
    if (scope.incremental()) {
      untouched.addAll(scope.postsPartitions().keySet());
      untouched.removeAll(scope.redo());
    }
    Dataset<Row> keptRejects = UntouchedMonths.storedRejects(invocation, untouched);
    Map<String, Long> counts;
    try {
      counts = UntouchedMonths.addCounts(invocation, untouched, keptRejects, result.counts());
      commit.writeRejects(UntouchedMonths.withRejects(keptRejects, result.rejects()));
      commit.writeCounts(counts);
      commit.commit();
    } finally {
      if (keptRejects != null) {
        keptRejects.unpersist();
      }
    }
    return StageSummary.since(
        "extract", start, counts, List.of(tables.pathOf("questions"), tables.pathOf("traces")));
  }

  /** Writes questions and traces by month (its own class: Spark types, see LazySparkTest). */
  private static final class ExtractedTables {
    static void write(StageCommit commit, ExtractStage.ExtractResult result, ExtractScope scope) {
      var questions = result.datedQuestions();
      var traces = result.datedTraces();
      if (scope.incremental()) {
        commit.writePartitions("questions", questions, scope.replaced());
        commit.writePartitions("traces", traces, scope.replaced());
      } else {
        commit.writePartitionedTable("questions", questions);
        commit.writePartitionedTable("traces", traces);
      }
    }
  }

  /**
   * The months an incremental run leaves as they are keep their part of {@code
   * rejects/stage=extract} and count in {@code counts/stage=extract}, so both describe the whole
   * {@code questions} and {@code traces} tables, as a full run's do (before, a rerun on unchanged
   * posts committed no reject and zero counts). Its own class: Spark types, see LazySparkTest.
   */
  private static final class UntouchedMonths {
    private static final String STORED_REJECTS = "rejects/stage=extract";

    /** The rejects' columns without {@code stage}, the partition the stored rows sit in. */
    private static final StructType STORED_SCHEMA =
        new StructType(
            Arrays.stream(Schemas.REJECTS.fields())
                .filter(f -> !f.name().equals("stage"))
                .toArray(org.apache.spark.sql.types.StructField[]::new));

    /** This run's rejects and the kept ones ({@link #storedRejects}; null when none). */
    static Dataset<Row> withRejects(Dataset<Row> kept, Dataset<Row> runRejects) {
      if (kept == null) {
        return runRejects;
      }
      Column[] columns =
          Arrays.stream(runRejects.columns()).map(functions::col).toArray(Column[]::new);
      return runRejects.unionByName(kept.select(columns));
    }

    /**
     * {@code counts} plus the rows of {@code months} in the stored tables: their questions (read
     * and with a trace), question and trace rows, and their rejects {@code kept} (null when none).
     */
    static Map<String, Long> addCounts(
        Invocation invocation, Set<String> months, Dataset<Row> kept, Map<String, Long> counts) {
      if (months.isEmpty()) {
        return counts;
      }
      OutputTables tables = invocation.tables();
      Row questions =
          tables
              .readMonths("questions", Schemas.QUESTIONS, "extract", months)
              .agg(
                  count(lit(1)),
                  countDistinct(col("question_id")),
                  countDistinct(when(col("trace_count").gt(0), col("question_id"))))
              .first();
      long traceRows = tables.readMonths("traces", new StructType(), "extract", months).count();
      long rejected = kept == null ? 0L : kept.count();
      Map<String, Long> total = new LinkedHashMap<>(counts);
      total.merge("questions_read", questions.getLong(1) + rejected, Long::sum);
      total.merge("rejected", rejected, Long::sum);
      total.merge("question_rows", questions.getLong(0), Long::sum);
      total.merge("trace_rows", traceRows, Long::sum);
      total.merge("questions_with_trace", questions.getLong(2), Long::sum);
      return total;
    }

    /**
     * The committed extract rejects of questions whose posts are in {@code months} (a reject's
     * month is its question's, looked up in {@code posts}), persisted (they are few, and both the
     * counts and the rejects table read them), or null when there are none to keep.
     */
    static Dataset<Row> storedRejects(Invocation invocation, Set<String> months) {
      OutputTables tables = invocation.tables();
      if (months.isEmpty() || !tables.writer().exists(STORED_REJECTS)) {
        return null;
      }
      Dataset<Row> stored =
          invocation
              .spark()
              .read()
              .schema(STORED_SCHEMA)
              .parquet(tables.pathOf(STORED_REJECTS))
              .withColumn("stage", lit("extract"));
      Dataset<Row> postIds =
          tables.readMonths("posts", Schemas.POSTS, "ingest", months).select(col("Id"));
      return postIds
          .join(broadcast(stored), postIds.col("Id").equalTo(stored.col("record_id").cast("long")))
          .drop(postIds.col("Id"))
          .persist(StorageLevel.MEMORY_AND_DISK());
    }
  }

  /**
   * Which creation months this run extracts. The ingest manifest names, per {@code posts}
   * partition, the run that wrote it; the extract manifest records under {@code input} the {@code
   * posts_partitions} it reflects and its {@code config}. With the same config, only the months
   * whose posts partition changed are extracted again, and months no longer in posts are removed;
   * otherwise (first run, other config, posts without partitions) everything is.
   *
   * @param config the extract config; the manifest records it as text, and its {@code
   *     extract.max-frame-repeats} on its own for {@code index}
   * @param incremental whether only the changed months are extracted
   * @param postsPartitions the current posts partitions with their writers' run ids
   * @param redo the months to extract (every month when not incremental)
   * @param replaced the months whose questions and traces partitions this run replaces
   * @param changedTables why a run that could have been incremental extracts everything: its
   *     questions or traces are not what the last extract committed (a file copied, replaced or
   *     removed since), which only rewriting them whole repairs; else null
   */
  record ExtractScope(
      ExtractConfig config,
      boolean incremental,
      Map<String, String> postsPartitions,
      Set<String> redo,
      Set<String> replaced,
      String changedTables) {
    static ExtractScope of(Invocation invocation, ExtractConfig config) {
      var spark = invocation.spark();
      Map<String, String> posts =
          StageCommit.read(spark, invocation.outputDir(), "ingest")
              .map(m -> m.partitionsOf("posts"))
              .orElse(Map.of());
      Map<String, String> extracted =
          StageCommit.read(spark, invocation.outputDir(), "extract")
              .filter(m -> m.input() != null && config.toString().equals(m.input().get("config")))
              .filter(m -> m.input().get("posts_partitions") instanceof Map)
              .map(m -> StageManifest.stringMap(m.input().get("posts_partitions")))
              .orElse(null);
      if (posts.isEmpty() || extracted == null) {
        return new ExtractScope(config, false, posts, posts.keySet(), Set.of(), null);
      }
      String changed = changedSinceCommitted(invocation.tables());
      if (changed != null) {
        return new ExtractScope(config, false, posts, posts.keySet(), Set.of(), changed);
      }
      Set<String> redo = new TreeSet<>();
      posts.forEach(
          (month, writer) -> {
            if (!writer.equals(extracted.get(month)) || StageCommit.UNKNOWN_WRITER.equals(writer)) {
              redo.add(month);
            }
          });
      Set<String> replaced = new TreeSet<>(redo);
      extracted.keySet().stream().filter(m -> !posts.containsKey(m)).forEach(replaced::add);
      return new ExtractScope(config, true, posts, redo, replaced, null);
    }

    /**
     * Why the questions or traces on disk are not those the last extract committed (rows, file
     * digests, a table gone), or null: an incremental run would commit them as they are, certifying
     * a file that a copy or another tool put there.
     */
    private static String changedSinceCommitted(OutputTables tables) {
      for (String table : List.of("questions", "traces")) {
        try {
          tables.readCommitted(table, new StructType(), "extract");
        } catch (MalformedInputException e) {
          String why = e.getMessage();
          int rerun = why.lastIndexOf("; rerun '");
          return rerun < 0 ? why : why.substring(0, rerun);
        }
      }
      return null;
    }

    void describeIn(StageCommit commit) {
      commit.input("config", config.toString());
      commit.input(ExtractConfig.MAX_FRAME_REPEATS, config.maxFrameRepeats());
      commit.input("posts_partitions", new TreeMap<>(postsPartitions));
      commit.input("months_extracted", incremental ? List.copyOf(redo) : List.of("all"));
    }

    String describe() {
      if (!incremental) {
        return "";
      }
      return " (months " + (redo.isEmpty() ? "none: posts unchanged" : redo) + ")";
    }
  }
}
