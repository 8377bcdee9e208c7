package io.tracemine.spark;

/**
 * Where a stage's commit ({@link StageCommit#commit}) stopped, and the one line that says so: why
 * it stopped, what the output holds now and what to do.
 *
 * @param stage the stage committing
 * @param step what the commit was doing ("renaming 'table3_popularity' into place")
 * @param renamed the staged tables and files renamed into place before it stopped
 * @param staged all the stage had staged
 * @param hadManifest whether the stage had a manifest before this commit
 * @param manifestLeft whether that manifest is still there
 */
record InterruptedCommit(
    String stage, String step, int renamed, int staged, boolean hadManifest, boolean manifestLeft) {

  /** The commit stopped because {@code directory} refused a change ({@link WriteRefusals}). */
  String refused(String directory, String reason) {
    return "Cannot write output: '"
        + directory
        + "' could not be written ("
        + reason
        + ") while '"
        + stage
        + "' committed its tables ("
        + step
        + "): "
        + outputState()
        + "; make it writable and rerun '"
        + stage
        + "' (the rerun removes what this run left)";
  }

  /** The commit stopped for another reason, {@code error} (its first line). */
  String failed(String root, String error) {
    return "Cannot commit stage '"
        + stage
        + "' in '"
        + root
        + "' ("
        + step
        + "): "
        + error
        + "; "
        + outputState()
        + "; rerun '"
        + stage
        + "'";
  }

  /** What the output holds now, and whether the stages reading it will take it. */
  String outputState() {
    String manifest = StageManifest.fileName(stage);
    String refusal = ", so the stages that read them refuse them until '" + stage + "' is rerun";
    if (renamed == 0 && (manifestLeft || !hadManifest)) {
      return "nothing was committed, the output is as before";
    }
    if (renamed == 0) {
      return "no table was replaced, but its manifest "
          + manifest
          + " is removed, so the stages that read the '"
          + stage
          + "' tables refuse them until '"
          + stage
          + "' is rerun";
    }
    if (renamed < staged) {
      return "the output's '"
          + stage
          + "' tables are partly replaced ("
          + renamed
          + " of "
          + staged
          + " renamed into place) and it has no "
          + manifest
          + (hadManifest ? " (removed before the renames)" : "")
          + refusal;
    }
    return "the output's '"
        + stage
        + "' tables are all replaced but its manifest "
        + manifest
        + " is not written"
        + refusal;
  }
}
