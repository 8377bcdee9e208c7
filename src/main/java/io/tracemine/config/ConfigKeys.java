package io.tracemine.config;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every configuration key TraceMine accepts. Keys use {@code -} inside a concept and {@code .} for
 * hierarchy. A key that is neither listed here nor matches one of the {@link #KEY_PATTERNS} is
 * rejected by {@link Settings}.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  public static final String LIBRARIES = "libraries";
  public static final String PYTHON_TAG_PREFIX = "selection.python-tag-prefix";
  public static final String LIBRARY_STEMS_FORMAT = "library.%s.stems";

  public static final String SOURCE_TYPE = "source.type";
  public static final String SOURCE_PATH = "source.path";
  public static final String SOURCE_PARTITIONS = "source.partitions";
  public static final String SOURCE_SINCE = "source.since";
  public static final String SOURCE_UNTIL = "source.until";
  public static final String BIGQUERY_TABLE = "source.bigquery.table";
  public static final String BIGQUERY_PROJECT = "source.bigquery.project";
  public static final String BIGQUERY_MATERIALIZATION_DATASET = "source.bigquery.materialization-dataset";
  public static final String BIGQUERY_CREDENTIALS_FILE = "source.bigquery.credentials-file";

  public static final String INGEST_MAX_REJECTED_FRACTION = "ingest.max-rejected-fraction";
  public static final String INGEST_MAX_BODY_CHARS = "ingest.max-body-chars";

  public static final String OUTPUT_DIR = "output.dir";

  public static final String EXTRACT_PROFILE = "extract.profile";
  public static final String EXTRACT_MAX_FRAME_REPEATS = "extract.max-frame-repeats";

  public static final String MINE_SUPPORT = "mine.support";
  public static final String MINE_MIN_SUPPORT = "mine.min-support";
  public static final String MINE_MAX_LENGTH = "mine.max-length";
  public static final String MINE_EXAMPLES = "mine.examples";
  public static final String MINE_BUCKETS = "mine.buckets";
  public static final String MINE_WITH_MINSUP1 = "mine.with-minsup1";

  public static final String STATS_SAMPLE_SIZE = "stats.sample-size";
  public static final String STATS_SEED = "stats.seed";
  public static final String STATS_CODEBOOK = "stats.codebook";
  public static final String STATS_EXAMPLES = "stats.examples";
  public static final String STATS_PERIOD = "stats.period";
  public static final String STATS_PERIOD_TOP = "stats.period-top";
  public static final String STATS_RISING_MIN_SUPPORT = "stats.rising-min-support";

  public static final String REPORT_TOP_PATTERNS = "report.top-patterns";

  public static final String SPARK_MASTER = "spark.master";
  public static final String SPARK_APP_NAME = "spark.app-name";
  public static final String SPARK_CONF_PREFIX = "spark.conf.";

  public static final Set<String> KNOWN =
      Set.of(
          LIBRARIES,
          PYTHON_TAG_PREFIX,
          SOURCE_TYPE,
          SOURCE_PATH,
          SOURCE_PARTITIONS,
          SOURCE_SINCE,
          SOURCE_UNTIL,
          BIGQUERY_TABLE,
          BIGQUERY_PROJECT,
          BIGQUERY_MATERIALIZATION_DATASET,
          BIGQUERY_CREDENTIALS_FILE,
          INGEST_MAX_REJECTED_FRACTION,
          INGEST_MAX_BODY_CHARS,
          OUTPUT_DIR,
          EXTRACT_PROFILE,
          EXTRACT_MAX_FRAME_REPEATS,
          MINE_SUPPORT,
          MINE_MIN_SUPPORT,
          MINE_MAX_LENGTH,
          MINE_EXAMPLES,
          MINE_BUCKETS,
          MINE_WITH_MINSUP1,
          STATS_SAMPLE_SIZE,
          STATS_SEED,
          STATS_CODEBOOK,
          STATS_EXAMPLES,
          STATS_PERIOD,
          STATS_PERIOD_TOP,
          STATS_RISING_MIN_SUPPORT,
          REPORT_TOP_PATTERNS,
          SPARK_MASTER,
          SPARK_APP_NAME);

  /** Families of keys: one library's tag stems, and Spark settings passed through unchanged. */
  public static final List<Pattern> KEY_PATTERNS =
      List.of(
          Pattern.compile("library\\.[a-z0-9][a-z0-9_-]*\\.stems"),
          Pattern.compile("spark\\.conf\\.spark\\..+"));

  public static boolean isKnown(String key) {
    return KNOWN.contains(key) || KEY_PATTERNS.stream().anyMatch(p -> p.matcher(key).matches());
  }
}
