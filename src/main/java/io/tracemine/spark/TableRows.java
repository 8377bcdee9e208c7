package io.tracemine.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * files). Footers are read {@value #READERS} at a time: on an object store each is a round trip.
 */
final class TableRows {
  private static final int READERS = 8;

  private TableRows() {}

  /**
   * The table's rows, or empty when a file's footer cannot be read (a damaged file: Spark's read
   * then fails naming it, see the CLI's damaged-table handling).
   */
  static OptionalLong of(Configuration conf, String dir) {
    try {
      Path path = new Path(dir);
      List<FileStatus> files = new ArrayList<>();
      list(path.getFileSystem(conf), path, files);
      return OptionalLong.of(rows(files, conf));
    } catch (IOException | RuntimeException | ExecutionException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  private static void list(FileSystem fs, Path dir, List<FileStatus> out) throws IOException {
    for (FileStatus f : fs.listStatus(dir)) {
      String name = f.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (f.isDirectory()) {
        list(fs, f.getPath(), out);
      } else {
        out.add(f);
      }
    }
  }

  private static long rows(List<FileStatus> files, Configuration conf)
      throws InterruptedException, ExecutionException {
    if (files.isEmpty()) {
      return 0;
    }
    ExecutorService readers = Executors.newFixedThreadPool(Math.min(READERS, files.size()));
    try {
      List<Future<Long>> counts = new ArrayList<>();
      for (FileStatus f : files) {
        counts.add(readers.submit(() -> rows(f, conf)));
      }
      long total = 0;
      for (Future<Long> count : counts) {
        total += count.get();
      }
      return total;
    } finally {
      readers.shutdownNow();
    }
  }

  private static long rows(FileStatus file, Configuration conf) throws IOException {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
      return reader.getRecordCount();
    }
  }
}
