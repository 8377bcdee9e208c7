package io.tracemine.stats;

import static io.tracemine.stats.Rq1Tables.ALL;
import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.Schemas;
import io.tracemine.spark.SharedSpark;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@link SparkRq2#traceCounts} (two sorted passes) equals a brute-force count with sets on the
 * driver, on seeded random small inputs, under 1, 2 and 7 partitions (input and shuffle, without
 * AQE's coalescing): duplicate TRACES rows and links, a trace in several patterns, the same trace
 * id and question in two libraries, a trace id named with two questions, links to patterns absent
 * from PATTERNS and to traces absent from TRACES, and empty tables.
 */
class TraceCountsPropertyTest {
  private static final String[] LIBRARIES = {"keras", "nltk", "tensorflow"};
  private static final StructType TRACES =
      new StructType()
          .add("trace_id", DataTypes.StringType, false)
          .add("question_id", DataTypes.LongType, false)
          .add("library", DataTypes.StringType, false);
  private static final StructType PATTERN_KEYS =
      new StructType()
          .add("library", DataTypes.StringType, false)
          .add("pattern_id", DataTypes.StringType, false);

  /** One TRACES row or one link (a pattern id), as the brute force reads them. */
  private record Link(String library, String patternId, String traceId, long questionId) {}

  @Property(tries = 12)
  void equalsBruteForce(@ForAll long seed) {
    Random rnd = new Random(seed);
    List<Link> traces = new ArrayList<>();
    int questions = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(12);
    for (long q = 1; q <= questions; q++) {
      int first = rnd.nextInt(LIBRARIES.length);
      // a question (and its trace ids) in two libraries
      int libraries = rnd.nextInt(4) == 0 ? 2 : 1;
      int instances = 1 + rnd.nextInt(3);
      for (int l = 0; l < libraries; l++) {
        for (int i = 0; i < instances; i++) {
          Link t = new Link(LIBRARIES[(first + l) % LIBRARIES.length], null, q + "-" + i, q);
          traces.add(t);
          if (rnd.nextInt(8) == 0) {
            traces.add(t); // a duplicate TRACES row
          }
          if (q > 1 && rnd.nextInt(10) == 0) {
            // a trace id named with two questions: one trace, in two question-id partitions
            traces.add(new Link(t.library(), null, (1 + rnd.nextInt((int) q - 1)) + "-0", q));
          }
        }
      }
    }
    Set<List<String>> patterns = new HashSet<>();
    List<Row> patternTraces = new ArrayList<>();
    List<Link> links = new ArrayList<>();
    int patternCount = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(10);
    for (int p = 0; p < patternCount; p++) {
      String library = LIBRARIES[rnd.nextInt(LIBRARIES.length)];
      String id = "p" + rnd.nextInt(6);
      if (rnd.nextInt(4) != 0) {
        patterns.add(List.of(library, id)); // else absent from PATTERNS: its links are not valid
      }
      List<Link> own = new ArrayList<>();
      for (Link t : traces) {
        if (t.library().equals(library) && rnd.nextInt(3) == 0) {
          own.add(new Link(library, id, t.traceId(), t.questionId()));
        }
      }
      if (rnd.nextInt(4) == 0) {
        own.add(new Link(library, id, "99-0", 99)); // a trace absent from TRACES
      }
      if (!own.isEmpty() && rnd.nextInt(3) == 0) {
        own.add(own.get(rnd.nextInt(own.size()))); // a duplicate link within a row
      }
      // the same pattern id may come back (a second PATTERN_TRACES row, maybe duplicate links)
      patternTraces.add(
          RowFactory.create(
              library,
              id,
              own.stream().map(Link::traceId).toArray(String[]::new),
              own.stream().map(Link::questionId).toArray(Long[]::new)));
      links.addAll(own);
    }
    boolean withPatterns = rnd.nextInt(6) != 0;
    Map<String, List<Long>> expectedInstances = bruteForce(traces);
    Map<String, List<Long>> expectedCovered =
        withPatterns
            ? bruteForce(
                new ArrayList<>(
                    new java.util.LinkedHashSet<>(
                        links.stream()
                            .filter(l -> patterns.contains(List.of(l.library(), l.patternId())))
                            .map(l -> new Link(l.library(), null, l.traceId(), l.questionId()))
                            .toList())))
            : Map.of();

    SparkSession spark = SharedSpark.session();
    List<Row> traceRows = new ArrayList<>();
    traces.forEach(t -> traceRows.add(RowFactory.create(t.traceId(), t.questionId(), t.library())));
    List<Row> patternRows = new ArrayList<>();
    patterns.forEach(k -> patternRows.add(RowFactory.create(k.get(0), k.get(1))));
    for (int partitions : new int[] {1, 2, 7}) {
      SparkRq2.TraceCounts counts =
          withPartitions(
              spark,
              partitions,
              () ->
                  SparkRq2.traceCounts(
                      spark.createDataFrame(traceRows, TRACES).repartition(partitions),
                      withPatterns
                          ? spark.createDataFrame(patternRows, PATTERN_KEYS).repartition(partitions)
                          : null,
                      withPatterns
                          ? spark
                              .createDataFrame(patternTraces, Schemas.PATTERN_TRACE_LISTS)
                              .repartition(partitions)
                          : null));
      String what = "seed " + seed + ", " + partitions + " partitions";
      assertThat(lists(counts.instances())).as(what + ", instances").isEqualTo(expectedInstances);
      assertThat(lists(counts.covered())).as(what + ", covered").isEqualTo(expectedCovered);
    }
  }

  /**
   * Per library and under {@value Rq1Tables#ALL}: rows, distinct question ids, distinct trace ids
   * (nothing when there is no row).
   */
  private static Map<String, List<Long>> bruteForce(List<Link> rows) {
    Map<String, List<Long>> out = new TreeMap<>();
    Set<String> libraries = new HashSet<>();
    rows.forEach(r -> libraries.add(r.library()));
    for (String library : libraries) {
      out.put(library, counts(rows.stream().filter(r -> r.library().equals(library)).toList()));
    }
    if (!rows.isEmpty()) {
      out.put(ALL, counts(rows));
    }
    return out;
  }

  private static List<Long> counts(List<Link> rows) {
    return List.of(
        (long) rows.size(), distinct(rows, Link::questionId), distinct(rows, Link::traceId));
  }

  private static long distinct(List<Link> rows, Function<Link, Object> value) {
    return rows.stream().map(value).distinct().count();
  }

  private static Map<String, List<Long>> lists(Map<String, long[]> counts) {
    Map<String, List<Long>> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, List.of(v[0], v[1], v[2])));
    return out;
  }

  /** {@code action} with {@code n} shuffle partitions and AQE's coalescing off, then as before. */
  private static <T> T withPartitions(
      SparkSession spark, int n, java.util.function.Supplier<T> action) {
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
