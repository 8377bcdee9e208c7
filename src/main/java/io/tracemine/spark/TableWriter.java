package io.tracemine.spark;

import io.tracemine.TraceMineException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a table as Parquet under {@code <root>/<name>} so that readers see either the old table or
 * the complete new one, never a half-written directory: the data goes to a hidden staging directory
 * beside the target and is renamed into place only after Spark's job commit succeeded. A small
 * tables also gets a single-file CSV copy at {@code <root>/<name>.csv} for notebooks.
 */
public final class TableWriter {
  private final SparkSession spark;
  private final String root;

  public TableWriter(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root;
  }

  public String pathOf(String name) {
    return new Path(root, name).toString();
  }

  /** Removes a table and its CSV copy, if present. */
  public void delete(String name) {
    for (Path path : new Path[] {new Path(root, name), new Path(root, name + ".csv")}) {
      try {
        path.getFileSystem(hadoopConf()).delete(path, true);
      } catch (IOException e) {
        throw new TraceMineException("Cannot delete '" + path + "'", e);
      }
    }
  }

  /** Whether the table (a directory under the root) exists. */
  public boolean exists(String name) {
    Path path = new Path(root, name);
    try {
      return path.getFileSystem(hadoopConf()).exists(path);
    } catch (IOException e) {
      throw new TraceMineException("Cannot check table '" + path + "'", e);
    }
  }

  static final String STATISTICS_TRUNCATE_LENGTH_KEY = "parquet.statistics.truncate.length";

  static final int STATISTICS_TRUNCATE_LENGTH = 64;

  /**
   * Parquet settings of every table written. No dictionary for columns whose values are all
   * distinct (pattern ids), packed binaries (pattern_traces' {@code traces}) or nearly distinct
   * longs (patterns' example question ids: 2.7 M lists of up to 5 of 0.5 M questions at 1 M
   * traces): Parquet would hash every value into a dictionary only to fall back to plain encoding
   * (docs/PERFORMANCE.md). Binary statistics truncated to {@value #STATISTICS_TRUNCATE_LENGTH}
   * bytes: Parquet drops a column chunk's statistics whole, its null count with them, when its
   * untruncated min and max exceed 4 KiB (a long pattern's {@code traces}, a long body), and later
   * stages read the null counts ({@code OutputTables.requireNoNulls}).
   */
  static final Map<String, String> PARQUET_OPTIONS =
      Map.of(
          STATISTICS_TRUNCATE_LENGTH_KEY,
          String.valueOf(STATISTICS_TRUNCATE_LENGTH),
          "parquet.enable.dictionary#pattern_id",
          "false",
          "parquet.enable.dictionary#traces",
          "false",
          "parquet.enable.dictionary#example_question_ids.list.element",
          "false");

  /**
   * Parquet settings of the month-partitioned tables ({@code posts}, {@code questions}, {@code
   * traces}): no dictionary for their (nearly) distinct columns: post Ids, accepted-answer Ids,
   * titles, bodies, creation times, trace ids. Each month's file started a dictionary of bodies
   * only to fall back to plain encoding: a seventh of ingest's executor CPU (docs/PERFORMANCE.md,
   * "Ingest and extract, session 13"). Nor for the traces' raw paths, messages and templates and
   * the questions' answer delays, which fill a dictionary page and fall back the same way, row
   * group after row group ("Extract, session 27"). The frames' {@code file} and {@code function}
   * keep theirs: mine looks their values up by dictionary id ({@code ColumnarInput}).
   */
  static final Map<String, String> PARTITIONED_PARQUET_OPTIONS =
      Map.ofEntries(
          Map.entry(STATISTICS_TRUNCATE_LENGTH_KEY, String.valueOf(STATISTICS_TRUNCATE_LENGTH)),
          noDictionary("Id"),
          noDictionary("AcceptedAnswerId"),
          noDictionary("CreationDate"),
          noDictionary("creation_date"),
          noDictionary("Title"),
          noDictionary("Body"),
          noDictionary("trace_id"),
          noDictionary("frames.list.element.raw_path"),
          noDictionary("message"),
          noDictionary("template"),
          noDictionary("hours_to_first_answer"),
          noDictionary("hours_to_accepted_answer"));

  /** The setting that writes the column at {@code path} (dotted) without a dictionary. */
  private static Map.Entry<String, String> noDictionary(String path) {
    return Map.entry("parquet.enable.dictionary#" + path, "false");
  }

  /** Writes {@code table} as Parquet, replacing any previous version atomically. */
  public void writeParquet(String name, Dataset<Row> table) {
    replace(stageParquet(name, table), new Path(root, name));
  }

  /**
   * Writes a small table as one Parquet file and a one-file CSV copy with a header beside it, both
   * in the table's row order. Text cells of the CSV copy are neutralised ({@link CsvCells}).
   */
  public void writeParquetAndCsv(String name, Dataset<Row> table) {
    Dataset<Row> written = table.coalesce(1);
    writeParquet(name, written);
    replace(stageCsv(name, written), new Path(root, name + ".csv"));
  }

  /** Writes {@code table} as Parquet into a hidden staging directory beside its target. */
  Path stageParquet(String name, Dataset<Row> table) {
    Path staging = stagingPath(new Path(root, name), "");
    try {
      table
          .write()
          .mode(SaveMode.ErrorIfExists)
          .options(PARQUET_OPTIONS)
          .parquet(staging.toString());
    } catch (RuntimeException e) {
      deleteQuietly(staging);
      throw e;
    } catch (FSError e) {
      deleteQuietly(staging);
      throw driverWriteFailed(staging, e);
    }
    return staging;
  }

  /**
   * Writes {@code table} into a hidden staging directory as Parquet partitioned by {@link
   * MonthPartitions#COLUMN}, one directory per month. Rows keep their order within a month when
   * {@code table} is partitioned by month and sorted within partitions.
   */
  Path stagePartitioned(String name, Dataset<Row> table) {
    Path staging = stagingPath(new Path(root, name), "");
    try {
      table
          .write()
          .mode(SaveMode.ErrorIfExists)
          .partitionBy(MonthPartitions.COLUMN)
          .options(PARTITIONED_PARQUET_OPTIONS)
          .parquet(staging.toString());
    } catch (RuntimeException e) {
      deleteQuietly(staging);
      throw e;
    } catch (FSError e) {
      deleteQuietly(staging);
      throw driverWriteFailed(staging, e);
    }
    return staging;
  }

  /**
   * Writes the rows of a local table ({@link Dataset#isLocal()}, e.g. made from driver rows) as
   * Parquet into a hidden staging directory, from the driver, without a Spark job ({@link
   * DriverFiles}).
   */
  Path stageLocalParquet(String name, Dataset<Row> table, List<Row> rows) {
    Path staging = stagingPath(new Path(root, name), "");
    try {
      DriverFiles.writeParquet(spark, table.schema(), rows, staging, hadoopConf(), PARQUET_OPTIONS);
    } catch (RuntimeException e) {
      deleteQuietly(staging);
      throw e;
    }
    return staging;
  }

  /**
   * The one-file CSV copy of a local table's {@code rows}, from the driver ({@link DriverFiles}).
   */
  Path stageLocalCsv(String name, Dataset<Row> table, List<Row> rows) {
    Path staged = stagingPath(new Path(root, name + ".csv"), "");
    try {
      DriverFiles.writeCsv(spark, table.schema(), rows, staged, hadoopConf());
    } catch (RuntimeException e) {
      deleteQuietly(staged);
      throw e;
    }
    return staged;
  }

  /** Writes the one-file CSV copy of {@code table} to a hidden staging file beside its target. */
  Path stageCsv(String name, Dataset<Row> table) {
    Path csvTarget = new Path(root, name + ".csv");
    Path csvDir = stagingPath(csvTarget, "-dir");
    try {
      CsvCells.neutralised(table)
          .coalesce(1)
          .write()
          .option("header", "true")
          .option("escape", "\"")
          // Spark's CSV writer trims cells by default: the copy would not hold the table's text
          .option("ignoreLeadingWhiteSpace", "false")
          .option("ignoreTrailingWhiteSpace", "false")
          .csv(csvDir.toString());
    } catch (FSError e) {
      deleteQuietly(csvDir);
      throw driverWriteFailed(csvDir, e);
    }
    try {
      FileSystem fs = csvDir.getFileSystem(hadoopConf());
      Path part = null;
      for (var status : fs.listStatus(csvDir)) {
        if (status.getPath().getName().startsWith("part-")) {
          part = status.getPath();
        }
      }
      if (part == null) {
        throw new TraceMineException(
            "Cannot write CSV copy of '" + name + "': Spark wrote no part file");
      }
      Path staged = stagingPath(csvTarget, "");
      if (!Renames.rename(fs, part, staged)) {
        throw new TraceMineException(
            "Cannot write CSV copy of '" + name + "': rename of " + part + " failed");
      }
      fs.delete(csvDir, true);
      return staged;
    } catch (IOException e) {
      throw new TraceMineException("Cannot write CSV copy of '" + name + "'", e);
    }
  }

  /**
   * A write whose job commit failed on the driver, where Hadoop's local file system raises a full
   * disk (closing the {@code _SUCCESS} marker) as an {@link FSError}, an {@link Error} that no
   * handler of the command line catches: worded as a task's failed write, naming {@code staging},
   * so that it reads as one line naming the table ({@code DamagedTables}).
   */
  private static RuntimeException driverWriteFailed(Path staging, FSError e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    return new RuntimeException(
        "The job commit failed while writing rows to " + staging + " (" + cause.getMessage() + ")",
        e);
  }

  /** A table or its CSV copy as a Hadoop path. */
  Path path(String relative) {
    return new Path(root, relative);
  }

  String root() {
    return root;
  }

  /** A hidden sibling of {@code target} (Spark and Hadoop readers skip names starting with '.'). */
  static Path stagingPath(Path target, String suffix) {
    return new Path(
        target.getParent(), "._staging-" + target.getName() + suffix + "-" + UUID.randomUUID());
  }

  /**
   * Renames {@code staged} to {@code target}, replacing what was there (null: removes it).
   *
   * @throws RenameFailedException naming the target's directory and why it refused, when known
   */
  void replace(Path staged, Path target) {
    FileSystem fs;
    try {
      fs = target.getFileSystem(hadoopConf());
    } catch (IOException e) {
      throw new TraceMineException("Cannot replace '" + target + "'", e);
    }
    replace(fs, staged, target);
  }

  /**
   * Renames {@code staged} to {@code target}, replacing what was there (null: removes it): the old
   * one renamed aside, the staged one renamed in, the old one removed. When the second rename is
   * refused (false or thrown), the old one is put back where the file system lets it; the exception
   * says where it is kept when it could not be.
   *
   * @throws RenameFailedException naming the target's directory and why it refused, when known
   */
  public static void replace(FileSystem fs, Path staged, Path target) {
    Path old = null;
    try {
      if (fs.exists(target)) {
        old = new Path(target.getParent(), OLD_PREFIX + target.getName() + "-" + UUID.randomUUID());
        if (!Renames.rename(fs, target, old)) {
          throw renameFailed(fs, target, "rename to " + old + " failed", null, null);
        }
      }
    } catch (IOException e) {
      throw renameFailed(fs, target, null, e, null);
    }
    try {
      if (staged != null && !Renames.rename(fs, staged, target)) {
        throw renameFailed(
            fs, target, "rename of " + staged + " failed", null, putBack(fs, old, target));
      }
    } catch (IOException e) {
      throw renameFailed(fs, target, null, e, putBack(fs, old, target));
    }
    if (old != null) {
      discard(fs, old);
    }
  }

  /** The name a replaced table or partition takes before it is deleted ({@link #discard}). */
  static final String TRASH_PREFIX = "._trash-";

  static final String OLD_PREFIX = "._old-";

  /**
   * Deletes {@code old} (a replaced table, {@code ._old-<name>-<uuid>}), first renamed to {@code
   * ._trash-<name>-<uuid>}: a run killed while deleting it leaves a trash folder, which the next
   * run's leftover sweep deletes, never an {@code ._old-} folder missing some of its files, which
   * the sweep would put back in place of the table ({@link StageCommit#removeLeftovers}).
   */
  private static void discard(FileSystem fs, Path old) {
    try {
      Path trash =
          new Path(old.getParent(), TRASH_PREFIX + old.getName().substring(OLD_PREFIX.length()));
      fs.delete(Renames.rename(fs, old, trash) ? trash : old, true);
    } catch (IOException leftForTheRerun) {
      // a replaced table under ._old-* or ._trash-* is removed by the next run's leftover sweep
    }
  }

  /** Puts {@code old} back as {@code target}: null when it stands there, else where it is kept. */
  private static Path putBack(FileSystem fs, Path old, Path target) {
    if (old == null) {
      return null;
    }
    try {
      if (!fs.exists(target) && Renames.rename(fs, old, target)) {
        return null;
      }
    } catch (IOException | RuntimeException notPutBack) {
      // reported below as kept aside
    }
    return old;
  }

  /** A failed rename into {@code target}'s directory, with why that directory refused, if known. */
  private static RenameFailedException renameFailed(
      FileSystem fs, Path target, String what, IOException cause, Path keptAside) {
    String directory = target.getParent().toString();
    String reason = cause == null ? null : WriteRefusals.reason(cause);
    if (reason == null) {
      reason = WriteRefusals.ofDirectory(fs, target.getParent());
    }
    String why =
        what != null || cause == null
            ? what
            : TraceMineException.firstLine(cause.getMessage(), null);
    String message = "Cannot replace '" + target + "'" + (why == null ? "" : ": " + why);
    String kept = keptAside == null ? null : keptAside.toString();
    return cause == null
        ? new RenameFailedException(message, directory, reason, kept)
        : new RenameFailedException(message, directory, reason, kept, cause);
  }

  void deleteQuietly(Path path) {
    try {
      path.getFileSystem(hadoopConf()).delete(path, true);
    } catch (IOException ignored) {
      // the staging directory is hidden; a leftover never shadows the table
    }
  }

  Configuration hadoopConf() {
    return spark.sparkContext().hadoopConfiguration();
  }
}
