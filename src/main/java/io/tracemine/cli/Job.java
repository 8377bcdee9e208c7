package io.tracemine.cli;

import io.tracemine.config.ConfigKeys;
import io.tracemine.config.Settings;
import io.tracemine.spark.OutputTables;
import io.tracemine.spark.SparkSessions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** One invocation's context: its settings, the Spark session (created on first use), its console. */
final class Job implements AutoCloseable {
  final Settings settings;
  final CommonOptions options;
  private final PrintStream out;
  private SparkSession spark;
  private OutputTables tables;
  private ProgressListener progress;
  private boolean ownsSession;

  Job(CommonOptions options, Map<String, String> overrides, PrintStream out) {
    this.options = options;
    this.settings = options.settings(overrides);
    this.out = out;
  }

  SparkSession spark() {
    if (spark == null) {
      ownsSession = SparkSession.getDefaultSession().isEmpty();
      spark = SparkSessions.create(settings, options.verbose);
      if (!options.verbose && !options.debug) {
        quietTaskFailures();
      }
      if (!options.quiet && !options.json) {
        progress = new ProgressListener(System.err);
        spark.sparkContext().addSparkListener(progress);
      }
    }
    return spark;
  }

  /**
   * A failing task makes Spark log its stack trace (Executor, TaskSetManager) before the job fails;
   * the error handler already prints the cause as one line, and the trace with {@code --debug}.
   */
  private static void quietTaskFailures() {
    for (String logger :
        List.of("org.apache.spark.executor.Executor", "org.apache.spark.scheduler.TaskSetManager")) {
      org.apache.logging.log4j.core.config.Configurator.setLevel(
          logger, org.apache.logging.log4j.Level.OFF);
    }
  }

  OutputTables tables() {
    if (tables == null) {
      tables = new OutputTables(spark(), outputDir());
    }
    return tables;
  }

  String outputDir() {
    return Path.of(settings.string(ConfigKeys.OUTPUT_DIR)).toAbsolutePath().normalize().toString();
  }

  Path confDir() {
    return options.confDirOrNull();
  }

  /** Marks the start of stage {@code index} of {@code total} on the console and in Spark's UI. */
  void begin(String stage, int index, int total, String what) {
    if (progress != null) {
      progress.stage(stage, index, total);
    }
    spark().sparkContext().setJobGroup(
        stage.toUpperCase(java.util.Locale.ROOT) + "-" + index, stage + ": " + what, false);
    info(String.format("[%d/%d] %s: %s", index, total, stage, what));
  }

  void info(String line) {
    if (!options.quiet && !options.json) {
      out.println(line);
    }
  }

  /** Ends a stage: prints its summary and drops what it cached (later stages re-read Parquet). */
  void summary(StageSummary summary) {
    if (progress != null) {
      progress.clear();
    }
    if (spark != null) {
      spark.catalog().clearCache();
    }
    if (options.json) {
      out.println(summary.json());
    } else {
      out.println("  done: " + summary.oneLine());
    }
  }

  static StageSummary summarize(String stage, long startNanos, Map<String, Long> counts, List<String> outputs) {
    return new StageSummary(stage, counts, outputs, (System.nanoTime() - startNanos) / 1e9);
  }

  @Override
  public void close() {
    if (spark != null && ownsSession) {
      spark.stop();
    }
  }
}
