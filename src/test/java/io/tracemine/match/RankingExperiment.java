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
 * evaluation is built once with Spark into a cache directory (the held-out index and the tracebacks
 * as JSON), then every later call ranks from the cache in seconds, without Spark.
 *
 * <pre>
 *   java -cp ... [-Dmsg=MODE:W,...] [-Dtmpl=true] [-Dnodigits=true] [-Dframes=...] \
 *       io.tracemine.match.RankingExperiment RUN_OUTPUT CACHE_DIR \
 *       [--ties] [--misses] [--paired] [--shared-rarity] [--explain ID]
 * </pre>
 *
 * <p>{@code -Dmsg} adds {@link MessageExperimentRanker}s, {@code
 * -Dframes=MODE:W:library|global:N,...} {@link FrameOverlapRanker}s (either drops the earlier
 * frame-only variants).
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
    List<TraceRanker> rankers = new ArrayList<>(EvaluationStage.rankers(index, knowledge));
    if (System.getProperty("msg") == null && System.getProperty("frames") == null) {
      rankers.add(new UnionRanker(index, false));
      rankers.add(new UnionRanker(index, true));
      rankers.add(new TieBreakRanker(index, (TfIdfBaseline) rankers.get(2)));
    }
    rankers.add(TieOrderRanker.tfIdfWithAnswerTies(index, (TfIdfBaseline) rankers.get(2)));
    rankers.add(TieOrderRanker.traceMineWithIdTies(index));
    for (String width : System.getProperty("buckets", "0.05,0.1").split(",")) {
      rankers.add(
          TieOrderRanker.tfIdfBucketsWithAnswerTies(
              index, (TfIdfBaseline) rankers.get(2), Double.parseDouble(width)));
    }
    for (String share : System.getProperty("nearBest", "").split(",")) {
      if (!share.isEmpty()) {
        rankers.add(
            TieOrderRanker.traceMineNearBestWithAnswerTies(index, Double.parseDouble(share)));
      }
    }
    for (String spec : System.getProperty("frames", "").split(",")) {
      if (!spec.isEmpty()) {
        String[] p = spec.split(":");
        rankers.add(
            new FrameOverlapRanker(
                index,
                knowledge,
                p[0],
                Double.parseDouble(p[1]),
                p[2].equals("global"),
                Integer.parseInt(p[3])));
      }
    }
    for (String spec : System.getProperty("msg", "").split(",")) {
      if (!spec.isEmpty()) {
        String[] p = spec.split(":");
        rankers.add(new MessageExperimentRanker(index, knowledge, Double.parseDouble(p[1]), p[0]));
      }
    }
    for (RetrievalMetrics m : DuplicateEvaluation.evaluate(rankers, c.links(), byQuestion)) {
      System.out.printf(
          "%-14s n=%d r@1 %.3f (%d) r@5 %.3f (%d) mrr %.3f%n",
          m.ranker(),
          m.duplicates(),
          m.recallAt1(),
          m.foundAt1(),
          m.recallAt5(),
          m.foundAt5(),
          m.mrr());
    }
    System.out.printf("ranked in %.1f s%n", (System.nanoTime() - start) / 1e9);
    if (List.of(args).contains("--paired")) {
      paired(rankers, c.links(), byQuestion);
    }
    for (int a = 0; a < args.length - 1; a++) {
      if (args[a].equals("--explain")) {
        explain(index, Long.parseLong(args[a + 1]), c.links(), byQuestion);
      }
    }
    if (List.of(args).contains("--ties")) {
      ties(index, c.links(), byQuestion, rankers.get(2));
    }
    if (List.of(args).contains("--shared-rarity")) {
      sharedRarity(c.links(), byQuestion, knowledge);
    }
    if (misses) {
      printMisses(rankers.get(0), rankers.get(2), c.links(), byQuestion);
    }
  }

  /**
   * Each ranker against the first three (tracemine, type+template, tf-idf), duplicate by duplicate:
   * how many originals only the ranker has in its top 5 (wins), how many only the other (losses),
   * and the exact sign test's two-sided p-value for "neither is better" ({@link SignTest}).
   */
  private static void paired(
      List<TraceRanker> rankers,
      List<DuplicateEvaluation.Link> links,
      Map<Long, List<KnownTrace>> byQuestion) {
    boolean[][] found = new boolean[rankers.size()][links.size()];
    for (int r = 0; r < rankers.size(); r++) {
      for (int i = 0; i < links.size(); i++) {
        DuplicateEvaluation.Link l = links.get(i);
        List<Long> top = rankers.get(r).rank(byQuestion.get(l.questionId()), l.questionId(), 5);
        found[r][i] = top.contains(l.originalId());
      }
    }
    tieBreakShare(rankers, links, found);
    for (int base : new int[] {0, 1, 2}) {
      for (int r = 1; r < rankers.size(); r++) {
        if (r == base) {
          continue;
        }
        int wins = 0;
        int losses = 0;
        for (int i = 0; i < links.size(); i++) {
          wins += found[r][i] && !found[base][i] ? 1 : 0;
          losses += found[base][i] && !found[r][i] ? 1 : 0;
        }
        System.out.printf(
            "%-16s vs %s: top-5 only it %d, only %s %d, sign test p %.3f%n",
            rankers.get(r).name(),
            rankers.get(base).name(),
            wins,
            rankers.get(base).name(),
            losses,
            SignTest.pValue(wins, losses));
      }
    }
  }

  /**
   * How many of TraceMine's top-5 wins over TF-IDF (originals only tracemine has) need its
   * tie-break: those that TraceMine with ties broken by id alone ({@code tracemine-id}) misses.
   */
  private static void tieBreakShare(
      List<TraceRanker> rankers, List<DuplicateEvaluation.Link> links, boolean[][] found) {
    int idTies = -1;
    for (int r = 0; r < rankers.size(); r++) {
      idTies = rankers.get(r).name().equals("tracemine-id") ? r : idTies;
    }
    if (idTies < 0) {
      return;
    }
    int wins = 0;
    int needTieBreak = 0;
    int found0 = 0;
    int foundId = 0;
    for (int i = 0; i < links.size(); i++) {
      found0 += found[0][i] ? 1 : 0;
      foundId += found[idTies][i] ? 1 : 0;
      if (found[0][i] && !found[2][i]) {
        wins++;
        needTieBreak += found[idTies][i] ? 0 : 1;
      }
    }
    System.out.printf(
        "tie-break: tracemine top-5 %d, with id ties %d; of tracemine's %d wins over tf-idf, %d"
            + " need the tie-break (accepted answer, votes)%n",
        found0, foundId, wins, needTieBreak);
  }

  /**
   * Per duplicate, the rarest frame it shares with its original: the least number of the held-out
   * knowledge's tracebacks holding a frame both questions hold (1 = only the original has it).
   */
  private static void sharedRarity(
      List<DuplicateEvaluation.Link> links,
      Map<Long, List<KnownTrace>> byQuestion,
      List<KnownTrace> knowledge) {
    Map<String, Integer> df = new HashMap<>();
    for (KnownTrace t : knowledge) {
      new HashSet<>(t.frames()).forEach(f -> df.merge(f, 1, Integer::sum));
    }
    Map<String, Integer> histogram = new java.util.TreeMap<>();
    for (DuplicateEvaluation.Link l : links) {
      Set<String> shared = new HashSet<>();
      byQuestion.get(l.questionId()).forEach(t -> shared.addAll(t.frames()));
      Set<String> original = new HashSet<>();
      byQuestion.get(l.originalId()).forEach(t -> original.addAll(t.frames()));
      shared.retainAll(original);
      int min = shared.stream().mapToInt(f -> df.getOrDefault(f, 0)).min().orElse(-1);
      String bucket = min < 0 ? "none shared" : min >= 5 ? "5+" : Integer.toString(min);
      histogram.merge(bucket, 1, Integer::sum);
    }
    System.out.println("rarest frame shared with the original, its df: " + histogram);
  }

  /** Duplicates whose original the second ranker has in its top 5 and the first does not. */
  private static void printMisses(
      TraceRanker mine,
      TraceRanker other,
      List<DuplicateEvaluation.Link> links,
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

  /** Prints duplicate {@code dup}'s query, its original's tracebacks and the matcher's hits. */
  private static void explain(
      KnowledgeIndex index,
      long dup,
      List<DuplicateEvaluation.Link> links,
      Map<Long, List<KnownTrace>> byQuestion) {
    Matcher matcher = new Matcher(index);
    for (DuplicateEvaluation.Link l : links) {
      if (l.questionId() != dup) {
        continue;
      }
      System.out.println("== duplicate " + dup + " of " + l.originalId());
      for (KnownTrace t : byQuestion.get(dup)) {
        System.out.println("query " + t.library() + " " + t.exceptionType() + ": " + t.message());
        t.frames().forEach(f -> System.out.println("    " + f));
        for (Hit h : matcher.match(1, MatcherRanker.traceback(t), 8, dup).hits()) {
          System.out.printf(
              "  #%d q%d %s score %.2f len %d sup %d type %s tmpl %s%s%n",
              h.rank(),
              h.questionId(),
              h.library(),
              h.score(),
              h.shared().frames().size(),
              h.shared().traceSupport(),
              h.typeAgrees(),
              h.templateAgrees(),
              h.questionId() == l.originalId() ? "  <== ORIGINAL" : "");
          byQuestion
              .get(h.questionId())
              .forEach(
                  k ->
                      System.out.println(
                          "       " + k.frames().size() + " " + k.frames() + " | " + k.message()));
        }
      }
      for (KnownTrace t : byQuestion.get(l.originalId())) {
        System.out.println(
            "original " + t.library() + " " + t.exceptionType() + ": " + t.message());
        t.frames().forEach(f -> System.out.println("    " + f));
      }
    }
  }

  /**
   * Classifies each duplicate by where its original stands in TraceMine's scores (a question's best
   * score over the query's tracebacks): above the fifth score, tied with it, below it, or not a
   * candidate; and the recall@5 expected if ties were broken at random.
   */
  private static void ties(
      KnowledgeIndex index,
      List<DuplicateEvaluation.Link> links,
      Map<Long, List<KnownTrace>> byQuestion,
      TraceRanker tfidf) {
    Matcher matcher = new Matcher(index);
    int above = 0;
    int tied = 0;
    int below = 0;
    int none = 0;
    double expected = 0;
    int tfidfInTie = 0;
    long groupSum = 0;
    Map<String, Integer> belowWhy = new java.util.TreeMap<>();
    for (DuplicateEvaluation.Link l : links) {
      Map<Long, Double> best = new HashMap<>();
      Map<Long, Hit> hitOf = new HashMap<>();
      for (KnownTrace t : byQuestion.get(l.questionId())) {
        for (Hit h : matcher.match(1, MatcherRanker.traceback(t), 100_000, l.questionId()).hits()) {
          best.merge(h.questionId(), h.score(), Math::max);
          hitOf.merge(h.questionId(), h, (x, y) -> x.score() >= y.score() ? x : y);
        }
      }
      Double own = best.get(l.originalId());
      if (own == null) {
        none++;
        continue;
      }
      List<Double> scores = new ArrayList<>(best.values());
      scores.sort(java.util.Comparator.reverseOrder());
      double fifth = scores.size() < 5 ? Double.NEGATIVE_INFINITY : scores.get(4);
      long higher = scores.stream().filter(x -> x > own + 1e-9).count();
      long group = scores.stream().filter(x -> Math.abs(x - own) <= 1e-9).count();
      expected += Math.max(0, Math.min(1, (5.0 - higher) / group));
      if (own > fifth + 1e-9) {
        above++;
      } else if (Math.abs(own - fifth) <= 1e-9) {
        tied++;
        groupSum += group;
        int r =
            DuplicateEvaluation.rankOf(
                tfidf.rank(byQuestion.get(l.questionId()), l.questionId(), 5), l.originalId());
        tfidfInTie += r > 0 ? 1 : 0;
      } else {
        below++;
        Hit o = hitOf.get(l.originalId());
        Hit f =
            hitOf.values().stream()
                .filter(h -> Math.abs(h.score() - fifth) <= 1e-9)
                .findFirst()
                .orElseThrow();
        int r =
            DuplicateEvaluation.rankOf(
                tfidf.rank(byQuestion.get(l.questionId()), l.questionId(), 5), l.originalId());
        String why =
            o.shared().weight() < f.shared().weight() - 1e-9
                ? "lighter-pattern"
                : !o.templateAgrees() && f.templateAgrees()
                    ? "template-only"
                    : !o.typeAgrees() && f.typeAgrees() ? "type-only" : "other";
        belowWhy.merge(why + (r > 0 ? " tfidf-top5" : ""), 1, Integer::sum);
        if (r > 0) {
          System.out.println("  below, in tf-idf's top 5: " + l.questionId() + " (" + why + ")");
        }
      }
    }
    System.out.printf(
        "original above the 5th score %d, tied with it %d (mean tie group %.1f, tf-idf top5 for"
            + " %d of them), below %d, not a candidate %d; random tie-break r@5 expected %.1f%n",
        above, tied, tied == 0 ? 0.0 : (double) groupSum / tied, tfidfInTie, below, none, expected);
    System.out.println("below the 5th, by cause: " + belowWhy);
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
