package io.tracemine.stats;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.sum;

import io.tracemine.spark.LazyIterators;
import io.tracemine.spark.PatternTraceLinks;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The counts of {@code period_pattern_support}: per (period, library, pattern_id) the distinct
 * trace ids of the period whose trace contains the pattern (the links joined with the traces'
 * periods on (library, trace_id)) and the distinct question ids of those links, exact as {@code
 * countDistinct} for any input.
 *
 * <p><b>One shuffle of the links</b> ({@link #byQuestion}). The links and the traces' (library,
 * trace_id, period) rows are shuffled together once, by the part of the trace id before its first
 * {@code -}: a function of the join key, so every link meets its trace rows, and a trace id is in
 * one partition. The extract stage names a trace {@code <question_id>-<block>-<position>}, so that
 * part is the question id and all traces of a question are in one partition too. Sorted within
 * partitions by (trace_id, library, trace rows first), one pass ({@link QuestionSupport}) joins
 * each link with the periods of its trace and counts per question's run of rows; Spark adds the
 * partitions' counts. Traces add up across partitions for any input. Questions add up when every
 * joined link's trace id starts with its question id and a {@code -} (a <em>canonical</em> link):
 * then all links of a question are in one run. A (period, library, pattern_id) that a non-canonical
 * link reaches (another naming of trace ids, a null question id, a trace id named with another
 * question) is marked, and if any is, {@link #of} counts again with the join and a second shuffle
 * ({@link #byJoin}, the plan before session 19). Before, the join was a sort-merge join from about
 * 460,000 trace rows on (adaptive execution made it a broadcast below), so every link was shuffled
 * and sorted twice (docs/PERFORMANCE.md, "Stats, session 19").
 *
 * <p>Cost: one shuffle and one sort of L + T rows (links, trace rows), memory per task of one
 * question's rows, and Spark's partial aggregation of about one row per (question, period,
 * pattern); no broadcast, and the driver holds one row per (period, library, pattern_id).
 *
 * <p><b>A small trace side is broadcast</b> ({@link #of}): when the trace rows' {@link #traceBytes}
 * are at most {@code spark.sql.autoBroadcastJoinThreshold}, they are broadcast to the links and
 * only the joined links are shuffled, once ({@link #byJoin}): the plan adaptive execution chose by
 * itself at 1M question rows in session 19, cheaper there than the pass above (docs/PERFORMANCE.md,
 * "Stats, session 19"). Spark's default 10 MiB holds about 170,000 trace rows of 61-66 bytes. The
 * broadcast, held on the driver and in each executor, is bounded by that setting, not by the input.
 */
final class PeriodPatternSupport {
  private static final String UNSURE = "unsure";
  static final String BROADCAST_THRESHOLD = "spark.sql.autoBroadcastJoinThreshold";

  /**
   * The most trace-row bytes ({@link #traceBytes}) {@link #ofLists} indexes on the driver and
   * broadcasts: about a million trace rows, each a hash-map entry on the driver and in each
   * executor. Above it (the stats stage at 10M question rows and more) the links are counted by
   * {@link #of}, as before session 26.
   */
  static final long INDEX_LIMIT = 64L << 20;

  private PeriodPatternSupport() {}

  /** Collected rows (period, library, pattern_id, traces, questions) and their schema. */
  record Counts(StructType schema, List<Row> rows) {}

  /**
   * The supports of the {@code links} (library, pattern_id, trace_id, question_id) in the periods
   * of {@code tracePeriods} (period, library, trace_id): {@link #byQuestion}, or {@link #byJoin}
   * when a marked row shows that its questions may count a question twice.
   */
  static Counts of(Dataset<Row> links, Dataset<Row> tracePeriods) {
    return of(links, tracePeriods, broadcastLimit(tracePeriods.sparkSession()));
  }

  /**
   * {@link #of}, with the trace rows broadcast to the join ({@link #byJoin}, one shuffle of the
   * joined links) when their {@link #traceBytes} are at most {@code broadcastBytes} (never when it
   * is negative), else {@link #byQuestion}.
   */
  static Counts of(Dataset<Row> links, Dataset<Row> tracePeriods, long broadcastBytes) {
    Dataset<Row> joined = joined(links, tracePeriods);
    StructType schema = schema(joined);
    if (broadcastBytes >= 0 && traceBytes(tracePeriods) <= broadcastBytes) {
      Dataset<Row> small = tracePeriods.select("library", "trace_id", "period");
      Dataset<Row> broadcastJoined =
          links
              .join(broadcast(small), new String[] {"library", "trace_id"}, "inner")
              .select("period", "library", "pattern_id", "trace_id", "question_id");
      return new Counts(schema, byJoin(broadcastJoined).collectAsList());
    }
    List<Row> partial = byQuestion(links, tracePeriods).collectAsList();
    List<Row> rows = new ArrayList<>(partial.size());
    for (Row r : partial) {
      if (r.getBoolean(5)) {
        return new Counts(schema, byJoin(joined).collectAsList());
      }
      rows.add(RowFactory.create(r.get(0), r.get(1), r.get(2), r.getLong(3), r.getLong(4)));
    }
    return new Counts(schema, rows);
  }

  /**
   * The supports of the pattern lists {@code lists} (library, pattern_id, trace_ids, question_ids:
   * {@code PatternTraces#lists}) in the periods of {@code tracePeriods} (period, library,
   * trace_id), as {@link #of} counts their links ({@link PatternTraceLinks#of}). When the trace
   * rows' {@link #traceBytes} are at most {@link #INDEX_LIMIT}, {@link #byIndex}: no link is
   * shuffled.
   */
  static Counts ofLists(Dataset<Row> lists, Dataset<Row> tracePeriods) {
    return ofLists(lists, tracePeriods, INDEX_LIMIT);
  }

  /**
   * {@link #ofLists} with the index used when the trace rows' {@link #traceBytes} are at most
   * {@code indexBytes} (never when it is negative), and when each (period, library, pattern_id)
   * comes from one list row; else {@link #of} on the lists' links.
   */
  static Counts ofLists(Dataset<Row> lists, Dataset<Row> tracePeriods, long indexBytes) {
    if (indexBytes >= 0 && traceBytes(tracePeriods) <= indexBytes) {
      Counts counts = byIndex(lists, tracePeriods);
      if (counts != null) {
        return counts;
      }
    }
    return of(PatternTraceLinks.of(lists), tracePeriods);
  }

  /**
   * The supports counted in the lists' partitions against a broadcast {@link TracePeriodIndex} of
   * the trace rows (collected to the driver: at most {@link #INDEX_LIMIT} of row bytes): one row
   * per (period, library, pattern_id) and list row, so exact when no (period, library, pattern_id)
   * has two rows (a pattern stored in two rows); null when one has. The rows' schema is the one
   * {@link #of} gives for the lists' links.
   */
  static Counts byIndex(Dataset<Row> lists, Dataset<Row> tracePeriods) {
    TracePeriodIndex index = new TracePeriodIndex();
    for (Row r : tracePeriods.select("period", "library", "trace_id").collectAsList()) {
      index.add(r.getString(0), r.getString(1), r.getString(2));
    }
    SparkSession spark = lists.sparkSession();
    Broadcast<TracePeriodIndex> shared =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(index);
    try {
      StructType schema = schema(joined(PatternTraceLinks.of(lists), tracePeriods));
      List<Row> rows =
          lists
              .select("library", "pattern_id", "trace_ids", "question_ids")
              .mapPartitions(new ListSupport(shared), Encoders.row(schema))
              .collectAsList();
      Set<Group> groups = new HashSet<>();
      for (Row r : rows) {
        if (!groups.add(new Group(r.getString(0), r.getString(1), r.get(2)))) {
          return null;
        }
      }
      return new Counts(schema, rows);
    } finally {
      shared.destroy();
    }
  }

  /**
   * List rows (library, pattern_id, trace_ids, question_ids) to one row (period, library,
   * pattern_id, traces, questions) per period their traces reach ({@link PatternPeriodCounts}); a
   * row with a null library or pattern id joins nothing.
   */
  static final class ListSupport implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<TracePeriodIndex> index;

    ListSupport(Broadcast<TracePeriodIndex> index) {
      this.index = index;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      TracePeriodIndex periods = index.value();
      return LazyIterators.flatMap(
          rows,
          (r, out) -> {
            if (r.isNullAt(0) || r.isNullAt(1)) {
              return;
            }
            String library = r.getString(0);
            Object pattern = r.get(1);
            List<String> traces = r.isNullAt(2) ? null : r.getList(2);
            List<Long> questions = r.isNullAt(3) ? null : r.getList(3);
            PatternPeriodCounts.of(periods, library, traces, questions)
                .forEach(
                    (period, s) ->
                        out.accept(
                            RowFactory.create(
                                period, library, pattern, s.traces(), s.questions())));
          });
    }
  }

  /**
   * {@value #BROADCAST_THRESHOLD} of {@code spark} in bytes (Spark's default 10 MiB when unset; a
   * negative value turns the broadcast off), as Spark's own join planning reads it.
   */
  static long broadcastLimit(SparkSession spark) {
    return spark.sessionState().conf().autoBroadcastJoinThreshold();
  }

  /**
   * The bytes of the trace rows' (library, trace_id, period) as Spark holds them in a row (an
   * {@code UnsafeRow}: a null bitmap word, a word per field, each string's UTF-8 bytes rounded up
   * to a word): what a broadcast of them holds on the driver and on each executor, before the hash
   * table's own pointers. One aggregation over the trace rows.
   */
  static long traceBytes(Dataset<Row> tracePeriods) {
    Column bytes = lit(32L);
    for (String c : new String[] {"library", "trace_id", "period"}) {
      bytes = bytes.plus(coalesce(ceil(octet_length(col(c)).divide(8)).multiply(8), lit(0L)));
    }
    Row total = tracePeriods.agg(sum(bytes)).first();
    return total.isNullAt(0) ? 0 : ((Number) total.get(0)).longValue();
  }

  /**
   * One row per (period, library, pattern_id) with a joined link: period, library, pattern_id,
   * traces (exact), questions (exact unless {@code unsure}), unsure (a non-canonical link reached
   * it). One shuffle of the links and trace rows.
   */
  static Dataset<Row> byQuestion(Dataset<Row> links, Dataset<Row> tracePeriods) {
    DataType patternType = links.schema().apply("pattern_id").dataType();
    Dataset<Row> traceRows =
        tracePeriods
            .filter(col("trace_id").isNotNull().and(col("library").isNotNull()))
            .select(
                col("trace_id"),
                col("library"),
                lit(0).as("kind"),
                col("period"),
                lit(null).cast(patternType).as("pattern_id"),
                lit(null).cast(DataTypes.LongType).as("question_id"));
    Dataset<Row> linkRows =
        links
            .filter(col("trace_id").isNotNull().and(col("library").isNotNull()))
            .select(
                col("trace_id"),
                col("library"),
                lit(1).as("kind"),
                lit(null).cast(DataTypes.StringType).as("period"),
                col("pattern_id"),
                col("question_id"));
    StructType partial =
        new StructType()
            .add("period", DataTypes.StringType, true)
            .add("library", DataTypes.StringType, true)
            .add("pattern_id", patternType, true)
            .add("traces", DataTypes.LongType, false)
            .add("questions", DataTypes.LongType, false)
            .add(UNSURE, DataTypes.BooleanType, false);
    Column question = substring_index(col("trace_id"), "-", 1);
    return traceRows
        .unionByName(linkRows)
        .repartition(question)
        .sortWithinPartitions("trace_id", "library", "kind")
        .mapPartitions(new QuestionSupport(), Encoders.row(partial))
        .groupBy("period", "library", "pattern_id")
        .agg(sum("traces").as("traces"), sum("questions").as("questions"), max(UNSURE).as(UNSURE));
  }

  /**
   * The links with the periods of their traces: period, library, pattern_id, trace_id, question_id.
   */
  private static Dataset<Row> joined(Dataset<Row> links, Dataset<Row> tracePeriods) {
    return links
        .join(
            tracePeriods.select("library", "trace_id", "period"),
            new String[] {"library", "trace_id"},
            "inner")
        .select("period", "library", "pattern_id", "trace_id", "question_id");
  }

  private static StructType schema(Dataset<Row> joined) {
    return new StructType()
        .add(joined.schema().apply("period"))
        .add(joined.schema().apply("library"))
        .add(joined.schema().apply("pattern_id"))
        .add("traces", DataTypes.LongType, false)
        .add("questions", DataTypes.LongType, false);
  }

  /**
   * The same counts for any input by the join and a second shuffle of every joined link:
   * repartitioned by (period, library, pattern_id), sorted within partitions and counted by {@link
   * DistinctTracesAndQuestions}.
   */
  static Dataset<Row> byJoin(Dataset<Row> links, Dataset<Row> tracePeriods) {
    return byJoin(joined(links, tracePeriods));
  }

  private static Dataset<Row> byJoin(Dataset<Row> joined) {
    // pattern_id first: its leading bytes tell most rows apart in the sort's prefix comparison
    return joined
        .repartition(col("period"), col("library"), col("pattern_id"))
        .sortWithinPartitions("pattern_id", "library", "period", "trace_id")
        .mapPartitions(new DistinctTracesAndQuestions(), Encoders.row(schema(joined)));
  }

  /**
   * Rows (trace_id, library, kind, period, pattern_id, question_id), each (trace_id, library)
   * contiguous with its trace rows (kind 0: a period) before its links (kind 1: a pattern_id and
   * question_id), to partial counts per (period, library, pattern_id), streamed: for each run of
   * rows whose trace ids share the part before the first {@code -} (a question, as the extract
   * stage names traces), one row per (period, library, pattern_id) its links reach through their
   * trace's periods, with the distinct (trace_id, library) of the run that reach it, 1 question if
   * a canonical link (its trace id is its question id, a {@code -} and more) reaches it, and
   * whether a non-canonical one does. A link whose trace has no trace row joins nothing. Binary
   * pattern ids are compared by content.
   */
  static final class QuestionSupport implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Runs(rows);
    }
  }

  /** The streaming pass of {@link QuestionSupport}: the rows of one run at a time. */
  private static final class Runs implements Iterator<Row> {
    private final Iterator<Row> in;
    private Row next;
    private Iterator<Row> out = List.<Row>of().iterator();

    Runs(Iterator<Row> in) {
      this.in = in;
      this.next = in.hasNext() ? in.next() : null;
    }

    @Override
    public boolean hasNext() {
      while (!out.hasNext() && next != null) {
        out = run();
      }
      return out.hasNext();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return out.next();
    }

    /** Reads one run (rows of one question key) and returns its partial counts. */
    private Iterator<Row> run() {
      String key = questionKey(next.getString(0));
      Map<Group, long[]> counts = new LinkedHashMap<>();
      List<String> periods = new ArrayList<>();
      Set<Group> seen = new HashSet<>();
      String trace = null;
      String library = null;
      while (next != null && sameKey(key, next.getString(0))) {
        Row r = next;
        next = in.hasNext() ? in.next() : null;
        if (!r.getString(0).equals(trace) || !r.getString(1).equals(library)) {
          trace = r.getString(0);
          library = r.getString(1);
          periods.clear();
          seen.clear();
        }
        if (r.getInt(2) == 0) {
          if (!periods.contains(r.getString(3))) {
            periods.add(r.getString(3));
          }
          continue;
        }
        boolean canonical = !r.isNullAt(5) && namesQuestion(trace, r.getLong(5));
        for (String period : periods) {
          Group g = new Group(period, library, r.get(4));
          long[] c = counts.computeIfAbsent(g, x -> new long[3]);
          if (seen.add(g)) {
            c[0]++;
          }
          c[canonical ? 1 : 2] = 1;
        }
      }
      List<Row> rows = new ArrayList<>(counts.size());
      counts.forEach(
          (g, c) ->
              rows.add(RowFactory.create(g.period, g.library, g.pattern, c[0], c[1], c[2] == 1)));
      return rows.iterator();
    }
  }

  /** The part of a trace id before its first {@code -} (all of it without one). */
  static String questionKey(String traceId) {
    int dash = traceId.indexOf('-');
    return dash < 0 ? traceId : traceId.substring(0, dash);
  }

  private static boolean sameKey(String key, String traceId) {
    int dash = traceId.indexOf('-');
    int end = dash < 0 ? traceId.length() : dash;
    return end == key.length() && traceId.startsWith(key);
  }

  /**
   * Whether {@code traceId} is {@code question} in decimal (no sign, no leading zero) followed by a
   * {@code -}: the extract stage's naming, {@code <question_id>-<block>-<position>}.
   */
  static boolean namesQuestion(String traceId, long question) {
    int dash = traceId.indexOf('-');
    if (dash <= 0 || question < 0) {
      return false;
    }
    long rest = question;
    int i = dash - 1;
    do {
      if (i < 0 || traceId.charAt(i) != (char) ('0' + rest % 10)) {
        return false;
      }
      rest /= 10;
      i--;
    } while (rest > 0);
    return i == -1;
  }

  /** A (period, library, pattern_id) key; a binary pattern id by content. */
  private static final class Group {
    final String period;
    final String library;
    final Object pattern;
    private final Object patternKey;

    Group(String period, String library, Object pattern) {
      this.period = period;
      this.library = library;
      this.pattern = pattern;
      this.patternKey = pattern instanceof byte[] b ? ByteBuffer.wrap(b) : pattern;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Group g
          && Objects.equals(patternKey, g.patternKey)
          && Objects.equals(period, g.period)
          && Objects.equals(library, g.library);
    }

    @Override
    public int hashCode() {
      return Objects.hash(period, library, patternKey);
    }
  }

  /**
   * Rows (period, library, pattern_id, trace_id, question_id), each (period, library, pattern_id)
   * contiguous and sorted by trace_id within it, to one row per (period, library, pattern_id) with
   * its distinct non-null trace ids and question ids (as {@code countDistinct}). The key columns
   * are compared by value, a binary pattern_id (its stored 20 bytes) by content.
   */
  static final class DistinctTracesAndQuestions implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      List<Row> out = new ArrayList<>();
      Row group = null;
      String lastTrace = null;
      long traceCount = 0;
      Set<Long> questions = new HashSet<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        if (group == null || !sameGroup(group, r)) {
          if (group != null) {
            out.add(counts(group, traceCount, questions.size()));
          }
          group = r;
          lastTrace = null;
          traceCount = 0;
          questions.clear();
        }
        String trace = r.getString(3);
        if (trace != null && !trace.equals(lastTrace)) {
          traceCount++;
          lastTrace = trace;
        }
        if (!r.isNullAt(4)) {
          questions.add(((Number) r.get(4)).longValue());
        }
      }
      if (group != null) {
        out.add(counts(group, traceCount, questions.size()));
      }
      return out.iterator();
    }

    private static boolean sameGroup(Row a, Row b) {
      return same(a.get(2), b.get(2)) && same(a.get(1), b.get(1)) && same(a.get(0), b.get(0));
    }

    /**
     * Equal values, binary ones by content: a stored pattern_id is 20 bytes, and Spark hands each
     * row its own {@code byte[]} ({@code mine.Patterns} and the decoded links give lower-case hex).
     */
    private static boolean same(Object a, Object b) {
      return a instanceof byte[] x && b instanceof byte[] y
          ? Arrays.equals(x, y)
          : Objects.equals(a, b);
    }

    private static Row counts(Row group, long traces, long questions) {
      return RowFactory.create(group.get(0), group.get(1), group.get(2), traces, questions);
    }
  }
}
