package io.tracemine.extract;

import static io.tracemine.spark.Schemas.nullable;
import static io.tracemine.spark.Schemas.required;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import io.tracemine.extract.html.Block;
import io.tracemine.extract.html.BlockKind;
import io.tracemine.extract.html.HtmlBlocks;
import io.tracemine.extract.html.TextMetrics;
import io.tracemine.extract.template.MessageTemplates;
import io.tracemine.extract.traceback.FoundTrace;
import io.tracemine.extract.traceback.Frame;
import io.tracemine.extract.traceback.ProfileExtractor;
import io.tracemine.extract.traceback.QuestionTraces;
import io.tracemine.extract.traceback.TraceExtractor;
import io.tracemine.spark.LazyIterators;
import io.tracemine.spark.RowValues;
import io.tracemine.spark.Schemas;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parses each question once, inside its partition: HTML into blocks, blocks into tracebacks, and
 * the per-question measures. Emits one {@link #SCHEMA} row per question, holding its libraries and
 * its traces (not yet per library), or a row with a reject reason when the post cannot be used.
 */
public final class ExtractPosts implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** A trace before it is assigned to a library: the {@link Schemas#TRACES} columns but those. */
  public static final StructType TRACE =
      Schemas.struct(
          Arrays.stream(Schemas.TRACES.fields())
              .filter(f -> !Set.of("question_id", "library", "profile").contains(f.name()))
              .toArray(StructField[]::new));

  /**
   * A parsed question: the {@link Schemas#QUESTIONS} columns with all its libraries instead of one
   * and without the profile, then its traces and, for a quarantined post, the reason.
   */
  public static final StructType SCHEMA =
      Schemas.struct(
          Stream.concat(
                  Arrays.stream(Schemas.QUESTIONS.fields())
                      .filter(f -> !f.name().equals("profile"))
                      .map(
                          f ->
                              f.name().equals("library")
                                  ? required("libraries", createArrayType(StringType, false))
                                  : f),
                  Stream.of(
                      required("traces", createArrayType(TRACE, false)),
                      nullable("reject_reason", StringType)))
              .toArray(StructField[]::new));

  /** Columns of the input: a question joined with its first and accepted answers' dates. */
  public static final StructType INPUT =
      Schemas.struct(
          nullable("Id", LongType),
          nullable("Libraries", createArrayType(StringType, false)),
          nullable("CreationDate", TimestampType),
          nullable("Body", StringType),
          nullable("Score", IntegerType),
          nullable("ViewCount", LongType),
          nullable("CommentCount", IntegerType),
          nullable("AnswerCount", IntegerType),
          nullable("AcceptedAnswerId", LongType),
          nullable("first_answer_date", TimestampType),
          nullable("accepted_answer_date", TimestampType));

  private static final RowValues QUESTION_ROW = RowValues.of(SCHEMA);
  private static final RowValues TRACE_ROW = RowValues.of(TRACE);
  private static final RowValues FRAME_ROW = RowValues.of(Schemas.FRAME);

  private final ExtractConfig config;
  private transient TraceExtractor extractor;
  private transient InputColumns in;

  public ExtractPosts(ExtractConfig config) {
    this.config = config;
  }

  /** Positions of the {@link #INPUT} columns in the rows at hand, resolved from the first row. */
  private record InputColumns(
      int id,
      int libraries,
      int created,
      int body,
      int score,
      int views,
      int comments,
      int answers,
      int accepted,
      int firstAnswerDate,
      int acceptedAnswerDate) {
    static InputColumns of(StructType schema) {
      return new InputColumns(
          schema.fieldIndex("Id"),
          schema.fieldIndex("Libraries"),
          schema.fieldIndex("CreationDate"),
          schema.fieldIndex("Body"),
          schema.fieldIndex("Score"),
          schema.fieldIndex("ViewCount"),
          schema.fieldIndex("CommentCount"),
          schema.fieldIndex("AnswerCount"),
          schema.fieldIndex("AcceptedAnswerId"),
          schema.fieldIndex("first_answer_date"),
          schema.fieldIndex("accepted_answer_date"));
    }
  }

  @Override
  public Iterator<Row> call(Iterator<Row> questions) {
    return LazyIterators.map(questions, this::extract);
  }

  Row extract(Row q) {
    if (extractor == null) {
      extractor = ProfileExtractor.of(config.profile(), config.maxFrameRepeats());
    }
    if (in == null) {
      in = InputColumns.of(q.schema() != null ? q.schema() : INPUT);
    }
    long id = q.getLong(in.id());
    String[] libraries = q.getList(in.libraries()).toArray(String[]::new);
    if (q.isNullAt(in.body())) {
      return reject(id, libraries, "missing Body");
    }
    try {
      return measure(q, id, libraries);
    } catch (RuntimeException e) {
      return reject(
          id,
          libraries,
          "cannot parse body: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private Row measure(Row q, long id, String[] libraries) {
    List<Block> blocks = HtmlBlocks.parse(q.getString(in.body()));
    QuestionTraces found = extractor.extract(blocks);
    // A traceback counts as a stack trace (STUDY.md §2) when it has at least one frame; frameless
    // ones (header and exception only) are still kept in the traces table. JVM traces are
    // instances of their own but do not make a question one "with a stack trace" (Python's).
    Set<Integer> traceBlocks = new HashSet<>();
    int withFrames = 0;
    for (FoundTrace t : found.traces()) {
      if (t.isPython() && !t.traceback().frames().isEmpty()) {
        traceBlocks.add(t.blockIndex());
        withFrames++;
      }
    }
    int words = 0;
    int codeBlocks = 0;
    int codeLines = 0;
    int traceCodeLines = 0;
    for (Block b : blocks) {
      if (b.kind() == BlockKind.TEXT) {
        words += TextMetrics.wordCount(b.text());
      } else if (b.kind() == BlockKind.CODE) {
        int lines = TextMetrics.codeLines(b.text());
        codeBlocks++;
        codeLines += lines;
        if (traceBlocks.contains(b.index())) {
          traceCodeLines += lines;
        }
      }
    }
    Row[] traces = found.traces().stream().map(t -> trace(id, t)).toArray(Row[]::new);
    Timestamp created = q.getTimestamp(in.created());
    return QUESTION_ROW
        .row()
        .set("question_id", id)
        .set("libraries", libraries)
        .set("creation_date", created)
        .set("word_count", words)
        .set("has_code", codeBlocks > 0)
        .set("code_blocks", codeBlocks)
        .set("code_lines", codeLines)
        .set("trace_code_lines", traceCodeLines)
        .set("has_trace", withFrames > 0)
        .set("trace_count", withFrames)
        .set("os", found.os())
        .set("score", q.isNullAt(in.score()) ? null : q.getInt(in.score()))
        .set("views", q.isNullAt(in.views()) ? null : q.getLong(in.views()))
        .set("comments", q.isNullAt(in.comments()) ? null : q.getInt(in.comments()))
        .set("answer_count", q.isNullAt(in.answers()) ? null : q.getInt(in.answers()))
        .set("hours_to_first_answer", hoursBetween(created, q.getTimestamp(in.firstAnswerDate())))
        .set(
            "hours_to_accepted_answer",
            hoursBetween(created, q.getTimestamp(in.acceptedAnswerDate())))
        .set("has_accepted_answer", !q.isNullAt(in.accepted()))
        .set("traces", traces)
        .build();
  }

  private static Row trace(long questionId, FoundTrace found) {
    var tb = found.traceback();
    Row[] frames = tb.frames().stream().map(ExtractPosts::frame).toArray(Row[]::new);
    return TRACE_ROW
        .row()
        .set("trace_id", questionId + "-" + found.blockIndex() + "-" + found.position())
        .set("block_index", found.blockIndex())
        .set("block_kind", found.blockKind().name().toLowerCase(Locale.ROOT))
        .set("position", found.position())
        .set("os", osOf(tb.frames()))
        .set("exception_type", tb.exceptionType())
        .set("message", tb.message())
        .set("template", tb.message() == null ? null : MessageTemplates.template(tb.message()))
        .set("chained_from", tb.chainedFrom())
        .set(
            "chain_kind",
            tb.chainKind() == null ? null : tb.chainKind().name().toLowerCase(Locale.ROOT))
        .set("frame_count", frames.length)
        .set("frames", frames)
        .set("language", found.language())
        .set(
            "parent_trace_id",
            found.parentPosition() == null
                ? null
                : questionId + "-" + found.blockIndex() + "-" + found.parentPosition())
        .set("common_frames_omitted", found.commonFramesOmitted())
        .set(
            "nested_frames",
            tb.nestedFrames().stream().map(ExtractPosts::frame).toArray(Row[]::new))
        .build();
  }

  private static Row frame(Frame f) {
    return FRAME_ROW
        .row()
        .set("raw_path", f.rawPath())
        .set("file", f.file())
        .set("line", f.line())
        .set("function", f.function())
        .set("path_style", f.pathStyle().name().toLowerCase(Locale.ROOT))
        .set("more_repeats", f.moreRepeats())
        .build();
  }

  private static String osOf(List<Frame> frames) {
    boolean unix = false;
    boolean windows = false;
    for (Frame f : frames) {
      switch (f.pathStyle()) {
        case UNIX -> unix = true;
        case WINDOWS -> windows = true;
        default -> {}
      }
    }
    return unix && windows ? "mixed" : unix ? "unix" : windows ? "windows" : "none";
  }

  static Double hoursBetween(Timestamp from, Timestamp to) {
    if (from == null || to == null) {
      return null;
    }
    return (to.getTime() - from.getTime()) / 3_600_000.0;
  }

  private static Row reject(long id, String[] libraries, String reason) {
    return QUESTION_ROW
        .row()
        .set("question_id", id)
        .set("libraries", libraries)
        .set("word_count", 0)
        .set("has_code", false)
        .set("code_blocks", 0)
        .set("code_lines", 0)
        .set("trace_code_lines", 0)
        .set("has_trace", false)
        .set("trace_count", 0)
        .set("os", "none")
        .set("has_accepted_answer", false)
        .set("traces", new Row[0])
        .set("reject_reason", reason)
        .build();
  }
}
