package io.tracemine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.tracemine.spark.MonthPartitions;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * A dated run's posts whose Id the {@code posts} table already holds in a month the run keeps (from
 * the run of another window): the same Id twice in a dump, with two creation dates, or an answer
 * moved to a question of another window. The run quarantines its own copy as a {@value
 * DuplicateIds#REASON}, so {@code posts} never holds an Id twice.
 */
public final class StoredCopies {
  static final String DETAIL =
      "already in 'posts' (creation_month=%s) from the run of another window; rerun that window,"
          + " or ingest without --since/--until, to take this copy";

  private static final String STORED_ID = "_stored_id";
  private static final String STORED_MONTH = "_stored_month";

  private StoredCopies() {}

  /**
   * The Ids of {@code dated} (a run's posts, with their month) that {@code kept} (the stored posts
   * the run leaves in place, with their month) also holds: {@code Id} and the first {@code month}
   * it is stored in.
   */
  public static Dataset<Row> collisions(Dataset<Row> dated, Dataset<Row> kept) {
    return dated
        .select(col("Id"))
        .join(
            kept.select(col("Id").as(STORED_ID), col(MonthPartitions.COLUMN).as(STORED_MONTH)),
            col("Id").equalTo(col(STORED_ID)))
        .groupBy(col("Id"))
        .agg(min(col(STORED_MONTH)).as(STORED_MONTH));
  }

  /**
   * {@code raw} ({@link RawPosts#SCHEMA}) with every row of an Id in {@code collisions} that is not
   * rejected already rejected as a {@value DuplicateIds#REASON}, naming the month that holds it.
   */
  public static Dataset<Row> rejected(Dataset<Row> raw, Dataset<Row> collisions) {
    if (raw == null) {
      return null;
    }
    Dataset<Row> joined =
        raw.join(
            functions.broadcast(collisions.withColumnRenamed("Id", STORED_ID)),
            col("Id").equalTo(col(STORED_ID)),
            "left_outer");
    Column stored = col(STORED_ID).isNotNull().and(col(RawPosts.REJECT_REASON).isNull());
    Column detail =
        concat(
            lit(DETAIL.substring(0, DETAIL.indexOf("%s"))),
            col(STORED_MONTH),
            lit(DETAIL.substring(DETAIL.indexOf("%s") + 2)));
    Column[] columns =
        Arrays.stream(raw.columns())
            .map(
                c ->
                    switch (c) {
                      case RawPosts.REJECT_REASON ->
                          when(stored, lit(DuplicateIds.REASON)).otherwise(col(c)).as(c);
                      case RawPosts.REJECT_DETAIL -> when(stored, detail).otherwise(col(c)).as(c);
                      default -> col(c);
                    })
            .toArray(Column[]::new);
    return joined.select(columns);
  }
}
