package io.tracemine.match;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracemine.mine.MineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The ranking experiment loop (docs/MATCH.md, "Evaluation"): the held-out knowledge of a run's
 * evaluation is built once with Spark into a cache directory (the held-out index and the
 * tracebacks as JSON), then every later call ranks from the cache in seconds, without Spark.
 *
 * <pre>
 *   java -cp ... io.tracemine.match.RankingExperiment RUN_OUTPUT CACHE_DIR [--misses]
 * </pre>
 */
public final class RankingExperiment {
  /** What the cache holds besides the index. */
  record Cache(List<DuplicateEvaluation.Link> links, List<KnownTrace> traces, Set<Long> heldOut) {}

  private RankingExperiment() {}

  public static void main(String[] args) throws IOException {
    Path run = Path.of(args[0]);
    Path cache = Path.of(args[1]);
    boolean misses = List.of(args).contains("--misses");
    Path json = cache.resolve("inputs.json");
    ObjectMapper mapper = new ObjectMapper();
    if (!Files.exists(json)) {
      build(run, cache, json, mapper);
    }
    long start = System.nanoTime();
    Cache c = mapper.readValue(json.toFile(), new TypeReference<Cache>() {});
    Map<Long, List<KnownTrace>> byQuestion = new HashMap<>();
    List<KnownTrace> knowledge = new ArrayList<>();
    for (KnownTrace t : c.traces()) {
      byQuestion.computeIfAbsent(t.questionId(), k -> new ArrayList<>()).add(t);
      if (!c.heldOut().contains(t.questionId())) {
        knowledge.add(t);
      }
    }
    KnowledgeIndex index = KnowledgeIndex.open(KnowledgeIndex.fileOf(cache));
    List<TraceRanker> rankers = EvaluationStage.rankers(index, knowledge);
    for (RetrievalMetrics m : DuplicateEvaluation.evaluate(rankers, c.links(), byQuestion)) {
      System.out.printf(
          "%-14s n=%d r@1 %.3f (%d) r@5 %.3f (%d) mrr %.3f%n",
          m.ranker(), m.duplicates(), m.recallAt1(), m.foundAt1(), m.recallAt5(), m.foundAt5(),
          m.mrr());
    }
    System.out.printf("ranked in %.1f s%n", (System.nanoTime() - start) / 1e9);
    if (misses) {
      printMisses(rankers.get(0), rankers.get(2), c.links(), byQuestion);
    }
  }

  /** Duplicates whose original the second ranker has in its top 5 and the first does not. */
  private static void printMisses(
      TraceRanker mine, TraceRanker other, List<DuplicateEvaluation.Link> links,
      Map<Long, List<KnownTrace>> byQuestion) {
    for (DuplicateEvaluation.Link l : links) {
      List<KnownTrace> q = byQuestion.get(l.questionId());
      int a = DuplicateEvaluation.rankOf(mine.rank(q, l.questionId(), 100), l.originalId());
      int b = DuplicateEvaluation.rankOf(other.rank(q, l.questionId(), 100), l.originalId());
      boolean inA = a >= 1 && a <= 5;
      boolean inB = b >= 1 && b <= 5;
      if (inA != inB) {
        System.out.printf(
            "%s dup %d orig %d: %s rank %d, %s rank %d%n",
            inA ? "WIN " : "LOSS", l.questionId(), l.originalId(), mine.name(), a, other.name(), b);
      }
    }
  }

  private static void build(Path run, Path cache, Path json, ObjectMapper mapper)
      throws IOException {
    Files.createDirectories(cache);
    SparkSession spark =
        SparkSession.builder().master("local[2]").appName("ranking-experiment").getOrCreate();
    Dataset<Row> posts = spark.read().parquet(run.resolve("posts").toString());
    Dataset<Row> traces = spark.read().parquet(run.resolve("traces").toString());
    Dataset<Row> links = spark.read().parquet(run.resolve("duplicate_links").toString());
    EvaluationStage stage = new EvaluationStage(spark);
    EvaluationStage.Inputs in = stage.inputs(posts, traces, links);
    stage.heldOutIndex(posts, traces, in.heldOut(), MineConfig.defaults(), cache);
    List<KnownTrace> all = new ArrayList<>();
    in.byQuestion().values().forEach(all::addAll);
    all.sort(java.util.Comparator.comparingLong(KnownTrace::questionId));
    mapper.writeValue(json.toFile(), new Cache(in.links(), all, new HashSet<>(in.heldOut())));
    spark.stop();
  }
}
