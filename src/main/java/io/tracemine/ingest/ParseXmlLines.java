package io.tracemine.ingest;

import io.tracemine.InvalidConfigException;
import io.tracemine.ingest.InputFiles.InputFile;
import io.tracemine.spark.LazyIterators;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Turns files of a dump table written one row per line into the table's rows, in parallel tasks
 * over byte ranges of the files ({@link BoundedLines}): each line is parsed as {@link ParseXmlRows}
 * (or {@link ParsePostLinksRows}) parses it, and a line longer than a row's bound is one reject
 * ({@code the row is longer than N bytes}), read to its end without being held. A compressed file
 * is one range, read by one task. Ranges are sized and packed into tasks as Spark's file sources do
 * ({@code spark.sql.files.maxPartitionBytes}, {@code openCostInBytes}).
 */
final class ParseXmlLines implements FlatMapFunction<List<ParseXmlLines.LineRange>, Row> {
  private static final long serialVersionUID = 1L;

  /**
   * The lines of {@code file} starting in {@code (start, end]} ({@link BoundedLines}); a compressed
   * file's range is the whole file.
   */
  record LineRange(String file, long start, long end, boolean compressed) implements Serializable {
    long bytes() {
      return compressed ? end : end - start;
    }
  }

  private final SerializableConfiguration conf;
  private final int maxRowBytes;
  private final ParseXmlDocuments.Table table;

  ParseXmlLines(Configuration conf, int maxRowBytes, ParseXmlDocuments.Table table) {
    this.conf = new SerializableConfiguration(conf);
    this.maxRowBytes = maxRowBytes;
    this.table = table;
  }

  /** The rows of {@code files} of {@code table}, a line over {@code maxRowBytes} rejected. */
  static Dataset<Row> read(
      SparkSession spark, List<InputFile> files, int maxRowBytes, ParseXmlDocuments.Table table) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    SQLConf sql = spark.sessionState().conf();
    requirePositive("spark.sql.files.maxPartitionBytes", sql.filesMaxPartitionBytes());
    long openCost = sql.filesOpenCostInBytes();
    if (openCost < 0) {
      throw new InvalidConfigException(
          "'spark.sql.files.openCostInBytes' is " + openCost + " but must be 0 or more");
    }
    long splitBytes =
        splitBytes(
            files,
            sql.filesMaxPartitionBytes(),
            openCost,
            sql.filesMinPartitionNum().isDefined()
                ? (Integer) sql.filesMinPartitionNum().get()
                : spark.sparkContext().defaultParallelism());
    List<Tuple2<List<LineRange>, Seq<String>>> placed = new ArrayList<>();
    for (List<LineRange> task : tasks(ranges(files, conf, splitBytes), splitBytes, openCost)) {
      List<String> hosts = hostsHolding(task.get(0), blocksOf(task.get(0), conf));
      placed.add(new Tuple2<>(task, JavaConverters.asScalaBuffer(hosts).toSeq()));
    }
    ClassTag<List<LineRange>> tag = ClassTag$.MODULE$.apply(List.class);
    JavaRDD<Row> rows =
        JavaRDD.fromRDD(
                spark.sparkContext().makeRDD(JavaConverters.asScalaBuffer(placed).toSeq(), tag),
                tag)
            .flatMap(new ParseXmlLines(conf, maxRowBytes, table));
    return spark.createDataFrame(rows, table.schema());
  }

  private static BlockLocation[] blocksOf(LineRange range, Configuration conf) {
    try {
      Path path = new Path(range.file());
      return path.getFileSystem(conf)
          .getFileBlockLocations(path, range.start(), Math.max(1, range.bytes()));
    } catch (IOException e) {
      return new BlockLocation[0]; // no placement: any executor reads it, and names the error
    }
  }

  /**
   * Where a task should run, as Spark places a file split: the hosts of the block holding most of
   * {@code range} (HDFS), none for a local file ({@code localhost}) or a store without blocks.
   */
  static List<String> hostsHolding(LineRange range, BlockLocation[] blocks) {
    BlockLocation most = null;
    long mostBytes = 0;
    for (BlockLocation b : blocks) {
      long from = Math.max(range.start(), b.getOffset());
      long to = Math.min(range.start() + range.bytes(), b.getOffset() + b.getLength());
      if (to - from > mostBytes) {
        most = b;
        mostBytes = to - from;
      }
    }
    try {
      return most == null
          ? List.of()
          : Arrays.stream(most.getHosts()).filter(h -> !h.equals("localhost")).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static void requirePositive(String key, long value) {
    if (value < 1) {
      throw new InvalidConfigException("'" + key + "' is " + value + " but must be 1 or more");
    }
  }

  /**
   * The largest range, as Spark sizes a file source's splits from the input's total size; at least
   * one byte.
   */
  static long splitBytes(List<InputFile> files, long maxPartitionBytes, long openCost, int cores) {
    long total = files.stream().mapToLong(f -> f.bytes() + openCost).sum();
    long split = Math.min(maxPartitionBytes, Math.max(openCost, total / Math.max(1, cores)));
    return Math.max(1, split);
  }

  /** Each plain file cut into ranges of at most {@code splitBytes}; a compressed file whole. */
  static List<LineRange> ranges(List<InputFile> files, Configuration conf, long splitBytes) {
    CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
    List<LineRange> ranges = new ArrayList<>();
    for (InputFile f : files) {
      if (codecs.getCodec(new Path(f.path())) != null) {
        ranges.add(new LineRange(f.path(), 0, Math.max(1, f.bytes()), true));
        continue;
      }
      long start = 0;
      do {
        long end = Math.min(f.bytes(), start + splitBytes);
        ranges.add(new LineRange(f.path(), start, end, false));
        start = end;
      } while (start < f.bytes());
    }
    return ranges;
  }

  /**
   * Ranges packed into tasks as Spark packs file splits: largest first, a task closed when the next
   * range would take it over {@code splitBytes}, each range counting {@code openCost} more.
   */
  static List<List<LineRange>> tasks(List<LineRange> ranges, long splitBytes, long openCost) {
    List<LineRange> bySize = new ArrayList<>(ranges);
    bySize.sort(Comparator.comparingLong(LineRange::bytes).reversed());
    List<List<LineRange>> tasks = new ArrayList<>();
    List<LineRange> current = new ArrayList<>();
    long size = 0;
    for (LineRange r : bySize) {
      if (!current.isEmpty() && size + r.bytes() > splitBytes) {
        tasks.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      current.add(r);
      size += r.bytes() + openCost;
    }
    if (!current.isEmpty()) {
      tasks.add(current);
    }
    return tasks;
  }

  @Override
  public Iterator<Row> call(List<LineRange> ranges) {
    return LazyIterators.flatMap(
        new RangeLines(ranges.iterator()),
        (line, emit) -> {
          countRead(line.line());
          if (line.line().cut()) {
            emit.accept(table.rowOf(tooLong(line.line()), line.file()));
          } else {
            table.rowsOfLine(line.line().bytes(), line.file(), emit);
          }
        });
  }

  private XmlRowSplitter.Piece tooLong(BoundedLines.Line line) {
    return new XmlRowSplitter.Piece(
        line.bytes(),
        XmlRowSplitter.longerThan(maxRowBytes)
            + " (its line, at byte "
            + line.offset()
            + ", has "
            + line.length()
            + " bytes)");
  }

  private static void countRead(BoundedLines.Line line) {
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.taskMetrics().inputMetrics().incRecordsRead(1);
      task.taskMetrics().inputMetrics().incBytesRead(line.length() + 1);
    }
  }

  private record FileLine(String file, BoundedLines.Line line) {}

  /**
   * The lines of each range in turn, each range's file opened when it is reached and closed after.
   */
  private final class RangeLines implements Iterator<FileLine> {
    private final Iterator<LineRange> ranges;
    private LineRange range;
    private InputStream in;
    private BoundedLines lines;

    RangeLines(Iterator<LineRange> ranges) {
      this.ranges = ranges;
    }

    @Override
    public boolean hasNext() {
      while (lines == null || !lines.hasNext()) {
        close();
        if (!ranges.hasNext()) {
          return false;
        }
        open(ranges.next());
      }
      return true;
    }

    @Override
    public FileLine next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return new FileLine(range.file(), lines.next());
    }

    private void open(LineRange next) {
      range = next;
      try {
        if (next.compressed()) {
          in = InputFiles.openDecompressed(next.file(), conf.value());
          lines = new BoundedLines(in, 0, Long.MAX_VALUE, maxRowBytes);
        } else {
          Path path = new Path(next.file());
          FSDataInputStream file = path.getFileSystem(conf.value()).open(path);
          in = file;
          file.seek(next.start()); // a failed seek leaves the file to close()
          lines = new BoundedLines(in, next.start(), next.end(), maxRowBytes);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void close() {
      if (in != null) {
        try {
          in.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          in = null;
          lines = null;
        }
      }
    }
  }
}
