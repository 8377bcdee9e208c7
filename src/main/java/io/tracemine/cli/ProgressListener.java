package io.tracemine.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import scala.collection.JavaConverters;

/**
 * Where the current pipeline stage is: its own elapsed time, the Spark jobs and tasks of its job
 * group only (each pipeline stage runs in its own group, see {@link Invocation#begin}), the rows it
 * read and wrote, and the time left in its running Spark stages when there is a rate to go by.
 *
 * <p>Counters only grow: a Spark stage's tasks are counted once, capped at its task count (retried
 * and speculative attempts do not count twice), so overlapping Spark stages cannot make a counter
 * jump back. A line is printed every {@code period} (a heartbeat: on a terminal the same line is
 * rewritten every second; in a log, one line every ten seconds), never more often. On a terminal
 * the line is fitted to its width ({@code COLUMNS}, which submit.sh sets from the terminal; 80 when
 * unknown): a line the terminal wraps could not be rewritten in place, and every tick would leave a
 * row behind.
 */
final class ProgressListener extends SparkListener implements AutoCloseable {
  /** SparkContext.SPARK_JOB_GROUP_ID (private in Scala). */
  static final String JOB_GROUP_PROPERTY = "spark.jobGroup.id";

  static final long LOG_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);
  static final long TTY_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Columns of a terminal whose width is not known. */
  static final int DEFAULT_WIDTH = 80;

  private final PrintStream err;
  private final boolean tty;
  private final int width;
  private final LongSupplier clock;
  private ScheduledExecutorService ticker;

  // guarded by this: the listener bus thread writes, the ticker reads
  private String label;
  private String group;
  private String stageGroup;
  private long stageStarted;
  private long lastPrint;
  private boolean lineOpen;
  private final Set<Integer> jobs = new HashSet<>();
  private final Set<Integer> runningJobs = new HashSet<>();
  private final Map<Integer, Integer> stageJob = new HashMap<>();
  private final Map<Integer, Integer> stageTasks = new HashMap<>();
  private final Map<Integer, Integer> stageDone = new HashMap<>();
  private final Set<Integer> runningStages = new HashSet<>();
  private long lastTaskEnd = -1;
  private long rowsIn;
  private long rowsOut;

  ProgressListener(PrintStream err, boolean tty, LongSupplier clock) {
    this(err, tty, DEFAULT_WIDTH, clock);
  }

  /** {@code width}: the terminal's columns, for a {@code tty} only. */
  ProgressListener(PrintStream err, boolean tty, int width, LongSupplier clock) {
    this.err = err;
    this.tty = tty;
    this.width = width;
    this.clock = clock;
  }

  /** A listener on the real clock that prints on its own every second (TTY) or ten (log). */
  static ProgressListener started(PrintStream err) {
    ProgressListener listener =
        new ProgressListener(
            err,
            System.console() != null,
            terminalWidth(System.getenv("COLUMNS")),
            System::nanoTime);
    listener.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tracemine-progress");
              t.setDaemon(true);
              return t;
            });
    listener.ticker.scheduleAtFixedRate(listener::tick, 1, 1, TimeUnit.SECONDS);
    return listener;
  }

  /**
   * Starts pipeline stage {@code name}; only Spark jobs of job group {@code jobGroup} count, and
   * those of the groups the stage sets itself ({@code MINE}, {@code MINE-2} for {@code mine}).
   */
  synchronized void stage(String name, int index, int total, String jobGroup) {
    finishLine();
    label = String.format("[%d/%d] %s", index, total, name);
    group = jobGroup;
    stageGroup = name.toUpperCase(java.util.Locale.ROOT);
    stageStarted = clock.getAsLong();
    lastPrint = stageStarted;
    jobs.clear();
    runningJobs.clear();
    stageJob.clear();
    stageTasks.clear();
    stageDone.clear();
    runningStages.clear();
    lastTaskEnd = -1;
    rowsIn = 0;
    rowsOut = 0;
  }

  /** Ends the pipeline stage: no more lines until the next {@link #stage}. */
  synchronized void clear() {
    finishLine();
    label = null;
    group = null;
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart event) {
    String jobGroup =
        event.properties() == null ? null : event.properties().getProperty(JOB_GROUP_PROPERTY);
    if (group == null
        || jobGroup == null
        || !(jobGroup.equals(group)
            || jobGroup.equals(stageGroup)
            || jobGroup.startsWith(stageGroup + "-"))) {
      return;
    }
    jobs.add(event.jobId());
    runningJobs.add(event.jobId());
    for (StageInfo info : JavaConverters.seqAsJavaList(event.stageInfos())) {
      stageJob.put(info.stageId(), event.jobId());
    }
  }

  @Override
  public synchronized void onJobEnd(org.apache.spark.scheduler.SparkListenerJobEnd event) {
    runningJobs.remove(event.jobId());
  }

  @Override
  public synchronized void onStageSubmitted(SparkListenerStageSubmitted event) {
    StageInfo info = event.stageInfo();
    if (!stageJob.containsKey(info.stageId())) {
      return;
    }
    stageTasks.merge(info.stageId(), info.numTasks(), Math::max);
    stageDone.putIfAbsent(info.stageId(), 0);
    runningStages.add(info.stageId());
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted event) {
    runningStages.remove(event.stageInfo().stageId());
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd event) {
    Integer tasks = stageTasks.get(event.stageId());
    if (tasks == null || event.reason() != Success$.MODULE$) {
      return;
    }
    stageDone.merge(event.stageId(), 1, (done, one) -> Math.min(tasks, done + one));
    lastTaskEnd = clock.getAsLong();
    if (event.taskMetrics() != null) {
      rowsIn += event.taskMetrics().inputMetrics().recordsRead();
      rowsOut += event.taskMetrics().outputMetrics().recordsWritten();
    }
  }

  /** Prints the progress line when one is due. */
  synchronized void tick() {
    if (label == null) {
      return;
    }
    long now = clock.getAsLong();
    if (now - lastPrint < (tty ? TTY_PERIOD_NANOS : LOG_PERIOD_NANOS)) {
      return;
    }
    lastPrint = now;
    if (tty) {
      err.print("\r" + line(width) + "\033[K");
      lineOpen = true;
    } else {
      err.println(line());
    }
    err.flush();
  }

  /** The progress line as of now. */
  synchronized String line() {
    return line(0);
  }

  /**
   * The progress line in fewer than {@code columns} columns (0: any length), its details dropped
   * least useful first (the Spark job count, the estimate's wording, the rows) before it is cut.
   */
  synchronized String line(int columns) {
    long now = clock.getAsLong();
    int total = stageTasks.values().stream().mapToInt(Integer::intValue).sum();
    int done = stageDone.values().stream().mapToInt(Integer::intValue).sum();
    String head = "  " + label + "  " + seconds(now - stageStarted);
    String jobCount = String.format("spark jobs %d (%d running)", jobs.size(), runningJobs.size());
    String taskCount = String.format("tasks %,d/%,d", done, total);
    String rows = String.format("rows in %,d out %,d", rowsIn, rowsOut);
    String left = timeLeft(now);
    String estimate;
    if (left == null) {
      estimate = "eta unknown";
    } else if (left.equals(OVERDUE)) {
      estimate = "eta unknown, no task done for " + seconds(now - lastTaskEnd);
    } else {
      estimate = left + " left in running spark stages";
    }
    String shortEstimate = left == null || left.equals(OVERDUE) ? "eta ?" : left + " left";
    List<String> candidates =
        List.of(
            String.join("  ", head, jobCount, taskCount, rows, estimate),
            String.join("  ", head, taskCount, rows, estimate),
            String.join("  ", head, taskCount, rows, shortEstimate),
            String.join("  ", head, taskCount, shortEstimate),
            String.join("  ", head, taskCount));
    if (columns <= 0) {
      return candidates.get(0);
    }
    for (String candidate : candidates) {
      if (candidate.length() < columns) {
        return candidate;
      }
    }
    return head.substring(0, Math.min(head.length(), Math.max(columns - 1, 0)));
  }

  /** What {@link #timeLeft} returns when the tasks left have run past their estimate. */
  private static final String OVERDUE = "overdue";

  /**
   * Time left in the running Spark stages ({@code ~12s}) at the group's rate up to its last
   * finished task, counting down from that task; {@link #OVERDUE} once the tasks left have taken
   * longer than that (the last, slow tasks of a skewed stage: a rate that ignored the wait would
   * print {@code ~1s left} for as long as they run); null while no task has finished. Later Spark
   * jobs of the same pipeline stage are not known in advance, so this is never a whole-stage
   * estimate, and the full line says so.
   */
  private String timeLeft(long now) {
    int left = 0;
    for (int stage : runningStages) {
      left += stageTasks.get(stage) - stageDone.get(stage);
    }
    int done = stageDone.values().stream().mapToInt(Integer::intValue).sum();
    if (runningStages.isEmpty() || done == 0 || lastTaskEnd < 0) {
      return null;
    }
    double perTask = (double) Math.max(lastTaskEnd - stageStarted, 1) / done;
    double remaining = perTask * left - (now - lastTaskEnd);
    if (left > 0 && remaining < 0) {
      return OVERDUE;
    }
    return "~" + seconds((long) Math.max(remaining, 0));
  }

  /**
   * {@code line} broken between words into lines shorter than {@code columns}, the lines after the
   * first starting with {@code indent}; a word longer than a line (a path) stands alone on its
   * line, for the terminal to wrap.
   */
  static String wrapped(String line, int columns, String indent) {
    StringBuilder out = new StringBuilder();
    String[] words = line.split(" ", -1);
    int lineLength = 0;
    boolean hasWord = false;
    boolean afterBreak = false;
    for (int i = 0; i < words.length; i++) {
      String word = words[i];
      if (afterBreak && word.isEmpty()) {
        continue; // the blanks of a wide separator, at a break
      }
      String separator = i == 0 || afterBreak ? "" : " ";
      if (hasWord && lineLength + separator.length() + word.length() >= columns) {
        out.append('\n').append(indent);
        lineLength = indent.length();
        hasWord = false;
        afterBreak = true;
        if (word.isEmpty()) {
          continue;
        }
        separator = "";
      }
      out.append(separator).append(word);
      lineLength += separator.length() + word.length();
      if (!word.isEmpty()) {
        hasWord = true;
        afterBreak = false;
      }
    }
    return out.toString();
  }

  /** The terminal's columns from {@code COLUMNS}, or {@link #DEFAULT_WIDTH} when it is no width. */
  static int terminalWidth(String columns) {
    if (columns != null && columns.strip().matches("[0-9]{1,4}")) {
      int width = Integer.parseInt(columns.strip());
      if (width >= 20) {
        return width;
      }
    }
    return DEFAULT_WIDTH;
  }

  private static String seconds(long nanos) {
    long s = Math.max(0, TimeUnit.NANOSECONDS.toSeconds(nanos));
    return s < 60 ? s + "s" : String.format("%dm%02ds", s / 60, s % 60);
  }

  private void finishLine() {
    if (lineOpen) {
      err.print("\r\033[K");
      err.flush();
      lineOpen = false;
    }
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    clear();
  }
}
