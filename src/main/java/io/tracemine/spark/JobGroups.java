package io.tracemine.spark;

import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Names the Spark jobs of a stage in the Spark UI and event log: {@link #withJobGroup} saves the
 * thread's current job group, sets the stage's, runs the action that really executes (a write,
 * collect or count) and restores the previous group, so nested calls name their own jobs and leave
 * the enclosing stage's name in place. Modelled on Apache Iceberg's {@code JobGroupUtils}.
 */
public final class JobGroups {
  /** The local properties Spark reads for a job's group, as set by {@code setJobGroup}. */
  public static final String GROUP_ID = "spark.jobGroup.id";

  public static final String DESCRIPTION = "spark.job.description";
  static final String INTERRUPT_ON_CANCEL = "spark.job.interruptOnCancel";

  private JobGroups() {}

  /** Runs {@code action} with the jobs it starts in {@code group}, then restores the previous. */
  public static <T> T withJobGroup(
      SparkSession spark, String group, String description, Supplier<T> action) {
    SparkContext sc = spark.sparkContext();
    String previousGroup = sc.getLocalProperty(GROUP_ID);
    String previousDescription = sc.getLocalProperty(DESCRIPTION);
    String previousInterrupt = sc.getLocalProperty(INTERRUPT_ON_CANCEL);
    set(spark, group, description);
    try {
      return action.get();
    } finally {
      sc.setLocalProperty(GROUP_ID, previousGroup);
      sc.setLocalProperty(DESCRIPTION, previousDescription);
      sc.setLocalProperty(INTERRUPT_ON_CANCEL, previousInterrupt);
    }
  }

  /** {@link #withJobGroup(SparkSession, String, String, Supplier)} for an action without result. */
  public static void withJobGroup(
      SparkSession spark, String group, String description, Runnable action) {
    withJobGroup(
        spark,
        group,
        description,
        () -> {
          action.run();
          return null;
        });
  }

  /**
   * Sets the thread's job group until the next call (for the CLI, which names each stage of an
   * invocation as it begins; the stages nest their own groups inside with {@link #withJobGroup}).
   */
  public static void set(SparkSession spark, String group, String description) {
    spark.sparkContext().setJobGroup(group, description, false);
  }
}
