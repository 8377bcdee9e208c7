package io.tracemine.ingest;

import io.tracemine.MalformedInputException;
import io.tracemine.ingest.IngestConfig.SourceType;
import io.tracemine.ingest.InputFiles.InputFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Reads posts from the configured source into {@link RawPosts#SCHEMA}, with the Body size limit
 * applied alike to every source. File sources read exactly the files {@link InputFiles} lists.
 */
public final class PostsSource {
  private final SparkSession spark;
  private final IngestConfig config;
  private final CreationWindow window;
  private List<InputFile> files;
  private Dataset<Row> parquetRows;
  private final XmlLayouts layouts = new XmlLayouts();

  public PostsSource(SparkSession spark, IngestConfig config) {
    this(spark, config, CreationWindow.ALL);
  }

  /**
   * A source whose BigQuery query keeps only the questions created in {@code window} (other sources
   * are filtered by {@link CreationWindowFilter} after reading).
   */
  public PostsSource(SparkSession spark, IngestConfig config, CreationWindow window) {
    this.spark = spark;
    this.config = config;
    this.window = window;
  }

  public Dataset<Row> read() {
    return read(true);
  }

  /**
   * Whether {@link #read} checks every row's bytes in each pass over the input: a Parquet input,
   * which is not cached ({@link IngestStage#cachesInput}), and whose reject reasons {@value
   * ParseXmlRows#INVALID_UTF8} and {@value RawPosts#BODY_TOO_LARGE} are expressions over {@code
   * Title}, {@code Tags} and {@code Body}.
   */
  public boolean checksBytesPerPass() {
    return config.sourceType() == SourceType.PARQUET;
  }

  /**
   * The rows of {@link #read} without its checks of the bytes ({@link #checksBytesPerPass}: no
   * {@value ParseXmlRows#INVALID_UTF8} and no {@value RawPosts#BODY_TOO_LARGE} reject), so a pass
   * that needs no {@code Body} does not read it. The same rows as {@link #read} exactly when that
   * rejects no row for either reason ({@link IngestStage} counts them in its first pass); for a
   * source that does not check per pass, {@link #read} itself. Both are built on one reading of the
   * files' footers.
   */
  public Dataset<Row> readWithoutByteChecks() {
    return read(!checksBytesPerPass());
  }

  private Dataset<Row> read(boolean checkBytes) {
    Dataset<Row> raw =
        switch (config.sourceType()) {
          case SAMPLE, XML -> readXml();
          case PARQUET -> checkBytes ? RawPosts.rejectInvalidUtf8(parquetRows()) : parquetRows();
          case BIGQUERY ->
              RawPosts.conform(
                  readBigQuery(),
                  "BigQuery table " + config.bigQuery().table(),
                  functions.lit(null),
                  Set.of());
        };
    if (checkBytes) {
      raw = RawPosts.limitBody(raw, config.maxBodyChars());
    }
    return config.partitions() > 0 ? raw.repartition(config.partitions()) : raw;
  }

  /** The input files (listed and probed on first use); empty for BigQuery. */
  public List<InputFile> files() {
    if (files == null) {
      files =
          config.sourceType() == SourceType.BIGQUERY
              ? List.of()
              : InputFiles.list(config.path(), config.sourceType(), hadoopConf());
    }
    return files;
  }

  /** Files of a dump's other tables (PostLinks.xml, …) that an XML directory input leaves out. */
  public List<String> otherDumpTables() {
    return config.sourceType() == SourceType.BIGQUERY
        ? List.of()
        : InputFiles.otherDumpTables(config.path(), config.sourceType(), hadoopConf());
  }

  /** TraceMine output directories below a directory input, which are not read as posts. */
  public List<String> outputDirectories() {
    return config.sourceType() == SourceType.BIGQUERY
        ? List.of()
        : InputFiles.outputDirectories(config.path(), hadoopConf());
  }

  /**
   * For a failed quality gate: {@code "; 'F' is not a Posts.xml dump: its root element is <x>, not
   * <posts>"} naming the first XML input file whose root is another element (e.g. a PostLinks.xml
   * given as the posts) or that does not start with XML (a CSV export), else empty. Reads the first
   * bytes of each file, on this error path only.
   */
  public String foreignRootHint() {
    if (config.sourceType() != SourceType.XML) {
      return "";
    }
    for (InputFile f : files()) {
      String why = InputFiles.notADump(f, hadoopConf());
      if (why != null) {
        return "; '" + InputFiles.display(f.path()) + "' is not a Posts.xml dump: " + why;
      }
    }
    return "";
  }

  /** A short description of where posts come from, for summaries. */
  public String describe() {
    return config.sourceType() == SourceType.BIGQUERY
        ? "bigquery " + config.bigQuery().table()
        : config.sourceType().key() + " " + config.path();
  }

  /**
   * {@code failure} as one line naming the input (posts, or the PostLinks input of {@code links})
   * and the file that caused it, when one did.
   */
  public RuntimeException translate(Exception failure, DuplicateLinks links) {
    List<ReadFailures.Input> inputs = new ArrayList<>();
    inputs.add(new ReadFailures.Input(InputFiles.POSTS, absoluteOrNull(), files()));
    links.input().ifPresent(inputs::add);
    return ReadFailures.translate(failure, inputs, hadoopConf());
  }

  private String absoluteOrNull() {
    return config.path() == null ? "" : absolute(config.path());
  }

  /**
   * The file of this input that {@code failure} found markup over several lines in, when it was
   * read by lines ({@link MarkupOverLines}): from now on it is read whole, and {@link #read} gives
   * the rows of the new layout. Empty for any other failure.
   */
  public Optional<InputFile> readWholeAfter(Throwable failure) {
    return layouts.readWholeAfter(failure, files());
  }

  /**
   * Dumps written one row per line are read by lines, in parallel splits; any other layout of
   * well-formed XML file by file ({@link ParseXmlDocuments}), as is a dump read by lines that holds
   * markup over several lines ({@link #readWholeAfter}).
   */
  private Dataset<Row> readXml() {
    return layouts.read(spark, files(), maxRowBytes(), ParseXmlDocuments.Table.POSTS);
  }

  /** A row's size limit in a file read whole: room for the longest body ingest accepts, escaped. */
  private int maxRowBytes() {
    return (int) Math.min(Integer.MAX_VALUE - 64, 8L * config.maxBodyChars() + (1 << 20));
  }

  /**
   * Each group of files with the same column types read on its own and conformed to the posts'
   * schema ({@link ParquetFileGroups}); one group, as usually, is one read of every file. Planned
   * once: the groups and Spark's schema come from the files' footers.
   */
  private Dataset<Row> parquetRows() {
    if (parquetRows == null) {
      parquetRows = readParquetGroups();
    }
    return parquetRows;
  }

  private Dataset<Row> readParquetGroups() {
    List<String> paths = files().stream().map(InputFile::path).toList();
    try {
      return ParquetFileGroups.readEach(
          ParquetFileGroups.of(paths, hadoopConf()),
          config.path(),
          this::readParquet,
          (table, name, nanos) ->
              RawPosts.conform(table, name, functions.col("_metadata.file_path"), nanos));
    } catch (MalformedInputException e) {
      String hint = RawPosts.partitionColumnHint(e.getMessage(), paths);
      throw hint == null ? e : new MalformedInputException(e.getMessage() + hint);
    }
  }

  private Dataset<Row> readParquet(List<String> files, StructType schema) {
    try {
      return ParquetFileGroups.readFiles(spark, files, schema);
    } catch (RuntimeException e) {
      throw new MalformedInputException(
          "Cannot read posts: parquet '" + config.path() + "' cannot be read", e);
    }
  }

  private Dataset<Row> readBigQuery() {
    try {
      return spark
          .read()
          .format("bigquery")
          .options(BigQueryPushdown.options(config.bigQuery(), config.selector(), window))
          .load();
    } catch (RuntimeException e) {
      throw MalformedInputException.namingRootCause(
          "Cannot read posts from BigQuery table "
              + config.bigQuery().table()
              + BigQueryPushdown.CONNECTION_HINT,
          e);
    }
  }

  private Configuration hadoopConf() {
    return spark.sparkContext().hadoopConfiguration();
  }

  /** Local paths made absolute on the driver, so executors in other directories find them. */
  static String absolute(String path) {
    if (path.contains("://") || path.startsWith("file:")) {
      return path;
    }
    // not toUri(): Hadoop's Path takes "file:" + the path as written, and would not decode the
    // URI's %20 for a space (the input then "did not exist")
    return "file:" + Path.of(path).toAbsolutePath().normalize();
  }

  /**
   * Fails before any Spark work when a local input is missing or a file cannot be what the source
   * expects (see {@link InputFiles}); remote inputs are checked when read.
   */
  public static void checkInput(IngestConfig config) {
    String path = config.path();
    boolean local = path != null && (!path.contains("://") || path.startsWith("file:"));
    if (config.sourceType() != SourceType.BIGQUERY && local) {
      // not cached: the run's file system for file: is the one its Spark settings name
      Configuration conf = new Configuration();
      conf.setBoolean("fs.file.impl.disable.cache", true);
      InputFiles.list(path, config.sourceType(), conf);
    }
  }
}
