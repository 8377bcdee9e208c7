package io.tracemine.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a small table on the driver without Spark: a directory holding one Parquet file that Spark
 * wrote, whose columns are all strings, longs, ints, doubles or booleans (the stats tables). Spark
 * reads such a table with two jobs (one for the schema, one for the rows), which for the report's
 * twenty tables cost more than their rows. The rows are those Spark's {@code collect} gives, in the
 * file's order, each value a {@code String}, {@code Long}, {@code Integer}, {@code Double}, {@code
 * Boolean} or null.
 */
public final class SmallParquet {
  /** The footer key under which Spark stores the table's schema. */
  static final String SPARK_SCHEMA = "org.apache.spark.sql.parquet.row.metadata";

  private static final Set<DataType> FLAT =
      Set.of(
          DataTypes.StringType,
          DataTypes.LongType,
          DataTypes.IntegerType,
          DataTypes.DoubleType,
          DataTypes.BooleanType);

  /** A table's column names and rows. */
  public record Table(List<String> columns, List<List<Object>> rows) {}

  private SmallParquet() {}

  /**
   * The rows of the table in {@code dir}, or empty when it is not one readable Parquet file of flat
   * columns with Spark's schema in its footer (the caller then reads it with Spark).
   */
  public static Optional<Table> read(Configuration conf, String dir) throws IOException {
    try {
      return readFlat(conf, dir);
    } catch (RuntimeException | IOException e) {
      // a damaged file (Parquet's readers also fail with unchecked exceptions): Spark reads it
      // again and names the file when it cannot either
      return Optional.empty();
    }
  }

  private static Optional<Table> readFlat(Configuration conf, String dir) throws IOException {
    Path root = new Path(dir);
    FileSystem fs = root.getFileSystem(conf);
    Path file = null;
    for (FileStatus s : fs.listStatus(root)) {
      String name = s.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (s.isDirectory() || !name.endsWith(".parquet") || file != null) {
        return Optional.empty();
      }
      file = s.getPath();
    }
    if (file == null) {
      return Optional.empty();
    }
    StructType schema;
    try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      String json = footer.getFileMetaData().getKeyValueMetaData().get(SPARK_SCHEMA);
      if (json == null || !(DataType.fromJson(json) instanceof StructType struct)) {
        return Optional.empty();
      }
      schema = struct;
    }
    for (StructField f : schema.fields()) {
      if (!FLAT.contains(f.dataType())) {
        return Optional.empty();
      }
    }
    List<String> columns = List.of(schema.fieldNames());
    List<List<Object>> rows = new ArrayList<>();
    try (ParquetReader<Group> reader =
        ParquetReader.builder(new GroupReadSupport(), file).withConf(conf).build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        List<Object> row = new ArrayList<>(columns.size());
        for (StructField f : schema.fields()) {
          row.add(value(g, f));
        }
        rows.add(row);
      }
    }
    return Optional.of(new Table(columns, rows));
  }

  private static Object value(Group g, StructField f) {
    String name = f.name();
    if (g.getFieldRepetitionCount(name) == 0) {
      return null;
    }
    DataType t = f.dataType();
    if (t.equals(DataTypes.StringType)) {
      return g.getString(name, 0);
    } else if (t.equals(DataTypes.LongType)) {
      return g.getLong(name, 0);
    } else if (t.equals(DataTypes.IntegerType)) {
      return g.getInteger(name, 0);
    } else if (t.equals(DataTypes.DoubleType)) {
      return g.getDouble(name, 0);
    }
    return g.getBoolean(name, 0);
  }
}
