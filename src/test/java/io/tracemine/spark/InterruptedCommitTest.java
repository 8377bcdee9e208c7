package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a commit that stopped part-way says the output holds, at each point it can stop. */
class InterruptedCommitTest {
  private static InterruptedCommit at(int renamed, boolean hadManifest, boolean manifestLeft) {
    return new InterruptedCommit("stats", "step", renamed, 39, hadManifest, manifestLeft);
  }

  @Test
  void eachPointOfTheCommitSaysWhatTheOutputHolds() {
    assertThat(at(0, true, true).outputState())
        .isEqualTo("nothing was committed, the output is as before");
    assertThat(at(0, false, false).outputState())
        .as("a first run: there was no manifest to remove")
        .isEqualTo("nothing was committed, the output is as before");
    assertThat(at(0, true, false).outputState())
        .isEqualTo(
            "no table was replaced, but its manifest _COMMITTED-stats.json is removed, so the"
                + " stages that read the 'stats' tables refuse them until 'stats' is rerun");
    assertThat(at(38, true, false).outputState())
        .isEqualTo(
            "the output's 'stats' tables are partly replaced (38 of 39 renamed into place) and it"
                + " has no _COMMITTED-stats.json (removed before the renames), so the stages that"
                + " read them refuse them until 'stats' is rerun");
    assertThat(at(2, false, false).outputState())
        .contains("(2 of 39 renamed into place) and it has no _COMMITTED-stats.json, so");
    assertThat(at(39, true, false).outputState())
        .isEqualTo(
            "the output's 'stats' tables are all replaced but its manifest _COMMITTED-stats.json"
                + " is not written, so the stages that read them refuse them until 'stats' is"
                + " rerun");
  }

  @Test
  void aRefusalIsTheUnwritableOutputsLineAnyOtherFailureTheStagesOwn() {
    InterruptedCommit where =
        new InterruptedCommit("mine", "writing _COMMITTED-mine.json", 3, 3, true, false);
    assertThat(where.refused("/out", WriteRefusals.READ_ONLY))
        .isEqualTo(
            "Cannot write output: '/out' could not be written (Read-only file system) while 'mine'"
                + " committed its tables (writing _COMMITTED-mine.json): the output's 'mine'"
                + " tables are all replaced but its manifest _COMMITTED-mine.json is not written,"
                + " so the stages that read them refuse them until 'mine' is rerun; make it"
                + " writable and rerun 'mine' (the rerun removes what this run left)");
    assertThat(where.failed("/out", "Broken pipe"))
        .isEqualTo(
            "Cannot commit stage 'mine' in '/out' (writing _COMMITTED-mine.json): Broken pipe; the"
                + " output's 'mine' tables are all replaced but its manifest _COMMITTED-mine.json"
                + " is not written, so the stages that read them refuse them until 'mine' is"
                + " rerun; rerun 'mine'");
  }
}
