package io.tracemine.stats;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.instr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
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
 * part is the question id and all traces of a question are in one partition too. Within each
 * partition Spark joins the links with their traces' periods on (library, trace_id) and aggregates
 * per (question key, period, library, pattern_id) (the distinct traces, whether a canonical link
 * reaches it, whether another does) with its generated code: the key is one of the join and
 * grouping keys, so neither needs another exchange; Spark then adds the partitions' counts. Traces
 * add up across partitions for any input. Questions add up when every joined link's trace id starts
 * with its question id and a {@code -} (a <em>canonical</em> link, {@link #canonical}): then all
 * links of a question have one key. A (period, library, pattern_id) that a non-canonical link
 * reaches (another naming of trace ids, a null question id, a trace id named with another question)
 * is marked, and if any is, {@link #of} counts again with the join and a second shuffle ({@link
 * #byJoin}, the plan before session 19). Before, the join was a sort-merge join from about 460,000
 * trace rows on (adaptive execution made it a broadcast below), so every link was shuffled and
 * sorted twice (docs/PERFORMANCE.md, "Stats, session 19"). Until session 24 the rows were sorted by
 * trace id and counted by a {@code Row} function per question's run of rows, about half of the
 * period tables' CPU (docs/PERFORMANCE.md, "Period tables, session 24").
 *
 * <p>Cost: one shuffle of L + T rows (links, trace rows), Spark's sort-merge join within each
 * partition (it spills when a partition's rows do not fit), hash aggregations of about one row per
 * (trace, period, pattern), then per (question, period, pattern); no broadcast, and the driver
 * holds one row per (period, library, pattern_id).
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
  private static final String KEY = "question_key";
  private static final String CANONICAL = "canonical";
  static final String BROADCAST_THRESHOLD = "spark.sql.autoBroadcastJoinThreshold";

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
   * it). One shuffle of the links and trace rows, both by their trace id's question key, then
   * Spark's own join and aggregations within each partition (no second shuffle of the links).
   */
  static Dataset<Row> byQuestion(Dataset<Row> links, Dataset<Row> tracePeriods) {
    Column question = substring_index(col("trace_id"), "-", 1);
    Column present = col("trace_id").isNotNull().and(col("library").isNotNull());
    Dataset<Row> traceRows =
        tracePeriods
            .filter(present)
            .select(col("library"), col("trace_id"), question.as(KEY), col("period"))
            .repartition(col(KEY));
    Dataset<Row> linkRows =
        links
            .filter(present)
            .select(
                col("library"),
                col("trace_id"),
                question.as(KEY),
                col("pattern_id"),
                coalesce(canonical(col("trace_id"), col("question_id")), lit(false)).as(CANONICAL))
            .repartition(col(KEY));
    // both sides are hash-partitioned by the key, which is one of the join keys and of every
    // grouping below: Spark joins and groups each partition without another exchange
    return linkRows
        .join(traceRows, new String[] {"library", "trace_id", KEY}, "inner")
        .groupBy(col(KEY), col("period"), col("library"), col("pattern_id"), col("trace_id"))
        .agg(max(CANONICAL).as(CANONICAL), max(not(col(CANONICAL))).as(UNSURE))
        .groupBy(col(KEY), col("period"), col("library"), col("pattern_id"))
        .agg(count(lit(1)).as("traces"), max(CANONICAL).as(CANONICAL), max(UNSURE).as(UNSURE))
        .groupBy("period", "library", "pattern_id")
        .agg(
            sum("traces").as("traces"),
            sum(when(col(CANONICAL), lit(1L)).otherwise(lit(0L))).as("questions"),
            max(UNSURE).as(UNSURE));
  }

  /**
   * Whether a link is canonical ({@link #namesQuestion} as a Spark column): its trace id is its
   * question id in decimal (no sign, no leading zero) followed by a {@code -}; null when the
   * question id is null.
   */
  static Column canonical(Column traceId, Column questionId) {
    return questionId
        .geq(0)
        .and(instr(traceId, "-").gt(1))
        .and(substring_index(traceId, "-", 1).equalTo(questionId.cast(DataTypes.StringType)));
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

  /** The part of a trace id before its first {@code -} (all of it without one). */
  static String questionKey(String traceId) {
    int dash = traceId.indexOf('-');
    return dash < 0 ? traceId : traceId.substring(0, dash);
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
