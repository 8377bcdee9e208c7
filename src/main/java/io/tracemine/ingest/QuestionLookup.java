package io.tracemine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

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
 * Links answers to their selected questions through a broadcast {@link QuestionIndex} instead of a
 * join: no post is shuffled for it, which a sort-merge join does with every body (at 60M posts,
 * 13.9 GB written and sorted). Used while the index fits its budget ({@link #questionsThatFit}).
 */
final class QuestionLookup {
  static final String QUESTION_OF_ANSWER = "question_of_answer";
  private static final String LIBRARIES = "libraries";
  private static final String CREATED = "created_micros";
  private static final StructType FOUND =
      new StructType()
          .add(LIBRARIES, DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add(CREATED, DataTypes.LongType, true);
  private static final String LOOKED_UP = "_question";

  /**
   * The share of the smallest JVM heap of the job (the driver's, an executor's) the index may take.
   */
  static final int HEAP_SHARE_DIVISOR = 8;

  private QuestionLookup() {}

  /**
   * The selected questions an index may hold: an eighth of the smallest heap that holds it (the
   * driver's, which builds it, and in a cluster each executor's), in {@link
   * QuestionIndex#BYTES_PER_QUESTION}. At 6 GiB in local mode, about 44M questions.
   */
  static long questionsThatFit(SparkSession spark) {
    long heap = Runtime.getRuntime().maxMemory();
    if (!spark.sparkContext().isLocal()) {
      heap = Math.min(heap, spark.sparkContext().executorMemory() * 1024L * 1024L);
    }
    return heap / HEAP_SHARE_DIVISOR / QuestionIndex.BYTES_PER_QUESTION;
  }

  /**
   * Builds the index of {@code questions} (columns {@code idColumn}, {@code librariesColumn},
   * {@code createdColumn}: Id, libraries, creation timestamp; one row an Id) and broadcasts it.
   */
  static Broadcast<QuestionIndex> broadcast(
      SparkSession spark,
      Dataset<Row> questions,
      String idColumn,
      String librariesColumn,
      String createdColumn) {
    List<QuestionIndex.Part> parts =
        questions
            .select(col(idColumn), col(librariesColumn), functions.unix_micros(col(createdColumn)))
            .sortWithinPartitions(idColumn)
            .javaRDD()
            .mapPartitions(new PartOfRows())
            .collect();
    QuestionIndex index = QuestionIndex.merge(parts);
    return spark
        .sparkContext()
        .broadcast(index, scala.reflect.ClassTag$.MODULE$.apply(QuestionIndex.class));
  }

  /**
   * {@code posts} with the columns of a left outer join of its answers ({@code isAnswer}) on {@code
   * ParentId} to the indexed questions: {@code idColumn} (the question's Id, or null), {@code
   * librariesColumn} and {@code createdColumn} (its libraries and creation timestamp).
   *
   * <p>The lookup runs once per row in a projection of its own: like {@link ClassifyPosts}'
   * function, it is marked nondeterministic only so that the optimizer neither merges that
   * projection into the next one nor copies the call into a filter pushed below it.
   */
  static Dataset<Row> link(
      Dataset<Row> posts,
      Column isAnswer,
      Broadcast<QuestionIndex> index,
      String idColumn,
      String librariesColumn,
      String createdColumn) {
    UserDefinedFunction questionOf =
        functions
            .udf(new QuestionOfAnswer(index), FOUND)
            .asNondeterministic()
            .withName(QUESTION_OF_ANSWER);
    Column found = col(LOOKED_UP);
    return posts
        .withColumn(LOOKED_UP, when(isAnswer, questionOf.apply(col("ParentId"))))
        .select(
            col("*"),
            when(found.isNotNull(), col("ParentId")).as(idColumn),
            found.getField(LIBRARIES).as(librariesColumn),
            functions.timestamp_micros(found.getField(CREATED)).as(createdColumn))
        .drop(LOOKED_UP);
  }

  /** One partition's questions (Id, libraries, creation in microseconds), sorted by Id. */
  static final class PartOfRows implements FlatMapFunction<Iterator<Row>, QuestionIndex.Part> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<QuestionIndex.Part> call(Iterator<Row> rows) {
      QuestionIndex.Part part = new QuestionIndex.Part();
      while (rows.hasNext()) {
        Row row = rows.next();
        part.add(row.getLong(0), row.getList(1), row.isNullAt(2) ? null : row.getLong(2));
      }
      return Collections.singletonList(part.trimmed()).iterator();
    }
  }

  /** An answer's question in the index: its libraries and creation time, or null. */
  static final class QuestionOfAnswer implements UDF1<Long, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<QuestionIndex> index;

    QuestionOfAnswer(Broadcast<QuestionIndex> index) {
      this.index = index;
    }

    @Override
    public Row call(Long parentId) {
      if (parentId == null) {
        return null;
      }
      QuestionIndex questions = index.value();
      int at = questions.find(parentId);
      return at < 0
          ? null
          : RowFactory.create(questions.libraries(at), questions.createdMicros(at));
    }
  }
}
