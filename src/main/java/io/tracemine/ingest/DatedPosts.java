package io.tracemine.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.tracemine.spark.MonthPartitions;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code posts} table by creation month ({@link MonthPartitions}): an answer is stored in the
 * month of its question, so a question and its answers are always replaced together.
 */
public final class DatedPosts {
  private static final String KEY = "_question_key";
  private static final String QUESTION_DATE = "_question_date";

  private DatedPosts() {}

  /**
   * {@code posts} ({@code Schemas.POSTS}, each answer's question present) with the column {@link
   * MonthPartitions#COLUMN}, partitioned by it and ordered by {@code Id} within each month.
   */
  public static Dataset<Row> withMonth(Dataset<Row> posts) {
    return withQuestionDate(posts)
        .withColumn(MonthPartitions.COLUMN, MonthPartitions.monthOf(col(QUESTION_DATE)))
        .drop(KEY, QUESTION_DATE)
        .repartition(col(MonthPartitions.COLUMN))
        .sortWithinPartitions(MonthPartitions.COLUMN, "Id");
  }

  /**
   * The posts of stored partitions (with their month column) that a dated run over {@code window}
   * keeps: those whose question was created outside the window.
   */
  public static Dataset<Row> outsideWindow(Dataset<Row> stored, CreationWindow window) {
    return withQuestionDate(stored)
        .filter(
            not(coalesce(CreationWindowFilter.contains(window, col(QUESTION_DATE)), lit(false))))
        .drop(KEY, QUESTION_DATE);
  }

  /**
   * The months a dated run replaces: the months of its new posts and the stored months that overlap
   * its window.
   */
  public static Set<String> replacedMonths(
      Set<String> newMonths, Set<String> storedMonths, CreationWindow window) {
    Set<String> months = new TreeSet<>(newMonths);
    storedMonths.stream().filter(window::overlapsMonth).forEach(months::add);
    return months;
  }

  /** Each post with the creation date of its question (its own for a question). */
  private static Dataset<Row> withQuestionDate(Dataset<Row> posts) {
    Column key = when(col("PostTypeId").equalTo(1), col("Id")).otherwise(col("ParentId"));
    Dataset<Row> questions =
        posts
            .filter(col("PostTypeId").equalTo(1))
            .select(col("Id").as(KEY), col("CreationDate").as(QUESTION_DATE));
    return posts.join(questions, key.equalTo(col(KEY)), "left");
  }
}
