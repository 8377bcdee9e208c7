package io.tracemine.spark;

import io.tracemine.MalformedInputException;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The run's output directory as a set of named tables: reads a stage's inputs (checking that every
 * column a stage needs is there, before any work starts) and writes its outputs atomically.
 */
public final class OutputTables {
  public static final StructType COUNTS =
      Schemas.struct(
          Schemas.required("metric", org.apache.spark.sql.types.DataTypes.StringType),
          Schemas.required("value", org.apache.spark.sql.types.DataTypes.LongType));

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
   * {@link #read}, then checks that the table still has the rows that {@code producedBy}'s manifest
   * says it committed (counted from the files' footers, no Spark job): a file copied beside the
   * others, a month removed, a table replaced by another program would otherwise be read as if the
   * stage had written it. A table the manifest does not name, or one with a file whose footer
   * cannot be read (Spark's read then names it), is not checked.
   *
   * @throws MalformedInputException (exit 3) naming the table, both row counts and the stage to
   *     rerun
   */
  public Dataset<Row> readCommitted(String table, StructType required, String producedBy) {
    requireCommittedRows(table, producedBy);
    return read(table, required, producedBy);
  }

  /**
   * The rows {@code producedBy}'s manifest records for {@code table}, or null when it names none.
   */
  private Long committedRows(String table, String producedBy) {
    return StageCommit.read(spark, root(), producedBy)
        .map(m -> m.tables() == null ? null : m.tables().get(table))
        .orElse(null);
  }

  /** The row check of {@link #readCommitted}, for a table read otherwise (by months). */
  public void requireCommittedRows(String table, String producedBy) {
    Long committed = committedRows(table, producedBy);
    if (committed == null || committed < 0) {
      return;
    }
    var rows = TableRows.of(writer.hadoopConf(), pathOf(table));
    if (rows.isPresent() && rows.getAsLong() != committed) {
      throw new MalformedInputException(
          "Cannot use table '"
              + table
              + "': it has "
              + rows.getAsLong()
              + " rows but the '"
              + producedBy
              + "' stage committed "
              + committed
              + " (changed since: a file copied, removed or replaced); rerun '"
              + producedBy
              + "'");
    }
  }

  /**
   * Spark's read of {@code path}, with its failure on a folder of mixed layouts (a partitioned
   * table holding a folder that is not {@code key=value}: an {@link AssertionError} that would end
   * the JVM with a stack trace) turned into an error naming the table and the folders.
   */
  private Dataset<Row> parquet(String table, String path, String producedBy, StructType required) {
    try {
      return spark.read().parquet(path);
    } catch (Exception e) {
      // Spark's AnalysisException (checked in Java's eyes, hence the precise rethrow)
      if (e instanceof org.apache.spark.sql.AnalysisException a
          && "UNABLE_TO_INFER_SCHEMA".equals(a.getErrorClass())) {
        if (Long.valueOf(0).equals(committedRows(table, producedBy))) {
          // committed without rows (a dated run's window without questions): a partitioned write
          // of no rows leaves no file to take the schema from
          return spark.createDataFrame(java.util.List.of(), required);
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
              .collect(java.util.stream.Collectors.joining(", "));
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
      String table, StructType required, String producedBy, java.util.Set<String> months) {
    Dataset<Row> all = read(table, required, producedBy);
    if (Long.valueOf(0).equals(committedRows(table, producedBy))) {
      return all.withColumn(
          MonthPartitions.COLUMN,
          org.apache
              .spark
              .sql
              .functions
              .lit(null)
              .cast(org.apache.spark.sql.types.DataTypes.StringType));
    }
    String path = writer.pathOf(table);
    // the month is a string: without a schema Spark could infer another type from its values
    var fields =
        Arrays.stream(spark.read().parquet(path).schema().fields())
            .map(
                f ->
                    f.name().equals(MonthPartitions.COLUMN)
                        ? org.apache.spark.sql.types.DataTypes.createStructField(
                            f.name(), org.apache.spark.sql.types.DataTypes.StringType, false)
                        : f)
            .toArray(org.apache.spark.sql.types.StructField[]::new);
    return spark
        .read()
        .schema(new StructType(fields))
        .parquet(path)
        .filter(org.apache.spark.sql.functions.col(MonthPartitions.COLUMN).isin(months.toArray()));
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
