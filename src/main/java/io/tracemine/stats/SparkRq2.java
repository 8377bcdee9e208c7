package io.tracemine.stats;

import static io.tracemine.stats.Rq1Tables.ALL;
import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The RQ2 tables that read traces and pattern-trace links, computed with Spark aggregations, so the
 * driver holds a few rows per library (Table 6) or nothing (Fig. 6, returned as a Dataset) whatever
 * the number of traces. Same definitions and values as {@link Rq2Tables}, the oracle ({@code
 * SparkRq2Test}): distinct counts with {@code countDistinct} (exact); Fig. 6's running union of
 * covered questions as, per question, the rank of the first pattern (support desc, pattern_id) that
 * covers it, counted per rank and summed in rank order.
 */
final class SparkRq2 {
  private SparkRq2() {}

  /** PATTERN_TRACES as one row per link: library, pattern_id, trace_id, question_id. */
  static Dataset<Row> links(Dataset<Row> patternTraces) {
    return patternTraces
        .select(
            col("library"),
            col("pattern_id"),
            explode(arrays_zip(col("trace_ids"), col("question_ids"))).as("link"))
        .select(
            col("library"),
            col("pattern_id"),
            col("link.trace_ids").as("trace_id"),
            col("link.question_ids").cast("long").as("question_id"));
  }

  /** The links whose (library, pattern_id) names a row of {@code patterns}. */
  static Dataset<Row> validLinks(Dataset<Row> patterns, Dataset<Row> patternTraces) {
    return links(patternTraces)
        .join(
            patterns.select("library", "pattern_id"),
            new String[] {"library", "pattern_id"},
            "left_semi");
  }

  /** Support under each pattern's own measure (as {@link PatternFacts#support()}). */
  static Column support() {
    Column measure = col("support_measure");
    return when(measure.equalTo("traces"), col("trace_support"))
        .when(measure.equalTo("questions"), col("question_support"))
        .when(measure.equalTo("occurrences"), col("occurrence_support"))
        .cast("long");
  }

  /** Table 6 as {@link Rq2Tables#coverage}; {@code minsup1} may be null. */
  static Table coverage(
      Dataset<Row> patterns,
      Dataset<Row> patternTraces,
      Dataset<Row> traces,
      Dataset<Row> minsup1) {
    Dataset<Row> instances =
        traces.select(col("library"), col("trace_id"), col("question_id").cast("long"));
    Dataset<Row> covered = validLinks(patterns, patternTraces);
    Map<String, long[]> withInstance = distinctCounts(instances);
    Map<String, long[]> coveredBy = distinctCounts(covered);
    Map<String, Long> patternCount = countByLibrary(patterns);
    Map<String, Long> minsup1Count = minsup1 == null ? null : countByLibrary(minsup1);
    Set<String> libraries = new TreeSet<>(patternCount.keySet());
    libraries.addAll(withInstance.keySet());
    libraries.remove(ALL);
    List<String> order = new ArrayList<>(libraries);
    order.add(ALL);
    Table.Builder t = Rq2Tables.coverageColumns();
    long[] none = {0, 0};
    for (String lib : order) {
      long[] base = withInstance.getOrDefault(lib, none);
      long[] hit = coveredBy.getOrDefault(lib, none);
      long p = patternCount.getOrDefault(lib, 0L);
      Long p1 = minsup1Count == null ? null : minsup1Count.getOrDefault(lib, 0L);
      t.row(
          lib,
          base[0],
          hit[0],
          Rq1Tables.pct(hit[0], base[0]),
          base[1],
          hit[1],
          Rq1Tables.pct(hit[1], base[1]),
          p,
          p1,
          p1 == null ? null : Rq1Tables.pct(p, p1));
    }
    return t.build();
  }

  /**
   * Per library and for {@value Rq1Tables#ALL}: distinct question ids and distinct trace ids of
   * rows (library, trace_id, question_id). The key {@value Rq1Tables#ALL} is always present.
   */
  private static Map<String, long[]> distinctCounts(Dataset<Row> rows) {
    Map<String, long[]> out = new TreeMap<>();
    Column[] distinct = {countDistinct(col("question_id")), countDistinct(col("trace_id"))};
    for (Row r : rows.groupBy("library").agg(distinct[0], distinct[1]).collectAsList()) {
      out.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
    }
    Row all = rows.agg(distinct[0], distinct[1]).first();
    out.put(ALL, new long[] {all.getLong(0), all.getLong(1)});
    return out;
  }

  /** Rows per library, and under {@value Rq1Tables#ALL} all rows. */
  private static Map<String, Long> countByLibrary(Dataset<Row> patterns) {
    Map<String, Long> out = new TreeMap<>();
    long total = 0;
    for (Row r : patterns.groupBy("library").agg(count(lit(1))).collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
      total += r.getLong(1);
    }
    out.put(ALL, total);
    return out;
  }

  /**
   * Fig. 6 as {@link Rq2Tables#topKCoverage}, as a Dataset ordered by library and k (its schema is
   * that of the driver's table).
   */
  static Dataset<Row> topKCoverage(
      SparkSession spark, Dataset<Row> patterns, Dataset<Row> patternTraces, Dataset<Row> traces) {
    WindowSpec library = Window.partitionBy("library");
    Dataset<Row> ranked =
        patterns
            .select(col("library"), col("pattern_id"), support().as("support"))
            .withColumn(
                "k",
                row_number()
                    .over(library.orderBy(col("support").desc(), col("pattern_id").asc()))
                    .cast("long"))
            .withColumn("n", count(lit(1)).over(library));
    Dataset<Row> firstRank =
        validLinks(patterns, patternTraces)
            .select("library", "pattern_id", "question_id")
            .join(
                ranked.select("library", "pattern_id", "k"), new String[] {"library", "pattern_id"})
            .groupBy("library", "question_id")
            .agg(min("k").as("k"))
            .groupBy("library", "k")
            .agg(count(lit(1)).as("first_covered"));
    Dataset<Row> base = traces.groupBy("library").agg(countDistinct(col("question_id")).as("base"));
    WindowSpec upToK =
        library.orderBy("k").rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Column coveredSoFar = sum(coalesce(col("first_covered"), lit(0L))).over(upToK);
    Column baseCount = coalesce(col("base"), lit(0L));
    StructType schema = StatsSchemas.of(Rq2Tables.topKColumns().build());
    Dataset<Row> rows =
        ranked
            .join(firstRank, new String[] {"library", "k"}, "left")
            .join(base, new String[] {"library"}, "left")
            .withColumn("questions_covered", coveredSoFar)
            .select(
                col("library"),
                col("k"),
                col("pattern_id"),
                col("support"),
                percent(col("k"), col("n")).as("patterns_pct"),
                col("questions_covered"),
                percent(col("questions_covered"), baseCount).as("questions_covered_pct"))
            .orderBy("library", "k");
    // the driver table's schema: every column nullable (the sorted partitions keep their order)
    return spark.createDataFrame(rows.javaRDD(), schema);
  }

  /** {@link Rq1Tables#pct} as a column: null when whole is 0, else 100.0 * part / whole. */
  private static Column percent(Column part, Column whole) {
    Column value =
        lit(100.0)
            .multiply(part.cast(DataTypes.DoubleType))
            .divide(whole.cast(DataTypes.DoubleType));
    return when(whole.notEqual(0), value);
  }
}
