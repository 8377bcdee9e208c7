package io.tracemine.spark;

import io.tracemine.config.RunKeys;
import io.tracemine.config.Settings;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the job's SparkSession from settings, without overriding what spark-submit decided. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * A session whose master is the one spark-submit set, else {@code spark.master} from settings;
   * every {@code spark.conf.*} setting is applied unless spark-submit already set that key.
   */
  public static SparkSession create(Settings settings, boolean verbose) {
    SparkConf submitted = new SparkConf();
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
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel(verbose ? "INFO" : "WARN");
    return spark;
  }
}
