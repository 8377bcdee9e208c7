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
import io.tracemine.extract.traceback.QuestionTraces;
import io.tracemine.extract.traceback.TraceExtractor;
import io.tracemine.extract.traceback.ProfileExtractor;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.LazyIterators;
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
import org.apache.spark.sql.RowFactory;
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
                      .map(f -> f.name().equals("library")
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

  private final ExtractConfig config;
  private transient TraceExtractor extractor;

  public ExtractPosts(ExtractConfig config) {
    this.config = config;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> questions) {
    return LazyIterators.map(questions, this::extract);
  }

  Row extract(Row q) {
    if (extractor == null) {
      extractor = ProfileExtractor.of(config.profile(), config.maxFrameRepeats());
    }
    long id = q.getLong(0);
    String[] libraries = q.getList(1).toArray(String[]::new);
    if (q.isNullAt(3)) {
      return reject(id, libraries, "missing Body");
    }
    try {
      return measure(q, id, libraries);
    } catch (RuntimeException e) {
      return reject(id, libraries, "cannot parse body: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private Row measure(Row q, long id, String[] libraries) {
    List<Block> blocks = HtmlBlocks.parse(q.getString(3));
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
    Timestamp created = q.getTimestamp(2);
    return RowFactory.create(
        id,
        libraries,
        created,
        words,
        codeBlocks > 0,
        codeBlocks,
        codeLines,
        traceCodeLines,
        withFrames > 0,
        withFrames,
        found.os(),
        q.isNullAt(4) ? null : q.getInt(4),
        q.isNullAt(5) ? null : q.getLong(5),
        q.isNullAt(6) ? null : q.getInt(6),
        q.isNullAt(7) ? null : q.getInt(7),
        hoursBetween(created, q.getTimestamp(9)),
        hoursBetween(created, q.getTimestamp(10)),
        !q.isNullAt(8),
        traces,
        null);
  }

  private static Row trace(long questionId, FoundTrace found) {
    var tb = found.traceback();
    Row[] frames = tb.frames().stream().map(ExtractPosts::frame).toArray(Row[]::new);
    return RowFactory.create(
        questionId + "-" + found.blockIndex() + "-" + found.position(),
        found.blockIndex(),
        found.blockKind().name().toLowerCase(Locale.ROOT),
        found.position(),
        osOf(tb.frames()),
        tb.exceptionType(),
        tb.message(),
        tb.message() == null ? null : MessageTemplates.template(tb.message()),
        tb.chainedFrom(),
        tb.chainKind() == null ? null : tb.chainKind().name().toLowerCase(Locale.ROOT),
        frames.length,
        frames,
        found.language(),
        found.parentPosition() == null ? null
            : questionId + "-" + found.blockIndex() + "-" + found.parentPosition(),
        found.commonFramesOmitted(),
        tb.nestedFrames().stream().map(ExtractPosts::frame).toArray(Row[]::new));
  }

  private static Row frame(Frame f) {
    return RowFactory.create(
        f.rawPath(), f.file(), f.line(), f.function(),
        f.pathStyle().name().toLowerCase(Locale.ROOT), f.moreRepeats());
  }

  private static String osOf(List<Frame> frames) {
    boolean unix = false;
    boolean windows = false;
    for (Frame f : frames) {
      switch (f.pathStyle()) {
        case UNIX -> unix = true;
        case WINDOWS -> windows = true;
        default -> { }
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
    return RowFactory.create(
        id, libraries, null, 0, false, 0, 0, 0, false, 0, "none", null, null, null, null, null, null,
        false, new Row[0], reason);
  }
}
