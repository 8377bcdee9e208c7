package io.tracemine.spark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Looks posts' questions up in a broadcast {@link QuestionIndex} instead of joining them: no post
 * is shuffled for it, which a sort-merge join does with every body (at 60M posts, ingest's join
 * wrote and sorted 13.9 GB). Used while the index fits its budget ({@link #questionsThatFit}); the
 * callers join above it.
 */
public final class QuestionLookup {
  /** The lookup's name in query plans. */
  public static final String QUESTION_LOOKUP = "question_lookup";

  /** The share of the smallest heap of the job the index may take: one in this many bytes. */
  static final int HEAP_SHARE_DIVISOR = 8;

  private static final String LIBRARIES = "libraries";
  private static final String LOOKED_UP = "_question";
  private static final String LOOKUP_KEY = "_lookup_key";

  private QuestionLookup() {}

  /**
   * The questions an index of {@code times} times may hold in this job ({@link
   * #questionsThatFit(int, long, long, long)} of the driver's heap, the executors' memory in a
   * cluster, and {@code spark.driver.maxResultSize}).
   */
  public static long questionsThatFit(SparkSession spark, int times) {
    boolean local = spark.sparkContext().isLocal();
    return questionsThatFit(
        times,
        Runtime.getRuntime().maxMemory(),
        local ? -1 : spark.sparkContext().executorMemory() * 1024L * 1024L,
        spark.sparkContext().getConf().getSizeAsBytes("spark.driver.maxResultSize", "1g"));
  }

  /**
   * The questions an index of {@code times} times may hold: an eighth of the smallest heap that
   * holds it (the driver's, {@code driverHeap}, which builds it, and in a cluster each executor's,
   * {@code executorHeap}; -1 in local mode), in {@link QuestionIndex#bytesPerQuestion}; and at most
   * half of {@code maxResultSize} (Spark's limit on the parts the driver collects; 0: none). With
   * one time at 6 GiB, about 44M questions.
   */
  static long questionsThatFit(int times, long driverHeap, long executorHeap, long maxResultSize) {
    long heap = executorHeap > 0 ? Math.min(driverHeap, executorHeap) : driverHeap;
    long bytes = heap / HEAP_SHARE_DIVISOR;
    if (maxResultSize > 0) {
      bytes = Math.min(bytes, maxResultSize / 2);
    }
    return bytes / QuestionIndex.bytesPerQuestion(times);
  }

  /**
   * Builds the index of {@code questions} (one row an Id, in {@code idColumn}; the libraries in
   * {@code librariesColumn}, or none when null; the timestamps in {@code timeColumns}) and
   * broadcasts it.
   */
  public static Broadcast<QuestionIndex> broadcast(
      SparkSession spark,
      Dataset<Row> questions,
      String idColumn,
      String librariesColumn,
      String... timeColumns) {
    List<Column> columns = new ArrayList<>();
    columns.add(col(idColumn));
    columns.add(
        librariesColumn == null
            ? functions.array().cast(DataTypes.createArrayType(DataTypes.StringType, false))
            : col(librariesColumn));
    for (String time : timeColumns) {
      columns.add(functions.unix_micros(col(time)));
    }
    List<QuestionIndex.Part> parts =
        questions
            .select(columns.toArray(Column[]::new))
            .sortWithinPartitions(idColumn)
            .javaRDD()
            .mapPartitions(new PartOfRows(timeColumns.length))
            .collect();
    QuestionIndex index = QuestionIndex.merge(timeColumns.length, parts);
    return spark
        .sparkContext()
        .broadcast(index, scala.reflect.ClassTag$.MODULE$.apply(QuestionIndex.class));
  }

  /**
   * {@code posts} with the columns of a left outer join on {@code key} (a post's question Id, null
   * for a post that looks up none) to the indexed questions: {@code idColumn} (the key when found,
   * else null), {@code librariesColumn} (unless null) and {@code timeColumns} (timestamps), in the
   * order the index was built with.
   *
   * <p>The lookup runs once per row in a projection of its own: like the tags' function of {@code
   * ClassifyPosts}, it is marked nondeterministic only so that the optimizer neither merges that
   * projection into the next one nor copies the call into a filter pushed below it.
   */
  public static Dataset<Row> link(
      Dataset<Row> posts,
      Column key,
      Broadcast<QuestionIndex> index,
      String idColumn,
      String librariesColumn,
      String... timeColumns) {
    StructType found =
        new StructType()
            .add(LIBRARIES, DataTypes.createArrayType(DataTypes.StringType, false), false);
    for (int t = 0; t < timeColumns.length; t++) {
      found = found.add(timeField(t), DataTypes.LongType, true);
    }
    UserDefinedFunction lookup =
        functions.udf(new QuestionOf(index), found).asNondeterministic().withName(QUESTION_LOOKUP);
    Column question = col(LOOKED_UP);
    List<Column> columns = new ArrayList<>();
    columns.add(col("*"));
    columns.add(functions.when(question.isNotNull(), col(LOOKUP_KEY)).as(idColumn));
    if (librariesColumn != null) {
      columns.add(question.getField(LIBRARIES).as(librariesColumn));
    }
    for (int t = 0; t < timeColumns.length; t++) {
      columns.add(functions.timestamp_micros(question.getField(timeField(t))).as(timeColumns[t]));
    }
    return posts
        .withColumn(LOOKUP_KEY, key)
        .withColumn(LOOKED_UP, lookup.apply(col(LOOKUP_KEY)))
        .select(columns.toArray(Column[]::new))
        .drop(LOOKED_UP, LOOKUP_KEY);
  }

  private static String timeField(int t) {
    return "t" + t;
  }

  /**
   * One partition's questions (Id, libraries, times in microseconds), sorted by Id; a row without
   * an Id is left out.
   */
  static final class PartOfRows implements FlatMapFunction<Iterator<Row>, QuestionIndex.Part> {
    private static final long serialVersionUID = 1L;
    private final int times;

    PartOfRows(int times) {
      this.times = times;
    }

    @Override
    public Iterator<QuestionIndex.Part> call(Iterator<Row> rows) {
      QuestionIndex.Part part = new QuestionIndex.Part(times);
      Long[] micros = new Long[times];
      while (rows.hasNext()) {
        Row row = rows.next();
        if (row.isNullAt(0)) {
          continue; // a null Id matches no key, as in a join
        }
        for (int t = 0; t < times; t++) {
          micros[t] = row.isNullAt(2 + t) ? null : row.getLong(2 + t);
        }
        part.add(row.getLong(0), row.getList(1), micros);
      }
      return Collections.singletonList(part.trimmed()).iterator();
    }
  }

  /** A key's question in the index: its libraries and times, or null. */
  static final class QuestionOf implements UDF1<Long, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<QuestionIndex> index;

    QuestionOf(Broadcast<QuestionIndex> index) {
      this.index = index;
    }

    @Override
    public Row call(Long key) {
      if (key == null) {
        return null;
      }
      QuestionIndex questions = index.value();
      int at = questions.find(key);
      if (at < 0) {
        return null;
      }
      Object[] values = new Object[1 + questions.times()];
      values[0] = questions.sharedLibraries(at);
      for (int t = 0; t < questions.times(); t++) {
        values[1 + t] = questions.micros(t, at);
      }
      return RowFactory.create(values);
    }
  }
}
