package io.tracemine.cli;

import io.tracemine.MalformedInputException;
import io.tracemine.TraceMineException;
import io.tracemine.ingest.ReadFailures;
import io.tracemine.spark.TableStages;

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
    Throwable full = fullDisk(failure);
    if (full != null) {
      return full;
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
    String table = table(shown);
    MalformedInputException translated =
        new MalformedInputException(
            "Cannot read table '"
                + table
                + "': its file '"
                + shown
                + "' is damaged ("
                + root.getClass().getSimpleName()
                + ": "
                + firstLine(root.getMessage())
                + "); "
                + TableStages.rerun(table, shown));
    // the cause for --debug, kept out of the one-line message
    translated.initCause(failure);
    return translated;
  }

  private static final java.util.regex.Pattern WRITING =
      java.util.regex.Pattern.compile("writing rows to (?:file:)?(\\S+?)\\.?(?:\\s|$)");

  private static final java.util.regex.Pattern STAGING =
      java.util.regex.Pattern.compile(
          "(.*)/\\._staging-(.+)-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}");

  /**
   * A write that failed because the disk is full or over quota (a Spark task's {@code IOException:
   * No space left on device}, which reaches the user as Spark's "Job aborted … TASK_WRITE_FAILED"
   * line): one line naming the table being staged and what to do; exit 1 (a retry after space is
   * freed can succeed). Null for other failures.
   */
  static Throwable fullDisk(Throwable failure) {
    String cause = null;
    String written = null;
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (cause == null) {
        cause =
            message.contains("No space left on device")
                ? "No space left on device"
                : message.contains("Disk quota exceeded") ? "Disk quota exceeded" : null;
      }
      java.util.regex.Matcher m = WRITING.matcher(message);
      if (written == null && m.find()) {
        written = m.group(1);
      }
    }
    if (cause == null) {
      return null;
    }
    java.util.regex.Matcher staged = STAGING.matcher(written == null ? "" : written);
    boolean matched = staged.matches();
    String dir = matched ? staged.group(1) : null;
    String table = matched ? staged.group(2) : null;
    if (matched && table.startsWith("stage=")) { // rejects/._staging-stage=ingest-…, counts/…
      table = dir.substring(dir.lastIndexOf('/') + 1);
      dir = dir.substring(0, Math.max(0, dir.lastIndexOf('/')));
    }
    String what =
        matched
            ? "Cannot write table '"
                + table
                + "' in '"
                + dir
                + "': "
                + cause
                + "; the stage did not commit (the previous tables stand; its staging is"
                + " removed): free space and rerun"
            : "Cannot write"
                + (written == null ? "" : " '" + written + "'")
                + ": "
                + cause
                + " (the output directory, or Spark's local directories: spark.local.dir): free"
                + " space and rerun";
    TraceMineException translated = new TraceMineException(what);
    translated.initCause(failure); // for --debug, kept out of the one-line message
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
