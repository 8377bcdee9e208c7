package io.tracemine.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.unhex;
import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.SharedSpark;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@link PeriodPatternSupport}'s plans against a brute-force join and count in sets on seeded
 * random small inputs, under 1, 2 and 7 input and shuffle partitions (AQE's coalescing off): trace
 * ids named as the extract stage names them ({@code <question_id>-<block>-<position>}) or not (a
 * trace id of another question, without a {@code -}, with a leading zero), a trace id with two
 * periods, duplicate trace rows and links, links to absent traces, null question ids, a trace id in
 * two libraries, string and binary pattern ids.
 */
class PeriodPatternSupportTest {
  private static final String[] LIBRARIES = {"a", "b"};
  private static final String[] PERIODS = {"2018", "2019", "2020"};
  private static final StructType TRACE_PERIODS =
      new StructType()
          .add("period", DataTypes.StringType, true)
          .add("library", DataTypes.StringType, false)
          .add("trace_id", DataTypes.StringType, false);
  private static final StructType LINKS =
      new StructType()
          .add("library", DataTypes.StringType, false)
          .add("pattern_id", DataTypes.StringType, false)
          .add("trace_id", DataTypes.StringType, true)
          .add("question_id", DataTypes.LongType, true);

  private static final StructType LISTS =
      new StructType()
          .add("library", DataTypes.StringType, false)
          .add("pattern_id", DataTypes.StringType, false)
          .add("trace_ids", DataTypes.createArrayType(DataTypes.StringType, true), true)
          .add("question_ids", DataTypes.createArrayType(DataTypes.LongType, true), true);

  private record TraceRow(String period, String library, String traceId) {}

  private record Link(String library, String patternId, String traceId, Long questionId) {}

  private record Input(List<TraceRow> traces, List<Link> links, boolean canonical) {
    static Input random(long seed) {
      Random rnd = new Random(seed);
      boolean canonical = rnd.nextBoolean();
      List<TraceRow> traces = new ArrayList<>();
      List<String[]> named = new ArrayList<>(); // library, trace id, question id
      int questions = 1 + rnd.nextInt(15);
      for (long q = 1; q <= questions; q++) {
        String period = PERIODS[rnd.nextInt(PERIODS.length)];
        int first = rnd.nextInt(LIBRARIES.length);
        int libraries = rnd.nextInt(4) == 0 ? 2 : 1;
        int instances = 1 + rnd.nextInt(3);
        for (int l = 0; l < libraries; l++) {
          String library = LIBRARIES[(first + l) % LIBRARIES.length];
          for (int i = 0; i < instances; i++) {
            String id = canonical ? q + "-0-" + i : otherName(rnd, q, i, questions);
            traces.add(new TraceRow(period, library, id));
            named.add(new String[] {library, id, String.valueOf(q)});
            if (rnd.nextInt(8) == 0) {
              traces.add(new TraceRow(period, library, id)); // a duplicate trace row
            }
            if (rnd.nextInt(10) == 0) {
              // the same trace id with a second period (named with a second question)
              traces.add(new TraceRow(PERIODS[rnd.nextInt(PERIODS.length)], library, id));
            }
          }
        }
      }
      List<Link> links = new ArrayList<>();
      for (int p = 0; p < 6; p++) {
        String library = LIBRARIES[rnd.nextInt(LIBRARIES.length)];
        String pattern = String.format("%02x", 16 * p + rnd.nextInt(16));
        for (String[] t : named) {
          if (t[0].equals(library) && rnd.nextInt(3) == 0) {
            Long question = Long.valueOf(t[2]);
            if (!canonical && rnd.nextInt(6) == 0) {
              question = rnd.nextBoolean() ? null : 1 + (long) rnd.nextInt(questions);
            }
            links.add(new Link(library, pattern, t[1], question));
            if (rnd.nextInt(8) == 0) {
              links.add(new Link(library, pattern, t[1], question)); // a duplicate link
            }
          }
        }
        if (rnd.nextInt(3) == 0) {
          links.add(new Link(library, pattern, "99-0-0", 99L)); // a trace absent from the traces
        }
      }
      return new Input(traces, links, canonical);
    }

    /** A trace id not named as the extract stage names it, or now and then as it does. */
    private static String otherName(Random rnd, long q, int i, int questions) {
      return switch (rnd.nextInt(5)) {
        case 0 -> "t" + q + "x" + i;
        case 1 -> i == 0 ? String.valueOf(q) : q + "-" + i;
        case 2 -> "0" + q + "-" + i;
        case 3 -> (1 + rnd.nextInt(questions)) + "-9-" + q + "-" + i; // another question's
        default -> q + "-0-" + i;
      };
    }

    /** Per (period, library, pattern_id): distinct trace ids, distinct non-null question ids. */
    Map<List<String>, List<Long>> bruteForce() {
      Map<List<String>, Set<String>> traceIds = new TreeMap<>(PeriodPatternSupportTest::compare);
      Map<List<String>, Set<Long>> questionIds = new TreeMap<>(PeriodPatternSupportTest::compare);
      for (Link l : links) {
        for (TraceRow t : traces) {
          if (t.library().equals(l.library()) && t.traceId().equals(l.traceId())) {
            List<String> key = List.of(t.period(), l.library(), l.patternId());
            traceIds.computeIfAbsent(key, k -> new HashSet<>()).add(l.traceId());
            Set<Long> qs = questionIds.computeIfAbsent(key, k -> new HashSet<>());
            if (l.questionId() != null) {
              qs.add(l.questionId());
            }
          }
        }
      }
      Map<List<String>, List<Long>> out = new TreeMap<>(PeriodPatternSupportTest::compare);
      traceIds.forEach(
          (k, v) -> out.put(k, List.of((long) v.size(), (long) questionIds.get(k).size())));
      return out;
    }

    Dataset<Row> tracePeriods(SparkSession spark, int partitions) {
      List<Row> rows = new ArrayList<>();
      traces.forEach(t -> rows.add(RowFactory.create(t.period(), t.library(), t.traceId())));
      return spark.createDataFrame(rows, TRACE_PERIODS).repartition(partitions);
    }

    /**
     * The links as pattern lists, one row per (library, pattern_id) in the links' order, or with
     * {@code split} each pattern of two or more links in two rows (a pattern stored twice).
     */
    Dataset<Row> lists(SparkSession spark, int partitions, boolean split) {
      Map<List<String>, List<Link>> byPattern = new java.util.LinkedHashMap<>();
      links.forEach(
          l ->
              byPattern
                  .computeIfAbsent(List.of(l.library(), l.patternId()), k -> new ArrayList<>())
                  .add(l));
      List<Row> rows = new ArrayList<>();
      byPattern.forEach(
          (k, ls) -> {
            int cut = split && ls.size() > 1 ? ls.size() / 2 : ls.size();
            rows.add(listRow(k, ls.subList(0, cut)));
            if (cut < ls.size()) {
              rows.add(listRow(k, ls.subList(cut, ls.size())));
            }
          });
      return spark.createDataFrame(rows, LISTS).repartition(partitions);
    }

    private static Row listRow(List<String> pattern, List<Link> links) {
      String[] traces = links.stream().map(Link::traceId).toArray(String[]::new);
      Long[] questions = links.stream().map(Link::questionId).toArray(Long[]::new);
      return RowFactory.create(pattern.get(0), pattern.get(1), traces, questions);
    }

    Dataset<Row> links(SparkSession spark, int partitions, boolean binary) {
      List<Row> rows = new ArrayList<>();
      links.forEach(
          l ->
              rows.add(RowFactory.create(l.library(), l.patternId(), l.traceId(), l.questionId())));
      Dataset<Row> out = spark.createDataFrame(rows, LINKS).repartition(partitions);
      return binary ? out.withColumn("pattern_id", unhex(col("pattern_id"))) : out;
    }
  }

  private static int compare(List<String> a, List<String> b) {
    return String.join("|", a).compareTo(String.join("|", b));
  }

  @Property(tries = 16)
  void equalsBruteForce(@ForAll long seed) {
    Input in = Input.random(seed);
    Map<List<String>, List<Long>> expected = in.bruteForce();
    SparkSession spark = SharedSpark.session();
    for (int partitions : new int[] {1, 2, 7}) {
      boolean binary = partitions == 2;
      String what = "seed " + seed + ", " + partitions + " partitions";
      Dataset<Row> links = in.links(spark, partitions, binary);
      Dataset<Row> traces = in.tracePeriods(spark, partitions);
      PeriodPatternSupport.Counts counts =
          withPartitions(spark, partitions, () -> PeriodPatternSupport.of(links, traces));
      assertThat(counts.schema().fieldNames())
          .containsExactly("period", "library", "pattern_id", "traces", "questions");
      assertThat(map(counts.rows())).as(what + ", of").isEqualTo(expected);
      for (long limit : new long[] {-1, 0, Long.MAX_VALUE}) {
        PeriodPatternSupport.Counts bounded =
            withPartitions(spark, partitions, () -> PeriodPatternSupport.of(links, traces, limit));
        assertThat(bounded.schema())
            .as(what + ", of, broadcast limit " + limit)
            .isEqualTo(counts.schema());
        assertThat(map(bounded.rows()))
            .as(what + ", of, broadcast limit " + limit)
            .isEqualTo(expected);
      }
      List<Row> byJoin =
          withPartitions(
              spark, partitions, () -> PeriodPatternSupport.byJoin(links, traces).collectAsList());
      assertThat(map(byJoin)).as(what + ", byJoin").isEqualTo(expected);
      List<Row> byQuestion =
          withPartitions(
              spark,
              partitions,
              () -> PeriodPatternSupport.byQuestion(links, traces).collectAsList());
      Map<List<String>, List<Long>> partial = map(byQuestion);
      assertThat(partial.keySet()).as(what + ", byQuestion's groups").isEqualTo(expected.keySet());
      for (Row r : byQuestion) {
        List<Long> want = expected.get(key(r));
        assertThat(r.getLong(3)).as(what + ", byQuestion's traces").isEqualTo(want.get(0));
        if (!r.getBoolean(5)) {
          assertThat(r.getLong(4)).as(what + ", byQuestion's questions").isEqualTo(want.get(1));
        }
        if (in.canonical()) {
          assertThat(r.getBoolean(5))
              .as(what + ": trace ids named as extract names them")
              .isFalse();
        }
      }
    }
  }

  @Property(tries = 6)
  void fromListsEqualsBruteForce(@ForAll long seed) {
    Input in = Input.random(seed);
    Map<List<String>, List<Long>> expected = in.bruteForce();
    SparkSession spark = SharedSpark.session();
    for (int partitions : new int[] {1, 2, 7}) {
      Dataset<Row> traces = in.tracePeriods(spark, partitions);
      Dataset<Row> links = in.links(spark, partitions, false);
      PeriodPatternSupport.Counts fromLinks =
          withPartitions(spark, partitions, () -> PeriodPatternSupport.of(links, traces));
      for (boolean split : new boolean[] {false, true}) {
        Dataset<Row> lists = in.lists(spark, partitions, split);
        String what = "seed " + seed + ", " + partitions + " partitions, split " + split;
        for (long limit : new long[] {-1, Long.MAX_VALUE}) {
          PeriodPatternSupport.Counts counts =
              withPartitions(
                  spark, partitions, () -> PeriodPatternSupport.ofLists(lists, traces, limit));
          assertThat(counts.schema()).as(what + ", limit " + limit).isEqualTo(fromLinks.schema());
          assertThat(map(counts.rows())).as(what + ", limit " + limit).isEqualTo(expected);
        }
        PeriodPatternSupport.Counts byIndex = PeriodPatternSupport.byIndex(lists, traces);
        if (!split) {
          assertThat(byIndex).as(what + ": one row per pattern, exact by the index").isNotNull();
          assertThat(byIndex.schema()).as(what + ", byIndex schema").isEqualTo(fromLinks.schema());
          assertThat(map(byIndex.rows())).as(what + ", byIndex").isEqualTo(expected);
        } else if (byIndex != null) {
          assertThat(byIndex.schema()).as(what + ", byIndex schema").isEqualTo(fromLinks.schema());
          assertThat(map(byIndex.rows()))
              .as(what + ", byIndex with no group in two rows")
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void aPatternInTwoListRowsReachingOnePeriodFallsBackToTheLinks() {
    SparkSession spark = SharedSpark.session();
    Dataset<Row> traces =
        spark.createDataFrame(
            List.of(
                RowFactory.create("2019", "a", "1-0-0"), RowFactory.create("2019", "a", "2-0-0")),
            TRACE_PERIODS);
    Dataset<Row> lists =
        spark.createDataFrame(
            List.of(
                RowFactory.create("a", "p", new String[] {"1-0-0"}, new Long[] {1L}),
                RowFactory.create("a", "p", new String[] {"1-0-0", "2-0-0"}, new Long[] {1L, 2L})),
            LISTS);
    assertThat(PeriodPatternSupport.byIndex(lists, traces)).isNull();
    PeriodPatternSupport.Counts counts =
        PeriodPatternSupport.ofLists(lists, traces, Long.MAX_VALUE);
    assertThat(map(counts.rows()))
        .containsExactly(Map.entry(List.of("2019", "a", "p"), List.of(2L, 2L)));
  }

  @Test
  void traceBytesAreTheRowsAsSparkHoldsThem() {
    SparkSession spark = SharedSpark.session();
    List<Row> rows =
        List.of(
            RowFactory.create("2019", "a", "12-0-0"), // 32 + 8 + 8 + 8
            RowFactory.create("2019Q4", "pandas", "123456789-10-2"), // 32 + 8 + 8 + 16
            RowFactory.create(null, "\u00e9", "1-0-0")); // 32 + 0 + 8 (2 bytes) + 8
    Dataset<Row> traces = spark.createDataFrame(rows, TRACE_PERIODS);
    assertThat(PeriodPatternSupport.traceBytes(traces)).isEqualTo(56 + 64 + 48);
    assertThat(PeriodPatternSupport.traceBytes(traces.limit(0))).isZero();
  }

  @Test
  void broadcastLimitIsSparksThreshold() {
    SparkSession spark = SharedSpark.session();
    String key = PeriodPatternSupport.BROADCAST_THRESHOLD;
    String before = spark.conf().get(key);
    try {
      spark.conf().set(key, "-1");
      assertThat(PeriodPatternSupport.broadcastLimit(spark)).isEqualTo(-1);
      spark.conf().set(key, "32m");
      assertThat(PeriodPatternSupport.broadcastLimit(spark)).isEqualTo(32L << 20);
      spark.conf().set(key, "1000");
      assertThat(PeriodPatternSupport.broadcastLimit(spark)).isEqualTo(1000);
    } finally {
      spark.conf().set(key, before);
    }
  }

  @Test
  void namesQuestionIsTheExtractStagesNaming() {
    assertThat(PeriodPatternSupport.namesQuestion("12-0-3", 12)).isTrue();
    assertThat(PeriodPatternSupport.namesQuestion("12-", 12)).isTrue();
    assertThat(PeriodPatternSupport.namesQuestion("0-1-0", 0)).isTrue();
    assertThat(PeriodPatternSupport.namesQuestion("012-0-0", 12)).isFalse();
    assertThat(PeriodPatternSupport.namesQuestion("112-0-0", 12)).isFalse();
    assertThat(PeriodPatternSupport.namesQuestion("2-0-0", 12)).isFalse();
    assertThat(PeriodPatternSupport.namesQuestion("12", 12)).isFalse();
    assertThat(PeriodPatternSupport.namesQuestion("-12-0", -12)).isFalse();
    assertThat(PeriodPatternSupport.namesQuestion("t1", 1)).isFalse();
    assertThat(PeriodPatternSupport.questionKey("12-0-3")).isEqualTo("12");
    assertThat(PeriodPatternSupport.questionKey("t1")).isEqualTo("t1");
  }

  private static List<String> key(Row r) {
    Object id = r.get(2);
    return List.of(r.getString(0), r.getString(1), id instanceof byte[] b ? hex(b) : (String) id);
  }

  private static Map<List<String>, List<Long>> map(List<Row> rows) {
    Map<List<String>, List<Long>> out = new TreeMap<>(PeriodPatternSupportTest::compare);
    for (Row r : rows) {
      assertThat(out.put(key(r), List.of(r.getLong(3), r.getLong(4))))
          .as("one row per key")
          .isNull();
    }
    return out;
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02x", b & 0xff));
    }
    return out.toString();
  }

  /** {@code action} with {@code n} shuffle partitions and AQE's coalescing off, then as before. */
  private static <T> T withPartitions(SparkSession spark, int n, Supplier<T> action) {
    String partitions = spark.conf().get("spark.sql.shuffle.partitions");
    String coalesce = spark.conf().get("spark.sql.adaptive.coalescePartitions.enabled");
    spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(n));
    spark.conf().set("spark.sql.adaptive.coalescePartitions.enabled", "false");
    try {
      return action.get();
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", partitions);
      spark.conf().set("spark.sql.adaptive.coalescePartitions.enabled", coalesce);
    }
  }
}
