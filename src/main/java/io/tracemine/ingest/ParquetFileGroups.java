package io.tracemine.ingest;

import io.tracemine.MalformedInputException;
import io.tracemine.TraceMineException;
import io.tracemine.spark.ParquetFooters;
import io.tracemine.spark.SparkSessions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Parquet input files grouped by the types of their columns, read from every file's footer. Spark
 * reads a directory with the schema of one file, so a directory mixing writers (Spark's files and
 * pandas' beside them, {@code Id} as int32 in some and int64 in others) failed in a task, or read
 * one file's values as another's type: pandas (pyarrow 13 and later) stores {@code datetime64[ns]}
 * as {@code TIMESTAMP(NANOS)}, which Spark 3.5 reads only as a long of nanoseconds ({@code
 * spark.sql.legacy.parquet.nanosAsLong}), and microseconds read in that column came out a thousand
 * times too small. Each group is read on its own and conformed by {@link RawPosts#conform} with its
 * own {@link FileGroup#nanosColumns}.
 */
public final class ParquetFileGroups {
  /**
   * Files whose top-level columns have the same names and types, and the same columns without a
   * value, in input order; {@code nullColumns}, whose every value is null, are read as nulls of the
   * type the table wants (pandas and pyarrow write an all-None column, such as {@code Title} in a
   * file of answers only, in Parquet's null type, which Spark reads as int); {@code
   * unreadableColumns}, of a type Spark cannot read ({@link #unreadableColumns}), by name with
   * their Parquet type, are left out of the read: {@code readableSchema} is then the schema Spark
   * reads the other columns with (null when every column is readable).
   */
  public record FileGroup(
      List<String> files,
      Set<String> nanosColumns,
      Set<String> nullColumns,
      Map<String, String> unreadableColumns,
      StructType readableSchema) {}

  private ParquetFileGroups() {}

  /** {@code files} of posts grouped by their columns' types (see below). */
  public static List<FileGroup> of(List<String> files, Configuration conf) {
    return of(files, conf, "posts");
  }

  /**
   * {@code files} of table {@code what} ({@code posts}, {@code PostLinks}, as messages name it)
   * grouped by their columns' types, groups in the order of their first file.
   */
  public static List<FileGroup> of(List<String> files, Configuration conf, String what) {
    List<FileShape> shapes = shapes(files, conf);
    Map<String, List<String>> bySignature = new LinkedHashMap<>();
    Map<String, Set<String>> nanos = new LinkedHashMap<>();
    Map<String, Set<String>> nulls = new LinkedHashMap<>();
    Map<String, MessageType> schemas = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      MessageType schema = shapes.get(i).schema();
      Set<String> allNull = shapes.get(i).nullColumns();
      requireDistinctNames(what, files.get(i), schema);
      String signature = signature(schema) + "; all null: " + allNull;
      bySignature.computeIfAbsent(signature, k -> new ArrayList<>()).add(files.get(i));
      nanos.computeIfAbsent(signature, k -> nanosColumns(schema));
      nulls.computeIfAbsent(signature, k -> allNull);
      schemas.putIfAbsent(signature, schema);
    }
    List<FileGroup> groups = new ArrayList<>();
    bySignature.forEach(
        (signature, group) -> {
          MessageType schema = schemas.get(signature);
          Map<String, String> unreadable = unreadableColumns(schema);
          groups.add(
              new FileGroup(
                  group,
                  nanos.get(signature),
                  nulls.get(signature),
                  unreadable,
                  unreadable.isEmpty() ? null : readableSchema(schema, unreadable.keySet())));
        });
    return groups;
  }

  /**
   * Top-level columns of {@code schema} of a type Spark cannot read, by name, with their Parquet
   * type: pyarrow writes a column of {@code datetime.time} values as {@code TIME(MICROS)}, which
   * Spark 3.5 has no type for. Before (hostile sweep 8), such a column failed the whole read in a
   * task (exit 1, no file or column named), even one TraceMine does not use.
   */
  static Map<String, String> unreadableColumns(MessageType schema) {
    Map<String, String> unreadable = new TreeMap<>();
    for (Type field : schema.getFields()) {
      try {
        sparksConverter().convert(new MessageType(schema.getName(), field));
      } catch (Exception notReadable) {
        unreadable.put(field.getName(), field.toString().strip());
      }
    }
    return unreadable;
  }

  /** The schema Spark infers for {@code schema} without the columns {@code leftOut}. */
  private static StructType readableSchema(MessageType schema, Set<String> leftOut) {
    List<Type> kept =
        schema.getFields().stream().filter(f -> !leftOut.contains(f.getName())).toList();
    return sparksConverter().convert(new MessageType(schema.getName(), kept));
  }

  /**
   * Spark's Parquet schema converter as TraceMine's sessions configure it: binary is not taken as
   * text, INT96 is a timestamp, names are matched ignoring case, timestamps without a zone are
   * {@code TIMESTAMP_NTZ}, and {@code TIMESTAMP(NANOS)} is a long ({@code nanosAsLong}).
   */
  private static ParquetToSparkSchemaConverter sparksConverter() {
    return new ParquetToSparkSchemaConverter(false, true, false, true, true);
  }

  private static String describe(Map<String, String> columns) {
    List<String> named = new ArrayList<>();
    columns.forEach((name, type) -> named.add("'" + name + "' (" + type + ")"));
    return String.join(", ", named);
  }

  /** Reads a group's files, with {@code schema} when it is not null, else the files' own. */
  interface Read {
    Dataset<Row> apply(List<String> files, StructType schema);
  }

  /** {@link Read} by Spark: the group's {@code files} with {@code schema}, or their own. */
  static Dataset<Row> readFiles(SparkSession spark, List<String> files, StructType schema) {
    String[] paths = files.stream().map(SparkSessions::literal).toArray(String[]::new);
    return SparkSessions.readListed(
        spark,
        paths,
        () -> (schema == null ? spark.read() : spark.read().schema(schema)).parquet(paths));
  }

  /** Conforms a group's table, {@code name} naming it in messages. */
  interface Conform {
    Dataset<Row> apply(Dataset<Row> table, String name, Set<String> nanosColumns);
  }

  /**
   * Each group's files read on its own ({@code read}) and conformed, the tables unioned; a group is
   * named by {@code location} when it is the only one, else by its first file.
   */
  static Dataset<Row> readEach(
      List<FileGroup> groups, String location, Read read, Conform conform) {
    Dataset<Row> all = null;
    for (FileGroup group : groups) {
      String name =
          "parquet '"
              + (groups.size() == 1 ? location : InputFiles.display(group.files().get(0)))
              + "'";
      Dataset<Row> table = read.apply(group.files(), group.readableSchema());
      for (String column : group.nullColumns()) {
        if (!group.unreadableColumns().containsKey(column)) {
          table = table.withColumn(column, functions.lit(null)); // Spark reads them as int
        }
      }
      Dataset<Row> conformed;
      try {
        conformed = conform.apply(table, name, group.nanosColumns());
      } catch (MalformedInputException e) {
        if (group.unreadableColumns().isEmpty()) {
          throw e;
        }
        throw new MalformedInputException(
            e.getMessage()
                + "; Spark cannot read "
                + (group.unreadableColumns().size() == 1 ? "its column " : "its columns ")
                + describe(group.unreadableColumns())
                + ", so "
                + (group.unreadableColumns().size() == 1 ? "it was" : "they were")
                + " left out: rewrite "
                + (group.unreadableColumns().size() == 1 ? "it" : "them")
                + " as a type Spark reads (a string or a timestamp)");
      }
      all = all == null ? conformed : all.union(conformed);
    }
    return all;
  }

  /** The top-level columns' names and types (repetition, physical and logical), sorted. */
  static String signature(MessageType schema) {
    Set<String> fields = new TreeSet<>();
    for (Type field : schema.getFields()) {
      fields.add(field.toString().strip());
    }
    return String.join("; ", fields);
  }

  /**
   * Fails when two top-level columns of {@code file} have one name, or names that differ only in
   * case ({@code Id} and {@code id}): columns are found ignoring case, and Spark's reader refuses
   * such a file with a line that names neither the file nor the other column.
   */
  static void requireDistinctNames(String what, String file, MessageType schema) {
    Map<String, String> byLowerCase = new LinkedHashMap<>();
    for (Type field : schema.getFields()) {
      String other =
          byLowerCase.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), field.getName());
      if (other != null) {
        String prefix =
            "Cannot read " + what + " from parquet '" + InputFiles.display(file) + "': ";
        throw new MalformedInputException(
            other.equals(field.getName())
                ? prefix
                    + "its column '"
                    + other
                    + "' appears twice (two columns of one name); rename or drop one of them"
                : prefix
                    + "its columns '"
                    + other
                    + "' and '"
                    + field.getName()
                    + "' differ only in case, and column names are matched ignoring case;"
                    + " rename or drop one of them");
      }
    }
  }

  /** Lower-case names of the top-level columns annotated {@code TIMESTAMP(NANOS)}. */
  static Set<String> nanosColumns(MessageType schema) {
    Set<String> names = new TreeSet<>();
    for (Type field : schema.getFields()) {
      if (isNanos(field.getLogicalTypeAnnotation())) {
        names.add(field.getName().toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  /** A file's columns, and those of them without a value ({@link #nullColumns}). */
  private record FileShape(MessageType schema, Set<String> nullColumns) {}

  /**
   * Names of the top-level columns of a file with rows in which every value is null, by the
   * footer's statistics of every row group: such a column holds no value whose type could be wrong.
   */
  static Set<String> nullColumns(ParquetMetadata footer) {
    Set<String> names = new TreeSet<>();
    List<BlockMetaData> blocks = footer.getBlocks();
    if (blocks.isEmpty() || blocks.stream().allMatch(b -> b.getRowCount() == 0)) {
      return names;
    }
    for (Type field : footer.getFileMetaData().getSchema().getFields()) {
      if (!field.isPrimitive()) {
        continue;
      }
      boolean allNull = true;
      for (BlockMetaData block : blocks) {
        ColumnChunkMetaData chunk = chunkOf(block, field.getName());
        Statistics<?> stats = chunk == null ? null : chunk.getStatistics();
        allNull &=
            stats != null && stats.isNumNullsSet() && stats.getNumNulls() == chunk.getValueCount();
      }
      if (allNull) {
        names.add(field.getName());
      }
    }
    return names;
  }

  private static ColumnChunkMetaData chunkOf(BlockMetaData block, String column) {
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      String[] path = chunk.getPath().toArray();
      if (path.length == 1 && path[0].equals(column)) {
        return chunk;
      }
    }
    return null;
  }

  private static List<FileShape> shapes(List<String> files, Configuration conf) {
    try {
      return ParquetFooters.read(
          files,
          file -> HadoopInputFile.fromPath(new Path(file), conf),
          footer -> new FileShape(footer.getFileMetaData().getSchema(), nullColumns(footer)));
    } catch (ParquetFooters.UnreadableFooterException e) {
      Throwable cause = e.getCause();
      throw new MalformedInputException(
          "Cannot read posts: '"
              + InputFiles.display(files.get(e.index()))
              + "' cannot be read: "
              + cause.getClass().getSimpleName()
              + ": "
              + TraceMineException.firstLine(cause.getMessage(), "")
              + (isUnknownLogicalType(cause)
                  ? " (its footer holds a logical type this Parquet reader does not know, as"
                      + " pyarrow 15 and later write FLOAT16 for a float16 column: write that"
                      + " column as float32, or drop it)"
                  : ""),
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading Parquet footers", e);
    }
  }

  /** parquet-format's failure on a footer's logical type it has no field for ({@code FLOAT16}). */
  private static boolean isUnknownLogicalType(Throwable cause) {
    return cause instanceof NullPointerException
        && String.valueOf(cause.getMessage()).contains("LogicalType.getSetField()");
  }

  private static boolean isNanos(LogicalTypeAnnotation type) {
    return type instanceof TimestampLogicalTypeAnnotation t
        && t.getUnit() == LogicalTypeAnnotation.TimeUnit.NANOS;
  }
}
