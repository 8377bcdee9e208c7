package io.tracemine.cli;

import io.tracemine.config.Settings;
import io.tracemine.match.DuplicateEvaluation;
import io.tracemine.match.EvaluationStage;
import io.tracemine.match.RetrievalMetrics;
import io.tracemine.mine.MineConfig;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.StageCommit;
import io.tracemine.spark.StageManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Measures how well 'match' finds the original of each duplicate question.",
      "For every duplicate link ('duplicate_links', from the PostLinks input) whose duplicate and "
          + "original both have a traceback, queries the duplicate's tracebacks against the run's "
          + "knowledge base without the evaluated duplicates (mined and indexed again without "
          + "them), and writes recall@1, recall@5 and MRR "
          + "of the original for TraceMine and two baselines (same exception type + message "
          + "template; TF-IDF over message and frames) to 'match_evaluation' (docs/MATCH.md)."
    },
    footerHeading = "%nExample:%n",
    footer = {"  ./submit.sh run --output out/dup && ./submit.sh evaluate --output out/dup"})
final class EvaluateMatchCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    try (Invocation invocation = new Invocation("evaluate", common, Map.of(), System.out)) {
      invocation.open();
      invocation.summary(run(invocation, 1, 1));
    }
    return 0;
  }

  static StageSummary run(Invocation invocation, int index, int total) {
    long start = System.nanoTime();
    Optional<StageManifest> mined =
        StageCommit.read(invocation.spark(), invocation.outputDir(), "mine");
    MineConfig mine = MineConfig.passes(minedWith(invocation, mined)).get("");
    List<String> upstream = new ArrayList<>(List.of("ingest", "extract"));
    mined.ifPresent(m -> upstream.add("mine"));
    StageCommit commit = invocation.stage("evaluate", upstream);
    var tables = invocation.tables();
    var posts = tables.readCommitted("posts", Schemas.POSTS, "ingest");
    var links = tables.readCommitted("duplicate_links", Schemas.DUPLICATE_LINKS, "ingest");
    var traces = tables.readCommitted("traces", Schemas.TRACES, "extract");
    invocation.begin(
        "evaluate", index, total, "recall@1, recall@5 and MRR of the duplicates' originals");
    EvaluationStage.Result r =
        new EvaluationStage(invocation.spark()).run(posts, traces, links, mine);
    commit.writeParquetAndCsv("match_evaluation", r.table());
    Map<String, Long> counts = new LinkedHashMap<>(r.counts());
    commit.writeCounts(counts);
    commit.commit();
    lines(r.metrics()).forEach(invocation::info);
    return StageSummary.since(
        "evaluate", start, counts, List.of(tables.pathOf("match_evaluation")));
  }

  /**
   * The settings to mine the held-out knowledge base with: the invocation's, with the {@code
   * mine.*} settings of the output's committed {@code mine} run, so that the evaluation measures
   * the patterns the output holds (and {@code match} answers with); a note names each setting of
   * this command that differs and is not used.
   */
  static Settings minedWith(Invocation invocation, Optional<StageManifest> mined) {
    Map<String, String> committed = new TreeMap<>();
    if (mined.isPresent()
        && mined.get().input() != null
        && mined.get().input().get(Invocation.SETTINGS) instanceof Map<?, ?> recorded) {
      StageManifest.stringMap(recorded).entrySet().stream()
          .filter(e -> e.getKey().startsWith(MINE_KEYS))
          .forEach(e -> committed.put(e.getKey(), e.getValue()));
    }
    Map<String, String> own = invocation.settings.asMap();
    committed.forEach(
        (key, value) -> {
          String mine = own.get(key);
          if (mine != null && !mine.equals(value)) {
            invocation.info(
                "  note: "
                    + key
                    + "="
                    + value
                    + " as the committed 'mine' run used (not "
                    + mine
                    + "): the evaluation measures the output's patterns; rerun 'mine' to evaluate"
                    + " others");
          }
        });
    return invocation.settings.with(committed);
  }

  private static final String MINE_KEYS = "mine.";

  /** The evaluation as a fixed-width table. */
  static List<String> lines(List<RetrievalMetrics> metrics) {
    List<String> out = new ArrayList<>();
    if (metrics.stream().allMatch(m -> m.duplicates() == 0)) {
      out.add(
          "  nothing to evaluate: no duplicate link has a traceback in both its question and its"
              + " original (recall and MRR are left empty)");
      return out;
    }
    out.add(
        String.format(
            Locale.ROOT,
            "  %-14s %10s %9s %9s %7s",
            "ranker",
            "duplicates",
            "recall@1",
            "recall@5",
            "MRR"));
    for (RetrievalMetrics m : metrics) {
      out.add(
          String.format(
              Locale.ROOT,
              "  %-14s %,10d %9.3f %9.3f %7.3f",
              m.ranker(),
              m.duplicates(),
              m.recallAt1(),
              m.recallAt5(),
              m.mrr()));
    }
    out.add(
        String.format(
            Locale.ROOT,
            "  (an original ranked beyond %d counts as not found)",
            DuplicateEvaluation.DEPTH));
    return out;
  }
}
