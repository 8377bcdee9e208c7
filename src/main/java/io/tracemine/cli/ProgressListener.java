package io.tracemine.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Prints where a long run is: pipeline stage k of n, Spark tasks finished, records read, elapsed
 * time, and an estimate of the time left in the current Spark stage; at most once a second.
 */
final class ProgressListener extends SparkListener {
  private final PrintStream err;
  private final long started = System.nanoTime();
  private final AtomicLong records = new AtomicLong();
  private volatile String label = "";
  private volatile int tasksTotal;
  private volatile int tasksDone;
  private volatile long stageStarted;
  private volatile long lastPrint;

  ProgressListener(PrintStream err) {
    this.err = err;
  }

  void stage(String name, int index, int total) {
    label = String.format("[%d/%d] %s", index, total, name);
  }

  void clear() {
    lastPrint = 0;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted event) {
    tasksTotal = event.stageInfo().numTasks();
    tasksDone = 0;
    stageStarted = System.nanoTime();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    tasksDone++;
    if (event.taskMetrics() != null) {
      records.addAndGet(event.taskMetrics().inputMetrics().recordsRead());
    }
    long now = System.nanoTime();
    if (now - lastPrint > 1_000_000_000L && tasksTotal > 1) {
      lastPrint = now;
      double elapsed = (now - started) / 1e9;
      double stageElapsed = (now - stageStarted) / 1e9;
      double eta = tasksDone == 0 ? 0 : stageElapsed * (tasksTotal - tasksDone) / tasksDone;
      err.printf(
          "  %s  tasks %d/%d  records read %,d  elapsed %.0fs  stage eta %.0fs%n",
          label, tasksDone, tasksTotal, records.get(), elapsed, eta);
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted event) {
    tasksTotal = 0;
  }
}
