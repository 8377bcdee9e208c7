package io.tracemine.cli;

import java.io.PrintStream;

/**
 * A command ended by a signal (Ctrl-C, {@code kill}, Airflow's timeout): one line saying where it
 * stopped and whether that stage committed, instead of the errors of the Spark jobs the shutdown
 * cancels. {@link #signalled()} tells the error handler to add nothing after it.
 */
final class Interruption {
  private static volatile boolean signalled;

  private final String command;
  private volatile String stage;
  private volatile String label;

  Interruption(String command) {
    this.command = command;
  }

  static boolean signalled() {
    return signalled;
  }

  /** {@code label} as the console shows the stage, e.g. {@code [2/6] extract}. */
  void stageStarted(String stage, String label) {
    this.label = label;
    this.stage = stage;
  }

  /** The stage last started, or null before the first. */
  String stage() {
    return stage;
  }

  /** What the user reads; the JVM then exits with the signal's code (143 for TERM, 130 for INT). */
  String message(boolean stageCommitted) {
    String start = "tracemine: " + command + " interrupted by a signal ";
    String rerun = "; rerun the command to finish";
    if (stage == null) {
      return start + "before its first stage; no table was changed" + rerun;
    }
    if (stageCommitted) {
      return start + "after " + label + " committed its tables" + rerun;
    }
    return start
        + "during "
        + label
        + "; its tables were not committed (the previous ones stand; the next run removes its"
        + " staging)"
        + rerun;
  }

  /** Runs in the shutdown, before Spark stops: marks the run signalled and prints the message. */
  void report(PrintStream err, boolean stageCommitted) {
    signalled = true;
    err.println(message(stageCommitted));
    err.flush();
  }
}
