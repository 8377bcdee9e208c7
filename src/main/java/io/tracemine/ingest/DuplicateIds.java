package io.tracemine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.tracemine.spark.Schemas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

/**
 * Keeps one accepted row per {@code Id} (of a post, or of a PostLinks row) and rejects the other
 * copies as {@value #REASON}.
 *
 * <p>Only rows without a reject reason compete (a well-formed copy always wins over a malformed
 * one, which is rejected for its own reason anyway). Among them the kept row is the smallest in a
 * total order over the row's content: every {@link Schemas#SOTORRENT_POSTS} (or {@link
 * Schemas#SOTORRENT_POSTLINKS}) column in schema order, ascending, nulls first. The choice
 * therefore depends only on the set of copies, never on input order or partitioning; copies
 * identical in content are interchangeable. Each rejected copy's detail says whether it was
 * identical to the kept row or which columns differ.
 *
 * <p>Cost: one aggregation over the Ids; rows of duplicated Ids only are then shuffled and sorted.
 * Without duplicates the input is returned unchanged.
 */
final class DuplicateIds {
  static final String REASON = "duplicate Id";
  static final String IDENTICAL = "identical to the kept copy";
  private static final String DUP_ID = "_dup_id";
  private static final String RANK = "_copy_rank";
  private static final String KEPT = "_kept";

  /** Duplicated Ids up to this many are broadcast to find their rows without a shuffle. */
  private static final long BROADCAST_IDS = 2_000_000;

  private DuplicateIds() {}

  /** The Ids that more than one accepted row carries. */
  static Dataset<Row> duplicatedIds(Dataset<Row> raw) {
    // counted, not filtered: Spark pushes a filter below the projection that computes the reason,
    // inlining it into the filter, and the reason's checks (UTF-8, year) ran again there per row
    return raw.groupBy("Id")
        .agg(functions.count(when(col(RawPosts.REJECT_REASON).isNull(), lit(1))).as("count"))
        .filter(col("count").gt(1))
        .select(col("Id").as(DUP_ID));
  }

  /**
   * One row per {@code Id} of {@code raw} that more than one accepted row carries or a row rejected
   * for one of {@code reasons}: the Id, {@value #ACCEPTED} (its accepted rows) and {@value
   * #REJECTED_FOR} (its rows rejected for those reasons). One aggregation of numbers over the Ids:
   * the duplicated Ids ({@link #duplicatedIdsOf}) and those rejects together.
   */
  static Dataset<Row> census(Dataset<Row> raw, String... reasons) {
    Column reason = col(RawPosts.REJECT_REASON);
    return raw.groupBy("Id")
        .agg(
            functions.count(when(reason.isNull(), lit(1))).as(ACCEPTED),
            functions.count(when(reason.isin((Object[]) reasons), lit(1))).as(REJECTED_FOR))
        .filter(col(ACCEPTED).gt(1).or(col(REJECTED_FOR).gt(0)));
  }

  /** The rows of a {@link #census} that count an accepted row. */
  static final String ACCEPTED = "_accepted";

  /** The rows of a {@link #census} that count a row rejected for one of its reasons. */
  static final String REJECTED_FOR = "_rejected_for";

  /** The duplicated Ids of a {@link #census}: the same rows as {@link #duplicatedIds}. */
  static Dataset<Row> duplicatedIdsOf(Dataset<Row> census) {
    return census.filter(col(ACCEPTED).gt(1)).select(col("Id").as(DUP_ID));
  }

  /** {@code raw} posts with every accepted copy but one of each duplicated Id rejected. */
  static Dataset<Row> rejectExtraCopies(Dataset<Row> raw, Dataset<Row> duplicatedIds, long count) {
    return rejectExtraCopies(
        raw,
        duplicatedIds,
        count,
        Schemas.SOTORRENT_POSTS.fieldNames(),
        RawPosts.SCHEMA.fieldNames());
  }

  /**
   * {@code raw} rows (an {@code Id}, the {@code content} columns and the reject reason and detail
   * columns) with every accepted copy but one of each duplicated Id rejected, as the {@code output}
   * columns.
   */
  static Dataset<Row> rejectExtraCopies(
      Dataset<Row> raw, Dataset<Row> duplicatedIds, long count, String[] content, String[] output) {
    Dataset<Row> ids = count <= BROADCAST_IDS ? functions.broadcast(duplicatedIds) : duplicatedIds;
    Dataset<Row> joined = raw.join(ids, col("Id").equalTo(col(DUP_ID)), "left_outer");
    Column competing = col(DUP_ID).isNotNull().and(col(RawPosts.REJECT_REASON).isNull());
    Column[] rawColumns = Arrays.stream(output).map(functions::col).toArray(Column[]::new);
    Dataset<Row> others = joined.filter(functions.not(competing)).select(rawColumns);

    Column[] order =
        Arrays.stream(content).map(c -> col(c).asc_nulls_first()).toArray(Column[]::new);
    WindowSpec byId = Window.partitionBy(col("Id")).orderBy(order);
    Column keptRow =
        functions.struct(Arrays.stream(content).map(functions::col).toArray(Column[]::new));
    Dataset<Row> copies =
        joined
            .filter(competing)
            .withColumn(RANK, row_number().over(byId))
            .withColumn(KEPT, functions.first(keptRow).over(byId));
    List<Column> differences = new ArrayList<>();
    for (String c : content) {
      differences.add(when(functions.not(col(c).eqNullSafe(col(KEPT + "." + c))), lit(c)));
    }
    Column differing = concat_ws(", ", differences.toArray(Column[]::new));
    Column detail =
        when(differing.equalTo(""), lit(IDENTICAL))
            .otherwise(functions.concat(lit("differs from the kept copy in: "), differing));
    Column isExtra = col(RANK).gt(1);
    Dataset<Row> marked =
        copies
            .withColumn(RawPosts.REJECT_DETAIL, when(isExtra, detail).otherwise(lit(null)))
            .withColumn(RawPosts.REJECT_REASON, when(isExtra, lit(REASON)).otherwise(lit(null)))
            .select(rawColumns);
    return others.unionByName(marked);
  }
}
