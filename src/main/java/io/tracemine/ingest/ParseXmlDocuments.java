package io.tracemine.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Turns whole {@code Posts.xml} (or {@code PostLinks.xml}) files that are not written one row per
 * line (see {@link PostsXmlLine#rowPerLine}) into {@link RawPosts#SCHEMA} (or {@link
 * ParsePostLinksRows#SCHEMA}) rows, one file per call: the file is split into rows by {@link
 * XmlRowSplitter} and each row parsed, or rejected, as a line of a dump is. Such a file is read by
 * one task; a dump written one row per line is read in parallel splits.
 */
public final class ParseXmlDocuments implements FlatMapFunction<String, Row> {
  private static final long serialVersionUID = 1L;
  private final SerializableConfiguration hadoopConf;
  private final int maxRowBytes;
  private final Table table;

  /** The dump table read, and how a piece of its file becomes a row. */
  public enum Table {
    /** {@link RawPosts#SCHEMA} rows. */
    POSTS,
    /** {@link ParsePostLinksRows#SCHEMA} rows. */
    POSTLINKS;

    Row rowOf(XmlRowSplitter.Piece piece, String file) {
      return this == POSTS ? ParseXmlRows.toRow(piece, file) : ParsePostLinksRows.toRow(piece);
    }

    /** Each row a line of a dump written one row per line gives ({@link ParseXmlLines}). */
    void rowsOfLine(byte[] line, String file, java.util.function.Consumer<Row> emit) {
      if (this == POSTS) {
        ParseXmlRows.rowsOf(line, file, emit);
      } else {
        ParsePostLinksRows.rowsOf(line, file, emit);
      }
    }

    StructType schema() {
      return this == POSTS ? RawPosts.SCHEMA : ParsePostLinksRows.SCHEMA;
    }
  }

  /** The rows of {@code files} of {@code table}, each file read whole by one task. */
  static Dataset<Row> read(
      SparkSession spark, List<String> files, Configuration conf, int maxRowBytes, Table table) {
    return spark
        .createDataset(files, Encoders.STRING())
        .repartition(files.size())
        .flatMap(new ParseXmlDocuments(conf, maxRowBytes, table), Encoders.row(table.schema()));
  }

  /**
   * @param conf the session's Hadoop configuration (copied: file systems and credentials)
   * @param maxRowBytes a row's size limit; a longer one is rejected and skipped
   * @param table the dump table the files hold
   */
  public ParseXmlDocuments(Configuration conf, int maxRowBytes, Table table) {
    this.hadoopConf = new SerializableConfiguration(conf);
    this.maxRowBytes = maxRowBytes;
    this.table = table;
  }

  @Override
  public Iterator<Row> call(String file) throws IOException {
    InputStream in = InputFiles.openDecompressed(file, hadoopConf.value());
    return new Rows(new XmlRowSplitter(in, maxRowBytes), in, file, table);
  }

  /** The rows of one file's pieces (structure left out); closes the file after the last. */
  private static final class Rows extends RowsOf<XmlRowSplitter.Piece> {
    private final InputStream in;
    private final String file;
    private final Table table;

    Rows(XmlRowSplitter pieces, InputStream in, String file, Table table) {
      super(pieces);
      this.in = in;
      this.file = file;
      this.table = table;
    }

    @Override
    Row rowOf(XmlRowSplitter.Piece piece) {
      return table.rowOf(piece, file);
    }

    @Override
    void ended() {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
