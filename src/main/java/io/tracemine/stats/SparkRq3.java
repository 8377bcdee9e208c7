package io.tracemine.stats;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.row_number;

import io.tracemine.stats.math.ShuffleHead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The RQ3 sheets' example questions drawn with Spark: the same URLs as {@link Rq3Sheets#fromLinks}
 * (the oracle), with driver memory independent of the number of questions and of the sheet
 * patterns' supports.
 *
 * <p>The driver version sorts a sheet row's distinct questions, shuffles them with {@code new
 * Random(seed * 31 + id.hashCode())} and keeps the first {@code examples}. Which positions of the
 * sorted list those are depends only on the number of questions {@code n} ({@link ShuffleHead}). So
 * Spark counts each row's distinct questions, the driver turns each count into at most {@code
 * examples} wanted ranks, and Spark returns the questions at those ranks of the sorted lists. The
 * driver holds a few values per sheet row: its count and its examples.
 */
final class SparkRq3 {
  private static final StructType MEMBERS =
      new StructType()
          .add("sheet", DataTypes.IntegerType)
          .add("library", DataTypes.StringType)
          .add("pattern_id", DataTypes.StringType);
  private static final StructType FALLBACK = MEMBERS.add("question_id", DataTypes.LongType);
  private static final StructType WANTED =
      new StructType()
          .add("sheet", DataTypes.IntegerType)
          .add("rank", DataTypes.IntegerType)
          .add("position", DataTypes.IntegerType);

  private SparkRq3() {}

  /**
   * Example URLs of every sheet row in {@code sheets} (by {@link Rq3Sheets.Sheet#key()}), as {@link
   * Rq3Sheets#fromLinks} would give them from the collected links of {@code patternTraces} (the
   * decoded lists view: library, pattern_id, trace_ids, question_ids).
   */
  static Rq3Sheets.ExampleUrls exampleUrls(
      SparkSession spark,
      Dataset<Row> patternTraces,
      List<Rq3Sheets.Sheet> sheets,
      int examples,
      long seed) {
    if (sheets.isEmpty()) {
      return sheet -> "";
    }
    // Spark sees each sheet row as a small int (its key's index): the keys are long strings
    // (every member's library:pattern_id) and the sheets' questions are millions of rows at 2M
    List<Row> members = new ArrayList<>();
    List<Row> fallback = new ArrayList<>();
    Map<String, Integer> indexOf = new HashMap<>();
    List<String> keyOf = new ArrayList<>();
    Map<Integer, String> idOf = new HashMap<>();
    Set<String> memberIds = new TreeSet<>();
    for (Rq3Sheets.Sheet s : sheets) {
      int sheet =
          indexOf.computeIfAbsent(
              s.key(),
              k -> {
                keyOf.add(k);
                return keyOf.size() - 1;
              });
      idOf.put(sheet, s.id());
      for (PatternFacts p : s.members()) {
        members.add(RowFactory.create(sheet, p.library(), p.patternId()));
        memberIds.add(p.patternId());
        for (Long q : p.exampleQuestionIds()) {
          fallback.add(RowFactory.create(sheet, p.library(), p.patternId(), q));
        }
      }
    }
    String[] patternKey = {"library", "pattern_id"};
    // the sheets' patterns are a few hundred: keep their PATTERN_TRACES rows (a filter, no job)
    // before one row per link is made of every pattern's lists; their ids as hex from here on
    boolean binary = PatternKeys.binary(patternTraces);
    Object[] memberKeys =
        memberIds.stream().map(id -> PatternKeys.key(id, binary)).filter(k -> k != null).toArray();
    Dataset<Row> memberLists = patternTraces.filter(col("pattern_id").isin(memberKeys));
    if (binary) {
      memberLists = memberLists.withColumn("pattern_id", lower(hex(col("pattern_id"))));
    }
    Dataset<Row> linked =
        SparkRq2.links(memberLists)
            .select("library", "pattern_id", "question_id")
            .join(broadcast(spark.createDataFrame(members, MEMBERS)), patternKey);
    // a member without any link contributes its example_question_ids instead, as in the oracle
    Dataset<Row> unlinked =
        spark
            .createDataFrame(fallback, FALLBACK)
            .join(linked.select("library", "pattern_id").distinct(), patternKey, "left_anti");
    Dataset<Row> questions =
        linked
            .select("sheet", "question_id")
            .union(unlinked.select("sheet", "question_id"))
            .distinct()
            .persist();
    try {
      List<Row> wanted = new ArrayList<>();
      for (Row r : questions.groupBy("sheet").count().collectAsList()) {
        int sheet = r.getInt(0);
        long n = r.getLong(1);
        if (n > Integer.MAX_VALUE) {
          throw new IllegalStateException(
              "Cannot draw example questions for RQ3 sheet row '"
                  + keyOf.get(sheet)
                  + "': it has "
                  + n
                  + " questions (at most "
                  + Integer.MAX_VALUE
                  + ")");
        }
        int[] ranks = ShuffleHead.head((int) n, examples, seed * 31 + idOf.get(sheet).hashCode());
        for (int position = 0; position < ranks.length; position++) {
          wanted.add(RowFactory.create(sheet, ranks[position], position));
        }
      }
      Dataset<Row> ranked =
          questions.withColumn(
              "rank",
              row_number().over(Window.partitionBy("sheet").orderBy(col("question_id"))).minus(1));
      Map<Integer, Map<Integer, Long>> picked = new HashMap<>();
      for (Row r :
          ranked
              .join(
                  broadcast(spark.createDataFrame(wanted, WANTED)), new String[] {"sheet", "rank"})
              .select("sheet", "position", "question_id")
              .collectAsList()) {
        picked.computeIfAbsent(r.getInt(0), k -> new TreeMap<>()).put(r.getInt(1), r.getLong(2));
      }
      return sheet ->
          picked.getOrDefault(indexOf.get(sheet.key()), Map.of()).values().stream()
              .map(q -> Rq3Sheets.QUESTION_URL + q)
              .collect(Collectors.joining(" "));
    } finally {
      questions.unpersist();
    }
  }
}
