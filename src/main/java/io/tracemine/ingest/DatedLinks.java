package io.tracemine.ingest;

import static org.apache.spark.sql.functions.col;

import io.tracemine.spark.Schemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code duplicate_links} table of a dated run. A dated run reads the links of its window's
 * questions only, so writing them alone would lose every other run's links. Its table keeps the
 * stored links of the questions it keeps (created outside the window, as {@link
 * DatedPosts#outsideWindow}), adds its own, and decides {@code original_selected} against every
 * question kept or added: an original asked in an earlier window is selected too.
 */
public final class DatedLinks {
  private static final String QUESTION = "_question";

  private DatedLinks() {}

  /**
   * @param windowLinks this run's links ({@link Schemas#DUPLICATE_LINKS})
   * @param windowPosts this run's posts ({@link Schemas#POSTS})
   * @param storedLinks the stored {@code duplicate_links} table
   * @param storedPosts the stored {@code posts} table, before this run replaces its months
   */
  public static Dataset<Row> merged(
      SparkSession spark,
      Dataset<Row> windowLinks,
      Dataset<Row> windowPosts,
      Dataset<Row> storedLinks,
      Dataset<Row> storedPosts,
      CreationWindow window) {
    Dataset<Row> keptQuestions = questionIds(DatedPosts.outsideWindow(storedPosts, window));
    Dataset<Row> keptLinks =
        storedLinks.join(keptQuestions, col("question_id").equalTo(col(QUESTION)), "left_semi");
    Dataset<Row> selected = keptQuestions.unionByName(questionIds(windowPosts)).distinct();
    Dataset<Row> links =
        keptLinks
            .select("question_id", "original_id", "link_date")
            .unionByName(windowLinks.select("question_id", "original_id", "link_date"))
            .join(selected, col("original_id").equalTo(col(QUESTION)), "left_outer")
            .select(
                col("question_id"),
                col("original_id"),
                col("link_date"),
                col(QUESTION).isNotNull().as("original_selected"))
            .orderBy("question_id", "original_id");
    return spark.createDataFrame(links.rdd(), Schemas.DUPLICATE_LINKS);
  }

  private static Dataset<Row> questionIds(Dataset<Row> posts) {
    return posts.filter(col("PostTypeId").equalTo(1)).select(col("Id").as(QUESTION)).distinct();
  }
}
