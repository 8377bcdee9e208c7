package io.tracemine.cli;

import io.tracemine.MalformedInputException;
import io.tracemine.TraceMineException;
import io.tracemine.ingest.ReadFailures;

/**
 * Turns a failure caused by a damaged file of a table (truncated, overwritten, not Parquet) into
 * one line naming the table and the file, with exit code 3. Spark names the file ("Encountered
 * error while reading file …", "Could not read footer for file: …", or Hadoop's "Checksum error: …
 * at N" when a file no longer matches its stale {@code .crc} on a local disk) but only deep in its
 * job-failure message; the table is the file's nearest folder that is not a partition ({@code
 * key=value}). Failures already translated (a {@link TraceMineException}, e.g. ingest's input
 * files) are kept, also when a task raised one and Spark wrapped it in its job failure.
 */
final class DamagedTables {
  private DamagedTables() {}

  static Throwable translate(Throwable failure) {
    if (failure instanceof TraceMineException) {
      return failure;
    }
    // a stage's own error raised in a task (e.g. mine's "trace_id … appears in two rows") reaches
    // the driver wrapped in Spark's "Job aborted due to stage failure: …"; it is the error
    for (Throwable t = failure.getCause(); t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof TraceMineException) {
        return t;
      }
    }
    String file = null;
    Throwable root = failure;
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (file == null) {
        file = ReadFailures.fileNamedIn(t.getMessage());
      }
      root = t;
    }
    if (file == null) {
      return failure;
    }
    String shown = file.replaceFirst("^file:(//)?", "");
    MalformedInputException translated =
        new MalformedInputException(
            "Cannot read table '"
                + table(shown)
                + "': its file '"
                + shown
                + "' is damaged ("
                + root.getClass().getSimpleName()
                + ": "
                + firstLine(root.getMessage())
                + "); rerun the stage that writes the table");
    // the cause for --debug, kept out of the one-line message
    translated.initCause(failure);
    return translated;
  }

  /** The table of a file: its nearest folder whose name is not {@code key=value}. */
  static String table(String file) {
    String[] parts = file.split("/");
    for (int i = parts.length - 2; i >= 0; i--) {
      if (!parts[i].isEmpty() && !parts[i].contains("=")) {
        return parts[i];
      }
    }
    return file;
  }

  private static String firstLine(String message) {
    return message == null ? "no message" : message.lines().findFirst().orElse("no message");
  }
}
