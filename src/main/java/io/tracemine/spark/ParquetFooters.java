package io.tracemine.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;

/**
 * The one driver-side reader of Parquet footers (no Spark job): reads the footers of many files
 * {@value #READERS} at a time, since on an object store each is a round trip, and hands each to a
 * summary function. Used for a table's rows and null counts ({@link TableFooters}) and for the
 * column types of Parquet inputs ({@code ingest.ParquetFileGroups}).
 */
public final class ParquetFooters {
  private static final int READERS = 8;

  private ParquetFooters() {}

  /** A footer that could not be read, with the file it belongs to. */
  public static final class UnreadableFooterException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int index;

    UnreadableFooterException(int index, Object file, Throwable cause) {
      super("Cannot read the Parquet footer of '" + file + "'", cause);
      this.index = index;
    }

    /** The position in the list read of the file whose footer could not be read. */
    public int index() {
      return index;
    }
  }

  /** Opens a file named as the caller names it (a path, a Hadoop file status). */
  @FunctionalInterface
  public interface Opener<F> {
    InputFile open(F file) throws IOException;
  }

  /**
   * {@code summary} of each file's footer, in the order of {@code files}.
   *
   * @throws UnreadableFooterException for the first file (in order) that cannot be opened or whose
   *     footer cannot be read, its cause the reader's exception
   */
  public static <F, T> List<T> read(
      List<F> files, Opener<F> opener, Function<ParquetMetadata, T> summary)
      throws UnreadableFooterException, InterruptedException {
    if (files.isEmpty()) {
      return List.of();
    }
    ExecutorService readers = Executors.newFixedThreadPool(Math.min(READERS, files.size()));
    try {
      List<Future<T>> footers = new ArrayList<>();
      for (F file : files) {
        footers.add(readers.submit(() -> summary.apply(footer(opener.open(file)))));
      }
      List<T> out = new ArrayList<>(files.size());
      for (int i = 0; i < files.size(); i++) {
        try {
          out.add(footers.get(i).get());
        } catch (ExecutionException e) {
          throw new UnreadableFooterException(i, files.get(i), e.getCause());
        }
      }
      return out;
    } finally {
      readers.shutdownNow();
    }
  }

  private static ParquetMetadata footer(InputFile file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(file)) {
      return reader.getFooter();
    }
  }
}
