package io.tracemine.spark;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Every table TraceMine reads or writes; documented column by column in docs/TABLES.md. */
public final class Schemas {
  private Schemas() {}

  /** The SOTorrent 2020-12-31 {@code Posts} columns TraceMine needs, with their SOTorrent types. */
  public static final StructType SOTORRENT_POSTS =
      struct(
          nullable("Id", LongType),
          nullable("PostTypeId", IntegerType),
          nullable("ParentId", LongType),
          nullable("AcceptedAnswerId", LongType),
          nullable("CreationDate", TimestampType),
          nullable("Score", IntegerType),
          nullable("ViewCount", LongType),
          nullable("AnswerCount", IntegerType),
          nullable("CommentCount", IntegerType),
          nullable("Title", StringType),
          nullable("Tags", StringType),
          nullable("Body", StringType));

  /**
   * Ingest output: selected questions and all their answers, with the libraries of the question.
   */
  public static final StructType POSTS =
      SOTORRENT_POSTS.add(
          createStructField("Libraries", createArrayType(StringType, false), false));

  /** Quarantined input: one row per rejected record, with the stage and the reason. */
  public static final StructType REJECTS =
      struct(
          required("stage", StringType),
          required("source", StringType),
          nullable("record_id", StringType),
          required("reason", StringType),
          nullable("detail", StringType));

  /** Ingest's input files: one row per file read (or the BigQuery table), with its rows read. */
  public static final StructType INPUT_FILES =
      struct(
          required("path", StringType),
          nullable("bytes", LongType),
          required("rows_read", LongType));

  /**
   * One frame of a traceback: raw path, normalised file name, line, function, path style, and the
   * number of further identical calls it stands for.
   */
  public static final StructType FRAME =
      struct(
          nullable("raw_path", StringType),
          required("file", StringType),
          nullable("line", IntegerType),
          required("function", StringType),
          required("path_style", StringType),
          required("more_repeats", IntegerType));

  /** Extract output: one row per traceback instance. */
  public static final StructType TRACES =
      struct(
          required("trace_id", StringType),
          required("question_id", LongType),
          required("library", StringType),
          required("block_index", IntegerType),
          required("block_kind", StringType),
          required("position", IntegerType),
          required("os", StringType),
          nullable("exception_type", StringType),
          nullable("message", StringType),
          nullable("template", StringType),
          nullable("chained_from", IntegerType),
          nullable("chain_kind", StringType),
          required("frame_count", IntegerType),
          required("frames", createArrayType(FRAME, false)),
          required("language", StringType),
          nullable("parent_trace_id", StringType),
          nullable("common_frames_omitted", IntegerType),
          required("profile", StringType),
          required("nested_frames", createArrayType(FRAME, false)));

  /** Extract output: one row per question and library. */
  public static final StructType QUESTIONS =
      struct(
          required("question_id", LongType),
          required("library", StringType),
          nullable("creation_date", TimestampType),
          required("word_count", IntegerType),
          required("has_code", BooleanType),
          required("code_blocks", IntegerType),
          required("code_lines", IntegerType),
          required("trace_code_lines", IntegerType),
          required("has_trace", BooleanType),
          required("trace_count", IntegerType),
          required("os", StringType),
          nullable("score", IntegerType),
          nullable("views", LongType),
          nullable("comments", IntegerType),
          nullable("answer_count", IntegerType),
          nullable("hours_to_first_answer", DoubleType),
          nullable("hours_to_accepted_answer", DoubleType),
          required("has_accepted_answer", BooleanType),
          required("profile", StringType));

  /** One item of a pattern: a frame normalised to (file, function). */
  public static final StructType PATTERN_ITEM =
      struct(required("file", StringType), required("function", StringType));

  /**
   * Mine output as every consumer reads it: one row per closed contiguous pattern and library. The
   * table stores {@link #PATTERNS_STORED} and {@link #PATTERN_ITEMS}; read it only through {@code
   * io.tracemine.mine.Patterns}, which restores this view.
   */
  public static final StructType PATTERNS =
      struct(
          required("library", StringType),
          required("pattern_id", StringType),
          required("pattern", createArrayType(PATTERN_ITEM, false)),
          required("length", IntegerType),
          required("trace_support", LongType),
          required("question_support", LongType),
          required("occurrence_support", LongType),
          required("example_question_ids", createArrayType(LongType, false)),
          required("support_measure", StringType),
          required("min_support", LongType));

  /**
   * Mine output as stored in {@code patterns}: {@link #PATTERNS} with the item ids of the pattern
   * ({@code items}, ids of {@link #PATTERN_ITEMS}) in place of its (file, function) structs, and
   * the pattern id as its 20 SHA-1 bytes ({@link #PATTERNS} has their lower-case hex).
   */
  public static final StructType PATTERNS_STORED =
      replaceField(
          replaceField(PATTERNS, "pattern", required("items", createArrayType(IntegerType, false))),
          "pattern_id",
          required("pattern_id", BinaryType));

  /** Mine output: the items the stored patterns name by id ({@code pattern_items}). */
  public static final StructType PATTERN_ITEMS =
      struct(
          required("item_id", IntegerType),
          required("file", StringType),
          required("function", StringType));

  /**
   * Mine output as stored: which trace instances (and so which questions) contain which pattern.
   * Read it only through {@code io.tracemine.mine.PatternTraces}, which decodes it into {@link
   * #PATTERN_TRACE_LISTS} or {@link #PATTERN_TRACE_PAIRS} (with the pattern id in hex). The pattern
   * id is stored as its 20 SHA-1 bytes.
   */
  public static final StructType PATTERN_TRACES =
      struct(
          required("library", StringType),
          required("pattern_id", BinaryType),
          required("traces", BinaryType));

  /**
   * {@code pattern_traces} decoded, one row per pattern: {@code trace_ids} ascending, {@code
   * question_ids[i]} the question of {@code trace_ids[i]}.
   */
  public static final StructType PATTERN_TRACE_LISTS =
      struct(
          required("library", StringType),
          required("pattern_id", StringType),
          required("trace_ids", createArrayType(StringType, false)),
          required("question_ids", createArrayType(LongType, false)));

  /** The SOTorrent / data-dump {@code PostLinks} columns (LinkTypeId 3: duplicate). */
  public static final StructType SOTORRENT_POSTLINKS =
      struct(
          nullable("Id", LongType),
          nullable("CreationDate", TimestampType),
          nullable("PostId", LongType),
          nullable("RelatedPostId", LongType),
          nullable("LinkTypeId", IntegerType));

  /**
   * Ingest output: one row per duplicate link ({@code LinkTypeId = 3}) whose duplicate question was
   * selected; {@code original_id} is the question it was closed as a duplicate of.
   */
  public static final StructType DUPLICATE_LINKS =
      struct(
          required("question_id", LongType),
          required("original_id", LongType),
          nullable("link_date", TimestampType),
          required("original_selected", BooleanType));

  /** Evaluate output: recall and MRR of the original per ranker (docs/MATCH.md, Evaluation). */
  public static final StructType MATCH_EVALUATION =
      struct(
          required("ranker", StringType),
          required("duplicates", LongType),
          required("found_at_1", LongType),
          required("found_at_5", LongType),
          nullable("recall_at_1", DoubleType),
          nullable("recall_at_5", DoubleType),
          nullable("mrr", DoubleType));

  /** {@code pattern_traces} decoded, one row per (pattern, trace instance containing it). */
  public static final StructType PATTERN_TRACE_PAIRS =
      struct(
          required("library", StringType),
          required("pattern_id", StringType),
          required("trace_id", StringType),
          required("question_id", LongType));

  // ---- stats tables ----

  // ---- report tables ----

  public static StructField required(String name, org.apache.spark.sql.types.DataType type) {
    return createStructField(name, type, false);
  }

  public static StructField nullable(String name, org.apache.spark.sql.types.DataType type) {
    return createStructField(name, type, true);
  }

  /** {@code schema} with the field named {@code name} replaced by {@code field}, in its place. */
  static StructType replaceField(StructType schema, String name, StructField field) {
    StructField[] fields = schema.fields().clone();
    fields[schema.fieldIndex(name)] = field;
    return new StructType(fields);
  }

  public static StructType struct(StructField... fields) {
    return new StructType(fields);
  }

  /** The columns of {@code schema}, in its order: {@code ds.select(columns(SCHEMA))}. */
  public static Column[] columns(StructType schema) {
    return Arrays.stream(schema.fieldNames()).map(functions::col).toArray(Column[]::new);
  }
}
