package io.tracemine.mine;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The mine stage's tables, all backed by one persisted mining pass ({@code mined}); call {@link
 * #unpersist()} when they are written. Rows are ordered within each (library, bucket): see
 * docs/MINING.md.
 *
 * @param storedPatterns {@code Schemas.PATTERNS_STORED}, written as the {@code patterns} table
 * @param items {@code Schemas.PATTERN_ITEMS}, written as the {@code pattern_items} table
 * @param patternTraces {@code Schemas.PATTERN_TRACES} as stored, one row per pattern; read it with
 *     {@link PatternTraces}
 * @param mined the compact mining result the tables are projections of
 * @param input the input as read once for the census and the route (cached too)
 * @param jobDescription names the Spark jobs that write the tables (they run the mining): use with
 *     {@code JobGroups.withJobGroup(spark, "MINE", jobDescription, …)}
 */
public record MineResult(
    Dataset<Row> storedPatterns,
    Dataset<Row> items,
    Dataset<Row> patternTraces,
    JavaRDD<MinedGroup> mined,
    JavaRDD<?> input,
    String jobDescription) {

  /**
   * {@code Schemas.PATTERNS}, the view every consumer reads ({@link Patterns#view}), derived from
   * the stored patterns and the item table on each call (it collects the item table).
   */
  public Dataset<Row> patterns() {
    return Patterns.view(storedPatterns, items, "patterns");
  }

  /** Frees the cached mining result and input. */
  public void unpersist() {
    mined.unpersist(false);
    input.unpersist(false);
  }
}
