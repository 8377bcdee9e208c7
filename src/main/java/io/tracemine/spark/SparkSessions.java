package io.tracemine.spark;

import io.tracemine.InvalidConfigException;
import io.tracemine.config.RunKeys;
import io.tracemine.config.Settings;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/** Builds the job's SparkSession from settings, without overriding what spark-submit decided. */
public final class SparkSessions {
  static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  static final String DISCOVERY_THRESHOLD =
      "spark.sql.sources.parallelPartitionDiscovery.threshold";

  /** Marks a session whose {@value #DISCOVERY_THRESHOLD} {@link #listLocalTablesOnDriver} set. */
  static final String DRIVER_LISTING = "tracemine.listing.on-driver";

  private static final int TASKS_PER_CORE = 4;

  /**
   * Parquet's reader checks each page against the CRC in its header only with this set (its writer
   * stores the CRCs by default): on by default in a session made here.
   */
  public static final String VERIFY_PAGE_CHECKSUMS = "parquet.page.verify-checksum.enabled";

  private SparkSessions() {}

  /**
   * A session whose master is the one spark-submit set, else {@code spark.master} from settings;
   * every {@code spark.conf.*} setting is applied unless spark-submit already set that key. Unless
   * either sets {@code spark.sql.shuffle.partitions}, a local master gets {@link
   * #shufflePartitions} of its cores (a cluster keeps Spark's default: its executors may not have
   * registered yet).
   */
  public static SparkSession create(Settings settings, boolean verbose) {
    SparkConf submitted = new SparkConf();
    checkSettings(settings);
    SparkSession.Builder builder =
        SparkSession.builder().appName(settings.stringOr(RunKeys.SPARK_APP_NAME, "TraceMine"));
    if (!submitted.contains("spark.master")) {
      builder.master(settings.string(RunKeys.SPARK_MASTER));
    }
    settings
        .sparkConf()
        .forEach(
            (key, value) -> {
              if (!submitted.contains(key)) {
                builder.config(key, value);
              }
            });
    String verify = "spark.hadoop." + VERIFY_PAGE_CHECKSUMS;
    if (!submitted.contains(verify) && !settings.sparkConf().containsKey(verify)) {
      builder.config(verify, "true");
    }
    SparkSession spark = builder.getOrCreate();
    // set even where no setting names them (checkSettings refused any other value)
    SparkSettingsCheck.REQUIRED.forEach((key, value) -> spark.conf().set(key, value));
    spark.sparkContext().setLogLevel(verbose ? "INFO" : "WARN");
    if (spark.sparkContext().isLocal()
        && !submitted.contains(SHUFFLE_PARTITIONS)
        && !settings.sparkConf().containsKey(SHUFFLE_PARTITIONS)) {
      spark
          .conf()
          .set(SHUFFLE_PARTITIONS, shufflePartitions(spark.sparkContext().defaultParallelism()));
    }
    return spark;
  }

  /**
   * Checks the Spark settings of {@code settings} and those spark-submit set ({@code --conf}),
   * without starting Spark: exit 2 naming a key whose value Spark cannot use, or that cannot take
   * effect as a setting (the driver's memory), or a driver heap too small for Spark to start.
   */
  public static void checkSettings(Settings settings) {
    // key by key, so that an error names the file that set the key (as an unknown key's does)
    settings
        .sparkConf()
        .forEach(
            (key, value) -> {
              try {
                SparkSettingsCheck.check(Map.of(key, value), RunKeys.SPARK_CONF_PREFIX);
                SparkSettingsCheck.requireTakesEffectAfterLaunch(
                    Map.of(key, value), RunKeys.SPARK_CONF_PREFIX);
                SparkSettingsCheck.requireIntegritySettings(
                    Map.of(key, value), RunKeys.SPARK_CONF_PREFIX);
              } catch (InvalidConfigException e) {
                String file = settings.fileOf(RunKeys.SPARK_CONF_PREFIX + key);
                if (file == null) {
                  throw e;
                }
                throw new InvalidConfigException(Settings.inConfigFile(file, e.getMessage()));
              }
            });
    Map<String, String> submittedValues = new TreeMap<>();
    for (Tuple2<String, String> setting : new SparkConf().getAll()) {
      submittedValues.put(setting._1(), setting._2());
    }
    SparkSettingsCheck.check(submittedValues, "--conf ");
    SparkSettingsCheck.requireIntegritySettings(submittedValues, "--conf ");
    Map<String, String> session = new TreeMap<>(settings.sparkConf());
    session.putAll(submittedValues);
    SparkSettingsCheck.requireDriverHeap(Runtime.getRuntime().maxMemory(), session);
  }

  /**
   * The Hadoop configuration the session of {@link #create} will have ({@code spark.hadoop.*} among
   * spark-submit's and the settings' Spark settings), built without starting Spark: the output
   * directory is checked and locked with it before Spark's start.
   */
  public static org.apache.hadoop.conf.Configuration hadoopConfiguration(Settings settings) {
    SparkConf conf = new SparkConf();
    settings.sparkConf().forEach(conf::setIfMissing);
    return org.apache.spark.deploy.SparkHadoopUtil.get().newConfiguration(conf);
  }

  /**
   * The shuffle partitions when none are configured: {@value #TASKS_PER_CORE} per core, at most
   * Spark's default of 200. Each map task writes one block per shuffle partition, so on 2 cores
   * Spark's 200 cost more than the work of a small run; AQE still merges small ones.
   */
  static int shufflePartitions(int cores) {
    return Math.max(1, Math.min(200, TASKS_PER_CORE * cores));
  }

  /**
   * Makes Spark list the folders of tables on the local file system on the driver, unless
   * spark-submit or the settings set {@value #DISCOVERY_THRESHOLD}. Spark lists more than 32 paths
   * (a month-partitioned table has one folder per month) with a Spark job of one task per path: on
   * a local disk that job costs about a second of scheduling for what the driver lists in
   * milliseconds. Other file systems (HDFS, GCS) keep Spark's default, where a listing job lists
   * many folders in parallel on the executors.
   *
   * @param scheme the scheme of the run's output directory ({@code file} for a local one)
   */
  public static void listLocalTablesOnDriver(SparkSession spark, String scheme) {
    if ("file".equals(scheme) && !spark.conf().contains(DISCOVERY_THRESHOLD)) {
      spark.conf().set(DISCOVERY_THRESHOLD, Integer.MAX_VALUE);
      spark.conf().set(DRIVER_LISTING, true);
    }
  }

  /**
   * Runs {@code read}, which creates a Dataset over {@code paths} outside the output directory
   * (Spark lists files when the Dataset is created), with Spark's default listing when any of them
   * is not on the local file system: a local run's input on GCS or HDFS keeps Spark's parallel
   * listing jobs, which {@link #listLocalTablesOnDriver} turned off for the local output's tables.
   * A threshold set by the user is never changed.
   */
  public static <T> T readListed(SparkSession spark, String[] paths, Supplier<T> read) {
    if (!spark.conf().contains(DRIVER_LISTING) || allLocal(spark, paths)) {
      return read.get();
    }
    String threshold = spark.conf().get(DISCOVERY_THRESHOLD);
    spark.conf().unset(DISCOVERY_THRESHOLD);
    try {
      return read.get();
    } finally {
      spark.conf().set(DISCOVERY_THRESHOLD, threshold);
    }
  }

  /** Characters Spark's readers expand in a path as a glob pattern (Hadoop's GlobPattern). */
  public static final String GLOB_CHARACTERS = "\\{}[]*?";

  /**
   * {@code path} for Spark's readers, which expand any path holding a glob character: those
   * characters escaped, so that a file named {@code Posts [2024].xml} is read as itself.
   */
  public static String literal(String path) {
    StringBuilder out = new StringBuilder(path.length() + 8);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (GLOB_CHARACTERS.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  private static boolean allLocal(SparkSession spark, String[] paths) {
    String defaultScheme =
        FileSystem.getDefaultUri(spark.sparkContext().hadoopConfiguration()).getScheme();
    for (String path : paths) {
      String scheme = new org.apache.hadoop.fs.Path(path).toUri().getScheme();
      if (!"file".equals(scheme == null ? defaultScheme : scheme)) {
        return false;
      }
    }
    return true;
  }
}
