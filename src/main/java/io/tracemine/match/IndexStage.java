package io.tracemine.match;

import static org.apache.spark.sql.functions.col;

import io.tracemine.MalformedInputException;
import io.tracemine.spark.StageCommit;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the match index of a run ({@code <output>/match_index/index.tmm}, docs/MATCH.md) from its
 * posts, traces, patterns and pattern_traces tables. The tables stream to the driver one row at a
 * time ({@code toLocalIterator}); the driver holds the traces and the patterns' items, and spills
 * the pattern-trace pairs to a temporary file. Traces and patterns are read in (library, id) order,
 * so the same tables give a byte-identical index.
 */
public final class IndexStage {
  private final SparkSession spark;
  private final String defaultProfile;
  private final int maxFrameRepeats;

  /**
   * @param defaultProfile the extract profile to record when the traces table is empty
   * @param maxFrameRepeats the {@code extract.max-frame-repeats} the traces were extracted with,
   *     recorded for {@code match} ({@link KnowledgeIndex#REPEATS_UNKNOWN} when not known)
   */
  public IndexStage(SparkSession spark, String defaultProfile, int maxFrameRepeats) {
    this.spark = spark;
    this.defaultProfile = defaultProfile;
    this.maxFrameRepeats = maxFrameRepeats;
  }

  /**
   * Builds the index into {@code file} (a local file, replaced atomically) and returns what it
   * holds. The {@code index} stage writes it into its staging area ({@code StageCommit#writeFile}),
   * so that it becomes visible only with the stage's commit.
   */
  public IndexSummary run(
      Dataset<Row> posts,
      Dataset<Row> traces,
      Dataset<Row> patterns,
      Dataset<Row> patternTraces,
      java.nio.file.Path file) {
    try (IndexBuilder builder = new IndexBuilder(defaultProfile)) {
      builder.maxFrameRepeats(maxFrameRepeats);
      Dataset<Row> traced = traces.select("question_id").distinct();
      Dataset<Row> questions =
          posts
              .filter(col("PostTypeId").equalTo(1))
              .join(traced, posts.col("Id").equalTo(traced.col("question_id")), "left_semi")
              .select("Id", "Title", "Score", "AcceptedAnswerId")
              // the scan of posts has a partition per ~128 MB of files, and toLocalIterator runs a
              // job per partition; after a shuffle, AQE packs the few questions into one or two
              .repartition(col("Id"));
      for (Iterator<Row> it = questions.toLocalIterator(); it.hasNext(); ) {
        Row r = it.next();
        builder.addQuestion(
            r.getLong(0),
            r.getString(1),
            r.isNullAt(2) ? null : r.getInt(2),
            r.isNullAt(3) ? null : r.getLong(3));
      }
      Dataset<Row> traceRows =
          traces
              .select(
                  col("trace_id"),
                  col("question_id"),
                  col("library"),
                  col("exception_type"),
                  col("template"),
                  col("frames.file"),
                  col("frames.function"),
                  col("profile"))
              // a fixed order makes the file identical for any partitioning of the run
              .orderBy(col("library"), col("trace_id"));
      String profile = null;
      for (Iterator<Row> it = traceRows.toLocalIterator(); it.hasNext(); ) {
        Row r = it.next();
        profile = sameProfile(profile, r.getString(7));
        builder.addTrace(
            r.getString(0),
            r.getLong(1),
            r.getString(2),
            r.getString(3),
            r.getString(4),
            r.getList(5),
            r.getList(6));
      }
      if (profile != null) {
        builder.profile(profile);
      }
      // pattern_traces has one row per pattern, its trace_ids the pattern's postings
      Dataset<Row> postings = patternTraces.select("library", "pattern_id", "trace_ids");
      Dataset<Row> patternRows =
          patterns
              .join(
                  postings,
                  List.of("library", "pattern_id").stream()
                      .map(c -> patterns.col(c).equalTo(postings.col(c)))
                      .reduce((a, b) -> a.and(b))
                      .orElseThrow(),
                  "left")
              .orderBy(patterns.col("library"), patterns.col("pattern_id"))
              .select(
                  patterns.col("library"),
                  col("pattern.file"),
                  col("pattern.function"),
                  col("trace_support"),
                  col("question_support"),
                  col("trace_ids"));
      for (Iterator<Row> it = patternRows.toLocalIterator(); it.hasNext(); ) {
        Row r = it.next();
        List<String> files = r.getList(1);
        List<String> functions = r.getList(2);
        builder.addPattern(
            r.getString(0),
            files.toArray(String[]::new),
            functions.toArray(String[]::new),
            r.getLong(3),
            r.getLong(4),
            r.isNullAt(5) ? List.of() : r.getList(5));
      }
      return builder.write(file);
    }
  }

  /**
   * {@link #run} into {@code commit}'s staging area: the index becomes visible, at {@code
   * match_index/index.tmm}, only when {@code commit} commits, and its manifest records the index's
   * size and {@link CommittedIndex#digest}.
   */
  public IndexSummary stage(
      Dataset<Row> posts,
      Dataset<Row> traces,
      Dataset<Row> patterns,
      Dataset<Row> patternTraces,
      StageCommit commit) {
    // here, not in IndexCommand: picocli inspects a command's methods, a lambda's among them, and
    // one naming Dataset would load Spark for every command (LazySparkTest)
    return commit.writeFile(
        KnowledgeIndex.RELATIVE_PATH,
        file -> run(posts, traces, patterns, patternTraces, file),
        CommittedIndex::digest);
  }

  /** The profile of all traces so far, given the next trace's; fails on a second profile. */
  static String sameProfile(String profile, String next) {
    if (profile != null && !profile.equals(next)) {
      throw new MalformedInputException(
          "Cannot index traces parsed with two profiles ("
              + profile
              + ", "
              + next
              + "): rerun extract");
    }
    return next;
  }
}
