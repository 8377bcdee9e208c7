package io.tracemine.stats;

import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.Schemas;
import io.tracemine.spark.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Table 6 and Fig. 6 computed with Spark ({@link SparkRq2}) equal, cell for cell and bit for bit,
 * the driver code ({@link Rq2Tables} over collected lists, the oracle).
 */
@ExtendWith(SharedSpark.class)
class SparkRq2Test {
  private static final String[] LIBRARIES = {"keras", "nltk", "scikit-learn", "tensorflow"};
  private final SparkSession spark = SharedSpark.session();

  @Test
  void equalsTheDriverOnTheFixtures() {
    assertSame(
        StatsFixtures.patterns(),
        StatsFixtures.patternTraces(),
        StatsFixtures.traces(),
        StatsFixtures.minsup1(),
        "fixtures");
  }

  /**
   * Seeded random tables: support ties, item lists shared across libraries, questions with several
   * traces and in several libraries, links to unknown patterns and to unknown traces, libraries
   * with traces but no pattern and with patterns but no trace, with and without min-support 1.
   */
  @Test
  void equalsTheDriverOnSeededRandomTables() {
    for (long seed = 1; seed <= 4; seed++) {
      Random rnd = new Random(seed);
      List<TraceLink> traces = new ArrayList<>();
      int questions = 5 + rnd.nextInt(seed <= 3 ? 15 : 120);
      for (long q = 1; q <= questions; q++) {
        int first = rnd.nextInt(LIBRARIES.length);
        int libraries = rnd.nextDouble() < 0.25 ? 2 : 1;
        int instances = 1 + rnd.nextInt(3);
        for (int l = 0; l < libraries; l++) {
          for (int i = 0; i < instances; i++) {
            traces.add(
                new TraceLink(LIBRARIES[(first + l) % LIBRARIES.length], null, q + "-" + i, q));
          }
        }
      }
      List<PatternFacts> patterns = new ArrayList<>();
      List<PatternFacts> minsup1 = new ArrayList<>();
      List<TraceLink> links = new ArrayList<>();
      for (String library : LIBRARIES) {
        if (rnd.nextDouble() < 0.15) {
          continue;
        }
        List<TraceLink> own = traces.stream().filter(t -> t.library().equals(library)).toList();
        int count = rnd.nextInt(9);
        for (int p = 0; p < count; p++) {
          String id = String.format("%02x", rnd.nextInt(64));
          if (patterns.stream()
              .anyMatch(x -> x.library().equals(library) && x.patternId().equals(id))) {
            continue;
          }
          PatternFacts facts =
              new PatternFacts(
                  library, id, List.of("f:" + rnd.nextInt(5)), 1, 1 + rnd.nextInt(4), 1, List.of());
          minsup1.add(facts);
          if (rnd.nextDouble() < 0.8) {
            patterns.add(facts);
          }
          for (TraceLink t : own) {
            if (rnd.nextDouble() < 0.3) {
              links.add(new TraceLink(library, id, t.traceId(), t.questionId()));
            }
          }
        }
      }
      links.add(new TraceLink("keras", "unknown-pattern", "1-0", 1));
      links.add(
          new TraceLink(
              LIBRARIES[rnd.nextInt(LIBRARIES.length)],
              patterns.isEmpty() ? "x" : patterns.get(0).patternId(),
              "999-0",
              999));
      assertSame(patterns, links, traces, seed % 3 == 0 ? null : minsup1, "seed " + seed);
    }
  }

  /**
   * Fig. 6's counts ({@link #firstCovered}: the ranks joined per PATTERN_TRACES row, only the
   * question ids exploded) equal those of every link joined with the ranks ({@link
   * #firstCoveredByLinks}) on seeded rows that PATTERN_TRACES should not hold but any table with
   * its columns may: arrays of unequal length (a longer {@code trace_ids} pads the question ids
   * with nulls), null arrays, null question ids, int question ids, a pattern's row twice, a pattern
   * ranked twice, links to absent patterns; string and binary ids; 1, 2 and 7 partitions.
   */
  @Test
  void firstCoveredEqualsTheLinksPlanOnIrregularRows() {
    long covered = 0;
    for (long seed = 1; seed <= 12; seed++) {
      Random rnd = new Random(seed);
      List<PatternFacts> patterns = new ArrayList<>();
      List<Row> rows = new ArrayList<>();
      for (String library : LIBRARIES) {
        int count = 1 + rnd.nextInt(6);
        for (int p = 0; p < count; p++) {
          String id = String.format("%02x", rnd.nextInt(16));
          PatternFacts facts =
              new PatternFacts(library, id, List.of("f:1"), 1, 1 + rnd.nextInt(3), 1, List.of());
          patterns.add(facts);
          if (rnd.nextDouble() < 0.1) {
            patterns.add(facts);
          }
        }
        for (int r = 0; r < 1 + rnd.nextInt(8); r++) {
          String id = String.format("%02x", rnd.nextInt(20));
          rows.add(RowFactory.create(library, id, traceIds(rnd), questionIds(rnd)));
        }
      }
      StructType schema =
          new StructType()
              .add("library", DataTypes.StringType)
              .add("pattern_id", DataTypes.StringType)
              .add("trace_ids", DataTypes.createArrayType(DataTypes.StringType))
              .add("question_ids", DataTypes.createArrayType(DataTypes.LongType));
      Dataset<Row> table = spark.createDataFrame(rows, schema);
      Map<String, Map<Long, Long>> expected = firstCoveredByLinks(spark, patterns, table);
      String what = "seed " + seed;
      covered += expected.values().stream().flatMap(m -> m.values().stream()).count();
      for (int partitions : new int[] {1, 2, 7}) {
        Dataset<Row> parts = table.repartition(partitions);
        assertThat(firstCovered(spark, patterns, parts))
            .as(what + ", " + partitions + " partitions")
            .isEqualTo(expected);
        assertThat(firstCovered(spark, patterns, unhexed(parts)))
            .as(what + ", binary ids, " + partitions + " partitions")
            .isEqualTo(expected);
        assertCountsCarryFig6(patterns, parts, expected, what + ", " + partitions + " partitions");
        assertCountsCarryFig6(
            patterns,
            unhexed(parts),
            expected,
            what + ", binary ids, " + partitions + " partitions");
      }
      Dataset<Row> ints =
          table.withColumn(
              "question_ids",
              org.apache.spark.sql.functions.col("question_ids").cast("array<int>"));
      assertThat(firstCovered(spark, patterns, ints))
          .as(what + ", int question ids")
          .isEqualTo(firstCoveredByLinks(spark, patterns, ints));
    }
    assertThat(covered)
        .as("(library, rank) counts over all seeds: a non-trivial case")
        .isGreaterThan(12);
  }

  /**
   * Fig. 6's counts carried through the instance counts: a question reached in a library by several
   * traces (several distinct rows), and by one trace through several patterns (one distinct row),
   * counts once at its smallest rank whatever the order of its rows; a link without a question id
   * counts as one question (as a {@code groupBy} key).
   */
  @Test
  void countsWithRanksTakeEachQuestionsSmallestRank() {
    List<PatternFacts> patterns =
        List.of(
            new PatternFacts("keras", "01", List.of("f:1"), 1, 3, 1, List.of()),
            new PatternFacts("keras", "02", List.of("f:1"), 1, 2, 1, List.of()),
            new PatternFacts("keras", "03", List.of("f:1"), 1, 1, 1, List.of()),
            new PatternFacts("nltk", "01", List.of("f:1"), 1, 1, 1, List.of()));
    List<Row> rows =
        List.of(
            RowFactory.create("keras", "01", new String[] {"t1"}, new Long[] {5L}),
            RowFactory.create("keras", "02", new String[] {"t0"}, new Long[] {5L}),
            RowFactory.create("keras", "02", new String[] {"t2"}, new Long[] {6L}),
            RowFactory.create("keras", "01", new String[] {"t3"}, new Long[] {6L}),
            RowFactory.create("keras", "01", new String[] {"t4"}, new Long[] {7L}),
            RowFactory.create("keras", "03", new String[] {"t5"}, new Long[] {7L}),
            RowFactory.create("keras", "03", new String[] {"t6"}, new Long[] {8L}),
            RowFactory.create("keras", "02", new String[] {"t6"}, new Long[] {8L}),
            RowFactory.create("keras", "03", new String[] {"t7", "t8"}, new Long[] {9L}),
            RowFactory.create("nltk", "01", new String[] {"t1"}, new Long[] {5L}));
    Dataset<Row> table = spark.createDataFrame(rows, Schemas.PATTERN_TRACE_LISTS);
    Map<String, Map<Long, Long>> expected =
        Map.of("keras", Map.of(1L, 3L, 2L, 1L, 3L, 2L), "nltk", Map.of(1L, 1L));
    assertThat(firstCoveredByLinks(spark, patterns, table)).isEqualTo(expected);
    for (int partitions : new int[] {1, 2, 3}) {
      assertCountsCarryFig6(
          patterns, table.repartition(partitions), expected, partitions + " partitions");
      assertCountsCarryFig6(
          patterns,
          spark
              .createDataFrame(reversed(rows), Schemas.PATTERN_TRACE_LISTS)
              .repartition(partitions),
          expected,
          "rows reversed, " + partitions + " partitions");
    }
  }

  /**
   * {@link SparkRq2#traceCountsAndFirstCovered}, the ranks carried through the instance counts'
   * shuffles: Fig. 6's counts equal {@code expected} (the links plan), and the covered instances
   * equal those of the links of the PATTERNS rows ({@link SparkRq2#validLinks}).
   */
  private void assertCountsCarryFig6(
      List<PatternFacts> patterns,
      Dataset<Row> patternTraces,
      Map<String, Map<Long, Long>> expected,
      String what) {
    List<Row> traceRows = new ArrayList<>();
    for (int q = 0; q < 14; q++) {
      traceRows.add(
          RowFactory.create("t" + (q % 5), q % 13 == 12 ? null : (long) q, LIBRARIES[q % 4]));
    }
    Dataset<Row> traces =
        spark.createDataFrame(
            traceRows,
            new StructType()
                .add("trace_id", "string")
                .add("question_id", "long")
                .add("library", "string"));
    SparkRq2.TraceCounts counts =
        SparkRq2.traceCountsAndFirstCovered(traces, patterns, patternTraces);
    assertThat(counts.firstCovered()).as(what + ", counts with ranks").isEqualTo(expected);
    SparkRq2.TraceCounts plain =
        SparkRq2.traceCounts(
            traces,
            PatternKeys.binary(patternTraces)
                ? unhexed(patternTable(patterns))
                : patternTable(patterns),
            patternTraces);
    assertThat(plain.firstCovered()).as(what + ", no ranks").isEmpty();
    assertThat(lists(counts.covered())).as(what + ", covered").isEqualTo(lists(plain.covered()));
    assertThat(lists(counts.instances()))
        .as(what + ", instances")
        .isEqualTo(lists(plain.instances()));
  }

  private static Map<String, List<Long>> lists(Map<String, long[]> counts) {
    Map<String, List<Long>> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, java.util.Arrays.stream(v).boxed().toList()));
    return out;
  }

  private static List<Row> reversed(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    java.util.Collections.reverse(out);
    return out;
  }

  /** 0-5 trace ids, sometimes a null array. */
  private static String[] traceIds(Random rnd) {
    if (rnd.nextDouble() < 0.1) {
      return null;
    }
    String[] out = new String[rnd.nextInt(6)];
    for (int i = 0; i < out.length; i++) {
      out[i] = "t" + i;
    }
    return out;
  }

  /** 0-5 question ids among 1-12, sometimes null, sometimes a null array. */
  private static Long[] questionIds(Random rnd) {
    if (rnd.nextDouble() < 0.1) {
      return null;
    }
    Long[] out = new Long[rnd.nextInt(6)];
    for (int i = 0; i < out.length; i++) {
      out[i] = rnd.nextDouble() < 0.1 ? null : 1L + rnd.nextInt(12);
    }
    return out;
  }

  private void assertSame(
      List<PatternFacts> patterns,
      List<TraceLink> links,
      List<TraceLink> traces,
      List<PatternFacts> minsup1,
      String what) {
    Dataset<Row> patternTable = patternTable(patterns);
    Dataset<Row> linkTable =
        spark.createDataFrame(StatsStageOracleTest.linkRows(links), Schemas.PATTERN_TRACE_LISTS);
    List<Row> traceRows = new ArrayList<>();
    traces.forEach(t -> traceRows.add(RowFactory.create(t.traceId(), t.questionId(), t.library())));
    Dataset<Row> traceTable =
        spark.createDataFrame(
            traceRows,
            new org.apache.spark.sql.types.StructType()
                .add("trace_id", "string")
                .add("question_id", "long")
                .add("library", "string"));
    // the links as the driver reads them back from PATTERN_TRACES
    List<TraceLink> driverLinks = DriverStats.links(linkTable);

    Table coverage =
        SparkRq2.coverage(
            patternTable, linkTable, traceTable, minsup1 == null ? null : patternTable(minsup1));
    Table expectedCoverage = Rq2Tables.coverage(patterns, driverLinks, traces, minsup1);
    assertThat(coverage.columns()).as(what).isEqualTo(expectedCoverage.columns());
    assertThat(cells(coverage)).as(what + " table6").isEqualTo(cells(expectedCoverage));

    Table topK = SparkRq2.topKCoverage(patternTable, linkTable, traceTable);
    Table expectedTopK = Rq2Tables.topKCoverage(patterns, driverLinks, traces);
    assertThat(topK.columns()).as(what).isEqualTo(expectedTopK.columns());
    assertThat(cells(topK)).as(what + " fig6").isEqualTo(cells(expectedTopK));
    if (what.equals("seed 4")) {
      assertThat(expectedTopK.rows()).as("a non-trivial fig6").hasSizeGreaterThan(5);
    }

    if (!patterns.stream().allMatch(p -> p.patternId().matches("([0-9a-f]{2})+"))) {
      return;
    }
    // pattern_id as the mine stage stores it, 20 bytes (here the hex ids unhexed; a link's non-hex
    // id becomes null and names no pattern, as before): the same tables
    Dataset<Row> binaryPatterns = unhexed(patternTable);
    Dataset<Row> binaryLinks = unhexed(linkTable);
    Table binaryCoverage =
        SparkRq2.coverage(
            binaryPatterns,
            binaryLinks,
            traceTable,
            minsup1 == null ? null : unhexed(patternTable(minsup1)));
    assertThat(cells(binaryCoverage)).as(what + " table6, binary ids").isEqualTo(cells(coverage));
    Table binaryTopK = SparkRq2.topKCoverage(binaryPatterns, binaryLinks, traceTable);
    assertThat(cells(binaryTopK)).as(what + " fig6, binary ids").isEqualTo(cells(expectedTopK));
  }

  /** {@code table} with its hex {@code pattern_id} as the bytes it spells. */
  static Dataset<Row> unhexed(Dataset<Row> table) {
    return table.withColumn(
        "pattern_id",
        org.apache.spark.sql.functions.unhex(org.apache.spark.sql.functions.col("pattern_id")));
  }

  private Dataset<Row> patternTable(List<PatternFacts> patterns) {
    return spark.createDataFrame(StatsStageTest.patternRows(patterns), Schemas.PATTERNS);
  }

  private static List<List<Object>> cells(Table t) {
    List<List<Object>> out = new ArrayList<>();
    t.rows().forEach(r -> out.add(java.util.Arrays.asList(r)));
    return out;
  }

  /**
   * Fig. 6's counts as the plan before session 22 found them, the reference for {@link
   * SparkRq2#firstCovered}: every link of {@link SparkRq2#links} (trace ids and question ids
   * zipped) joined with the ranks, the minimum rank per (library name, question_id), counted per
   * (library, rank).
   */
  static Map<String, Map<Long, Long>> firstCoveredByLinks(
      SparkSession spark, List<PatternFacts> patterns, Dataset<Row> patternTraces) {
    boolean binary = PatternKeys.binary(patternTraces);
    List<Row> ranks = new ArrayList<>();
    for (List<PatternFacts> ranked : Rq2Tables.rankedByLibrary(patterns).values()) {
      for (int k = 0; k < ranked.size(); k++) {
        PatternFacts p = ranked.get(k);
        ranks.add(
            RowFactory.create(p.library(), PatternKeys.key(p.patternId(), binary), (long) k + 1));
      }
    }
    Map<String, Map<Long, Long>> firstCovered = new TreeMap<>();
    if (ranks.isEmpty()) {
      return firstCovered;
    }
    StructType schema =
        new StructType()
            .add("library", DataTypes.StringType)
            .add("pattern_id", PatternKeys.type(binary))
            .add("k", DataTypes.LongType);
    List<Row> rows =
        SparkRq2.links(patternTraces)
            .join(
                broadcast(spark.createDataFrame(ranks, schema)),
                new String[] {"library", "pattern_id"})
            .groupBy("library", "question_id")
            .agg(min("k").as("k"))
            .groupBy("library", "k")
            .agg(count(lit(1)).as("first_covered"))
            .collectAsList();
    for (Row r : rows) {
      firstCovered
          .computeIfAbsent(r.getString(0), x -> new TreeMap<>())
          .put(r.getLong(1), r.getLong(2));
    }
    return firstCovered;
  }

  /**
   * Fig. 6's counts as the stage computed them in sessions 22 and 23 before they were carried
   * through the instance counts' pass ({@link SparkRq2#traceCountsAndFirstCovered}), kept as its
   * reference. Per library and rank k (of {@link Rq2Tables#rankedByLibrary}), the questions whose
   * first covering pattern has rank k: the links of {@link SparkRq2#links} with their pattern's
   * rank, the minimum k per (library, question_id), counted per (library, k). The ranks are joined
   * with the PATTERN_TRACES rows (one per pattern) rather than with each link, only the question
   * ids are exploded, and the library is keyed by its index among the ranked libraries, so that per
   * link the query reads one long and updates a map keyed by (int, long): about 40% less executor
   * CPU than joining every zipped link and keying by the library's name, at 2.4M and 10M question
   * rows (docs/PERFORMANCE.md, "Stats, session 22"). The same links as {@link SparkRq2#links}: a
   * longer {@code trace_ids} pads the question ids with nulls (as {@code arrays_zip}), a null array
   * gives none.
   */
  static Map<String, Map<Long, Long>> firstCovered(
      SparkSession spark, List<PatternFacts> patterns, Dataset<Row> patternTraces) {
    // the ranks' ids take the type of the links' pattern_id (hex or the stored bytes)
    boolean binary = PatternKeys.binary(patternTraces);
    List<String> libraries = new ArrayList<>();
    List<Row> ranks = new ArrayList<>();
    for (Map.Entry<String, List<PatternFacts>> e : Rq2Tables.rankedByLibrary(patterns).entrySet()) {
      List<PatternFacts> ranked = e.getValue();
      for (int k = 0; k < ranked.size(); k++) {
        PatternFacts p = ranked.get(k);
        ranks.add(
            RowFactory.create(
                p.library(),
                PatternKeys.key(p.patternId(), binary),
                (long) k + 1,
                libraries.size()));
      }
      libraries.add(e.getKey());
    }
    Map<String, Map<Long, Long>> firstCovered = new TreeMap<>();
    if (ranks.isEmpty()) {
      return firstCovered;
    }
    StructType schema =
        new StructType()
            .add("library", DataTypes.StringType)
            .add("pattern_id", PatternKeys.type(binary))
            .add("k", DataTypes.LongType)
            .add("library_index", DataTypes.IntegerType);
    Column traceIds = col("trace_ids");
    Column questionIds = col("question_ids");
    // the question ids of links(): arrays_zip pairs them with the trace ids (null when either is
    // null), padding the shorter array with nulls; only a longer trace_ids needs the zip
    Column linked =
        when(traceIds.isNull(), lit(null))
            .when(
                size(traceIds).gt(size(questionIds)),
                arrays_zip(traceIds, questionIds).getField("question_ids"))
            .otherwise(questionIds);
    // the inner join with every pattern's rank also drops the links to absent pattern ids
    Dataset<Row> rankedLinks =
        patternTraces
            .join(
                broadcast(spark.createDataFrame(ranks, schema)),
                new String[] {"library", "pattern_id"})
            .select(col("library_index"), col("k"), explode(linked).as("question_id"))
            .select(col("library_index"), col("k"), col("question_id").cast("long"));
    List<Row> rows =
        rankedLinks
            .groupBy(col("library_index"), col("question_id"))
            .agg(min("k").as("k"))
            .groupBy("library_index", "k")
            .agg(count(lit(1)).as("first_covered"))
            .collectAsList();
    for (Row r : rows) {
      firstCovered
          .computeIfAbsent(libraries.get(r.getInt(0)), x -> new TreeMap<>())
          .put(r.getLong(1), r.getLong(2));
    }
    return firstCovered;
  }
}
