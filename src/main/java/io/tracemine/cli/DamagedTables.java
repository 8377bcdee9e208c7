package io.tracemine.cli;

import io.tracemine.InvalidConfigException;
import io.tracemine.MalformedInputException;
import io.tracemine.TraceMineException;
import io.tracemine.ingest.ReadFailures;
import io.tracemine.spark.FullDisks;
import io.tracemine.spark.TableStages;
import io.tracemine.spark.WriteRefusals;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    if (failure.getClass() == TraceMineException.class) {
      // a driver-side write of TraceMine's own (DriverFiles: "Cannot write '…/._staging-…'")
      Throwable refused = unwritableOutput(failure);
      if (refused != null) {
        return refused;
      }
    }
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
    Throwable refused = unwritableOutput(failure);
    if (refused != null) {
      return refused;
    }
    Throwable unencodable = unencodablePath(failure);
    if (unencodable != null) {
      return unencodable;
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
                + TraceMineException.firstLine(root.getMessage(), "no message")
                + "); "
                + TableStages.rerun(table, shown));
    // the cause for --debug, kept out of the one-line message
    translated.initCause(failure);
    return translated;
  }

  /**
   * A path the file-name encoding cannot hold (a non-ASCII {@code --input} under the C locale):
   * Java's {@code Malformed input or input contains unmappable characters: /x/donn??es}. Exit 2
   * naming the encoding and the locale that fixes it (before: exit 1 with that line); null for
   * other failures.
   */
  static Throwable unencodablePath(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof java.nio.file.InvalidPathException invalid
          && invalid.getReason().startsWith("Malformed input or input contains unmappable")) {
        InvalidConfigException translated =
            new InvalidConfigException(
                "Cannot use the path '"
                    + invalid.getInput()
                    + "': it cannot be written in this JVM's file-name encoding"
                    + " (sun.jnu.encoding="
                    + System.getProperty("sun.jnu.encoding")
                    + ", from the locale); run under a UTF-8 locale (LANG=C.UTF-8; submit.sh"
                    + " chooses one when the locale's encoding is not UTF-8)");
        translated.initCause(failure);
        return translated;
      }
    }
    return null;
  }

  private static final Pattern WRITING =
      Pattern.compile("writing rows to (?:file:)?(\\S+?)\\.?(?:\\s|$)");

  private static final Pattern STAGING =
      Pattern.compile("(.*)/\\._staging-(.+)-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}");

  /**
   * A write that failed because the disk is full or over quota (a Spark task's {@code IOException:
   * No space left on device}, which reaches the user as Spark's "Job aborted … TASK_WRITE_FAILED"
   * line): one line naming the table being staged and what to do; exit 1 (a retry after space is
   * freed can succeed). Null for other failures.
   */
  static Throwable fullDisk(Throwable failure) {
    String cause = FullDisks.of(failure).orElse(null);
    String written = null;
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      Matcher m = WRITING.matcher(message);
      if (written == null && m.find()) {
        written = m.group(1);
      }
    }
    if (cause == null) {
      return null;
    }
    Matcher staged = STAGING.matcher(written == null ? "" : written);
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
                + " removed): "
                + FullDisks.remedy(cause)
            : "Cannot write"
                + (written == null ? "" : " '" + written + "'")
                + ": "
                + cause
                + " (the output directory, or Spark's local directories: spark.local.dir): "
                + FullDisks.remedy(cause);
    TraceMineException translated = new TraceMineException(what);
    translated.initCause(failure); // for --debug, kept out of the one-line message
    return translated;
  }

  /**
   * A staging directory of a stage's table, and the table: {@code /out/._staging-<table>-<uuid>}.
   */
  private static final Pattern STAGED_PATH =
      Pattern.compile(
          "((?:[a-z][a-z0-9+.-]*:)?(/[^\\s'\"]*)?/\\._staging-([^/\\s'\"]+?)-[0-9a-f]{8}"
              + "(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})");

  /** Hadoop's "Mkdirs failed to create PATH" (a task's create, a committer's job setup). */
  private static final Pattern MKDIRS = Pattern.compile("Mkdirs failed to create (?:file:)?(\\S+)");

  /**
   * A write into the output refused while a stage staged its tables: the output directory (or a
   * staging directory in it) lost its write permission, or its file system turned read-only. Spark
   * reports it as its job failure around Hadoop's {@code IOException: Mkdirs failed to create
   * file:/out/._staging-…/_temporary/…} (a local directory refuses silently: Hadoop's {@code
   * mkdirs} returns false), an {@code AccessDeniedException}, or a {@code FileNotFoundException: …
   * (Permission denied)}; somewhere in its causes or suppressed exceptions. One line naming the
   * directory that could not be written (on a local disk the nearest one that exists, whose
   * permission or file system is then looked at when the failure does not say why), the table being
   * staged and the stage to rerun; exit 2, as an output found unwritable before any work ({@code
   * OutputLock}). Null unless the failure names a staging path and such a cause.
   */
  static Throwable unwritableOutput(Throwable failure) {
    String cause = null;
    String mkdirs = null;
    String refusedFile = null;
    Matcher staged = null;
    for (Throwable t : WriteRefusals.causesAndSuppressed(failure)) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      String refusal = WriteRefusals.reasonOf(t);
      if (cause == null && refusal != null) {
        cause = refusal;
        if (t instanceof FileSystemException fse && fse.getFile() != null) {
          refusedFile = fse.getFile();
        }
      }
      Matcher m = MKDIRS.matcher(message);
      if (mkdirs == null && m.find()) {
        mkdirs = m.group(1);
      }
      Matcher s = STAGED_PATH.matcher(message);
      if (staged == null && s.find()) {
        staged = s;
      }
    }
    if ((cause == null && mkdirs == null) || staged == null) {
      return null;
    }
    String stagingDir = staged.group(1).replaceFirst("^file:(//)?", "");
    String table = staged.group(3);
    String refusedPath = refusedFile != null ? refusedFile : mkdirs != null ? mkdirs : stagingDir;
    refusedPath = refusedPath.replaceFirst("^file:(//)?", "");
    String within = stagingDir.substring(0, Math.max(0, stagingDir.lastIndexOf('/')));
    Path local =
        nearestExistingLocal(refusedPath.startsWith(stagingDir) ? refusedPath : stagingDir, within);
    if (cause == null) {
      cause = local == null ? null : WriteRefusals.ofLocalDirectory(local);
    }
    String dir = local != null ? local.toString() : within.isEmpty() ? stagingDir : within;
    String stage = null;
    if (table.startsWith("stage=")) { // rejects/._staging-stage=ingest-…, counts/…
      stage = table.substring("stage=".length());
      String parent = stagingDir.substring(0, Math.max(0, stagingDir.lastIndexOf('/')));
      table = parent.substring(parent.lastIndexOf('/') + 1);
    } else {
      table = table.replaceFirst("(\\.csv)?(-dir)?$", "");
      stage = TableStages.writerOf(table);
    }
    InvalidConfigException translated =
        new InvalidConfigException(
            "Cannot write output: '"
                + dir
                + "' could not be written ("
                + (cause == null ? "Mkdirs failed" : cause)
                + ") while "
                + (stage == null ? "the stage" : "'" + stage + "'")
                + " staged table '"
                + table
                + "': "
                + (WriteRefusals.READ_ONLY.equals(cause)
                    ? "its file system turned read-only"
                    : "it refused a write")
                + " while the stage ran; nothing was committed, the output is as before; make it"
                + " writable and rerun "
                + (stage == null ? "the stage" : "'" + stage + "'")
                + " (the rerun removes what this run left)");
    translated.initCause(failure); // for --debug, kept out of the one-line message
    return translated;
  }

  /**
   * The nearest directory of {@code path}, up to {@code within}, that exists on this machine's
   * disk, or null.
   */
  private static Path nearestExistingLocal(String path, String within) {
    if (!path.startsWith("/") || !within.startsWith("/")) {
      return null; // another file system's (hdfs://, s3a://): not looked at
    }
    try {
      Path top = Path.of(within);
      for (Path p = Path.of(path); p != null && p.startsWith(top); p = p.getParent()) {
        if (Files.isDirectory(p)) {
          return p;
        }
      }
    } catch (RuntimeException unusable) {
      // not a path of this machine
    }
    return null;
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
}
