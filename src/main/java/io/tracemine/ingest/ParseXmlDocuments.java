package io.tracemine.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Turns whole {@code Posts.xml} files that are not written one row per line (see {@link
 * PostsXmlLine#rowPerLine}) into {@link RawPosts#SCHEMA} rows, one file per call: the file is split
 * into rows by {@link XmlRowSplitter} and each row parsed, or rejected, as a line of a dump is.
 * Such a file is read by one task; a dump written one row per line is read in parallel splits.
 */
public final class ParseXmlDocuments implements FlatMapFunction<String, Row> {
  private static final long serialVersionUID = 1L;
  private final HashMap<String, String> hadoopConf = new HashMap<>();
  private final int maxRowBytes;

  /**
   * @param conf the session's Hadoop configuration (copied: file systems and credentials)
   * @param maxRowBytes a row's size limit; a longer one is rejected and skipped
   */
  public ParseXmlDocuments(Configuration conf, int maxRowBytes) {
    for (Map.Entry<String, String> e : conf) {
      hadoopConf.put(e.getKey(), e.getValue());
    }
    this.maxRowBytes = maxRowBytes;
  }

  @Override
  public Iterator<Row> call(String file) throws IOException {
    Configuration conf = new Configuration(false);
    hadoopConf.forEach(conf::set);
    InputStream in = InputFiles.openDecompressed(file, conf);
    return new Rows(new XmlRowSplitter(in, maxRowBytes), in, file);
  }

  /** The rows of one file's pieces (structure left out); closes the file after the last. */
  private static final class Rows extends RowsOf<XmlRowSplitter.Piece> {
    private final InputStream in;
    private final String file;

    Rows(XmlRowSplitter pieces, InputStream in, String file) {
      super(pieces);
      this.in = in;
      this.file = file;
    }

    @Override
    Row rowOf(XmlRowSplitter.Piece piece) {
      return ParseXmlRows.toRow(piece, file);
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
