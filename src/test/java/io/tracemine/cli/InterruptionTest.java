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
}
