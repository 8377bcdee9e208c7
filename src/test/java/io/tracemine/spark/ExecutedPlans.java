package io.tracemine.spark;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.util.QueryExecutionListener;

/** The executed plans of the queries an action runs, for tests that check how Spark ran them. */
public final class ExecutedPlans {
  private ExecutedPlans() {}

  /** Runs {@code action}, adding the executed plan of every query it runs to {@code plans}. */
  public static <T> T of(SparkSession spark, List<String> plans, Supplier<T> action)
      throws TimeoutException {
    List<SparkPlan> executed = new CopyOnWriteArrayList<>();
    T result = physical(spark, executed, action);
    executed.forEach(plan -> plans.add(plan.toString()));
    return result;
  }

  /** {@link #of}, with the executed plans themselves (their metrics filled in). */
  public static <T> T physical(SparkSession spark, List<SparkPlan> plans, Supplier<T> action)
      throws TimeoutException {
    QueryExecutionListener listener =
        new QueryExecutionListener() {
          @Override
          public void onSuccess(String name, QueryExecution run, long nanos) {
            plans.add(run.executedPlan());
          }

          @Override
          public void onFailure(String name, QueryExecution run, Exception e) {}
        };
    spark.listenerManager().register(listener);
    try {
      T result = action.get();
      spark.sparkContext().listenerBus().waitUntilEmpty();
      return result;
    } finally {
      spark.listenerManager().unregister(listener);
    }
  }

  /**
   * Runs {@code action}, adding the name of every Spark stage it submits to {@code callSites} (its
   * call site, e.g. {@code collect at QuestionLookup.java:84}): the jobs of RDD actions, which no
   * query plan shows.
   */
  public static <T> T jobCallSites(SparkSession spark, List<String> callSites, Supplier<T> action)
      throws TimeoutException {
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
            callSites.add(submitted.stageInfo().name());
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try {
      T result = action.get();
      spark.sparkContext().listenerBus().waitUntilEmpty();
      return result;
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }
}
