package io.tracemine.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.Type;

/**
 * What the footers of a Parquet table directory say about it, as Spark would read it (no Spark
 * job): every file below the directory, partition folders included, except those Spark skips (names
 * starting with {@code _} or {@code .}, e.g. {@code _SUCCESS} and {@code .crc} files). One footer
 * pass ({@link ParquetFooters}) gives each file's rows and the null counts Parquet's writer records
 * per column chunk.
 */
final class TableFooters {
  /** A null count the footer does not record (a writer with statistics off). */
  static final long UNKNOWN = -1;

  /** The file has no such column: Spark reads it as null in every row of the file. */
  static final long MISSING = -2;

  /**
   * One file of the table.
   *
   * @param path the file as Hadoop names it
   * @param name its path below the table's directory ({@code
   *     creation_month=2020-01/part-….parquet})
   * @param rows its rows
   * @param nulls for each column asked for, its nulls in this file, {@link #UNKNOWN} or {@link
   *     #MISSING}; for an array column the nulls of its element column, which also count empty
   *     arrays and null elements (Parquet stores all three as values below the leaf's level)
   * @param digest {@link #digest} of its footer
   */
  record FileFacts(String path, String name, long rows, Map<String, Long> nulls, String digest) {}

  private TableFooters() {}

  /** A file of the table whose footer cannot be read (truncated, overwritten, not Parquet). */
  static final class DamagedFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String file;

    DamagedFileException(String file, Throwable cause) {
      super("Cannot read the footer of '" + file + "'", cause);
      this.file = file;
    }

    /** The file as Hadoop names it. */
    String file() {
      return file;
    }
  }

  /**
   * The files of the table at {@code dir}, in path order, or empty when the directory cannot be
   * listed (a missing table: its reader names it).
   *
   * @throws DamagedFileException for the first file (in path order) whose footer cannot be read
   */
  static Optional<List<FileFacts>> of(Configuration conf, String dir, List<String> columns)
      throws DamagedFileException {
    List<FileStatus> statuses = new ArrayList<>();
    String prefix;
    try {
      Path path = new Path(dir);
      FileSystem fs = path.getFileSystem(conf);
      prefix = fs.makeQualified(path).toString() + "/";
      list(fs, path, statuses);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    statuses.sort(java.util.Comparator.comparing(f -> f.getPath().toString()));
    List<FileFacts> read;
    try {
      read =
          ParquetFooters.read(
              statuses, f -> HadoopInputFile.fromStatus(f, conf), f -> facts(f, columns));
    } catch (ParquetFooters.UnreadableFooterException e) {
      throw new DamagedFileException(statuses.get(e.index()).getPath().toString(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    List<FileFacts> facts = new ArrayList<>();
    for (int i = 0; i < statuses.size(); i++) {
      FileFacts f = read.get(i);
      String file = statuses.get(i).getPath().toString();
      String name = file.startsWith(prefix) ? file.substring(prefix.length()) : file;
      facts.add(new FileFacts(file, name, f.rows(), f.nulls(), f.digest()));
    }
    return Optional.of(facts);
  }

  /** The rows, each column's nulls and the digest of one footer (the caller adds the path). */
  static FileFacts facts(ParquetMetadata footer, List<String> columns) {
    long rows = 0;
    for (BlockMetaData block : footer.getBlocks()) {
      rows += block.getRowCount();
    }
    Map<String, Long> nulls = new LinkedHashMap<>();
    List<Type> fields = footer.getFileMetaData().getSchema().getFields();
    for (String column : columns) {
      // Spark matches Parquet columns to the table's case-insensitively
      String name =
          fields.stream()
              .map(Type::getName)
              .filter(n -> n.equalsIgnoreCase(column))
              .findFirst()
              .orElse(null);
      nulls.put(column, name == null ? MISSING : nulls(footer.getBlocks(), name));
    }
    return new FileFacts(null, null, rows, nulls, digest(footer));
  }

  private static long nulls(List<BlockMetaData> blocks, String column) {
    long nulls = 0;
    for (BlockMetaData block : blocks) {
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        if (!chunk.getPath().toArray()[0].equals(column)) {
          continue;
        }
        Statistics<?> stats = chunk.getStatistics();
        if (stats == null || !stats.isNumNullsSet()) {
          return UNKNOWN;
        }
        nulls += stats.getNumNulls();
      }
    }
    return nulls;
  }

  /**
   * A digest of what a footer says of its file's data: per row group its rows and byte size, per
   * column chunk its path, type, codec, offsets, sizes, value count and statistics (minimum,
   * maximum, nulls). Two files a stage wrote with other rows differ in it (their chunks' sizes and
   * minima and maxima differ), so a file replaced by a copy of another is seen without reading any
   * data; a data page changed in place is not (that is damage, for Hadoop's checksums). The first
   * 16 hex digits of a SHA-256.
   */
  static String digest(ParquetMetadata footer) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder text = new StringBuilder();
    for (BlockMetaData block : footer.getBlocks()) {
      text.append("block ")
          .append(block.getRowCount())
          .append(' ')
          .append(block.getTotalByteSize());
      for (ColumnChunkMetaData c : block.getColumns()) {
        text.append('\n')
            .append(c.getPath().toDotString())
            .append(' ')
            .append(c.getPrimitiveType())
            .append(' ')
            .append(c.getCodec())
            .append(' ')
            .append(c.getFirstDataPageOffset())
            .append(' ')
            .append(c.getDictionaryPageOffset())
            .append(' ')
            .append(c.getTotalSize())
            .append(' ')
            .append(c.getTotalUncompressedSize())
            .append(' ')
            .append(c.getValueCount());
        Statistics<?> stats = c.getStatistics();
        if (stats != null) {
          text.append(' ').append(stats.isNumNullsSet() ? stats.getNumNulls() : -1);
          if (stats.hasNonNullValue()) {
            text.append(' ')
                .append(HexFormat.of().formatHex(stats.getMinBytes()))
                .append(' ')
                .append(HexFormat.of().formatHex(stats.getMaxBytes()));
          }
        }
      }
      text.append('\n');
    }
    byte[] hash = sha.digest(text.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(hash, 0, 8);
  }

  /** Each file's {@link FileFacts#name} with its digest, sorted by name (for the manifest). */
  static Map<String, String> digests(List<FileFacts> files) {
    Map<String, String> out = new TreeMap<>();
    for (FileFacts f : files) {
      out.put(f.name(), f.digest());
    }
    return out;
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
}
