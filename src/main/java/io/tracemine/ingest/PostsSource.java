package io.tracemine.ingest;

import io.tracemine.MalformedInputException;
import io.tracemine.ingest.IngestConfig.SourceType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads posts from the configured source into {@link RawPosts#SCHEMA}. */
public final class PostsSource {
  private final SparkSession spark;
  private final IngestConfig config;
  private final CreationWindow window;

  public PostsSource(SparkSession spark, IngestConfig config) {
    this(spark, config, CreationWindow.ALL);
  }

  /**
   * A source whose BigQuery query keeps only the questions created in {@code window} (other
   * sources are filtered by {@link CreationWindowFilter} after reading).
   */
  public PostsSource(SparkSession spark, IngestConfig config, CreationWindow window) {
    this.spark = spark;
    this.config = config;
    this.window = window;
  }

  public Dataset<Row> read() {
    Dataset<Row> raw =
        switch (config.sourceType()) {
          case SAMPLE, XML -> readXml(config.path());
          case PARQUET -> RawPosts.conform(readParquet(config.path()), "parquet '" + config.path() + "'");
          case BIGQUERY -> RawPosts.conform(readBigQuery(), "BigQuery table " + config.bigQuery().table());
        };
    return config.partitions() > 0 ? raw.repartition(config.partitions()) : raw;
  }

  /** A short description of where posts come from, for summaries. */
  public String describe() {
    return config.sourceType() == SourceType.BIGQUERY
        ? "bigquery " + config.bigQuery().table()
        : config.sourceType().key() + " " + config.path();
  }

  private Dataset<Row> readXml(String path) {
    requireLocalPathExists(path);
    Dataset<Row> lines = spark.read().text(absolute(path));
    return lines.mapPartitions(new ParseXmlRows(), Encoders.row(RawPosts.SCHEMA));
  }

  private Dataset<Row> readParquet(String path) {
    requireLocalPathExists(path);
    try {
      return spark.read().parquet(absolute(path));
    } catch (RuntimeException e) {
      throw new MalformedInputException("Cannot read parquet posts '" + path + "'", e);
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
      throw new MalformedInputException(
          "Cannot read posts from BigQuery table " + config.bigQuery().table()
              + ": check network access, the project (source.bigquery.project or GOOGLE_CLOUD_PROJECT)"
              + " and credentials (source.bigquery.credentials-file or GOOGLE_APPLICATION_CREDENTIALS)",
          e);
    }
  }

  /** Local paths made absolute on the driver, so executors in other directories find them. */
  static String absolute(String path) {
    if (path.contains("://") || path.startsWith("file:")) {
      return path;
    }
    return Path.of(path).toAbsolutePath().normalize().toUri().toString();
  }

  /** Fails before any Spark work when a local input path is missing. */
  public static void checkInput(IngestConfig config) {
    if (config.sourceType() != SourceType.BIGQUERY) {
      requireLocalPathExists(config.path());
    }
  }

  private static void requireLocalPathExists(String path) {
    boolean local = !path.contains("://") || path.startsWith("file:");
    if (local && !Files.exists(Path.of(path.replaceFirst("^file:(//)?", "")))) {
      throw new MalformedInputException("Cannot read posts: '" + path + "' does not exist");
    }
  }
}
