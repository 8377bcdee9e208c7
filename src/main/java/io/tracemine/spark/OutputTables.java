package io.tracemine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.tracemine.MalformedInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The run's output directory as a set of named tables: reads a stage's inputs (checking that every
 * column a stage needs is there, before any work starts) and writes its outputs atomically.
 */
public final class OutputTables {
  public static final StructType COUNTS =
      Schemas.struct(
          Schemas.required("metric", DataTypes.StringType),
          Schemas.required("value", DataTypes.LongType));

  private final SparkSession spark;
  private final TableWriter writer;

  public OutputTables(SparkSession spark, String root) {
    this.spark = spark;
    this.writer = new TableWriter(spark, root);
  }

  public TableWriter writer() {
    return writer;
  }

  /** The output directory the tables are in. */
  public String root() {
    return writer.root();
  }

  public String pathOf(String table) {
    return writer.pathOf(table);
  }

  /**
   * Reads a table written by an earlier stage, failing with the stage to rerun when it is absent.
   */
  public Dataset<Row> read(String table, StructType required, String producedBy) {
    String path = writer.pathOf(table);
    if (!writer.exists(table)) {
      throw new MalformedInputException(
          "Cannot read table '"
              + table
              + "' at "
              + path
              + ": run the '"
              + producedBy
              + "' stage first");
    }
    Dataset<Row> ds = parquet(table, path, producedBy, required);
    requireColumns(ds, required, table);
    return ds.drop(MonthPartitions.COLUMN);
  }

  /**
   * {@link #read}, then checks that the table is still what {@code producedBy} committed, from the
   * files' footers (no Spark job): it has the rows the stage's manifest records (a file copied
   * beside the others, a month removed, a table replaced by another program would otherwise be read
   * as if the stage had written it), and no null in a column the table does not allow ({@link
   * #notNullColumns}), and its files are those the stage committed (their footers' digests in the
   * manifest). A table on disk that the manifest does not record (no row count or no files) is
   * refused as the manifest's damage; without a manifest only its nulls are checked; a file whose
   * footer cannot be read is named as damaged.
   *
   * @throws MalformedInputException (exit 3) naming the table, both row counts or the column and
   *     file, and the stage to rerun
   */
  public Dataset<Row> readCommitted(String table, StructType required, String producedBy) {
    requireCommittedRows(table, producedBy);
    return read(table, required, producedBy);
  }

  /**
   * The rows {@code producedBy}'s manifest records for {@code table}, or null when it names none.
   */
  private Long committedRows(String table, String producedBy) {
    return manifest(producedBy)
        .map(m -> m.tables() == null ? null : m.tables().get(table))
        .orElse(null);
  }

  /**
   * {@link #readCommitted} against a manifest of {@code producedBy} already read ({@link
   * #manifest}), for a reader of several tables of one stage.
   */
  public Dataset<Row> readCommitted(
      String table, StructType required, String producedBy, Optional<StageManifest> manifest) {
    requireCommitted(table, producedBy, manifest);
    return read(table, required, producedBy);
  }

  /** The manifest {@code stage} committed in this output, if any. */
  public Optional<StageManifest> manifest(String stage) {
    return StageCommit.read(spark, root(), stage);
  }

  /** The checks of {@link #readCommitted}, for a table read otherwise (by months). */
  public void requireCommittedRows(String table, String producedBy) {
    requireCommitted(table, producedBy, manifest(producedBy));
  }

  /**
   * {@link #requireCommittedRows} against a manifest of {@code producedBy} already read ({@link
   * #manifest}), for a reader of several tables of one stage.
   */
  public void requireCommittedRows(
      String table, String producedBy, Optional<StageManifest> manifest) {
    requireCommitted(table, producedBy, manifest);
  }

  private void requireCommitted(String table, String producedBy, Optional<StageManifest> manifest) {
    Long committed =
        manifest.map(m -> m.tables() == null ? null : m.tables().get(table)).orElse(null);
    Map<String, String> digests =
        manifest.map(m -> m.files() == null ? null : m.files().get(table)).orElse(null);
    List<String> notNull = notNullColumns(table);
    String unrecorded = unrecordedBy(manifest, committed, digests);
    if ((committed == null || committed < 0)
        && digests == null
        && notNull.isEmpty()
        && unrecorded == null) {
      return;
    }
    List<TableFooters.FileFacts> files;
    try {
      files = TableFooters.of(writer.hadoopConf(), pathOf(table), notNull).orElse(null);
    } catch (TableFooters.DamagedFileException e) {
      throw damaged(table, e);
    }
    if (files == null) {
      return; // no such directory: read() names the stage to run
    }
    if (unrecorded != null) {
      throw new MalformedInputException(
          "Cannot use table '"
              + table
              + "': the '"
              + producedBy
              + "' stage's manifest records "
              + unrecorded
              + " for it (the manifest was edited or damaged, or the table is not one that stage"
              + " committed); rerun '"
              + producedBy
              + "'");
    }
    long rows = files.stream().mapToLong(TableFooters.FileFacts::rows).sum();
    if (committed != null && committed >= 0 && rows != committed) {
      throw new MalformedInputException(
          "Cannot use table '"
              + table
              + "': it has "
              + rows
              + " rows but the '"
              + producedBy
              + "' stage committed "
              + committed
              + " (changed since: a file copied, removed or replaced); rerun '"
              + producedBy
              + "'");
    }
    for (String column : notNull) {
      requireNoNulls(table, producedBy, column, files);
    }
    if (digests != null) {
      requireCommittedFiles(table, producedBy, digests, files);
    }
  }

  /**
   * What a manifest that records its tables' files (every manifest since session 22) lacks for a
   * table on disk that its stage's reader asks for: {@code "no row count"} (the table left out of
   * {@code tables}, or -1, which only CSV copies have), {@code "no files"}; null when it lacks
   * nothing, or there is no such manifest (bare tables, older manifests: not checked).
   */
  static String unrecordedBy(
      Optional<StageManifest> manifest, Long committed, Map<String, String> digests) {
    if (manifest.isEmpty() || manifest.get().files() == null) {
      return null;
    }
    if (committed == null || committed < 0) {
      return committed == null ? "no row count" : "the row count " + committed;
    }
    return digests == null ? "no files" : null;
  }

  /**
   * Fails on the first file that is not one {@code producedBy} committed ({@code digests}, from its
   * manifest): a file added, one replaced by another (a copy of another file under its name, the
   * same rows in two months with the row count unchanged), or one gone.
   */
  static void requireCommittedFiles(
      String table,
      String producedBy,
      Map<String, String> digests,
      List<TableFooters.FileFacts> files) {
    String prefix = "Cannot use table '" + table + "': ";
    String rerun = "; rerun '" + producedBy + "'";
    Set<String> seen = new HashSet<>();
    for (var f : files) {
      seen.add(f.name());
      String committed = digests.get(f.name());
      if (committed == null) {
        throw new MalformedInputException(
            prefix
                + "its file '"
                + shown(f.path())
                + "' is not one the '"
                + producedBy
                + "' stage committed (copied or written there since)"
                + rerun);
      }
      if (!committed.equals(f.digest())) {
        throw new MalformedInputException(
            prefix
                + "its file '"
                + shown(f.path())
                + "' is not the one the '"
                + producedBy
                + "' stage committed under that name (replaced or rewritten since: its footer"
                + " differs)"
                + rerun);
      }
    }
    for (String name : digests.keySet()) {
      if (!seen.contains(name)) {
        throw new MalformedInputException(
            prefix
                + "its file '"
                + name
                + "', which the '"
                + producedBy
                + "' stage committed, is gone (removed or renamed since)"
                + rerun);
      }
    }
  }

  /**
   * The error for a file whose footer cannot be read, worded as the CLI words Spark's failure on
   * such a file ({@code cli.DamagedTables}). Raised here, not left to Spark's read: a stage may
   * read none of the file's rows (an incremental extract reads only changed months).
   */
  private static MalformedInputException damaged(
      String table, TableFooters.DamagedFileException e) {
    Throwable root = MalformedInputException.rootCause(e);
    String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("no message");
    MalformedInputException damaged =
        new MalformedInputException(
            "Cannot read table '"
                + table
                + "': its file '"
                + shown(e.file())
                + "' is damaged ("
                + root.getClass().getSimpleName()
                + ": "
                + message
                + "); "
                + TableStages.rerun(table, shown(e.file())));
    damaged.initCause(e);
    return damaged;
  }

  /** A file's path as messages show it: a local file without its {@code file:} scheme. */
  static String shown(String file) {
    return file.replaceFirst("^file:(//)?", "");
  }

  /**
   * Fails on the first file in which {@code column} is null (or, for an array column, null or
   * empty), lacks the column while another file has it, or records no null count.
   */
  static void requireNoNulls(
      String table, String producedBy, String column, List<TableFooters.FileFacts> files) {
    if (files.stream().allMatch(f -> f.nulls().get(column) == TableFooters.MISSING)) {
      return; // a column no file has: requireColumns names it (or an older layout without it)
    }
    String rerun = "; rerun '" + producedBy + "'";
    for (var f : files) {
      long nulls = f.nulls().get(column);
      String prefix = "Cannot use table '" + table + "': ";
      if (nulls == TableFooters.MISSING) {
        throw new MalformedInputException(
            prefix
                + "its file '"
                + shown(f.path())
                + "' has no column '"
                + column
                + "', which would be read as null in its "
                + f.rows()
                + " rows (not a file the '"
                + producedBy
                + "' stage wrote)"
                + rerun);
      }
      if (nulls == TableFooters.UNKNOWN) {
        throw new MalformedInputException(
            prefix
                + "its file '"
                + shown(f.path())
                + "' records no null count for column '"
                + column
                + "' (written with statistics off, or by a TraceMine before 2026-12-02 with values"
                + " over 4 KiB, whose statistics parquet-mr left out; the stages record them now),"
                + " so its nulls cannot be checked"
                + rerun);
      }
      if (nulls > 0) {
        throw new MalformedInputException(
            prefix
                + "column '"
                + column
                + "' is "
                + (NEVER_EMPTY_ARRAYS.contains(column) ? "null or empty" : "null")
                + " in "
                + nulls
                + " of the "
                + f.rows()
                + " rows of its file '"
                + shown(f.path())
                + "', which the table does not allow"
                + rerun);
      }
    }
  }

  /** Array columns that are never empty in their tables, so a null count in them is an error. */
  private static final Set<String> NEVER_EMPTY_ARRAYS = Set.of("Libraries", "items");

  /**
   * The columns of a stage's output table that hold no null (docs/TABLES.md, "null" = no): the
   * schema's non-nullable columns, with {@code posts}' {@code Id} and {@code PostTypeId} (never
   * null there: ingest rejects such rows). Array columns only when they are never empty ({@code
   * posts.Libraries}, {@code patterns.items}): a footer's null count of an array also counts its
   * empty arrays, so {@code traces.frames} (empty for a header without frames) cannot be checked
   * this way. Empty for a table that is not a later stage's input.
   */
  static List<String> notNullColumns(String table) {
    String base = table.endsWith("_minsup1") ? table.substring(0, table.length() - 8) : table;
    StructType schema =
        switch (base) {
          case "posts" -> Schemas.POSTS;
          case "questions" -> Schemas.QUESTIONS;
          case "traces" -> Schemas.TRACES;
          case "patterns" -> Schemas.PATTERNS_STORED;
          case "pattern_items" -> Schemas.PATTERN_ITEMS;
          case "pattern_traces" -> Schemas.PATTERN_TRACES;
          case "duplicate_links" -> Schemas.DUPLICATE_LINKS;
          default -> null;
        };
    if (schema == null) {
      return List.of();
    }
    List<String> columns = new ArrayList<>();
    for (var field : schema.fields()) {
      boolean notNull =
          !field.nullable()
              || (schema == Schemas.POSTS && Set.of("Id", "PostTypeId").contains(field.name()));
      boolean checkable =
          !(field.dataType() instanceof StructType)
              && (!(field.dataType() instanceof ArrayType)
                  || NEVER_EMPTY_ARRAYS.contains(field.name()));
      if (notNull && checkable) {
        columns.add(field.name());
      }
    }
    return columns;
  }

  /**
   * A reader that checks each page of the tables it reads against the CRC Spark's Parquet writer
   * stored in its header: a byte changed in a data page (the footer kept, so the row counts and
   * footer digests still agree) fails the read naming the file, where it was read as another value.
   * The session's own setting ({@link SparkSessions#VERIFY_PAGE_CHECKSUMS}) wins when it has one.
   */
  private org.apache.spark.sql.DataFrameReader verified() {
    String key = SparkSessions.VERIFY_PAGE_CHECKSUMS;
    return spark.read().option(key, spark.sparkContext().hadoopConfiguration().get(key, "true"));
  }

  /**
   * Spark's read of {@code path}, with its failure on a folder of mixed layouts (a partitioned
   * table holding a folder that is not {@code key=value}: an {@link AssertionError} that would end
   * the JVM with a stack trace) turned into an error naming the table and the folders.
   */
  private Dataset<Row> parquet(String table, String path, String producedBy, StructType required) {
    try {
      return verified().parquet(path);
    } catch (Exception e) {
      // Spark's AnalysisException (checked in Java's eyes, hence the precise rethrow)
      if (e instanceof org.apache.spark.sql.AnalysisException a
          && "UNABLE_TO_INFER_SCHEMA".equals(a.getErrorClass())) {
        if (Long.valueOf(0).equals(committedRows(table, producedBy))) {
          // committed without rows (a dated run's window without questions): a partitioned write
          // of no rows leaves no file to take the schema from
          return spark.createDataFrame(List.of(), required);
        }
        MalformedInputException refused =
            new MalformedInputException(
                "Cannot read table '"
                    + table
                    + "' at "
                    + path
                    + ": it holds no Parquet file (no rows, no schema); rerun the '"
                    + producedBy
                    + "' stage");
        refused.initCause(e);
        throw refused;
      }
      throw e;
    } catch (AssertionError e) {
      String message = String.valueOf(e.getMessage());
      if (!message.contains("Conflicting directory structures")) {
        throw e;
      }
      String folders =
          message
              .lines()
              .map(String::strip)
              .filter(l -> l.startsWith("file:") || l.contains("://"))
              .collect(Collectors.joining(", "));
      MalformedInputException refused =
          new MalformedInputException(
              "Cannot read table '"
                  + table
                  + "' at "
                  + path
                  + ": its folders do not have one layout ("
                  + folders
                  + "); remove what does not belong to the table or rerun the '"
                  + producedBy
                  + "' stage");
      refused.initCause(e); // for --debug, kept out of the one-line message
      throw refused;
    }
  }

  /**
   * Reads the partitions {@code months} of a month-partitioned table ({@link MonthPartitions}),
   * with its {@link MonthPartitions#COLUMN} column; Spark reads no other partition.
   */
  public Dataset<Row> readMonths(
      String table, StructType required, String producedBy, Set<String> months) {
    Dataset<Row> all = read(table, required, producedBy);
    if (Long.valueOf(0).equals(committedRows(table, producedBy))) {
      return all.withColumn(MonthPartitions.COLUMN, lit(null).cast(DataTypes.StringType));
    }
    String path = writer.pathOf(table);
    // the month is a string: without a schema Spark could infer another type from its values
    var fields =
        Arrays.stream(spark.read().parquet(path).schema().fields())
            .map(
                f ->
                    f.name().equals(MonthPartitions.COLUMN)
                        ? DataTypes.createStructField(f.name(), DataTypes.StringType, false)
                        : f)
            .toArray(StructField[]::new);
    return verified()
        .schema(new StructType(fields))
        .parquet(path)
        .filter(col(MonthPartitions.COLUMN).isin(months.toArray()));
  }

  /**
   * Fails naming the first column of {@code required} that {@code ds} lacks or types differently.
   */
  public static void requireColumns(Dataset<Row> ds, StructType required, String table) {
    StructType actual = ds.schema();
    for (var field : required.fields()) {
      var found =
          Arrays.stream(actual.fields()).filter(f -> f.name().equals(field.name())).findFirst();
      if (found.isEmpty()) {
        throw new MalformedInputException(
            "Cannot use table '" + table + "': missing column '" + field.name() + "'");
      }
      if (!found.get().dataType().sameType(field.dataType())) {
        throw new MalformedInputException(
            "Cannot use table '"
                + table
                + "': column '"
                + field.name()
                + "' has type "
                + found.get().dataType().simpleString()
                + " but must be "
                + field.dataType().simpleString());
      }
    }
  }

  /**
   * Replaces this stage's quarantined rows in the {@code rejects} table (partition {@code stage=}).
   */
  public void writeRejects(String stage, Dataset<Row> rejects) {
    writer.writeParquet("rejects/stage=" + stage, rejects.drop("stage"));
  }

  /**
   * Replaces this stage's row accounting in the {@code counts} table (partition {@code stage=}).
   */
  public void writeCounts(String stage, Map<String, Long> counts) {
    var rows =
        counts.entrySet().stream().map(e -> RowFactory.create(e.getKey(), e.getValue())).toList();
    writer.writeParquet("counts/stage=" + stage, spark.createDataFrame(rows, COUNTS).coalesce(1));
  }
}
