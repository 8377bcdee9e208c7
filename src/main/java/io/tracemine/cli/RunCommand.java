package io.tracemine.cli;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs every stage in order: ingest, extract, mine, index, stats, report.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./submit.sh run                                   # bundled corpus, local[*]",
      "  ./submit.sh run --profile paper                   # the study's conventions",
      "  ./submit.sh --master spark://host:7077 run --source parquet --input /data/posts"
    })
final class RunCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SourceOptions source;
  @Mixin StageOptions.Extract extract;
  @Mixin StageOptions.Mine mine;
  @Mixin StageOptions.Stats stats;

  @Override
  public Integer call() {
    Map<String, String> overrides = new TreeMap<>();
    source.addTo(overrides);
    extract.addTo(overrides);
    mine.addTo(overrides);
    stats.addTo(overrides);
    try (Invocation invocation = new Invocation("run", common, overrides, System.out)) {
      // every setting of every stage, and the output target, before any work or write
      IngestCommand.check(invocation);
      ExtractCommand.check(invocation);
      MineCommand.check(invocation);
      StatsCommand.check(invocation, stats.labels);
      ReportCommand.check(invocation);
      invocation.open();
      int total = 6;
      invocation.summary(IngestCommand.run(invocation, 1, total));
      invocation.summary(ExtractCommand.run(invocation, 2, total));
      invocation.summary(MineCommand.run(invocation, 3, total));
      invocation.summary(IndexCommand.run(invocation, 4, total));
      invocation.summary(StatsCommand.run(invocation, 5, total, stats.labels));
      invocation.summary(ReportCommand.run(invocation, 6, total));
      invocation.info("Outputs in " + invocation.outputDir());
      invocation.info("Report:     " + invocation.outputDir() + "/report/index.html");
    }
    return 0;
  }
}
