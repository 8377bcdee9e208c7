package io.tracemine.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tracemine.spark.SparkTimestamps;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** Applies a {@link CreationWindow} to raw posts ({@link RawPosts#SCHEMA}) in Spark. */
public final class CreationWindowFilter {
  private CreationWindowFilter() {}

  /** {@code raw} without the questions created outside {@code window}; unchanged when unbounded. */
  public static Dataset<Row> apply(Dataset<Row> raw, CreationWindow window) {
    return window.isAll() ? raw : raw.filter(keep(window));
  }

  /** The rows {@link #apply} leaves out: questions created outside {@code window}. */
  public static Dataset<Row> outside(Dataset<Row> raw, CreationWindow window) {
    return window.isAll()
        ? raw.limit(0)
        : raw.filter(org.apache.spark.sql.functions.not(keep(window)));
  }

  /**
   * The rows {@link #apply} leaves out, counted in one pass from those rows: the questions created
   * outside {@code window} (long 0) and the questions without a {@code CreationDate} (long 1),
   * which no window holds (an unbounded run keeps them, in {@code creation_month=none}).
   */
  public static Row outsideCounts(Dataset<Row> raw, CreationWindow window) {
    Column undated = col("CreationDate").isNull();
    return outside(raw, window)
        .agg(
            count(when(functions.not(undated), lit(1))).as("dated"),
            count(when(undated, lit(1))).as("undated"))
        .first();
  }

  /** Whether a timestamp is in the window (null for a null timestamp of a bounded window). */
  public static Column contains(CreationWindow window, Column created) {
    Column dated = lit(true);
    if (window.since() != null) {
      dated = dated.and(created.geq(lit(SparkTimestamps.of(window.since()))));
    }
    if (window.until() != null) {
      dated = dated.and(created.lt(lit(SparkTimestamps.of(window.until()))));
    }
    return dated;
  }

  /**
   * Keeps every row but the questions created outside the window: answers are selected through
   * their question, and rejected rows stay so that they are quarantined, not lost.
   */
  static Column keep(CreationWindow window) {
    Column dated = contains(window, col("CreationDate"));
    Column question = coalesce(col("PostTypeId").equalTo(1), lit(false));
    return col(RawPosts.REJECT_REASON)
        .isNotNull()
        .or(question.equalTo(false))
        .or(coalesce(dated, lit(false)));
  }
}
