package io.tracemine.cli;

import io.tracemine.extract.ExtractConfig;
import io.tracemine.match.IndexStage;
import io.tracemine.match.IndexSummary;
import io.tracemine.match.KnowledgeIndex;
import io.tracemine.mine.PatternTraces;
import io.tracemine.mine.Patterns;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.StageCommit;
import io.tracemine.spark.StageManifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the index that 'match' reads (<output>/match_index/index.tmm).",
      "Builds it from 'posts', 'traces', 'patterns' and 'pattern_traces'; 'match' reads it "
          + "without Spark. Part of 'run'."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  ./submit.sh index --output out/so-2024",
      "  ./submit.sh match --trace crash.log --knowledge out/so-2024"
    })
final class IndexCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    try (Invocation invocation = new Invocation("index", common, Map.of(), System.out)) {
      invocation.open();
      invocation.summary(run(invocation, 1, 1));
    }
    return 0;
  }

  static StageSummary run(Invocation invocation, int index, int total) {
    long start = System.nanoTime();
    StageCommit commit = invocation.stage("index", List.of("ingest", "extract", "mine"));
    var tables = invocation.tables();
    var posts = tables.readCommitted("posts", Schemas.POSTS, "ingest");
    var traces = tables.readCommitted("traces", Schemas.TRACES, "extract");
    var patterns = Patterns.read(tables, "patterns");
    var patternTraces = PatternTraces.read(tables, "pattern_traces");
    invocation.begin("index", index, total, "match index of the patterns and their questions");
    // staged, and renamed into place by the commit (its size and digest in the manifest)
    IndexSummary s =
        new IndexStage(
                invocation.spark(),
                invocation.settings.string(ExtractConfig.PROFILE),
                extractedWith(invocation))
            .stage(posts, traces, patterns, patternTraces, commit);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("questions", (long) s.questions());
    counts.put("traces", (long) s.traces());
    counts.put("patterns", (long) s.patterns());
    counts.put("index_bytes", s.bytes());
    commit.writeCounts(counts);
    commit.commit();
    return StageSummary.since(
        "index",
        start,
        counts,
        List.of(invocation.outputDir() + "/" + KnowledgeIndex.RELATIVE_PATH));
  }

  /**
   * The {@code extract.max-frame-repeats} the traces were extracted with, as the extract manifest
   * records it; this run's setting only for an output whose manifest predates the record.
   */
  private static int extractedWith(Invocation invocation) {
    StageManifest extract =
        StageCommit.read(invocation.spark(), invocation.outputDir(), "extract").orElse(null);
    Object recorded =
        extract == null || extract.input() == null
            ? null
            : extract.input().get(ExtractConfig.MAX_FRAME_REPEATS);
    return recorded instanceof Number n
        ? n.intValue()
        : ExtractConfig.from(invocation.settings).maxFrameRepeats();
  }
}
