package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Checks a month-clustered dataset as the partitioned writers receive it: every partition ordered
 * by {@link MonthPartitions#COLUMN} and then the given columns (so each month is written as one
 * ordered file per partition), and the same rows as an oracle regardless of partitioning.
 */
public final class MonthClustered {
  private MonthClustered() {}

  /** Orders rows by the month, then by each of {@code columns} (nulls first). */
  public static Comparator<Row> order(String... columns) {
    Comparator<Row> order = Comparator.comparing(r -> r.<String>getAs(MonthPartitions.COLUMN));
    for (String c : columns) {
      order =
          order.thenComparing(
              r -> (Comparable<Object>) r.getAs(c),
              Comparator.nullsFirst(Comparator.naturalOrder()));
    }
    return order;
  }

  /**
   * Asserts that every partition of {@code dated} is ordered by {@code order} and that its rows,
   * sorted by {@code order}, are those of {@code oracle} sorted the same way; returns the rows.
   */
  public static List<Row> assertClusteredLike(
      Dataset<Row> dated, List<Row> oracle, Comparator<Row> order) {
    List<List<Row>> partitions = dated.javaRDD().glom().collect();
    List<Row> all = new ArrayList<>();
    for (List<Row> partition : partitions) {
      assertThat(partition).isSortedAccordingTo(order);
      all.addAll(partition);
    }
    List<Row> expected = new ArrayList<>(oracle);
    expected.sort(order);
    all.sort(order);
    assertThat(all).isNotEmpty().isEqualTo(expected);
    return all;
  }
}
