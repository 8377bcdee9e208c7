package io.tracemine.cli;

import io.tracemine.mine.MineConfig;
import io.tracemine.mine.MineResult;
import io.tracemine.mine.MineStage;
import io.tracemine.mine.Patterns;
import io.tracemine.mine.ccspan.Spmf;
import io.tracemine.spark.JobGroups;
import io.tracemine.spark.OutputTables;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.StageCommit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "mine",
    mixinStandardHelpOptions = true,
    description = {
      "Mines closed contiguous frame patterns per library ('patterns', 'pattern_traces').",
      "Reads 'traces' and writes every closed contiguous frame pattern per library ('patterns') "
          + "with the traces that contain it ('pattern_traces'), by an exact, "
          + "partition-independent CC-Span. With --spmf it mines an SPMF sequence file instead, "
          + "without Spark."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./submit.sh mine --support questions --min-support 3",
      "  ./submit.sh mine --spmf traces.txt --spmf-output patterns.txt"
    })
final class MineCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin StageOptions.Mine mine;

  @Option(
      names = "--spmf",
      paramLabel = "FILE",
      description = "Mine this SPMF sequence database (1 -1 5 -1 3 -1 -2 per line) without Spark.")
  Path spmf;

  @Option(
      names = "--spmf-output",
      paramLabel = "FILE",
      description = "Where --spmf writes its patterns (1 5 #SUP: 3). Default: FILE.patterns.txt.")
  Path spmfOutput;

  @Override
  public Integer call() {
    Map<String, String> overrides = new TreeMap<>();
    mine.addTo(overrides);
    if (spmf != null) {
      MineConfig config = config(common.settings(overrides));
      Path out = spmfOutput != null ? spmfOutput : Path.of(spmf + ".patterns.txt");
      long patterns =
          Spmf.mine(spmf, out, config.supportMeasure(), config.minSupport(), config.maxLength());
      System.out.printf("%,d closed contiguous patterns written to %s%n", patterns, out);
      return 0;
    }
    try (Invocation invocation = new Invocation("mine", common, overrides, System.out)) {
      check(invocation);
      invocation.open();
      invocation.summary(run(invocation, 1, 1));
    }
    return 0;
  }

  static MineConfig config(io.tracemine.config.Settings settings) {
    return MineConfig.from(settings);
  }

  /** Checks the mine settings, without Spark. */
  static void check(Invocation invocation) {
    MineConfig.passes(invocation.settings);
  }

  static StageSummary run(Invocation invocation, int index, int total) {
    Map<String, MineConfig> passes = MineConfig.passes(invocation.settings);
    MineConfig config = passes.get("");
    long start = System.nanoTime();
    StageCommit commit = invocation.stage("mine", List.of("extract"));
    OutputTables tables = invocation.tables();
    var traces = tables.readCommitted("traces", Schemas.TRACES, "extract");
    invocation.begin(
        "mine",
        index,
        total,
        "closed contiguous patterns, "
            + config.supportMeasure().name().toLowerCase()
            + " support >= "
            + invocation.settings.string(MineConfig.MIN_SUPPORT));
    Map<String, Long> counts = new LinkedHashMap<>();
    List<String> outputs = new ArrayList<>();
    // a loop, not a lambda: a lambda capturing the Dataset would put a Spark type in a synthetic
    // method's signature, which picocli's reflection loads for every command (LazySparkTest)
    for (Map.Entry<String, MineConfig> pass : passes.entrySet()) {
      write(
          invocation,
          commit,
          tables,
          new MineStage(invocation.spark(), pass.getValue()).run(traces),
          pass.getKey(),
          counts,
          outputs);
    }
    if (!passes.containsKey(MineConfig.MINSUP1_SUFFIX)) {
      // minsup-1 tables of an earlier run would not match the patterns just written
      commit.delete("patterns" + MineConfig.MINSUP1_SUFFIX);
      commit.delete(Patterns.itemsTable("patterns" + MineConfig.MINSUP1_SUFFIX));
      commit.delete("pattern_traces" + MineConfig.MINSUP1_SUFFIX);
    }
    commit.writeCounts(counts);
    commit.commit();
    return StageSummary.since("mine", start, counts, outputs);
  }

  // takes the Invocation, not its SparkSession: a Spark type in a signature here would make
  // picocli's
  // reflection load Spark for every command, --help included
  private static void write(
      Invocation invocation,
      StageCommit commit,
      OutputTables tables,
      MineResult result,
      String suffix,
      Map<String, Long> counts,
      List<String> outputs) {
    JobGroups.withJobGroup(
        invocation.spark(),
        "MINE",
        result.jobDescription(),
        () -> {
          commit.writeParquet("patterns" + suffix, result.storedPatterns());
          commit.writeParquet(Patterns.itemsTable("patterns" + suffix), result.items());
          commit.writeParquet("pattern_traces" + suffix, result.patternTraces());
        });
    result.unpersist();
    counts.put("patterns" + suffix, commit.rows("patterns" + suffix));
    outputs.add(tables.pathOf("patterns" + suffix));
  }
}
