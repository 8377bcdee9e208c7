package io.tracemine.match;

import static org.apache.spark.sql.functions.col;

import io.tracemine.TraceMineException;
import io.tracemine.mine.MineConfig;
import io.tracemine.mine.MineStage;
import io.tracemine.mine.PatternTraces;
import io.tracemine.spark.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The Spark edge of the duplicate evaluation (docs/MATCH.md, "Evaluation"): reads a run's
 * tracebacks, questions and duplicate links to the driver and hands them to {@link
 * DuplicateEvaluation} with TraceMine's matcher and the two baselines.
 *
 * <p>No duplicate's own traceback counts in the statistics it is ranked with: the knowledge base is
 * the run's <em>without the evaluated duplicate questions</em>. Their tracebacks are left out of
 * the baselines' documents and frequencies, and TraceMine's patterns are mined again and indexed
 * without them (same mine settings, a scratch index), so a pattern seen only in a duplicate and its
 * original, and the duplicate's share of every frame's rarity, are gone.
 */
public final class EvaluationStage {
  private final SparkSession spark;

  public EvaluationStage(SparkSession spark) {
    this.spark = spark;
  }

  /** The {@code match_evaluation} rows, the metrics, and the counts of the links evaluated. */
  public record Result(
      Dataset<Row> table, List<RetrievalMetrics> metrics, Map<String, Long> counts) {}

  /**
   * The evaluation's inputs: the links evaluated (each once, both sides with a traceback), every
   * question's tracebacks, the held-out knowledge (all tracebacks but the evaluated duplicates', by
   * question id) and the counts of the links.
   */
  record Inputs(
      List<DuplicateEvaluation.Link> links,
      Map<Long, List<KnownTrace>> byQuestion,
      List<KnownTrace> knowledge,
      Set<Long> heldOut,
      Map<String, Long> counts) {}

  /**
   * Evaluates every duplicate link whose duplicate and original both have a traceback in {@code
   * traces}; the knowledge base is the run's without the evaluated duplicates (mined with {@code
   * mine}, indexed in a scratch directory deleted afterwards).
   */
  public Result run(
      Dataset<Row> posts, Dataset<Row> traces, Dataset<Row> duplicateLinks, MineConfig mine) {
    Inputs in = inputs(posts, traces, duplicateLinks);
    List<RetrievalMetrics> metrics;
    Path scratch = scratchDirectory();
    try {
      KnowledgeIndex index = heldOutIndex(posts, traces, in.heldOut(), mine, scratch);
      metrics =
          DuplicateEvaluation.evaluate(rankers(index, in.knowledge()), in.links(), in.byQuestion());
    } finally {
      deleteQuietly(scratch);
    }
    List<Row> out = new ArrayList<>();
    for (RetrievalMetrics m : metrics) {
      out.add(
          RowFactory.create(
              m.ranker(),
              m.duplicates(),
              m.foundAt1(),
              m.foundAt5(),
              m.recallAt1(),
              m.recallAt5(),
              m.mrr()));
    }
    return new Result(
        spark.createDataFrame(out, Schemas.MATCH_EVALUATION).coalesce(1), metrics, in.counts());
  }

  /** TraceMine's matcher on {@code index} and the two baselines on {@code knowledge}. */
  static List<TraceRanker> rankers(KnowledgeIndex index, List<KnownTrace> knowledge) {
    return List.of(
        new MatcherRanker(index), new TemplateBaseline(knowledge), new TfIdfBaseline(knowledge));
  }

  /** Reads the run's tracebacks and links to the driver (see {@link Inputs}). */
  Inputs inputs(Dataset<Row> posts, Dataset<Row> traces, Dataset<Row> duplicateLinks) {
    Map<Long, Integer> votes = new HashMap<>();
    for (Iterator<Row> it =
            posts.filter(col("PostTypeId").equalTo(1)).select("Id", "Score").toLocalIterator();
        it.hasNext(); ) {
      Row r = it.next();
      votes.put(r.getLong(0), r.isNullAt(1) ? 0 : r.getInt(1));
    }
    // a traceback of a question in two libraries is one row per library: keep one
    Dataset<Row> rows =
        traces
            .dropDuplicates("question_id", "block_index", "position", "language")
            .orderBy("question_id", "block_index", "position", "language")
            .select(
                col("question_id"),
                col("library"),
                col("exception_type"),
                col("message"),
                col("template"),
                col("frames.file"),
                col("frames.function"));
    List<KnownTrace> knowledge = new ArrayList<>();
    Map<Long, List<KnownTrace>> byQuestion = new HashMap<>();
    for (Iterator<Row> it = rows.toLocalIterator(); it.hasNext(); ) {
      Row r = it.next();
      List<String> files = r.getList(5);
      List<String> functions = r.getList(6);
      List<String> frames = new ArrayList<>(files.size());
      for (int i = 0; i < files.size(); i++) {
        frames.add(files.get(i) + ":" + functions.get(i));
      }
      long q = r.getLong(0);
      KnownTrace t =
          new KnownTrace(
              q,
              r.getString(1),
              r.getString(2),
              r.getString(3),
              r.getString(4),
              frames,
              votes.getOrDefault(q, 0));
      byQuestion.computeIfAbsent(q, k -> new ArrayList<>()).add(t);
    }
    List<DuplicateEvaluation.Link> withTraces = new ArrayList<>();
    long withoutTrace = 0;
    long originalWithoutTrace = 0;
    long total = 0;
    for (Row r :
        duplicateLinks
            .select("question_id", "original_id")
            .orderBy("question_id", "original_id")
            .collectAsList()) {
      total++;
      DuplicateEvaluation.Link link = new DuplicateEvaluation.Link(r.getLong(0), r.getLong(1));
      if (!byQuestion.containsKey(link.originalId())) {
        originalWithoutTrace++;
      } else if (!byQuestion.containsKey(link.questionId())) {
        withoutTrace++;
      } else {
        withTraces.add(link);
      }
    }
    // a duplicate that is the original of another link stays in the knowledge base, where the
    // other link's query must find it; its own link is not evaluated (it would find itself)
    Set<Long> originals = new HashSet<>();
    withTraces.forEach(l -> originals.add(l.originalId()));
    List<DuplicateEvaluation.Link> links = new ArrayList<>();
    Set<DuplicateEvaluation.Link> seen = new HashSet<>();
    long alsoOriginal = 0;
    long repeated = 0;
    for (DuplicateEvaluation.Link link : withTraces) {
      if (originals.contains(link.questionId())) {
        alsoOriginal++;
      } else if (seen.add(link)) {
        links.add(link);
      } else {
        repeated++;
      }
    }
    Set<Long> heldOut = new HashSet<>();
    links.forEach(l -> heldOut.add(l.questionId()));
    byQuestion.forEach((q, ts) -> knowledge.addAll(heldOut.contains(q) ? List.of() : ts));
    knowledge.sort(java.util.Comparator.comparingLong(KnownTrace::questionId));
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("duplicate_links", total);
    counts.put("original_without_trace", originalWithoutTrace);
    counts.put("duplicate_without_trace", withoutTrace);
    counts.put("duplicate_also_original", alsoOriginal);
    counts.put("evaluated", (long) links.size());
    counts.put("repeated_links", repeated);
    counts.put(
        "held_out_traces",
        byQuestion.entrySet().stream()
            .filter(e -> heldOut.contains(e.getKey()))
            .mapToLong(e -> e.getValue().size())
            .sum());
    return new Inputs(links, byQuestion, knowledge, heldOut, counts);
  }

  /** The run's knowledge without the questions {@code heldOut}: mined and indexed again. */
  KnowledgeIndex heldOutIndex(
      Dataset<Row> posts, Dataset<Row> traces, Set<Long> heldOut, MineConfig mine, Path dir) {
    Dataset<Row> kept =
        heldOut.isEmpty()
            ? traces
            : traces.filter(functions.not(col("question_id").isin(heldOut.toArray())));
    var mined = new MineStage(spark, mine).run(kept);
    String profile =
        traces.select("profile").limit(1).collectAsList().stream()
            .map(r -> r.getString(0))
            .findFirst()
            .orElse("default");
    // the queries are the duplicates' stored traces, collapsed at extraction already
    new IndexStage(spark, profile, KnowledgeIndex.REPEATS_UNKNOWN)
        .run(
            posts,
            kept,
            mined.patterns(),
            PatternTraces.lists(mined.patternTraces()),
            KnowledgeIndex.fileOf(dir));
    return KnowledgeIndex.open(KnowledgeIndex.fileOf(dir));
  }

  private static Path scratchDirectory() {
    try {
      return Files.createTempDirectory("tracemine-evaluate");
    } catch (IOException e) {
      throw new TraceMineException(
          "Cannot create a scratch directory for the held-out index: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover scratch index in the temporary directory is harmless
    }
  }
}
