package io.tracemine.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A command ended by a signal (Ctrl-C, {@code kill}, Airflow's timeout), or by Spark ending the JVM
 * after a task's fatal error ({@link FatalTaskErrors}): one line saying where it stopped and
 * whether that stage committed, instead of the errors of the Spark jobs the shutdown cancels.
 * {@link #signalled()} tells the error handler to add nothing after it.
 */
final class Interruption {
  private static volatile boolean signalled;
  private static volatile sun.misc.Signal signal;
  private static boolean catching;

  /** The signals that end a command, as the JVM handles them (exit 128 + the signal's number). */
  private static final List<String> ENDING = List.of("TERM", "INT", "HUP");

  private final String command;
  private volatile String stage;
  private volatile String label;

  Interruption(String command) {
    this.command = command;
  }

  static boolean signalled() {
    return signalled;
  }

  /**
   * Notes which signal ends the command (for {@code --json}), then hands it to the handler it
   * replaces: the JVM's, which runs the shutdown hooks and exits with 128 + its number. Once per
   * JVM; a signal the JVM ignores (a background job's SIGINT) stays ignored.
   */
  static synchronized void catchSignals() {
    if (catching) {
      return;
    }
    catching = true;
    for (String name : ENDING) {
      try {
        sun.misc.Signal s = new sun.misc.Signal(name);
        Noted noted = new Noted();
        noted.previous = sun.misc.Signal.handle(s, noted);
      } catch (IllegalArgumentException notHandled) {
        // the JVM reserves it here (-Xrs): it ends the JVM as before, unnamed
      }
    }
  }

  /** Records the signal, then does what the replaced handler did. */
  private static final class Noted implements sun.misc.SignalHandler {
    private sun.misc.SignalHandler previous;

    @Override
    public void handle(sun.misc.Signal s) {
      signal = s;
      if (previous == null
          || previous == sun.misc.SignalHandler.SIG_DFL
          || previous == sun.misc.SignalHandler.SIG_IGN) {
        Runtime.getRuntime().exit(128 + s.getNumber());
      } else {
        previous.handle(s);
      }
    }
  }

  /** The signal that ended the command ({@code TERM}, {@code INT}, {@code HUP}), or null. */
  static String signalName() {
    sun.misc.Signal s = signal;
    return s == null ? null : s.getName();
  }

  /**
   * The exit code the signal gives (143 for TERM, 130 for INT, 129 for HUP); without a signal, the
   * one Spark gives for the fatal error it exits on (52 out of memory, 50 otherwise); or null.
   */
  static Integer exitCode() {
    sun.misc.Signal s = signal;
    if (s != null) {
      return 128 + s.getNumber();
    }
    Throwable fatal = FatalTaskErrors.first();
    return fatal == null ? null : FatalTaskErrors.exitCode(fatal);
  }

  /**
   * The fatal task error the JVM exits on, when no signal ended it (unwrapped, {@link
   * FatalTaskErrors#unwrapped}); or null.
   */
  static Throwable fatalError() {
    Throwable fatal = FatalTaskErrors.first();
    return signal == null && fatal != null ? FatalTaskErrors.unwrapped(fatal) : null;
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
    return message(stageCommitted, fatalError());
  }

  /**
   * The message for a signal, or with {@code fatal} ({@link #fatalError}) for the fatal task error
   * on which Spark ends the JVM: that stage failed, and for an out-of-memory error the driver needs
   * more memory.
   */
  String message(boolean stageCommitted, Throwable fatal) {
    if (fatal == null) {
      return signalMessage(stageCommitted);
    }
    String remedy =
        fatal instanceof OutOfMemoryError
            ? "; give the driver more memory (--driver-memory; on a cluster, --executor-memory)"
                + " and rerun"
            : "; rerun with --debug for its stack trace";
    return "tracemine: "
        + command
        + " failed: a Spark task hit a fatal error, which ends the JVM ("
        + fatal
        + ") "
        + where(stageCommitted)
        + remedy;
  }

  private String signalMessage(boolean stageCommitted) {
    return "tracemine: "
        + command
        + " interrupted by a signal "
        + where(stageCommitted)
        + "; rerun the command to finish";
  }

  private String where(boolean stageCommitted) {
    if (stage == null) {
      return "before its first stage; no table was changed";
    }
    if (stageCommitted) {
      return "after " + label + " committed its tables";
    }
    return "during "
        + label
        + "; its tables were not committed (the previous ones stand; the next run removes its"
        + " staging)";
  }

  /** Runs in the shutdown, before Spark stops: marks the run signalled and prints the message. */
  void report(PrintStream err, boolean stageCommitted) {
    signalled = true;
    err.println(message(stageCommitted));
    err.flush();
  }
}
