package io.tracemine.config;

import java.util.List;

/**
 * The settings of a run as a whole rather than of one stage: where the tables go and how Spark
 * starts. Spark settings in the {@value #SPARK_CONF_PREFIX} family pass through unchanged.
 */
public final class RunKeys {
  private RunKeys() {}

  public static final String OUTPUT_DIR = "output.dir";
  public static final String SPARK_MASTER = "spark.master";
  public static final String SPARK_APP_NAME = "spark.app-name";
  public static final String SPARK_CONF_PREFIX = "spark.conf.";

  public static final List<String> KEYS = List.of(OUTPUT_DIR, SPARK_MASTER, SPARK_APP_NAME);
}
