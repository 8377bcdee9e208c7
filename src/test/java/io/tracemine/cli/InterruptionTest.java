package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InterruptionTest {
  @Test
  void beforeTheFirstStageNothingChanged() {
    assertThat(new Interruption("run").message(false))
        .isEqualTo(
            "tracemine: run interrupted by a signal before its first stage; no table was changed;"
                + " rerun the command to finish");
  }

  @Test
  void duringAStageItsTablesWereNotCommitted() {
    Interruption interruption = new Interruption("run");
    interruption.stageStarted("ingest", "[1/6] ingest");
    interruption.stageStarted("extract", "[2/6] extract");
    assertThat(interruption.stage()).isEqualTo("extract");
    assertThat(interruption.message(false))
        .isEqualTo(
            "tracemine: run interrupted by a signal during [2/6] extract; its tables were not"
                + " committed (the previous ones stand; the next run removes its staging); rerun"
                + " the command to finish");
  }

  @Test
  void afterAStageCommittedTheMessageSaysSo() {
    Interruption interruption = new Interruption("mine");
    interruption.stageStarted("mine", "[1/1] mine");
    assertThat(interruption.message(true))
        .isEqualTo(
            "tracemine: mine interrupted by a signal after [1/1] mine committed its tables;"
                + " rerun the command to finish");
  }

  @Test
  void aTaskOutOfMemoryIsAFailureThatAsksForMoreMemory() {
    Interruption interruption = new Interruption("ingest");
    interruption.stageStarted("ingest", "[1/1] ingest");
    assertThat(interruption.message(false, new OutOfMemoryError("Java heap space")))
        .isEqualTo(
            "tracemine: ingest failed: a Spark task hit a fatal error, which ends the JVM"
                + " (java.lang.OutOfMemoryError: Java heap space) during [1/1] ingest; its tables"
                + " were not committed (the previous ones stand; the next run removes its"
                + " staging); give the driver more memory (--driver-memory; on a cluster,"
                + " --executor-memory) and rerun");
  }

  @Test
  void anotherFatalErrorPointsToItsStackTrace() {
    Interruption interruption = new Interruption("run");
    interruption.stageStarted("mine", "[3/6] mine");
    assertThat(interruption.message(true, new StackOverflowError()))
        .isEqualTo(
            "tracemine: run failed: a Spark task hit a fatal error, which ends the JVM"
                + " (java.lang.StackOverflowError) after [3/6] mine committed its tables; rerun"
                + " with --debug for its stack trace");
  }

  @Test
  void sparksExitCodesAndItsWrappedOutOfMemoryError() {
    var wrapped = new org.apache.spark.util.SparkFatalException(new OutOfMemoryError("x"));
    assertThat(FatalTaskErrors.exitCode(new OutOfMemoryError())).isEqualTo(52);
    assertThat(FatalTaskErrors.exitCode(wrapped)).isEqualTo(52);
    assertThat(FatalTaskErrors.unwrapped(wrapped)).isInstanceOf(OutOfMemoryError.class);
    assertThat(FatalTaskErrors.exitCode(new StackOverflowError())).isEqualTo(50);
    assertThat(FatalTaskErrors.exitCode(new InternalError())).isEqualTo(50);
  }
}
