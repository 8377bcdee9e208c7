package io.tracemine.stats;

import static io.tracemine.stats.Rq1Tables.ALL;
import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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
    return links(patternTraces, "pattern_id");
  }

  /**
   * {@code patternTraces} as one row per link: library, the {@code kept} columns of its row,
   * trace_id, question_id.
   */
  private static Dataset<Row> links(Dataset<Row> patternTraces, String... kept) {
    List<Column> row = new ArrayList<>(List.of(col("library")));
    for (String column : kept) {
      row.add(col(column));
    }
    List<Column> link = new ArrayList<>(row);
    row.add(explode(arrays_zip(col("trace_ids"), col("question_ids"))).as("link"));
    link.add(col("link.trace_ids").as("trace_id"));
    link.add(col("link.question_ids").cast("long").as("question_id"));
    return patternTraces.select(row.toArray(Column[]::new)).select(link.toArray(Column[]::new));
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

  /**
   * Per library and under {@value Rq1Tables#ALL}: the TRACES rows, their distinct questions and
   * trace ids ({@code instances}), and the distinct (trace id, question) pairs, questions and trace
   * ids of the valid links ({@code covered}); with ranked patterns, Fig. 6's questions per library
   * and rank of their first covering pattern ({@code firstCovered}, as {@link #firstCovered}; empty
   * otherwise).
   */
  record TraceCounts(
      Map<String, long[]> instances,
      Map<String, long[]> covered,
      Map<String, Map<Long, Long>> firstCovered) {
    private static final long[] NONE = {0, 0, 0};

    /** The libraries with a TRACES row, without {@value Rq1Tables#ALL}. */
    Set<String> libraries() {
      Set<String> out = new TreeSet<>(instances.keySet());
      out.remove(ALL);
      return out;
    }

    /** TRACES rows of {@code library}. */
    long instances(String library) {
      return instances(library, 0);
    }

    /** Field {@code i} (rows, distinct questions, distinct traces) of {@code library}'s TRACES. */
    long instances(String library, int i) {
      return instances.getOrDefault(library, NONE)[i];
    }

    /** Distinct trace ids of {@code library}'s TRACES rows. */
    long distinctTraces(String library) {
      return instances.getOrDefault(library, NONE)[2];
    }
  }

  /**
   * {@link TraceCounts} in one Spark query, linear in the rows: the TRACES rows and the valid links
   * of {@code patterns} (none when {@code patterns} is null) as (covered, library, trace_id,
   * question_id) are read, exploded and shuffled once, by trace id; one sorted pass per partition
   * ({@link DistinctRows}) turns them into one row per distinct (covered, library, trace_id,
   * question_id) with its multiplicity and whether it is the first of its trace id in its library
   * and in its kind (a trace id lies in one partition, so these flags add up). Only those rows, one
   * per trace instance rather than one per link, are shuffled by question id and counted in a
   * second sorted pass ({@link DistinctQuestions}), per (covered, library) and per covered under
   * {@value Rq1Tables#ALL}; the driver adds up the few rows per partition. Same values as {@code
   * groupBy(kind, library).agg(count, countDistinct(question_id), countDistinct(trace_id))} over
   * every row exploded to its library and {@value Rq1Tables#ALL}, with the links' rows counted
   * distinct (SparkRq2Test, TraceCountsPropertyTest).
   */
  static TraceCounts traceCounts(
      Dataset<Row> traces, Dataset<Row> patterns, Dataset<Row> patternTraces) {
    return counted(
        traces,
        patterns == null
            ? null
            : validLinks(patterns, patternTraces)
                .select(
                    col("library"),
                    col("trace_id"),
                    col("question_id"),
                    lit(null).cast("long").as("k")));
  }

  /**
   * {@link #traceCounts(Dataset, Dataset, Dataset)} with the links of the collected {@code
   * patterns}, each carrying its pattern's rank (of {@link Rq2Tables#rankedByLibrary}) through the
   * same two shuffles, so that Fig. 6's counts ({@link TraceCounts#firstCovered}, as {@link
   * #firstCovered}) come out of this pass: the distinct rows keep their smallest rank, and the pass
   * by question id counts each (library, question) of the links at the smallest rank of its rows.
   * The ranks (one row per pattern, on the driver already) are joined with the PATTERN_TRACES rows
   * before the explode; a link names a pattern of {@code patterns} as {@link #validLinks} does.
   */
  static TraceCounts traceCountsAndFirstCovered(
      Dataset<Row> traces, List<PatternFacts> patterns, Dataset<Row> patternTraces) {
    boolean binary = PatternKeys.binary(patternTraces);
    List<Row> ranks = new ArrayList<>();
    Set<List<String>> seen = new HashSet<>();
    for (List<PatternFacts> ranked : Rq2Tables.rankedByLibrary(patterns).values()) {
      for (int k = 0; k < ranked.size(); k++) {
        PatternFacts p = ranked.get(k);
        // a pattern listed twice keeps its first (smallest) rank, the one its links' minimum takes
        if (seen.add(Arrays.asList(p.library(), p.patternId()))) {
          ranks.add(
              RowFactory.create(p.library(), PatternKeys.key(p.patternId(), binary), (long) k + 1));
        }
      }
    }
    StructType schema =
        new StructType()
            .add("library", DataTypes.StringType)
            .add("pattern_id", PatternKeys.type(binary))
            .add("k", DataTypes.LongType);
    Dataset<Row> rankedLinks =
        links(
            patternTraces.join(
                broadcast(patternTraces.sparkSession().createDataFrame(ranks, schema)),
                new String[] {"library", "pattern_id"}),
            "k");
    return counted(traces, rankedLinks);
  }

  /**
   * {@link TraceCounts} of the TRACES rows and {@code linkRows} (library, trace_id, question_id,
   * k).
   */
  private static TraceCounts counted(Dataset<Row> traces, Dataset<Row> linkRows) {
    Dataset<Row> rows =
        traces.select(
            lit(false).as("covered"),
            col("library"),
            col("trace_id"),
            col("question_id").cast("long").as("question_id"),
            lit(null).cast("long").as("k"));
    if (linkRows != null) {
      rows =
          rows.union(
              linkRows.select(
                  lit(true), col("library"), col("trace_id"), col("question_id"), col("k")));
    }
    Dataset<Row> counted =
        rows.repartition(col("trace_id"))
            .sortWithinPartitions("trace_id", "covered", "library", "question_id")
            .mapPartitions(new DistinctRows(), Encoders.row(DistinctRows.OUT))
            .repartition(col("question_id"))
            .sortWithinPartitions("question_id", "covered", "library")
            .mapPartitions(new DistinctQuestions(), Encoders.row(DistinctQuestions.COUNTS));
    Map<String, long[]> instances = new TreeMap<>();
    Map<String, long[]> covered = new TreeMap<>();
    Map<String, Map<Long, Long>> firstCovered = new TreeMap<>();
    for (Row r : counted.collectAsList()) {
      if (!r.isNullAt(6)) {
        firstCovered
            .computeIfAbsent(r.getString(1), x -> new TreeMap<>())
            .merge(r.getLong(6), r.getLong(5), Long::sum);
        continue;
      }
      boolean links = r.getBoolean(0);
      long[] values =
          (links ? covered : instances).computeIfAbsent(r.getString(1), k -> new long[3]);
      // covered instances are the distinct (library, trace_id, question_id) of the links
      values[0] += links ? r.getLong(3) : r.getLong(2);
      values[1] += r.getLong(5);
      values[2] += r.getLong(4);
    }
    return new TraceCounts(instances, covered, firstCovered);
  }

  /**
   * Rows (covered, library, trace_id, question_id, k), those of each trace id in one partition and
   * sorted by trace_id, covered, library, question_id, to one row per distinct (covered, library,
   * trace_id, question_id) (nulls equal, as {@code distinct()}): covered, library, question_id, its
   * number of rows, whether it is the first row of its non-null trace id in (covered, library) and
   * in covered, and the smallest non-null k of its rows (null if none). Streams: one row of
   * look-behind.
   */
  static final class DistinctRows implements MapPartitionsFunction<Row, Row> {
    static final StructType OUT =
        new StructType()
            .add("covered", DataTypes.BooleanType, false)
            .add("library", DataTypes.StringType, true)
            .add("question_id", DataTypes.LongType, true)
            .add("rows", DataTypes.LongType, false)
            .add("library_trace", DataTypes.BooleanType, false)
            .add("kind_trace", DataTypes.BooleanType, false)
            .add("k", DataTypes.LongType, true);

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Iterator<>() {
        private Row pending = rows.hasNext() ? rows.next() : null;
        private Row previous;

        @Override
        public boolean hasNext() {
          return pending != null;
        }

        @Override
        public Row next() {
          if (pending == null) {
            throw new java.util.NoSuchElementException();
          }
          Row first = pending;
          long count = 1;
          Long k = first.isNullAt(4) ? null : first.getLong(4);
          pending = null;
          while (rows.hasNext()) {
            Row r = rows.next();
            if (!sameRow(first, r)) {
              pending = r;
              break;
            }
            count++;
            if (!r.isNullAt(4) && (k == null || r.getLong(4) < k)) {
              k = r.getLong(4);
            }
          }
          boolean newTrace = previous == null || !Objects.equals(first.get(2), previous.get(2));
          boolean newKind = newTrace || first.getBoolean(0) != previous.getBoolean(0);
          boolean newLibrary =
              newKind || !Objects.equals(first.getString(1), previous.getString(1));
          boolean key = !first.isNullAt(2);
          previous = first;
          return RowFactory.create(
              first.getBoolean(0),
              first.getString(1),
              first.get(3),
              count,
              key && newLibrary,
              key && newKind,
              k);
        }
      };
    }

    private static boolean sameRow(Row a, Row b) {
      return a.getBoolean(0) == b.getBoolean(0)
          && Objects.equals(a.get(2), b.get(2))
          && Objects.equals(a.getString(1), b.getString(1))
          && Objects.equals(a.get(3), b.get(3));
    }
  }

  /**
   * {@link DistinctRows}' rows, those of each question id in one partition and sorted by
   * question_id, covered, library, to one row per (covered, library) seen, and per covered under
   * {@value Rq1Tables#ALL}: the rows (summed multiplicities), the distinct rows, the distinct trace
   * ids (the flags summed) and the distinct non-null question ids (as {@code countDistinct}; under
   * {@value Rq1Tables#ALL} each once across libraries), with a null k. And per (library, k) of the
   * links: the (library, question_id) (a null question id too, as a {@code groupBy} key) whose
   * smallest k is k, in {@code questions}, with that k (Fig. 6's counts). One pass, a counter per
   * (covered, library) and per (library, k).
   */
  static final class DistinctQuestions implements MapPartitionsFunction<Row, Row> {
    static final StructType COUNTS =
        new StructType()
            .add("covered", DataTypes.BooleanType, false)
            .add("library", DataTypes.StringType, true)
            .add("rows", DataTypes.LongType, false)
            .add("distinct_rows", DataTypes.LongType, false)
            .add("traces", DataTypes.LongType, false)
            .add("questions", DataTypes.LongType, false)
            .add("k", DataTypes.LongType, true);

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      List<Map<String, long[]>> counts = List.of(new HashMap<>(), new HashMap<>());
      Map<String, Map<Long, Long>> firstCovered = new HashMap<>();
      Row previous = null;
      long[] library = null;
      long[] all = null;
      Long first = null;
      while (rows.hasNext()) {
        Row r = rows.next();
        boolean newKey = previous == null || !Objects.equals(r.get(2), previous.get(2));
        boolean newKind = newKey || r.getBoolean(0) != previous.getBoolean(0);
        boolean newLibrary = newKind || !Objects.equals(r.getString(1), previous.getString(1));
        if (newLibrary) {
          countFirst(firstCovered, previous, first);
          first = null;
          Map<String, long[]> kind = counts.get(r.getBoolean(0) ? 1 : 0);
          library = kind.computeIfAbsent(r.getString(1), k -> new long[4]);
          all = kind.computeIfAbsent(ALL, k -> new long[4]);
        }
        library[0] += r.getLong(3);
        all[0] += r.getLong(3);
        library[1]++;
        all[1]++;
        library[2] += r.getBoolean(4) ? 1 : 0;
        all[2] += r.getBoolean(5) ? 1 : 0;
        if (!r.isNullAt(2)) {
          library[3] += newLibrary ? 1 : 0;
          all[3] += newKind ? 1 : 0;
        }
        if (!r.isNullAt(6) && (first == null || r.getLong(6) < first)) {
          first = r.getLong(6);
        }
        previous = r;
      }
      countFirst(firstCovered, previous, first);
      List<Row> out = new ArrayList<>();
      for (int kind = 0; kind < 2; kind++) {
        for (Map.Entry<String, long[]> e : counts.get(kind).entrySet()) {
          long[] c = e.getValue();
          out.add(RowFactory.create(kind == 1, e.getKey(), c[0], c[1], c[2], c[3], null));
        }
      }
      for (Map.Entry<String, Map<Long, Long>> e : firstCovered.entrySet()) {
        for (Map.Entry<Long, Long> k : e.getValue().entrySet()) {
          out.add(RowFactory.create(true, e.getKey(), 0L, 0L, 0L, k.getValue(), k.getKey()));
        }
      }
      return out.iterator();
    }

    /** Counts the (library, question) group ending at {@code last} at its smallest k, if any. */
    private static void countFirst(
        Map<String, Map<Long, Long>> firstCovered, Row last, Long first) {
      if (first != null) {
        firstCovered
            .computeIfAbsent(last.getString(1), x -> new HashMap<>())
            .merge(first, 1L, Long::sum);
      }
    }
  }

  /** Table 6 as {@link Rq2Tables#coverage}; {@code minsup1} may be null. */
  static Table coverage(
      Dataset<Row> patterns,
      Dataset<Row> patternTraces,
      Dataset<Row> traces,
      Dataset<Row> minsup1) {
    return coverage(
        traceCounts(traces, patterns, patternTraces),
        countByLibrary(patterns),
        minsup1 == null ? null : countByLibrary(minsup1));
  }

  /**
   * Table 6 from {@link #traceCounts} and the patterns per library ({@code minsup1Count}: the
   * min-support-1 patterns per library, or null), each with its {@value Rq1Tables#ALL} total.
   */
  static Table coverage(
      TraceCounts counts, Map<String, Long> patternCount, Map<String, Long> minsup1Count) {
    Set<String> libraries = new TreeSet<>(patternCount.keySet());
    libraries.addAll(counts.libraries());
    libraries.remove(ALL);
    List<String> order = new ArrayList<>(libraries);
    order.add(ALL);
    Table.Builder t = Rq2Tables.coverageColumns();
    long[] none = {0, 0, 0};
    for (String lib : order) {
      long[] base = counts.instances().getOrDefault(lib, none);
      long[] hit = counts.covered().getOrDefault(lib, none);
      long p = patternCount.getOrDefault(lib, 0L);
      Long p1 = minsup1Count == null ? null : minsup1Count.getOrDefault(lib, 0L);
      t.row(
          lib,
          base[1],
          hit[1],
          Rq1Tables.pct(hit[1], base[1]),
          base[2],
          hit[2],
          Rq1Tables.pct(hit[2], base[2]),
          p,
          p1,
          p1 == null ? null : Rq1Tables.pct(p, p1));
    }
    return t.build();
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

  /** Patterns per library, and under {@value Rq1Tables#ALL} all patterns. */
  static Map<String, Long> countByLibrary(List<PatternFacts> patterns) {
    Map<String, Long> out = new TreeMap<>();
    patterns.forEach(p -> out.merge(p.library(), 1L, Long::sum));
    out.put(ALL, (long) patterns.size());
    return out;
  }

  /** Fig. 6 as {@link Rq2Tables#topKCoverage(List, List, List)}, from the tables. */
  static Table topKCoverage(
      Dataset<Row> patterns, Dataset<Row> patternTraces, Dataset<Row> traces) {
    List<PatternFacts> ranked = StatsStage.patterns(patterns, "patterns");
    return topKCoverage(ranked, traceCountsAndFirstCovered(traces, ranked, patternTraces));
  }

  /**
   * Fig. 6 ({@link Rq2Tables#topKCoverage(List, Map, Map)}) from the collected {@code patterns}
   * (their PATTERNS rows) and the {@link #traceCountsAndFirstCovered} of the same patterns, which
   * found per (library, question) the rank of its first covering pattern and counted the questions
   * per (library, rank): no Spark job of its own. The driver holds a few values per pattern.
   */
  static Table topKCoverage(List<PatternFacts> patterns, TraceCounts counts) {
    Map<String, Long> withInstance = new TreeMap<>();
    counts.libraries().forEach(lib -> withInstance.put(lib, counts.instances(lib, 1)));
    return Rq2Tables.topKCoverage(patterns, counts.firstCovered(), withInstance);
  }
}
