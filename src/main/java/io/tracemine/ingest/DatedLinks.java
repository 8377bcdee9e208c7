package io.tracemine.ingest;

import static org.apache.spark.sql.functions.col;

import io.tracemine.spark.Schemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code duplicate_links} table of a dated run. A dated run reads the links of its window's
 * questions only, so writing them alone would lose every other run's links. Its table keeps the
 * stored links of the questions it keeps (created outside the window, as {@link
 * DatedPosts#outsideWindow}), adds its own, and decides {@code original_selected} against every
 * question kept or added: an original asked in an earlier window is selected too.
 */
public final class DatedLinks {
  private DatedLinks() {}

  /**
   * @param windowLinks this run's links ({@link Schemas#DUPLICATE_LINKS})
   * @param windowPosts this run's posts ({@link Schemas#POSTS})
   * @param storedLinks the stored {@code duplicate_links} table
   * @param storedPosts the stored {@code posts} table, before this run replaces its months
   */
  public static Dataset<Row> merged(
      Dataset<Row> windowLinks,
      Dataset<Row> windowPosts,
      Dataset<Row> storedLinks,
      Dataset<Row> storedPosts,
      CreationWindow window) {
    Dataset<Row> keptQuestions =
        DuplicateLinks.questionIds(DatedPosts.outsideWindow(storedPosts, window));
    String[] linkColumns = {"question_id", "original_id", "link_date"};
    Dataset<Row> links =
        storedLinks
            .join(
                keptQuestions,
                col("question_id").equalTo(col(DuplicateLinks.QUESTION)),
                "left_semi")
            .selectExpr(linkColumns)
            .unionByName(windowLinks.selectExpr(linkColumns));
    Dataset<Row> selected =
        keptQuestions.unionByName(DuplicateLinks.questionIds(windowPosts)).distinct();
    return DuplicateLinks.table(links, selected);
  }
}
