package io.tracemine.spark;

import io.tracemine.InvalidConfigException;
import io.tracemine.TraceMineException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.spark.internal.config.ConfigEntry;
import org.apache.spark.sql.internal.SQLConf;

/**
 * Checks Spark settings against Spark's own definitions before a session starts, so that a value
 * Spark cannot use fails naming its key (exit 2) instead of failing the session's start with a
 * stack trace that names only the value. A key Spark does not define but that is one or two edits
 * from one it does ({@code spark.sql.shuffle.partitons}) is a typo, which Spark would ignore
 * silently: refused, naming the key it is close to; so is a key that differs from one Spark defines
 * only in case (Spark's keys are case-sensitive). Other keys Spark does not define are left to
 * Spark (connectors' and plugins' keys, {@code spark.hadoop.*} and the other prefixes Spark passes
 * on, a newer Spark's keys). Memory below the minimum Spark's memory manager demands at the
 * session's start is refused too ({@link #requireDriverHeap}, and {@code spark.executor.memory}).
 */
public final class SparkSettingsCheck {
  private SparkSettingsCheck() {}

  /**
   * Fails on the first value of {@code settings} that Spark's definition of its key rejects; {@code
   * origin} prefixes the key in the message ({@code spark.conf.} for TraceMine's settings).
   */
  public static void check(Map<String, String> settings, String origin) {
    Set<String> known = knownKeys();
    settings.forEach(
        (key, value) -> {
          ConfigEntry<?> entry = ConfigEntry.findEntry(key);
          if (entry == null) {
            requireNoTypo(key, known, origin);
            return;
          }
          String problem;
          try {
            entry.valueConverter().apply(value);
            problem = EXECUTOR_MEMORY.equals(key) ? executorMemoryProblem(value) : null;
          } catch (RuntimeException e) {
            problem = TraceMineException.firstLine(e.getMessage(), "invalid value");
          }
          if (problem != null) {
            throw new InvalidConfigException(
                named(key, origin)
                    + " is set to '"
                    + value
                    + "', which Spark cannot use: "
                    + problem);
          }
        });
  }

  /**
   * Fails on a setting of {@code settings} (TraceMine's {@code spark.conf.*}, without that prefix)
   * that only the launch of the driver's JVM or spark-submit reads: the driver runs TraceMine, so
   * it has started before it reads its settings, and Spark ignores them silently.
   */
  public static void requireTakesEffectAfterLaunch(Map<String, String> settings, String origin) {
    settings.forEach(
        (key, value) -> {
          if (LAUNCH_ONLY.containsKey(key)) {
            String option = LAUNCH_ONLY.get(key);
            throw new InvalidConfigException(
                named(key, origin)
                    + " is set to '"
                    + value
                    + "', which cannot take effect: the driver's JVM is already running when"
                    + " TraceMine reads its settings (Spark would ignore it); give it to submit.sh"
                    + " or spark-submit: "
                    + (option.isEmpty()
                        ? "--conf " + key + "=" + value
                        : option + " " + (value.contains(" ") ? "'" + value + "'" : value))
                    + (key.equals(DRIVER_MEMORY)
                        ? " (or TRACEMINE_DRIVER_MEMORY=" + value + " for submit.sh)"
                        : ""));
          }
        });
  }

  /**
   * Spark settings TraceMine's results depend on, with the one value they must have: dates are read
   * and bucketed into months in UTC; pandas' nanosecond timestamps are read as nanoseconds ({@link
   * io.tracemine.ingest.ParquetFileGroups}); no input file is skipped because it is damaged or gone
   * (a skipped file's rows would be missing while its footer's row count still passed the commit
   * checks).
   */
  public static final Map<String, String> REQUIRED =
      Map.of(
          "spark.sql.session.timeZone", "UTC",
          "spark.sql.legacy.parquet.nanosAsLong", "true",
          "spark.sql.files.ignoreCorruptFiles", "false",
          "spark.sql.files.ignoreMissingFiles", "false");

  /**
   * Fails on a setting of {@code settings} that gives a {@link #REQUIRED} key another value: a
   * spark-submit {@code --conf} or a cluster's {@code spark-defaults.conf} applies over TraceMine's
   * settings, so such a value would change the results without a word.
   */
  public static void requireIntegritySettings(Map<String, String> settings, String origin) {
    settings.forEach(
        (key, value) -> {
          String required = REQUIRED.get(key);
          if (required != null && !sameValue(key, required, value.strip())) {
            throw new InvalidConfigException(
                named(key, origin)
                    + " is set to '"
                    + value
                    + "', but TraceMine needs "
                    + key
                    + "="
                    + required
                    + " ("
                    + REASONS.get(key)
                    + "): remove that setting"
                    + (origin.startsWith("--")
                        ? " from spark-submit's --conf or spark-defaults.conf, or give --conf "
                            + key
                            + "="
                            + required
                        : ""));
          }
        });
  }

  /** Whether {@code value} means {@code required}: any spelling of UTC for the time zone. */
  private static boolean sameValue(String key, String required, String value) {
    if (required.equalsIgnoreCase(value)) {
      return true;
    }
    if (!key.equals("spark.sql.session.timeZone")) {
      return false;
    }
    try {
      return java.time.ZoneId.of(value).normalized().equals(java.time.ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return false;
    }
  }

  private static final Map<String, String> REASONS =
      Map.of(
          "spark.sql.session.timeZone",
          "posts' dates and months are UTC; another zone moves posts between months",
          "spark.sql.legacy.parquet.nanosAsLong",
          "pandas' nanosecond timestamps are read as nanoseconds",
          "spark.sql.files.ignoreCorruptFiles",
          "a damaged input file would be skipped without a word",
          "spark.sql.files.ignoreMissingFiles",
          "a missing input file would be skipped without a word");

  /**
   * Fails when {@code maxHeap}, the driver JVM's maximum heap ({@link Runtime#maxMemory}), is below
   * what Spark's memory manager demands at the session's start; {@code conf} holds the session's
   * Spark settings (its test settings change the rule).
   */
  public static void requireDriverHeap(long maxHeap, Map<String, String> conf) {
    requireDriverHeap(maxHeap, conf, System.getenv("_JAVA_OPTIONS"));
  }

  /**
   * {@link #requireDriverHeap(long, Map)} with {@code javaOptions}, the environment's {@code
   * _JAVA_OPTIONS}: an {@code -Xmx} there overrides the command line's, so the message names it.
   */
  static void requireDriverHeap(long maxHeap, Map<String, String> conf, String javaOptions) {
    long heap =
        conf.containsKey("spark.testing.memory")
            ? Long.parseLong(conf.get("spark.testing.memory").trim())
            : maxHeap;
    long minimum = minimumMemory(conf);
    if (heap < minimum) {
      java.util.regex.Matcher xmx =
          java.util.regex.Pattern.compile("(?<!\\S)-Xmx\\S+")
              .matcher(javaOptions == null ? "" : javaOptions);
      String overridingHeap = null;
      while (xmx.find()) {
        overridingHeap = xmx.group(); // the JVM takes the last
      }
      throw new InvalidConfigException(
          "The driver's heap is "
              + mebibytes(heap)
              + ", below the "
              + mebibytes(minimum)
              + " Spark needs to start (1.5 times the "
              + mebibytes(reservedMemory(conf))
              + " it reserves): "
              + (overridingHeap == null
                  ? "give the driver at least 512m with --driver-memory of submit.sh or"
                      + " spark-submit (or TRACEMINE_DRIVER_MEMORY for submit.sh)"
                  : "_JAVA_OPTIONS sets "
                      + overridingHeap
                      + ", which overrides --driver-memory: remove it from _JAVA_OPTIONS, or"
                      + " raise it to at least -Xmx512m"));
    }
  }

  static final String DRIVER_MEMORY = "spark.driver.memory";
  static final String EXECUTOR_MEMORY = "spark.executor.memory";

  /**
   * Settings read only when the driver's JVM is launched (its heap, options and class path) or by
   * spark-submit before it launches it (deploy mode, packages), each with spark-submit's option for
   * it; empty: {@code --conf}.
   */
  private static final Map<String, String> LAUNCH_ONLY =
      Map.ofEntries(
          Map.entry(DRIVER_MEMORY, "--driver-memory"),
          Map.entry("spark.driver.cores", ""),
          Map.entry("spark.driver.extraJavaOptions", "--driver-java-options"),
          Map.entry("spark.driver.defaultJavaOptions", ""),
          Map.entry("spark.driver.extraClassPath", "--driver-class-path"),
          Map.entry("spark.driver.defaultExtraClassPath", ""),
          Map.entry("spark.driver.extraLibraryPath", ""),
          Map.entry("spark.driver.memoryOverhead", ""),
          Map.entry("spark.driver.memoryOverheadFactor", ""),
          Map.entry("spark.driver.supervise", ""),
          Map.entry("spark.driver.userClassPathFirst", ""),
          Map.entry("spark.submit.deployMode", "--deploy-mode"),
          Map.entry("spark.jars.packages", "--packages"),
          Map.entry("spark.jars.repositories", ""),
          Map.entry("spark.jars.excludes", ""),
          Map.entry("spark.jars.ivy", ""),
          Map.entry("spark.jars.ivySettings", ""));

  /**
   * Why Spark's start refuses {@code value} of {@value #EXECUTOR_MEMORY}, or null: its memory
   * manager reads the value as bytes (a number without unit too, though Spark defines the key in
   * MiB) and demands {@link #minimumMemory}.
   */
  private static String executorMemoryProblem(String value) {
    long minimum = minimumMemory(Map.of());
    if (org.apache.spark.network.util.JavaUtils.byteStringAsBytes(value) >= minimum) {
      return null;
    }
    String trimmed = value.trim();
    return "it needs at least "
        + mebibytes(minimum)
        + " (1.5 times the "
        + mebibytes(reservedMemory(Map.of()))
        + " of heap it reserves)"
        + (trimmed.chars().allMatch(Character::isDigit)
            ? ", and its check reads a number without unit as bytes: write " + trimmed + "m"
            : "");
  }

  /**
   * The least memory Spark's memory manager ({@code UnifiedMemoryManager}) starts with: 1.5 times
   * what it reserves.
   */
  private static long minimumMemory(Map<String, String> conf) {
    return (long) Math.ceil(reservedMemory(conf) * 1.5);
  }

  /**
   * The heap Spark's memory manager reserves: 300 MiB, none under {@code spark.testing} (set as a
   * system property too), else {@code spark.testing.reservedMemory}.
   */
  private static long reservedMemory(Map<String, String> conf) {
    String reserved =
        conf.getOrDefault(
            "spark.testing.reservedMemory", System.getProperty("spark.testing.reservedMemory"));
    if (reserved != null) {
      return Long.parseLong(reserved.trim());
    }
    boolean testing =
        conf.containsKey("spark.testing") || System.getProperty("spark.testing") != null;
    return testing ? 0 : 300L << 20;
  }

  /** {@code bytes} in whole MiB, rounded down, as -Xmx writes them ({@code 450m}). */
  private static String mebibytes(long bytes) {
    return (bytes >> 20) + "m";
  }

  /** {@code key} as the user gave it: {@code --conf key}, or {@code 'spark.conf.key'}. */
  private static String named(String key, String origin) {
    return origin.startsWith("--") ? origin + key : "'" + origin + key + "'";
  }

  /** Key prefixes Spark passes on whole (to Hadoop, executors' environments, catalogs, …). */
  private static final List<String> PASSED_ON =
      List.of(
          "spark.hadoop.",
          "spark.hive.",
          "spark.executorEnv.",
          "spark.yarn.",
          "spark.kubernetes.",
          "spark.mesos.",
          "spark.sql.catalog.",
          "spark.sql.hive.",
          "spark.datasource.",
          "spark.driver.resource.",
          "spark.executor.resource.",
          "spark.metrics.conf.",
          "spark.ui.filters.",
          "spark.ssl.",
          "spark.authenticate.");

  /** Objects whose fields define Spark's settings; each registers them when first loaded. */
  private static final List<String> DEFINITIONS =
      List.of(
          "org.apache.spark.internal.config.package$",
          "org.apache.spark.internal.config.Deploy$",
          "org.apache.spark.internal.config.History$",
          "org.apache.spark.internal.config.Kryo$",
          "org.apache.spark.internal.config.Network$",
          "org.apache.spark.internal.config.Python$",
          "org.apache.spark.internal.config.R$",
          "org.apache.spark.internal.config.Status$",
          "org.apache.spark.internal.config.Streaming$",
          "org.apache.spark.internal.config.Tests$",
          "org.apache.spark.internal.config.UI$",
          "org.apache.spark.internal.config.Worker$",
          "org.apache.spark.sql.internal.SQLConf$",
          "org.apache.spark.sql.internal.StaticSQLConf$");

  private static volatile Set<String> knownKeys;

  /** Every key Spark defines on this classpath, with their alternative and deprecated names. */
  static Set<String> knownKeys() {
    if (knownKeys == null) {
      for (String definitions : DEFINITIONS) {
        try {
          Class.forName(definitions, true, SparkSettingsCheck.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
          // not on this classpath: its keys are unknown, so never taken for typos' targets
        }
      }
      Set<String> keys = new TreeSet<>();
      for (ConfigEntry<?> entry :
          org.apache.spark.internal.config.ConfigEntry$.MODULE$.knownConfigs().values()) {
        keys.add(entry.key());
        keys.addAll(scala.collection.JavaConverters.seqAsJavaList(entry.alternatives()));
      }
      keys.addAll(
          scala.collection.JavaConverters.setAsJavaSet(SQLConf.deprecatedSQLConfigs().keySet()));
      keys.addAll(
          scala.collection.JavaConverters.setAsJavaSet(SQLConf.removedSQLConfigs().keySet()));
      knownKeys = keys;
    }
    return knownKeys;
  }

  private static void requireNoTypo(String key, Set<String> known, String origin) {
    if (!key.startsWith("spark.") || known.contains(key)) {
      return;
    }
    for (String prefix : PASSED_ON) {
      if (key.startsWith(prefix)) {
        return;
      }
    }
    // Spark's keys are case-sensitive: one differing only in case is ignored, however far apart
    String meant = null;
    for (String candidate : known) {
      if (candidate.equalsIgnoreCase(key)) {
        meant = candidate;
      }
    }
    for (String prefix : PASSED_ON) {
      if (key.regionMatches(true, 0, prefix, 0, prefix.length())) {
        meant = prefix + key.substring(prefix.length());
      }
    }
    if (meant != null) {
      throw new InvalidConfigException(
          named(key, origin)
              + " is not a setting Spark knows (Spark's keys are case-sensitive: it would ignore"
              + " it): did you mean '"
              + (origin.startsWith("--") ? "" : origin)
              + meant
              + "'?");
    }
    int allowed = key.length() <= 12 ? 1 : 2;
    LevenshteinDistance distance = new LevenshteinDistance(allowed);
    String nearest = null;
    int best = allowed + 1;
    for (String candidate : known) {
      int d = distance.apply(key, candidate);
      if (d >= 0 && d < best) {
        best = d;
        nearest = candidate;
      }
    }
    if (nearest != null) {
      throw new InvalidConfigException(
          named(key, origin)
              + " is not a setting Spark knows (Spark would ignore it): did you mean '"
              + (origin.startsWith("--") ? "" : origin)
              + nearest
              + "'?");
    }
  }
}
