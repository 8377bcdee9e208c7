package io.tracemine.cli;

import io.tracemine.report.ReportConfig;
import io.tracemine.report.ReportStage;
import io.tracemine.spark.StageCommit;
import io.tracemine.spark.StageManifest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Renders the HTML report: <output>/report/index.html.",
      "Renders the stats tables, the study's figures (SVG charts) and the top patterns and "
          + "exception templates per library into one self-contained HTML report."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  ./submit.sh report --output out/so-2024",
      "  xdg-open out/so-2024/report/index.html"
    })
final class ReportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    try (Invocation invocation = new Invocation("report", common, Map.of(), System.out)) {
      check(invocation);
      invocation.open();
      invocation.summary(run(invocation, 1, 1));
    }
    return 0;
  }

  /**
   * The stages whose outputs the report shows: their manifests must name one chain of runs (the
   * ingest counts beside the tables made from them); the match index only when it was committed
   * (the search box is left out without it).
   */
  private static List<String> upstream(Invocation invocation) {
    List<String> stages = new java.util.ArrayList<>(List.of("ingest", "extract", "mine", "stats"));
    if (StageCommit.read(invocation.spark(), invocation.outputDir(), "index").isPresent()) {
      stages.add("index");
    }
    return stages;
  }

  /** Checks the report settings, without Spark. */
  static void check(Invocation invocation) {
    ReportConfig.from(invocation.settings);
  }

  static StageSummary run(Invocation invocation, int index, int total) {
    ReportConfig config = ReportConfig.from(invocation.settings);
    long start = System.nanoTime();
    StageCommit commit = invocation.stage("report", upstream(invocation));
    Map<String, Map<String, Object>> inputs = new java.util.LinkedHashMap<>();
    for (String stage : List.of("ingest", "extract", "mine", "stats")) {
      StageCommit.read(invocation.spark(), invocation.outputDir(), stage)
          .map(StageManifest::input)
          .ifPresent(input -> inputs.put(stage, input));
    }
    Map<String, Map<String, String>> recorded = new java.util.LinkedHashMap<>();
    inputs.forEach(
        (stage, input) -> {
          if (input.get(Invocation.SETTINGS) instanceof Map<?, ?> settings) {
            recorded.put(stage, StageManifest.stringMap(settings));
          }
        });
    config = config.withStageSettings(recorded).withIngestInput(inputs.get("ingest"));
    invocation.begin("report", index, total, "charts and HTML");
    ReportStage stage = new ReportStage(invocation.spark(), config);
    stage
        .outdatedSideStages(invocation.outputDir())
        .forEach(
            (side, why) ->
                invocation.info(
                    "  note: the '"
                        + side
                        + "' output is left out of the report: "
                        + why
                        + "; rerun '"
                        + side
                        + "' to show it"));
    Map<String, Long> counts = stage.run(invocation.outputDir(), commit);
    commit.writeCounts(counts);
    commit.commit();
    return StageSummary.since(
        "report", start, counts, List.of(invocation.outputDir() + "/report/index.html"));
  }
}
