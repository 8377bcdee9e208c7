package io.tracemine.spark;

import io.tracemine.InvalidConfigException;
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
 * silently: refused, naming the key it is close to. Other keys Spark does not define are left to
 * Spark (connectors' and plugins' keys, {@code spark.hadoop.*} and the other prefixes Spark passes
 * on, a newer Spark's keys).
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
          try {
            entry.valueConverter().apply(value);
          } catch (RuntimeException e) {
            throw new InvalidConfigException(
                (origin.startsWith("--") ? origin + key : "'" + origin + key + "'")
                    + " is set to '"
                    + value
                    + "', which Spark cannot use: "
                    + firstLine(e.getMessage()));
          }
        });
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
          (origin.startsWith("--") ? origin + key : "'" + origin + key + "'")
              + " is not a setting Spark knows (Spark would ignore it): did you mean '"
              + (origin.startsWith("--") ? "" : origin)
              + nearest
              + "'?");
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid value";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
