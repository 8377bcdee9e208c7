package io.tracemine.stats;

import static io.tracemine.stats.Rq1Tables.ALL;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.tracemine.spark.LazyIterators;
import io.tracemine.stats.math.MannWhitney;
import io.tracemine.stats.math.ProportionZTest;
import io.tracemine.stats.math.RankSums;
import io.tracemine.stats.math.Significance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Tables 1-5 of {@link Rq1Tables} computed with Spark aggregations, so the driver holds a few rows
 * per library and comparison whatever the number of questions. Same definitions and same values as
 * the driver code, which is the oracle ({@code SparkRq1Test}):
 *
 * <ul>
 *   <li>Mann-Whitney U from its sufficient statistics ({@link MannWhitney#fromRankSum}): per
 *       library and comparison, the pooled values are counted per distinct value (a Spark
 *       aggregation); one sorted pass per library and comparison ({@link RankSums}, on an executor)
 *       gives each value's average rank {@code before + (t + 1) / 2}, twice the rank sum of the
 *       trace group as a long and the tie term {@code sum(t^3 - t)} (both exact); exact p needs
 *       only the two sizes and U.
 *   <li>Medians exactly (NumPy's): the same pass locates the value(s) at positions {@code (n-1)/2}
 *       and {@code n/2} of each group.
 *   <li>{@code all}: each question once, with the row of its alphabetically first library.
 * </ul>
 */
final class SparkRq1 {
  private static final String NORMAL_OS = "tracemine_normal_os";
  private static final List<String> OS_VALUES = List.of("unix", "windows", "mixed", "none");

  /** One Mann-Whitney comparison: its table, column prefix, groups and value. */
  private record Comparison(
      String table, String prefix, Column trace, Column noTrace, Column value) {}

  /** One row per (library, comparison) of {@link #rankSums}. */
  private static final StructType RANK_SUMS =
      new StructType()
          .add("library", DataTypes.StringType, false)
          .add("cmp", DataTypes.IntegerType, false)
          .add("n1", DataTypes.LongType, false)
          .add("n2", DataTypes.LongType, false)
          .add("twice_r1", DataTypes.LongType, false)
          .add("tie", DataTypes.DoubleType, false)
          .add("lo1", DataTypes.DoubleType, true)
          .add("hi1", DataTypes.DoubleType, true)
          .add("lo2", DataTypes.DoubleType, true)
          .add("hi2", DataTypes.DoubleType, true);

  private SparkRq1() {}

  /** table1_population ... table5_instances from QUESTIONS and TRACES (the documented columns). */
  static List<Table> tables(SparkSession spark, Dataset<Row> questions, Dataset<Row> traces) {
    return tables(spark, questions, SparkRq2.traceCounts(traces, null, null));
  }

  /**
   * table1_population ... table5_instances from QUESTIONS and the trace counts of {@link
   * SparkRq2#traceCounts}: one Spark query (the per-library counts ride along the rank sums as
   * comparisons of a constant value, whose group-1 size is the count).
   */
  static List<Table> tables(
      SparkSession spark, Dataset<Row> questions, SparkRq2.TraceCounts traceCounts) {
    spark
        .udf()
        .register(NORMAL_OS, (UDF1<String, String>) SparkRq1::normalOs, DataTypes.StringType);
    Dataset<Row> facts = withAll(facts(questions));
    List<Comparison> comparisons = comparisons();
    Map<String, Row> ranks = new HashMap<>();
    for (Row r : rankSums(facts, comparisons, countFlags()).collectAsList()) {
      ranks.put(r.getAs("library") + "\u0000" + r.<Integer>getAs("cmp"), r);
    }
    Map<String, Map<String, Long>> counts = counts(ranks, comparisons.size());
    List<String> libraries = new ArrayList<>(counts.keySet());
    libraries.remove(ALL);
    if (counts.containsKey(ALL)) {
      libraries.add(ALL);
    }
    List<Table> out = new ArrayList<>();
    out.add(population(libraries, counts));
    out.add(compared("table2_lengths", libraries, comparisons, ranks));
    out.add(compared("table3_popularity", libraries, comparisons, ranks));
    out.add(answers(libraries, comparisons, ranks, counts));
    out.add(instances(counts, traceCounts));
    return out;
  }

  /**
   * The question columns as the driver reads them (QuestionFacts): null flags false, null counts 0.
   */
  private static Dataset<Row> facts(Dataset<Row> questions) {
    return questions.select(
        col("question_id").cast("long").as("question_id"),
        col("library"),
        coalesce(col("word_count").cast("int"), lit(0)).as("word_count"),
        coalesce(col("has_code"), lit(false)).as("has_code"),
        coalesce(col("code_lines").cast("int"), lit(0)).as("code_lines"),
        coalesce(col("trace_code_lines").cast("int"), lit(0)).as("trace_code_lines"),
        coalesce(col("has_trace"), lit(false)).as("has_trace"),
        callUDF(NORMAL_OS, col("os")).as("os"),
        col("score").cast("int").as("score"),
        col("views").cast("long").as("views"),
        col("comments").cast("int").as("comments"),
        col("answer_count").cast("int").as("answer_count"),
        col("hours_to_first_answer").cast("double").as("hours_to_first_answer"),
        col("hours_to_accepted_answer").cast("double").as("hours_to_accepted_answer"),
        coalesce(col("has_accepted_answer"), lit(false)).as("has_accepted_answer"));
  }

  /**
   * Adds the {@code all} rows: each question once, as in its alphabetically first library (the
   * smallest of its rows in column order, as {@code min(struct(...))} per question, nulls first).
   * One shuffle by question id and one sorted pass ({@link FirstRowOfEachQuestion}), not a sort
   * aggregation of whole rows on both sides of the shuffle.
   */
  static Dataset<Row> withAll(Dataset<Row> facts) {
    List<Column> order = new ArrayList<>();
    for (String c : facts.columns()) {
      order.add(col(c).asc_nulls_first());
    }
    Dataset<Row> all =
        facts
            .repartition(col("question_id"))
            .sortWithinPartitions(order.toArray(Column[]::new))
            .mapPartitions(new FirstRowOfEachQuestion(), Encoders.row(facts.schema()))
            .withColumn("library", lit(ALL));
    return facts.unionByName(all);
  }

  /**
   * Rows whose first column is the question id, those of each question id in one partition and
   * sorted, to the first row of each question id (null ids equal). Streams: one id of look-behind.
   */
  static final class FirstRowOfEachQuestion implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      Object[] previous = {null};
      boolean[] started = {false};
      return LazyIterators.flatMap(
          rows,
          (row, emit) -> {
            Object id = row.get(0);
            if (!started[0] || !Objects.equals(id, previous[0])) {
              emit.accept(row);
            }
            started[0] = true;
            previous[0] = id;
          });
    }
  }

  private static Column flag(Column condition) {
    return when(condition, 1L).otherwise(0L);
  }

  /** The per-library counts of Tables 1 and 4, by name, as flags (in this order). */
  private static Map<String, Column> countFlags() {
    Column code = col("has_code");
    Column trace = col("has_trace");
    Column accepted = col("has_accepted_answer");
    Map<String, Column> flags = new LinkedHashMap<>();
    flags.put("questions", lit(true));
    flags.put("with_code", code);
    flags.put("with_trace", trace);
    for (String os : OS_VALUES) {
      flags.put("os_" + os, trace.and(col("os").equalTo(os)));
    }
    flags.put("questions_trace", code.and(trace));
    flags.put("accepted_trace", code.and(trace).and(accepted));
    flags.put("questions_no_trace", code.and(not(trace)));
    flags.put("accepted_no_trace", code.and(not(trace)).and(accepted));
    return flags;
  }

  /**
   * The counts per library from the rank-sum rows: count {@code j} is the group-1 size of
   * comparison {@code first + j} (absent: 0). Every library with a question has its questions row.
   */
  private static Map<String, Map<String, Long>> counts(Map<String, Row> ranks, int first) {
    List<String> names = new ArrayList<>(countFlags().keySet());
    Map<String, Map<String, Long>> out = new TreeMap<>();
    for (Row r : ranks.values()) {
      int cmp = r.<Integer>getAs("cmp");
      if (cmp >= first) {
        out.computeIfAbsent(r.getAs("library"), k -> new HashMap<>())
            .put(names.get(cmp - first), r.<Long>getAs("n1"));
      }
    }
    for (Map<String, Long> library : out.values()) {
      names.forEach(n -> library.putIfAbsent(n, 0L));
    }
    return out;
  }

  /** The comparisons of Tables 2-4, in column order (index = position in this list). */
  private static List<Comparison> comparisons() {
    Column trace = col("has_trace");
    Column code = col("has_code");
    Column codeTrace = code.and(trace);
    Column codeNoTrace = code.and(not(trace));
    Column answered = col("answer_count").isNotNull().and(col("answer_count").gt(0));
    List<Comparison> out = new ArrayList<>();
    out.add(new Comparison("table2_lengths", "words", trace, not(trace), col("word_count")));
    out.add(
        new Comparison(
            "table2_lengths",
            "code_lines",
            trace,
            codeNoTrace,
            when(trace, col("trace_code_lines")).otherwise(col("code_lines"))));
    out.add(new Comparison("table3_popularity", "score", codeTrace, codeNoTrace, col("score")));
    out.add(
        new Comparison("table3_popularity", "comments", codeTrace, codeNoTrace, col("comments")));
    out.add(new Comparison("table3_popularity", "views", codeTrace, codeNoTrace, col("views")));
    out.add(
        new Comparison(
            "table3_popularity", "answers", codeTrace, codeNoTrace, col("answer_count")));
    out.add(
        new Comparison(
            "table4_answers",
            "first_answer_hours",
            answered.and(codeTrace),
            answered.and(codeNoTrace),
            col("hours_to_first_answer")));
    out.add(
        new Comparison(
            "table4_answers",
            "accepted_answer_hours",
            answered.and(codeTrace),
            answered.and(codeNoTrace),
            col("hours_to_accepted_answer")));
    return out;
  }

  /**
   * Per library and comparison: n1, n2, twice the rank sum of group 1 (long), the tie term and the
   * middle values of each group ({@link #RANK_SUMS}); then per library and count flag (comparison
   * {@code comparisons.size() + j}) the flag's count as n1. One grouped count per distinct value,
   * then one sorted pass per (library, comparison) ({@link RankSumsPerComparison}).
   */
  private static Dataset<Row> rankSums(
      Dataset<Row> facts, List<Comparison> comparisons, Map<String, Column> countFlags) {
    List<Column> entries = new ArrayList<>();
    for (int i = 0; i < comparisons.size(); i++) {
      Comparison c = comparisons.get(i);
      entries.add(
          struct(
              lit(i).as("cmp"),
              when(c.trace(), 1).when(c.noTrace(), 2).as("grp"),
              c.value().cast("double").as("v")));
    }
    // all count flags in one entry: the bit mask of the flags that are true, counted per mask
    Column mask = lit(0L);
    int bit = 0;
    for (Column flag : countFlags.values()) {
      mask = mask.plus(when(flag, 1L << bit++).otherwise(0L));
    }
    int flags = comparisons.size();
    entries.add(
        struct(
            lit(flags).as("cmp"),
            when(mask.notEqual(0L), 1).as("grp"),
            mask.cast("double").as("v")));
    Dataset<Row> values =
        facts
            .select(
                col("library"),
                org.apache
                    .spark
                    .sql
                    .functions
                    .explode(array(entries.toArray(Column[]::new)))
                    .as("e"))
            .select(
                col("library"), col("e.cmp").as("cmp"), col("e.grp").as("grp"), col("e.v").as("v"))
            .where(
                col("grp")
                    .isNotNull()
                    .and(col("v").isNotNull())
                    .and(not(org.apache.spark.sql.functions.isnan(col("v")))));
    return values
        .groupBy("library", "cmp", "v")
        .agg(sum(flag(col("grp").equalTo(1))).as("c1"), sum(flag(col("grp").equalTo(2))).as("c2"))
        .repartition(col("library"), col("cmp"))
        .sortWithinPartitions("library", "cmp", "v")
        .mapPartitions(
            new RankSumsPerComparison(flags, countFlags.size()), Encoders.row(RANK_SUMS));
  }

  /**
   * Rows (library, cmp, v, c1, c2) sorted by (library, cmp, v), each (library, cmp) in one
   * partition, to one {@link #RANK_SUMS} row per (library, cmp) ({@link RankSums} of its values).
   * The rows of comparison {@code flagsCmp} are the count flags' bit masks ({@code v}) with their
   * counts ({@code c1}): they become one row per flag {@code j} that is true somewhere, comparison
   * {@code flagsCmp + j}, as if each flag were a comparison of the value 0 in group 1 alone.
   */
  static final class RankSumsPerComparison implements MapPartitionsFunction<Row, Row> {
    private final int flagsCmp;
    private final int flagCount;

    RankSumsPerComparison(int flagsCmp, int flagCount) {
      this.flagsCmp = flagsCmp;
      this.flagCount = flagCount;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      List<Row> out = new ArrayList<>();
      RankSums sums = new RankSums();
      long[] flagCounts = new long[flagCount];
      String library = null;
      int cmp = -1;
      while (rows.hasNext()) {
        Row r = rows.next();
        String rowLibrary = r.getString(0);
        int rowCmp = r.getInt(1);
        if (library != null && (rowCmp != cmp || !library.equals(rowLibrary))) {
          finish(out, library, cmp, sums, flagCounts);
        }
        library = rowLibrary;
        cmp = rowCmp;
        if (cmp == flagsCmp) {
          long mask = (long) r.getDouble(2);
          for (int j = 0; j < flagCount; j++) {
            if ((mask & (1L << j)) != 0) {
              flagCounts[j] += r.getLong(3);
            }
          }
        } else {
          sums.add(r.getDouble(2), r.getLong(3), r.getLong(4));
        }
      }
      if (library != null) {
        finish(out, library, cmp, sums, flagCounts);
      }
      return out.iterator();
    }

    private void finish(List<Row> out, String library, int cmp, RankSums sums, long[] flagCounts) {
      if (cmp != flagsCmp) {
        out.add(summaryRow(library, cmp, sums.finish()));
        return;
      }
      for (int j = 0; j < flagCount; j++) {
        if (flagCounts[j] > 0) {
          RankSums flag = new RankSums();
          flag.add(0.0, flagCounts[j], 0);
          out.add(summaryRow(library, flagsCmp + j, flag.finish()));
          flagCounts[j] = 0;
        }
      }
    }

    private static Row summaryRow(String library, int cmp, RankSums.Summary s) {
      return RowFactory.create(
          library,
          cmp,
          s.n1(),
          s.n2(),
          s.twiceRankSum1(),
          s.tieTerm(),
          s.low1(),
          s.high1(),
          s.low2(),
          s.high2());
    }
  }

  private static Table population(List<String> libraries, Map<String, Map<String, Long>> counts) {
    Table.Builder t =
        new Table.Builder("table1_population")
            .column("library", Table.Type.STRING)
            .column("questions", Table.Type.LONG)
            .column("with_code", Table.Type.LONG)
            .column("with_code_pct", Table.Type.DOUBLE)
            .column("with_trace", Table.Type.LONG)
            .column("with_trace_pct", Table.Type.DOUBLE);
    for (String os : OS_VALUES) {
      t.column("os_" + os, Table.Type.LONG).column("os_" + os + "_pct", Table.Type.DOUBLE);
    }
    t.column("os_other", Table.Type.LONG);
    for (String lib : libraries) {
      Map<String, Long> r = counts.get(lib);
      long n = r.get("questions");
      long code = r.get("with_code");
      long traced = r.get("with_trace");
      List<Object> row = new ArrayList<>(List.of(lib, n, code));
      row.add(Rq1Tables.pct(code, n));
      row.add(traced);
      row.add(Rq1Tables.pct(traced, n));
      long known = 0;
      for (String os : OS_VALUES) {
        long c = r.get("os_" + os);
        known += c;
        row.add(c);
        row.add(Rq1Tables.pct(c, traced));
      }
      row.add(traced - known);
      t.row(row);
    }
    return t.build();
  }

  private static Table compared(
      String name, List<String> libraries, List<Comparison> comparisons, Map<String, Row> ranks) {
    Table.Builder t = new Table.Builder(name).column("library", Table.Type.STRING);
    List<Integer> mine = new ArrayList<>();
    for (int i = 0; i < comparisons.size(); i++) {
      if (comparisons.get(i).table().equals(name)) {
        mine.add(i);
        Rq1Tables.comparisonColumns(t, comparisons.get(i).prefix());
      }
    }
    for (String lib : libraries) {
      List<Object> row = new ArrayList<>(List.of(lib));
      mine.forEach(i -> row.addAll(comparison(ranks.get(lib + "\u0000" + i))));
      t.row(row);
    }
    return t.build();
  }

  private static Table answers(
      List<String> libraries,
      List<Comparison> comparisons,
      Map<String, Row> ranks,
      Map<String, Map<String, Long>> counts) {
    Table compared = compared("table4_answers", libraries, comparisons, ranks);
    Table.Builder t = new Table.Builder("table4_answers");
    compared.columns().forEach(c -> t.column(c.name(), c.type()));
    t.column("accepted_trace", Table.Type.LONG)
        .column("questions_trace", Table.Type.LONG)
        .column("accepted_ratio_trace", Table.Type.DOUBLE)
        .column("accepted_no_trace", Table.Type.LONG)
        .column("questions_no_trace", Table.Type.LONG)
        .column("accepted_ratio_no_trace", Table.Type.DOUBLE)
        .column("accepted_z", Table.Type.DOUBLE)
        .column("accepted_p", Table.Type.DOUBLE)
        .column("accepted_mark", Table.Type.STRING);
    for (int i = 0; i < libraries.size(); i++) {
      Map<String, Long> r = counts.get(libraries.get(i));
      long x1 = r.get("accepted_trace");
      long n1 = r.get("questions_trace");
      long x2 = r.get("accepted_no_trace");
      long n2 = r.get("questions_no_trace");
      ProportionZTest.Result z = ProportionZTest.twoSided(x1, n1, x2, n2);
      List<Object> row = new ArrayList<>(java.util.Arrays.asList(compared.rows().get(i)));
      row.addAll(List.of(x1, n1));
      row.add(Rq1Tables.nanToNull(z.p1()));
      row.addAll(List.of(x2, n2));
      row.add(Rq1Tables.nanToNull(z.p2()));
      row.add(Rq1Tables.nanToNull(z.z()));
      row.add(Rq1Tables.nanToNull(z.p()));
      row.add(Significance.mark(z.p()));
      t.row(row);
    }
    return t.build();
  }

  /** The 8 cells of one comparison from its {@link #RANK_SUMS} row (null: both groups empty). */
  private static List<Object> comparison(Row r) {
    long n1 = r == null ? 0 : r.getLong(2);
    long n2 = r == null ? 0 : r.getLong(3);
    double twiceR1 = r == null ? 0 : r.getLong(4);
    double tie = r == null ? 0 : r.getDouble(5);
    MannWhitney.Result mw =
        MannWhitney.fromRankSum(Math.toIntExact(n1), Math.toIntExact(n2), twiceR1 / 2, tie);
    List<Object> out = new ArrayList<>();
    out.add(n1);
    out.add(n2);
    out.add(median(r, 6));
    out.add(median(r, 8));
    out.add(Rq1Tables.nanToNull(mw.u()));
    out.add(Rq1Tables.nanToNull(mw.z()));
    out.add(Rq1Tables.nanToNull(mw.p()));
    out.add(Significance.mark(mw.p()));
    return out;
  }

  /** The median from the low and high middle values at fields {@code low} and {@code low + 1}. */
  private static Double median(Row r, int low) {
    if (r == null || r.isNullAt(low)) {
      return null;
    }
    double lo = r.getDouble(low);
    double hi = r.getDouble(low + 1);
    return lo == hi ? lo : (lo + hi) / 2.0;
  }

  private static Table instances(
      Map<String, Map<String, Long>> counts, SparkRq2.TraceCounts traceCounts) {
    Table.Builder t =
        new Table.Builder("table5_instances")
            .column("library", Table.Type.STRING)
            .column("instances", Table.Type.LONG)
            .column("questions_with_trace", Table.Type.LONG)
            .column("ratio", Table.Type.DOUBLE);
    TreeSet<String> libraries = new TreeSet<>(traceCounts.libraries());
    libraries.addAll(counts.keySet());
    libraries.remove(ALL);
    List<String> order = new ArrayList<>(libraries);
    order.add(ALL);
    for (String lib : order) {
      long n = lib.equals(ALL) ? traceCounts.distinctTraces(ALL) : traceCounts.instances(lib);
      Map<String, Long> c = counts.get(lib);
      long q = c == null ? 0 : c.get("with_trace");
      t.row(lib, n, q, q == 0 ? null : n / (double) q);
    }
    return t.build();
  }

  static String normalOs(String os) {
    return os == null ? "" : os.strip().toLowerCase(Locale.ROOT);
  }
}
