package io.tracemine.spark;

import io.tracemine.InvalidConfigException;
import java.util.Map;
import org.apache.spark.internal.config.ConfigEntry;
import org.apache.spark.sql.internal.SQLConf;

/**
 * Checks Spark settings against Spark's own definitions before a session starts, so that a value
 * Spark cannot use fails naming its key (exit 2) instead of failing the session's start with a
 * stack trace that names only the value. Keys Spark does not define are left to Spark.
 */
public final class SparkSettingsCheck {
  private SparkSettingsCheck() {}

  /**
   * Fails on the first value of {@code settings} that Spark's definition of its key rejects; {@code
   * origin} prefixes the key in the message ({@code spark.conf.} for TraceMine's settings).
   */
  public static void check(Map<String, String> settings, String origin) {
    SQLConf.get(); // defines the spark.sql.* settings
    settings.forEach(
        (key, value) -> {
          ConfigEntry<?> entry = ConfigEntry.findEntry(key);
          if (entry == null) {
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

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid value";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
