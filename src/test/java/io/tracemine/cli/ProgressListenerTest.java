package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.Success$;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.executor.TaskMetrics$;
import org.apache.spark.scheduler.JobSucceeded$;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.scheduler.TaskInfo;
import org.apache.spark.scheduler.TaskLocality;
import org.apache.spark.storage.RDDInfo;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.JavaConverters;

/** The progress line under synthetic, overlapping Spark events: no Spark needed. */
class ProgressListenerTest {
  private static final Pattern TASKS = Pattern.compile("tasks (\\d+)/(\\d+)");
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private long now;
  private final ProgressListener listener =
      new ProgressListener(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, () -> now);
  private long taskIds;

  private static StageInfo stage(int id, int tasks) {
    return new StageInfo(
        id,
        0,
        "stage " + id,
        tasks,
        JavaConverters.asScalaBuffer(new ArrayList<RDDInfo>()).toSeq(),
        JavaConverters.asScalaBuffer(new ArrayList<Object>()).toSeq(),
        "",
        TaskMetrics$.MODULE$.empty(),
        JavaConverters.asScalaBuffer(
                new ArrayList<scala.collection.Seq<org.apache.spark.scheduler.TaskLocation>>())
            .toSeq(),
        Option.empty(),
        0,
        false,
        0);
  }

  private void jobStart(int job, String group, StageInfo... stages) {
    Properties props = new Properties();
    if (group != null) {
      props.setProperty("spark.jobGroup.id", group);
    }
    listener.onJobStart(
        new SparkListenerJobStart(
            job, now, JavaConverters.asScalaBuffer(List.of(stages)).toSeq(), props));
  }

  private void taskEnd(int stage, long rowsIn, long rowsOut, boolean success) {
    TaskInfo info =
        new TaskInfo(
            taskIds++, 0, 0, 0, now, "driver", "localhost", TaskLocality.PROCESS_LOCAL(), false);
    TaskMetrics metrics = TaskMetrics$.MODULE$.empty();
    metrics.inputMetrics().setRecordsRead(rowsIn);
    metrics.outputMetrics().setRecordsWritten(rowsOut);
    listener.onTaskEnd(
        new SparkListenerTaskEnd(
            stage,
            0,
            "ResultTask",
            success ? Success$.MODULE$ : org.apache.spark.TaskResultLost$.MODULE$,
            info,
            null,
            metrics));
  }

  private void advance(long seconds) {
    now += TimeUnit.SECONDS.toNanos(seconds);
  }

  private static int[] tasks(String line) {
    Matcher m = TASKS.matcher(line);
    assertThat(m.find()).as(line).isTrue();
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void countsOnlyTheCurrentStagesJobGroupAndNeverGoesBackWhenSparkStagesOverlap() {
    jobStart(0, "INGEST-1", stage(0, 4));
    listener.onStageSubmitted(new SparkListenerStageSubmitted(stage(0, 4), null));
    taskEnd(0, 1000, 0, true);
    listener.stage("extract", 2, 5, "EXTRACT-2");
    advance(3);
    taskEnd(0, 1000, 0, true); // a late task of the previous pipeline stage
    assertThat(listener.line())
        .contains(
            "[2/5] extract", "3s", "spark jobs 0", "tasks 0/0", "rows in 0 out 0", "eta unknown");

    jobStart(1, "EXTRACT-2", stage(1, 3), stage(2, 2));
    jobStart(2, "OTHER", stage(3, 50));
    listener.onStageSubmitted(new SparkListenerStageSubmitted(stage(1, 3), null));
    listener.onStageSubmitted(new SparkListenerStageSubmitted(stage(3, 50), null));
    List<int[]> seen = new ArrayList<>();
    taskEnd(1, 100, 0, true);
    seen.add(tasks(listener.line()));
    listener.onStageSubmitted(new SparkListenerStageSubmitted(stage(2, 2), null)); // overlaps 1
    seen.add(tasks(listener.line()));
    taskEnd(2, 0, 10, true);
    taskEnd(3, 999, 999, true); // another group's stage
    seen.add(tasks(listener.line()));
    for (int i = 0; i < 5; i++) { // retried and speculative attempts of stage 1
      taskEnd(1, 100, 0, true);
      seen.add(tasks(listener.line()));
    }
    taskEnd(1, 100, 0, false);
    seen.add(tasks(listener.line()));

    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i)[0])
          .as("done never goes back")
          .isGreaterThanOrEqualTo(seen.get(i - 1)[0]);
    }
    assertThat(seen).allSatisfy(t -> assertThat(t[0]).isBetween(0, t[1]));
    assertThat(seen.get(seen.size() - 1)).containsExactly(4, 5);
    assertThat(listener.line()).contains("spark jobs 1 (1 running)", "rows in 600 out 10");

    jobStart(3, "EXTRACT", stage(4, 1)); // a group the stage sets itself counts
    jobStart(4, "EXTRACTOR", stage(5, 1));
    jobStart(5, null, stage(6, 1));
    assertThat(listener.line()).contains("spark jobs 2 (2 running)");
  }

  @Test
  void estimatesOnlyFromFinishedTasksAndNeverNegative() {
    listener.stage("mine", 3, 5, "MINE-3");
    jobStart(7, "MINE-3", stage(10, 10));
    listener.onStageSubmitted(new SparkListenerStageSubmitted(stage(10, 10), null));
    advance(4);
    assertThat(listener.line()).contains("eta unknown");
    taskEnd(10, 0, 0, true);
    taskEnd(10, 0, 0, true);
    // 2 tasks in 4 s, 8 left: 16 s
    assertThat(listener.line()).contains("4s", "tasks 2/10", "~16s left in running spark stages");
    advance(6); // counts down from the last finished task
    assertThat(listener.line()).contains("10s", "tasks 2/10", "~10s left in running spark stages");
    advance(12); // no task done for 18 s: the 8 left are overdue, not "~0s left" nor "~28s"
    assertThat(listener.line())
        .contains("22s", "tasks 2/10", "eta unknown, no task done for 18s")
        .doesNotContain("left");
    assertThat(listener.line(40)).contains("eta ?");
    taskEnd(10, 0, 0, true); // 3 tasks in 22 s, 7 left: 51 s
    assertThat(listener.line()).contains("tasks 3/10", "~51s left in running spark stages");
    for (int i = 0; i < 20; i++) {
      taskEnd(10, 0, 0, true);
    }
    assertThat(listener.line()).contains("tasks 10/10", "~0s left");
    listener.onStageCompleted(new SparkListenerStageCompleted(stage(10, 10)));
    listener.onJobEnd(new SparkListenerJobEnd(7, now, JobSucceeded$.MODULE$));
    assertThat(listener.line())
        .contains("spark jobs 1 (0 running)", "eta unknown")
        .doesNotContain("-");
  }

  @Test
  void printsAHeartbeatEveryTenSecondsOnALogAndNothingBetweenStages() {
    listener.tick();
    assertThat(printed()).isEmpty();
    listener.stage("report", 5, 5, "REPORT-5");
    for (int s = 0; s < 35; s++) {
      advance(1);
      listener.tick();
    }
    assertThat(printed().lines())
        .hasSize(3)
        .allSatisfy(line -> assertThat(line).startsWith("  [5/5] report"));
    assertThat(printed().lines().toList().get(2)).contains(" 30s ");
    listener.clear();
    advance(60);
    listener.tick();
    assertThat(printed().lines()).hasSize(3);
  }

  @Test
  void onATerminalTheLineFitsItsWidthDroppingDetailsBeforeCuttingIt() {
    jobStart(0, "INGEST-1", stage(0, 4000));
    listener.stage("ingest", 1, 6, "INGEST-1");
    jobStart(1, "INGEST-1", stage(1, 4000));
    listener.onStageSubmitted(new SparkListenerStageSubmitted(stage(1, 4000), null));
    advance(15);
    taskEnd(1, 342_825, 0, true);
    String full = listener.line();
    assertThat(full)
        .contains("spark jobs 1 (1 running)", "rows in 342,825 out 0", " left in running spark")
        .hasSizeGreaterThan(100);
    for (int width = 20; width <= 140; width++) {
      String fitted = listener.line(width);
      assertThat(fitted).as("width %d", width).hasSizeLessThan(width);
      assertThat(fitted).as("width %d", width).startsWith("  [1/6] ingest");
    }
    assertThat(listener.line(full.length() + 1)).isEqualTo(full);
    assertThat(listener.line(80)).contains("tasks 1/4,000").contains("left");
    assertThat(listener.line(0)).isEqualTo(full);

    ByteArrayOutputStream narrow = new ByteArrayOutputStream();
    ProgressListener terminal =
        new ProgressListener(
            new PrintStream(narrow, true, StandardCharsets.UTF_8), true, 60, () -> now);
    terminal.stage("extract", 2, 6, "EXTRACT-2");
    advance(1);
    terminal.tick();
    assertThat(narrow.toString(StandardCharsets.UTF_8).split("\r|\033\\[K"))
        .allSatisfy(piece -> assertThat(piece).hasSizeLessThan(60));
  }

  /** A stage's summary on a terminal: broken between words, never inside one, nothing lost. */
  @Test
  void aSummaryIsWrappedBetweenWordsToTheTerminal() {
    String line =
        "  done: ingest     56.2s  rows_read=650,310 questions_selected=270,662"
            + " answers_selected=315,744 not_selected=63,904 rejected=0  -> /tmp/s38/out300k/posts";
    String wrapped = ProgressListener.wrapped(line, 60, "          ");
    assertThat(wrapped.lines()).allSatisfy(l -> assertThat(l).hasSizeLessThan(60));
    assertThat(wrapped.lines()).first().asString().startsWith("  done: ingest     56.2s");
    assertThat(wrapped.lines().skip(1)).allSatisfy(l -> assertThat(l).startsWith("          "));
    assertThat(wrapped.replaceAll("\\s+", " ")).isEqualTo(line.replaceAll("\\s+", " "));
    assertThat(wrapped).contains("answers_selected=315,744").contains("/tmp/s38/out300k/posts");
    assertThat(ProgressListener.wrapped(line, 400, "  ")).isEqualTo(line);
    String longPath = "  done: x  -> /" + "p".repeat(90);
    assertThat(ProgressListener.wrapped(longPath, 40, "    ").lines())
        .containsExactly("  done: x  ->", "    /" + "p".repeat(90));
  }

  @Test
  void theTerminalWidthComesFromColumnsOrIsEighty() {
    assertThat(ProgressListener.terminalWidth("132")).isEqualTo(132);
    assertThat(ProgressListener.terminalWidth(" 100 ")).isEqualTo(100);
    assertThat(ProgressListener.terminalWidth(null)).isEqualTo(80);
    assertThat(ProgressListener.terminalWidth("")).isEqualTo(80);
    assertThat(ProgressListener.terminalWidth("wide")).isEqualTo(80);
    assertThat(ProgressListener.terminalWidth("3")).isEqualTo(80);
    assertThat(ProgressListener.terminalWidth("99999999999")).isEqualTo(80);
  }

  @Test
  void rewritesOneLineEverySecondOnATerminal() {
    ByteArrayOutputStream tty = new ByteArrayOutputStream();
    ProgressListener terminal =
        new ProgressListener(new PrintStream(tty, true, StandardCharsets.UTF_8), true, () -> now);
    terminal.stage("ingest", 1, 5, "INGEST-1");
    for (int s = 0; s < 3; s++) {
      advance(1);
      terminal.tick();
    }
    terminal.clear();
    String out = tty.toString(StandardCharsets.UTF_8);
    assertThat(out).doesNotContain("\n");
    assertThat(out.split("\r")).filteredOn(l -> l.startsWith("  [1/5] ingest")).hasSize(3);
    assertThat(out).endsWith("\r\033[K");
  }
}
