package io.tracemine.cli;

import io.tracemine.extract.ExtractConfig;
import io.tracemine.extract.ExtractStage;
import io.tracemine.spark.OutputTables;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.StageCommit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
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
    try (Job job = new Job(common, overrides, System.out)) {
      check(job);
      job.open("extract");
      job.summary(run(job, 1, 1));
    }
    return 0;
  }

  /** Checks the extract settings, without Spark. */
  static void check(Job job) {
    ExtractConfig.from(job.settings);
  }

  static StageSummary run(Job job, int index, int total) {
    ExtractConfig config = ExtractConfig.from(job.settings);
    long start = System.nanoTime();
    StageCommit commit = job.stage("extract", List.of("ingest"));
    OutputTables tables = job.tables();
    var posts = tables.read("posts", Schemas.POSTS, "ingest");
    job.begin("extract", index, total, "parsing questions with the '" + config.profile() + "' profile");
    var result = new ExtractStage(job.spark(), config).run(posts);
    commit.writeParquet("questions", result.questions());
    commit.writeParquet("traces", result.traces());
    commit.writeRejects(result.rejects());
    commit.writeCounts(result.counts());
    commit.commit();
    return StageSummary.since(
        "extract", start, result.counts(), List.of(tables.pathOf("questions"), tables.pathOf("traces")));
  }
}
