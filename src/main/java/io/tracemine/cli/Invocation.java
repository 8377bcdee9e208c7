package io.tracemine.cli;

import io.tracemine.TraceMineException;
import io.tracemine.config.RunKeys;
import io.tracemine.config.Settings;
import io.tracemine.spark.ForeignOutputs;
import io.tracemine.spark.JobGroups;
import io.tracemine.spark.OutputLock;
import io.tracemine.spark.OutputTables;
import io.tracemine.spark.SparkSessions;
import io.tracemine.spark.StageCommit;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/**
 * One invocation's context: its settings, run id, the Spark session (created on first use), the
 * output directory's lock and its console. Commands check every setting first, then {@link #open}
 * the output (lock, leftovers), then run stages, each committing through {@link #stage}.
 */
final class Invocation implements AutoCloseable {
  final Settings settings;
  final CommonOptions options;
  final String runId =
      ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
          + "-"
          + UUID.randomUUID().toString().substring(0, 8);
  private final String command;
  private final Object lockGuard = new Object();
  private OutputLock lock;
  private boolean shuttingDown;
  private final List<StageCommit> opened = new ArrayList<>();
  private Interruption interruption;
  private Runnable reportInterruption;
  private Runnable releaseLock;
  private volatile boolean committedAtSignal;
  private volatile String interruptedLine = "tracemine: interrupted by a signal";
  private final PrintStream out;
  private SparkSession spark;
  private OutputTables tables;
  private ProgressListener progress;
  private boolean ownsSession;

  /**
   * An invocation of {@code command}, which writes an output directory: from here on a signal
   * prints one line saying what was and was not changed (before Spark starts too).
   */
  Invocation(
      String command, CommonOptions options, Map<String, String> overrides, PrintStream out) {
    this.options = options;
    this.out = out;
    this.command = command;
    interruption = new Interruption(command);
    Interruption.catchSignals();
    reportInterruption = this::reportInterruption;
    releaseLock = this::releaseLock;
    var hooks = org.apache.hadoop.util.ShutdownHookManager.get();
    hooks.addShutdownHook(reportInterruption, BEFORE_SPARK_STOPS);
    hooks.addShutdownHook(releaseLock, AFTER_SPARK_STOPS);
    try {
      signalHere(SIGNAL_AT_SETTINGS);
      this.settings = options.settings(overrides);
      options.report.run(runId, outputDir());
    } catch (RuntimeException e) {
      removeHooks();
      throw e;
    }
  }

  /** An invocation that writes no output directory of its own (generate, benchmark). */
  Invocation(CommonOptions options, Map<String, String> overrides, PrintStream out) {
    this.options = options;
    this.out = out;
    this.command = null;
    this.settings = options.settings(overrides);
    options.report.run(runId, outputDir());
  }

  SparkSession spark() {
    if (spark == null) {
      ownsSession = SparkSession.getDefaultSession().isEmpty();
      spark = SparkSessions.create(settings, options.verbose);
      if (interruption != null) { // its shutdown hook reports the error instead of Spark's log
        FatalTaskErrors.capture(options.verbose || options.debug);
      }
      if (!options.verbose && !options.debug) {
        quietTaskFailures();
      }
      if (!options.quiet && !options.json) {
        progress = ProgressListener.started(System.err);
        spark.sparkContext().addSparkListener(progress);
      }
      if (spark.sparkContext().uiWebUrl().isDefined()) {
        String ui = spark.sparkContext().uiWebUrl().get();
        options.report.sparkUi(ui);
        info("Spark UI: " + ui + " (while the command runs)");
      }
    }
    return spark;
  }

  /**
   * A failing task makes Spark log its stack trace (Executor, TaskSetManager; FileFormatWriter for
   * a write) before the job fails; the error handler already prints the cause as one line, and the
   * trace with {@code --debug}.
   */
  private static void quietTaskFailures() {
    for (String logger :
        List.of(
            "org.apache.spark.executor.Executor",
            "org.apache.spark.scheduler.TaskSetManager",
            // "Aborting job …" with the job failure's trace, when a write's task failed
            "org.apache.spark.sql.execution.datasources.FileFormatWriter",
            // "Aborting task" with a TaskKilledException trace for each task the failure cancels
            "org.apache.spark.util.Utils",
            // "Mkdirs failed to create …/_temporary/0" when a write's job cannot set up its
            // staging (an output no longer writable); the job then fails, and says so
            "org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter")) {
      org.apache.logging.log4j.core.config.Configurator.setLevel(
          logger, org.apache.logging.log4j.Level.OFF);
    }
  }

  /** Whether this invocation has started Spark (its session). */
  boolean sparkStarted() {
    return spark != null;
  }

  OutputTables tables() {
    if (tables == null) {
      tables = new OutputTables(spark(), outputDir());
    }
    return tables;
  }

  /** The output directory: a URI (hdfs://, gs://, file:) as given, a local path made absolute. */
  String outputDir() {
    String dir = settings.string(RunKeys.OUTPUT_DIR);
    if (dir.matches("^[A-Za-z][A-Za-z0-9+.-]*:/.*")) {
      return dir;
    }
    return Path.of(dir).toAbsolutePath().normalize().toString();
  }

  /**
   * Checks the Spark settings and the output target and locks it, all before Spark starts, then
   * removes staging left by killed runs. Call after every setting of the command has been checked.
   */
  void open() {
    if (command == null) {
      throw new IllegalStateException("an invocation without a command opens no output");
    }
    SparkSessions.checkSettings(settings);
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(outputDir());
    org.apache.hadoop.fs.FileSystem fs;
    try {
      fs = root.getFileSystem(SparkSessions.hadoopConfiguration(settings));
      synchronized (lockGuard) {
        if (shuttingDown) {
          throw new IllegalStateException("a signal ended the command before it locked its output");
        }
        createdOutput = !fs.exists(root);
        ForeignOutputs.requireNoForeignFolder(fs, root);
        lock = OutputLock.acquire(fs, root, OutputLock.self(runId, command), options.forceUnlock);
        outputFs = fs;
        outputRoot = root;
      }
    } catch (IOException e) {
      throw new TraceMineException("Cannot open output directory '" + root + "'", e);
    }
    signalHere(SIGNAL_AT_SPARK_START);
    SparkSessions.listLocalTablesOnDriver(spark(), fs.getScheme());
    StageCommit.removeLeftovers(spark(), outputDir());
  }

  private boolean createdOutput;
  private org.apache.hadoop.fs.FileSystem outputFs;
  private org.apache.hadoop.fs.Path outputRoot;

  /** A command refused before it wrote anything leaves no empty output directory it created. */
  private void removeOutputIfCreatedAndEmpty() {
    if (!createdOutput || outputFs == null) {
      return;
    }
    try {
      if (outputFs.listStatus(outputRoot).length == 0) {
        outputFs.delete(outputRoot, false);
      }
    } catch (IOException e) {
      // left as it is: an empty directory is harmless
    }
  }

  /** Test hook: {@value #SIGNAL_AT}={@code point} makes the command send itself SIGTERM there. */
  static final String SIGNAL_AT = "TRACEMINE_FAULT_SIGNAL_AT";

  static final String SIGNAL_AT_SETTINGS = "settings";
  static final String SIGNAL_AT_SPARK_START = "spark-start";

  /**
   * Test hook: {@value #FATAL_IN_STAGE}={@code stage} makes a task of that stage throw an {@code
   * OutOfMemoryError}, on which Spark ends the JVM as it does when a task runs out of heap.
   */
  static final String FATAL_IN_STAGE = "TRACEMINE_FAULT_FATAL_IN_STAGE";

  private void fatalTaskErrorHere(String stage) {
    if (stage.equals(System.getenv(FATAL_IN_STAGE))) {
      spark().range(1).foreach(new ThrowsOutOfMemory());
    }
  }

  private static final class ThrowsOutOfMemory
      implements org.apache.spark.api.java.function.ForeachFunction<Long> {
    @Override
    public void call(Long ignored) {
      throw new OutOfMemoryError("Java heap space (" + FATAL_IN_STAGE + ")");
    }
  }

  private static void signalHere(String point) {
    if (!point.equals(System.getenv(SIGNAL_AT))) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-TERM", Long.toString(ProcessHandle.current().pid()))
          .inheritIO()
          .start()
          .waitFor();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Hadoop runs its shutdown hooks one at a time, highest priority first; Spark stops its context
   * in one of priority {@code FileSystem.SHUTDOWN_HOOK_PRIORITY + 30}.
   */
  private static final int BEFORE_SPARK_STOPS =
      org.apache.hadoop.fs.FileSystem.SHUTDOWN_HOOK_PRIORITY + 100;

  /** After Spark stopped its jobs, before Hadoop closes its file systems. */
  private static final int AFTER_SPARK_STOPS =
      org.apache.hadoop.fs.FileSystem.SHUTDOWN_HOOK_PRIORITY + 20;

  private void releaseLock() {
    String left;
    synchronized (lockGuard) {
      shuttingDown = true;
      if (lock != null) {
        lock.close();
      }
      left = lock == null ? "not taken" : lock.left() ? "left" : "released";
    }
    if (Interruption.signalled() && options.json) {
      printInterrupted(left);
    }
  }

  /**
   * With {@code --json}, the document of a command a signal ended (docs/CLI-JSON.md): printed in
   * the shutdown once Spark stopped and the lock is released, so it says what was left.
   */
  private void printInterrupted(String lock) {
    String doc =
        options.report.interrupted(
            command,
            Interruption.exitCode(),
            interruptedLine.substring("tracemine: ".length()),
            java.time.Instant.now(),
            Interruption.signalName(),
            Interruption.fatalError(),
            interruption.stage(),
            committedAtSignal,
            lock);
    if (doc != null) {
      System.out.println(doc);
      System.out.flush();
    }
  }

  private void removeHooks() {
    var hooks = org.apache.hadoop.util.ShutdownHookManager.get();
    for (Runnable hook : new Runnable[] {reportInterruption, releaseLock}) {
      if (hook != null) {
        try {
          hooks.removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // a signal ended the command: the hooks run
        }
      }
    }
  }

  /** A signal ends the command: one line instead of the errors of the jobs the shutdown cancels. */
  private void reportInterruption() {
    if (!options.verbose && !options.debug) {
      org.apache.logging.log4j.core.config.Configurator.setRootLevel(
          org.apache.logging.log4j.Level.OFF);
    }
    if (progress != null) {
      progress.clear();
    }
    StageCommit.refuseCommits();
    committedAtSignal = committedByThisRun(interruption.stage());
    interruptedLine = interruption.message(committedAtSignal);
    interruption.report(System.err, committedAtSignal);
  }

  private boolean committedByThisRun(String stage) {
    if (stage == null) {
      return false;
    }
    try {
      return StageCommit.read(spark(), outputDir(), stage)
          .map(manifest -> runId.equals(manifest.runId()))
          .orElse(false);
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  /** The key of a manifest's {@code input} that records the settings its stage ran with. */
  static final String SETTINGS = "settings";

  /**
   * Starts {@code stage}: checks that each of {@code upstream} committed, and consistently (exit 3
   * naming the stage to rerun otherwise), and returns the commit its outputs go through, which
   * records the settings (without secrets) in its manifest's {@code input} ({@value #SETTINGS}).
   */
  StageCommit stage(String stage, List<String> upstream) {
    if (lock == null) {
      throw new IllegalStateException("open() the output before running a stage");
    }
    Map<String, String> runIds = StageCommit.requireUpstream(spark(), outputDir(), stage, upstream);
    StageCommit commit = new StageCommit(spark(), outputDir(), stage, runId, runIds);
    commit.input(SETTINGS, settings.withoutSecrets());
    opened.add(commit);
    return commit;
  }

  Path confDir() {
    return options.confDirOrNull();
  }

  /** Marks the start of stage {@code index} of {@code total} on the console and in Spark's UI. */
  void begin(String stage, int index, int total, String what) {
    String group = stage.toUpperCase(java.util.Locale.ROOT) + "-" + index;
    JobGroups.set(spark(), group, stage + ": " + what);
    if (progress != null) {
      progress.stage(stage, index, total, group);
    }
    if (interruption != null) {
      interruption.stageStarted(stage, String.format("[%d/%d] %s", index, total, stage));
    }
    info(String.format("[%d/%d] %s: %s", index, total, stage, what));
    fatalTaskErrorHere(stage);
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
    options.report.stage(summary);
    if (!options.json) {
      String line = "  done: " + summary.oneLine();
      // on a terminal, wrapped between words (a log keeps the one line for grep)
      out.println(
          System.console() == null
              ? line
              : ProgressListener.wrapped(
                  line, ProgressListener.terminalWidth(System.getenv("COLUMNS")), "          "));
    }
  }

  /**
   * Removes what a stage that failed (an error, not a signal) staged, while the output is still
   * locked, so its partly written tables do not hold disk space until the next run.
   */
  private void removeStagingOfFailedStages() {
    if (spark == null || opened.stream().allMatch(StageCommit::committed)) {
      return;
    }
    try {
      StageCommit.removeLeftovers(spark, outputDir());
    } catch (RuntimeException cannotList) {
      // the next run removes them when it opens the output
    }
  }

  @Override
  public void close() {
    if (progress != null) {
      progress.close();
    }
    removeHooks();
    synchronized (lockGuard) {
      if (lock != null) {
        if (!shuttingDown) { // after a signal the lock may be released already: leave it all
          removeStagingOfFailedStages();
        }
        lock.close();
        removeOutputIfCreatedAndEmpty();
      }
    }
    if (spark != null && ownsSession) {
      spark.stop();
    }
  }
}
