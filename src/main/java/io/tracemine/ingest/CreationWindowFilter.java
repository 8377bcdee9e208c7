package io.tracemine.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Applies a {@link CreationWindow} to raw posts ({@link RawPosts#SCHEMA}) in Spark. */
public final class CreationWindowFilter {
  private CreationWindowFilter() {}

  /** {@code raw} without the questions created outside {@code window}; unchanged when unbounded. */
  public static Dataset<Row> apply(Dataset<Row> raw, CreationWindow window) {
    return window.isAll() ? raw : raw.filter(keep(window));
  }

  /**
   * Keeps every row but the questions created outside the window: answers are selected through
   * their question, and rejected rows stay so that they are quarantined, not lost.
   */
  static Column keep(CreationWindow window) {
    Column created = col("CreationDate");
    Column dated = lit(true);
    if (window.since() != null) {
      dated = dated.and(created.geq(lit(Timestamp.from(window.since()))));
    }
    if (window.until() != null) {
      dated = dated.and(created.lt(lit(Timestamp.from(window.until()))));
    }
    Column question = coalesce(col("PostTypeId").equalTo(1), lit(false));
    return col(RawPosts.REJECT_REASON).isNotNull()
        .or(question.equalTo(false))
        .or(coalesce(dated, lit(false)));
  }
}
