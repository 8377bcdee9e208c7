package io.tracemine.match;

import static io.tracemine.spark.Schemas.nullable;
import static io.tracemine.spark.Schemas.required;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.tracemine.MalformedInputException;
import io.tracemine.TraceMineException;
import io.tracemine.extract.traceback.Traceback;
import io.tracemine.spark.LazyIterators;
import io.tracemine.spark.RowValues;
import io.tracemine.spark.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

/**
 * {@code match --input TABLE}: answers every traceback of a text column with the same {@link
 * Matcher} as the single-trace command. The index file is shipped to the executors with {@code
 * SparkContext.addFile} and memory-mapped there once per JVM.
 */
public final class BatchMatchStage {
  /** One row per (input row, traceback, hit); see docs/TABLES.md, "matches". */
  public static final StructType MATCHES =
      Schemas.struct(
          required("input_id", StringType),
          nullable("traceback", IntegerType),
          nullable("exception_type", StringType),
          nullable("template", StringType),
          nullable("frames", IntegerType),
          nullable("rank", IntegerType),
          nullable("question_id", LongType),
          nullable("title", StringType),
          nullable("library", StringType),
          nullable("score", DoubleType),
          nullable("accepted_answer_id", LongType),
          nullable("pattern_id", StringType),
          nullable("pattern_length", IntegerType),
          nullable("pattern_trace_support", IntegerType),
          nullable("type_agrees", BooleanType),
          nullable("template_agrees", BooleanType),
          nullable("note", StringType));

  private static final RowValues MATCH_ROW = RowValues.of(MATCHES);

  private final SparkSession spark;
  private final Path indexFile;
  private final int k;
  private final int maxTextChars;

  /**
   * @param maxTextChars a longer text (in Unicode code points) is quarantined as {@code text too
   *     long}, as ingest quarantines a longer Body ({@code ingest.max-body-chars})
   */
  public BatchMatchStage(SparkSession spark, Path indexFile, int k, int maxTextChars) {
    this.spark = spark;
    this.indexFile = indexFile;
    this.k = k;
    this.maxTextChars = maxTextChars;
  }

  /**
   * The input rows to quarantine (a null text or one longer than {@code maxTextChars}; with an id
   * column, a null or blank id, or an id that several rows share) and the matches of the others.
   */
  public record Result(Dataset<Row> matches, Dataset<Row> rejected) {}

  /**
   * @param textColumn the column holding the text (cast to string)
   * @param idColumn the column identifying a row in the output, or null for a generated id ({@code
   *     monotonically_increasing_id}: unique, not consecutive)
   * @throws MalformedInputException naming a missing column and the columns present
   */
  /** The column Spark's JSON reader puts a line it cannot parse in. */
  static final String CORRUPT_RECORD = "_corrupt_record";

  public Result run(Dataset<Row> input, String textColumn, String idColumn) {
    List<String> columns = Arrays.asList(input.columns());
    for (String c : idColumn == null ? List.of(textColumn) : List.of(textColumn, idColumn)) {
      if (!columns.contains(c)) {
        throw new MalformedInputException(
            "Cannot match the input: it has no column '"
                + c
                + "' (columns: "
                + String.join(", ", columns)
                + "; choose one with --text-column or"
                + " --id-column)");
      }
    }
    KnowledgeIndex.open(indexFile); // fails fast on a missing, foreign or damaged index
    String indexRef = ship(indexFile);
    Dataset<Row> rows =
        input.select(
            (idColumn == null ? monotonically_increasing_id() : col(idColumn))
                .cast(StringType)
                .as("input_id"),
            col(textColumn).cast(StringType).as("text"),
            (columns.contains(CORRUPT_RECORD) ? col(CORRUPT_RECORD) : lit(null).cast(StringType))
                .as(CORRUPT_RECORD));
    Column tooLong = length(col("text")).gt(maxTextChars);
    Column reason =
        when(col("text").isNull(), lit("missing text")).when(tooLong, lit("text too long"));
    Column detail =
        when(
            tooLong,
            concat(
                length(col("text")).cast(StringType),
                lit(" characters, more than ingest.max-body-chars = " + maxTextChars)));
    if (idColumn != null) {
      Column sharing = count(lit(1)).over(Window.partitionBy(col("input_id")));
      rows = rows.withColumn("sharing", sharing);
      Column blank = col("input_id").isNull().or(trim(col("input_id")).equalTo(""));
      reason =
          when(blank, lit("missing id"))
              .when(col("sharing").gt(1), lit("duplicate id"))
              .otherwise(reason);
      detail =
          when(blank, lit("column " + idColumn))
              .when(
                  col("sharing").gt(1),
                  concat(col("sharing").cast(StringType), lit(" rows have this " + idColumn)))
              .otherwise(detail);
    }
    // a JSON line Spark could not parse: its columns are null, the line is in _corrupt_record
    Column malformed = col(CORRUPT_RECORD).isNotNull();
    reason = when(malformed, lit("malformed JSON line")).otherwise(reason);
    detail = when(malformed, substring(col(CORRUPT_RECORD), 1, 200)).otherwise(detail);
    Dataset<Row> judged = rows.withColumn("reason", reason).withColumn("detail", detail);
    Dataset<Row> rejected =
        judged
            .filter(col("reason").isNotNull())
            .select(
                lit("match").as("stage"),
                lit(textColumn).as("source"),
                col("input_id").as("record_id"),
                col("reason"),
                col("detail"));
    Dataset<Row> matches =
        judged
            .filter(col("reason").isNull())
            .select("input_id", "text")
            .mapPartitions(new MatchRows(indexRef, k), Encoders.row(MATCHES));
    return new Result(matches, rejected);
  }

  /**
   * Where executors find the index: its own path when Spark runs locally, else the name of a copy
   * shipped with {@code addFile} (a name of its own: Spark refuses a second file of one name).
   */
  private String ship(Path indexFile) {
    if (spark.sparkContext().isLocal()) {
      return indexFile.toAbsolutePath().toString();
    }
    String shippedName = "match-index-" + UUID.randomUUID() + ".tmm";
    try {
      Path copy = Files.createTempDirectory("tracemine-match").resolve(shippedName);
      Files.copy(indexFile, copy);
      spark.sparkContext().addFile(copy.toString());
      return SHIPPED + shippedName;
    } catch (IOException e) {
      throw new TraceMineException(
          "Cannot ship the match index to the executors: " + e.getMessage(), e);
    }
  }

  private static final String SHIPPED = "shipped:";

  /** Answers the texts of a partition; opens the index once per executor JVM. */
  static final class MatchRows implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, KnowledgeIndex> OPEN = new ConcurrentHashMap<>();
    private final String fileName;
    private final int k;

    MatchRows(String fileName, int k) {
      this.fileName = fileName;
      this.k = k;
    }

    private KnowledgeIndex index() {
      return OPEN.computeIfAbsent(
          fileName,
          f ->
              KnowledgeIndex.open(
                  f.startsWith(SHIPPED)
                      ? Path.of(SparkFiles.get(f.substring(SHIPPED.length())))
                      : Path.of(f)));
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      KnowledgeIndex index = index();
      Matcher matcher = new Matcher(index);
      return LazyIterators.flatMap(rows, (r, out) -> answer(r, out, index, matcher, k));
    }

    private static void answer(
        Row r, Consumer<Row> out, KnowledgeIndex index, Matcher matcher, int k) {
      String id = r.getString(0);
      List<Traceback> tracebacks = TraceQuery.tracebacks(r.getString(1), index);
      if (tracebacks.isEmpty()) {
        out.accept(MATCH_ROW.row().set("input_id", id).set("note", "no traceback found").build());
      }
      for (int t = 0; t < tracebacks.size(); t++) {
        TraceAnswer a = matcher.match(t + 1, tracebacks.get(t), k);
        if (a.hits().isEmpty()) {
          out.accept(traceback(id, a).build());
        }
        for (Hit h : a.hits()) {
          out.accept(
              traceback(id, a)
                  .set("rank", h.rank())
                  .set("question_id", h.questionId())
                  .set("title", h.title())
                  .set("library", h.library())
                  .set("score", h.score())
                  .set("accepted_answer_id", h.acceptedAnswerId())
                  .set("pattern_id", h.shared().patternId())
                  .set("pattern_length", h.shared().frames().size())
                  .set("pattern_trace_support", h.shared().traceSupport())
                  .set("type_agrees", h.typeAgrees())
                  .set("template_agrees", h.templateAgrees())
                  .build());
        }
      }
    }

    /** The input row's and the traceback's columns, and the answer's note. */
    private static RowValues.Builder traceback(String id, TraceAnswer a) {
      return MATCH_ROW
          .row()
          .set("input_id", id)
          .set("traceback", a.traceback())
          .set("exception_type", a.exceptionType())
          .set("template", a.template())
          .set("frames", a.frames())
          .set("note", a.note());
    }
  }
}
