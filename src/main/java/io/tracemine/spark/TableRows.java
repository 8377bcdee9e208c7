package io.tracemine.spark;

import java.io.IOException;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The rows of a Parquet table directory as Spark would read them, from the files' footers on the
 * driver (no Spark job): every file below the directory, partition folders included, except those
 * Spark skips (names starting with {@code _} or {@code .}, e.g. {@code _SUCCESS} and {@code .crc}
 * files).
 */
final class TableRows {
  private TableRows() {}

  /**
   * The table's rows, or empty when a file's footer cannot be read (a damaged file: Spark's read
   * then fails naming it, see the CLI's damaged-table handling).
   */
  static OptionalLong of(Configuration conf, String dir) {
    try {
      Path path = new Path(dir);
      return OptionalLong.of(count(path.getFileSystem(conf), path, conf));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  private static long count(FileSystem fs, Path dir, Configuration conf) throws IOException {
    long total = 0;
    for (FileStatus f : fs.listStatus(dir)) {
      String name = f.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (f.isDirectory()) {
        total += count(fs, f.getPath(), conf);
      } else {
        try (ParquetFileReader reader =
            ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf))) {
          total += reader.getRecordCount();
        }
      }
    }
    return total;
  }
}
