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
    try (Job job = new Job(common, overrides, System.out)) {
      // every setting of every stage, and the output target, before any work or write
      IngestCommand.check(job);
      ExtractCommand.check(job);
      MineCommand.check(job);
      StatsCommand.check(job, stats.labels);
      ReportCommand.check(job);
      job.open("run");
      int total = 6;
      job.summary(IngestCommand.run(job, 1, total));
      job.summary(ExtractCommand.run(job, 2, total));
      job.summary(MineCommand.run(job, 3, total));
      job.summary(IndexCommand.run(job, 4, total));
      job.summary(StatsCommand.run(job, 5, total, stats.labels));
      job.summary(ReportCommand.run(job, 6, total));
      job.info("Outputs in " + job.outputDir());
      job.info("Report:     " + job.outputDir() + "/report/index.html");
    }
    return 0;
  }
}
