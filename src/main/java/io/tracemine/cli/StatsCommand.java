package io.tracemine.cli;

import io.tracemine.InvalidConfigException;
import io.tracemine.mine.PatternTraces;
import io.tracemine.mine.Patterns;
import io.tracemine.spark.OutputTables;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.StageCommit;
import io.tracemine.spark.StageManifest;
import io.tracemine.stats.Codebook;
import io.tracemine.stats.LabelSheets;
import io.tracemine.stats.PeriodConfig;
import io.tracemine.stats.PeriodTables;
import io.tracemine.stats.StatsConfig;
import io.tracemine.stats.StatsInputs;
import io.tracemine.stats.StatsStage;
import io.tracemine.stats.StudyAggregates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Computes the study's tables (RQ1-RQ3) as Parquet with a CSV copy of each.",
      "Reads 'questions', 'traces', 'patterns' and 'pattern_traces' and writes the study's tables "
          + "(RQ1 Tables 1-5, RQ2 Table 6-7 and Fig. 4-7 data, RQ3 labelling sheets) as Parquet "
          + "with a CSV copy beside each. With --labels, also inter-coder agreement and Tables 8-9."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./submit.sh stats",
      "  ./submit.sh stats --labels coder1.csv coder2.csv coder3.csv"
    })
final class StatsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin StageOptions.Stats stats;

  @Override
  public Integer call() {
    Map<String, String> overrides = new TreeMap<>();
    stats.addTo(overrides);
    try (Invocation invocation = new Invocation("stats", common, overrides, System.out)) {
      check(invocation, stats.labels);
      invocation.open();
      invocation.summary(run(invocation, 1, 1, stats.labels));
    }
    return 0;
  }

  /** Checks the stats settings and that every label sheet exists, without Spark. */
  static void check(Invocation invocation, List<Path> labels) {
    for (Path sheet : labels) {
      if (Files.isDirectory(sheet)) {
        throw new InvalidConfigException(
            "Cannot read labels '" + sheet + "': it is a directory; give each sheet's CSV file");
      }
      if (!Files.isRegularFile(sheet)) {
        throw new InvalidConfigException("Cannot read labels '" + sheet + "': no such file");
      }
    }
    // the codebook too: 'run' would otherwise find a missing one only after four stages
    Codebook.load(config(invocation).codebook());
    PeriodConfig.from(invocation.settings);
  }

  static StageSummary run(Invocation invocation, int index, int total, List<Path> labels) {
    check(invocation, labels);
    StatsConfig config = config(invocation);
    long start = System.nanoTime();
    StageCommit commit = invocation.stage("stats", List.of("extract", "mine"));
    OutputTables tables = invocation.tables();
    boolean minsup1 = minedAtMinSupport1(tables);
    StatsInputs read =
        new StatsInputs(
            tables.readCommitted("questions", Schemas.QUESTIONS, "extract"),
            tables.readCommitted("traces", Schemas.TRACES, "extract"),
            Patterns.read(tables, "patterns"),
            PatternTraces.read(tables, "pattern_traces"),
            minsup1 ? Patterns.read(tables, "patterns_minsup1") : null,
            minsup1 ? PatternTraces.read(tables, "pattern_traces_minsup1") : null);
    StatsInputs inputs = StatsStage.prepared(read);
    PeriodTables.requireColumns(read);
    invocation.begin("stats", index, total, "RQ1-RQ3 tables");
    StatsStage stage = new StatsStage(invocation.spark(), config);
    Map<String, Dataset<Row>> results = new LinkedHashMap<>(stage.run(inputs));
    results.putAll(new PeriodTables(PeriodConfig.from(invocation.settings)).run(inputs));
    if (!labels.isEmpty()) {
      results.putAll(stage.runLabels(inputs, labels));
    } else {
      // labels of an earlier run refer to patterns this run may have replaced
      LabelSheets.TABLES.forEach(commit::delete);
    }
    // the study's conventions of an earlier paper-profile run would otherwise linger
    StudyAggregates.TABLES.stream()
        .filter(name -> !results.containsKey(name))
        .forEach(commit::delete);
    Map<String, Long> counts = new LinkedHashMap<>();
    List<String> outputs = new ArrayList<>();
    // a loop, not a lambda: a lambda's Dataset parameter would make picocli's reflection on this
    // class load Spark for every command, --help included
    for (Map.Entry<String, Dataset<Row>> result : results.entrySet()) {
      commit.writeParquetAndCsv(result.getKey(), result.getValue());
      outputs.add(invocation.tables().pathOf(result.getKey()));
    }
    inputs.unpersist();
    counts.put("tables", (long) results.size());
    commit.writeCounts(counts);
    commit.commit();
    return StageSummary.since("stats", start, counts, outputs);
  }

  /**
   * Whether the committed {@code mine} run also mined at min-support 1: by its manifest, so that a
   * {@code _minsup1} table it committed and that was deleted since is refused by name, not read as
   * "not mined" (before, hostile sweep 6: Table 6's coverage went blank and Fig. 4/5 switched to
   * the min-support-2 patterns, exit 0), and a stale one it did not commit is not read. Outputs
   * whose manifest predates the tables' list go by the folder.
   */
  private static boolean minedAtMinSupport1(OutputTables tables) {
    Map<String, Long> mined = tables.manifest("mine").map(StageManifest::tables).orElse(null);
    if (mined == null) {
      return tables.writer().exists("patterns_minsup1")
          && tables.writer().exists("pattern_traces_minsup1");
    }
    return mined.containsKey("patterns_minsup1") || mined.containsKey("pattern_traces_minsup1");
  }

  static StatsConfig config(Invocation invocation) {
    StatsConfig config = StatsConfig.from(invocation.settings);
    return config.withCodebook(codebook(invocation, config.codebook().toString()));
  }

  /** A relative codebook path is resolved against the conf directory, or taken from the jar. */
  private static Path codebook(Invocation invocation, String value) {
    Path path = Path.of(value);
    if (path.isAbsolute()) {
      return path;
    }
    if (invocation.confDir() != null) {
      return invocation.confDir().resolve(path).toAbsolutePath();
    }
    try (InputStream in = StatsCommand.class.getResourceAsStream("/tracemine-conf/" + value)) {
      if (in == null) {
        throw new InvalidConfigException(
            "Cannot find codebook '" + value + "' (stats.codebook) in the jar's configuration");
      }
      Path copy = Files.createTempFile("tracemine-codebook", ".csv");
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      copy.toFile().deleteOnExit();
      return copy;
    } catch (IOException e) {
      throw new InvalidConfigException(
          "Cannot read codebook '" + value + "' (stats.codebook): " + e.getMessage());
    }
  }
}
