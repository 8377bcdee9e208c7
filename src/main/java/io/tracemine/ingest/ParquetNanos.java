package io.tracemine.ingest;

import io.tracemine.MalformedInputException;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.Type;

/**
 * The top-level columns of a Parquet file stored as {@code TIMESTAMP(NANOS)}, as pandas writes
 * {@code datetime64[ns]} through pyarrow 13 and later. Spark 3.5 cannot read that type as a
 * timestamp; with {@code spark.sql.legacy.parquet.nanosAsLong} it reads the nanoseconds as a long,
 * which {@link RawPosts#conform} turns back into a timestamp, given these names.
 */
public final class ParquetNanos {
  private ParquetNanos() {}

  /** Lower-case names of the columns of {@code file} annotated {@code TIMESTAMP(NANOS)}. */
  public static Set<String> columns(String file, Configuration conf) {
    Set<String> names = new TreeSet<>();
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
      for (Type field : reader.getFooter().getFileMetaData().getSchema().getFields()) {
        if (isNanos(field.getLogicalTypeAnnotation())) {
          names.add(field.getName().toLowerCase(Locale.ROOT));
        }
      }
      return names;
    } catch (IOException | RuntimeException e) {
      throw new MalformedInputException(
          "Cannot read posts: '" + file + "' cannot be read: " + e.getMessage(), e);
    }
  }

  private static boolean isNanos(LogicalTypeAnnotation type) {
    return type instanceof TimestampLogicalTypeAnnotation t
        && t.getUnit() == LogicalTypeAnnotation.TimeUnit.NANOS;
  }
}
