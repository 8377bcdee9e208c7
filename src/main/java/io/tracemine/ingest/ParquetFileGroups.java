package io.tracemine.ingest;

import io.tracemine.MalformedInputException;
import io.tracemine.spark.ParquetFooters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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
  /** Files whose top-level columns have the same names and types, in input order. */
  public record FileGroup(List<String> files, Set<String> nanosColumns) {}

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
    List<MessageType> schemas = schemas(files, conf);
    Map<String, List<String>> bySignature = new LinkedHashMap<>();
    Map<String, Set<String>> nanos = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      MessageType schema = schemas.get(i);
      requireDistinctNames(what, files.get(i), schema);
      String signature = signature(schema);
      bySignature.computeIfAbsent(signature, k -> new ArrayList<>()).add(files.get(i));
      nanos.computeIfAbsent(signature, k -> nanosColumns(schema));
    }
    List<FileGroup> groups = new ArrayList<>();
    bySignature.forEach(
        (signature, group) -> groups.add(new FileGroup(group, nanos.get(signature))));
    return groups;
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
      List<FileGroup> groups,
      String location,
      Function<List<String>, Dataset<Row>> read,
      Conform conform) {
    Dataset<Row> all = null;
    for (FileGroup group : groups) {
      String name =
          "parquet '"
              + (groups.size() == 1 ? location : InputFiles.display(group.files().get(0)))
              + "'";
      Dataset<Row> conformed = conform.apply(read.apply(group.files()), name, group.nanosColumns());
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

  private static List<MessageType> schemas(List<String> files, Configuration conf) {
    try {
      return ParquetFooters.read(
          files,
          file -> HadoopInputFile.fromPath(new Path(file), conf),
          footer -> footer.getFileMetaData().getSchema());
    } catch (ParquetFooters.UnreadableFooterException e) {
      Throwable cause = e.getCause();
      throw new MalformedInputException(
          "Cannot read posts: '"
              + InputFiles.display(files.get(e.index()))
              + "' cannot be read: "
              + cause.getClass().getSimpleName()
              + ": "
              + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""),
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading Parquet footers", e);
    }
  }

  private static boolean isNanos(LogicalTypeAnnotation type) {
    return type instanceof TimestampLogicalTypeAnnotation t
        && t.getUnit() == LogicalTypeAnnotation.TimeUnit.NANOS;
  }
}
