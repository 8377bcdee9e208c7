package io.tracemine.ingest;

import io.tracemine.spark.SparkTimestamps;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Turns lines of a {@code Posts.xml} dump ({@link ParseXmlLines}) into {@link RawPosts#SCHEMA}
 * rows: structure lines vanish, malformed lines and rows with unreadable values become rows with a
 * reject reason (with the post id whenever the line's {@code Id} attribute is readable). A line
 * holding several rows gives each of them, parsed or rejected on its own, as in a file read whole
 * ({@link ParseXmlDocuments}), and a comment on a line is skipped as there; a line that opens a
 * comment, a CDATA section or a processing instruction it does not close fails the task ({@link
 * MarkupOverLines}), and the file is read again whole. Only the first line of a file decides how it
 * is read otherwise. Lines arrive as raw bytes, with the file they come from, so that invalid UTF-8
 * is rejected as {@code invalid UTF-8} instead of being replaced by U+FFFD. Dates without a zone
 * are UTC, as in the dumps.
 */
public final class ParseXmlRows {
  static final String INVALID_UTF8 = "invalid UTF-8";
  private static final int WIDTH = RawPosts.SCHEMA.size();
  private static final int REASON = RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON);
  private static final int DETAIL = RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_DETAIL);
  private static final int FILE = RawPosts.SCHEMA.fieldIndex(RawPosts.SOURCE_FILE);

  /**
   * The rows a line's bytes hold: one row, reject row (also for invalid UTF-8) or none for
   * structure; each row of a line that holds several or a comment ({@link #isSplit}).
   */
  static void rowsOf(byte[] bytes, String file, Consumer<Row> emit) {
    Utf8.Decoded decoded = Utf8.decode(bytes);
    if (isSplit(decoded.text())) {
      rowsOfSplitLine(bytes, file, emit);
    } else {
      emitRow(toRow(bytes, decoded, file), emit);
    }
  }

  /**
   * Whether a line is split as a file read whole is ({@link XmlRowSplitter#ofLine}): when it holds
   * several rows, or markup whose content is not rows (a comment, a CDATA section, a processing
   * instruction), read there as in a file read whole.
   */
  static boolean isSplit(String line) {
    return PostsXmlLine.holdsALaterRow(line) || line.contains("<!") || line.contains("<?");
  }

  /**
   * Each row of a line split as a file read whole is, so none is lost in another's reject; a line
   * that opens markup it does not close fails the task ({@link MarkupOverLines}).
   */
  private static void rowsOfSplitLine(byte[] bytes, String file, Consumer<Row> emit) {
    for (XmlRowSplitter.Piece piece : XmlRowSplitter.piecesOfLine(bytes, file)) {
      emitRow(toRow(piece, file), emit);
    }
  }

  private static void emitRow(Row row, Consumer<Row> emit) {
    if (row != null) {
      emit.accept(row);
    }
  }

  /**
   * The row a line's bytes hold, a reject row (also for invalid UTF-8), or null for structure; a
   * line holding several rows is one reject here ({@link #rowsOf(byte[], String, Consumer)} splits
   * it).
   */
  static Row toRow(byte[] bytes, String file) {
    return toRow(bytes, Utf8.decode(bytes), file);
  }

  private static Row toRow(byte[] bytes, Utf8.Decoded decoded, String file) {
    if (!decoded.valid()) {
      String id = PostsXmlLine.readableId(decoded.text());
      int at = decoded.malformedAt();
      return reject(
          id == null ? null : Long.valueOf(id),
          INVALID_UTF8,
          "malformed byte sequence at byte "
              + at
              + " ("
              + Utf8.hex(bytes, at, 4)
              + ") of: "
              + excerpt(decoded.text()),
          file);
    }
    return toRow(decoded.text(), file);
  }

  /** The row a piece of a whole file holds ({@link XmlRowSplitter}), a reject row, or null. */
  static Row toRow(XmlRowSplitter.Piece piece, String file) {
    if (piece.problem() == null) {
      return toRow(piece.bytes(), file);
    }
    return malformed(
        new String(piece.bytes(), java.nio.charset.StandardCharsets.UTF_8), piece.problem(), file);
  }

  /** The row a line holds, a reject row, or null for a structure line. */
  static Row toRow(String line) {
    return toRow(line, null);
  }

  static Row toRow(String line, String file) {
    PostsXmlLine.Parsed parsed = PostsXmlLine.parse(line);
    return switch (parsed.kind()) {
      case STRUCTURE -> null;
      case MALFORMED -> malformed(line, parsed.problem(), file);
      case ROW -> fromAttributes(parsed.attributes(), line, file);
    };
  }

  /** The reject of a row that is not one, with its Id when that can still be read. */
  private static Row malformed(String text, String problem, String file) {
    String id = PostsXmlLine.readableId(text);
    return reject(
        id == null ? null : Long.valueOf(id), "malformed XML row: " + problem, excerpt(text), file);
  }

  private static final AttributeCase ATTRIBUTE_CASE =
      new AttributeCase(PostsXmlLine.POST_ATTRIBUTES);

  private static Row fromAttributes(Map<String, String> a, String line, String file) {
    List<String> problems = new ArrayList<>();
    ATTRIBUTE_CASE.check(a, problems);
    Long id = longAttr(a, "Id", problems);
    Object[] values = {
      id,
      intAttr(a, "PostTypeId", problems),
      longAttr(a, "ParentId", problems),
      longAttr(a, "AcceptedAnswerId", problems),
      timestampAttr(a, "CreationDate", problems),
      intAttr(a, "Score", problems),
      longAttr(a, "ViewCount", problems),
      intAttr(a, "AnswerCount", problems),
      intAttr(a, "CommentCount", problems),
      a.get("Title"),
      a.get("Tags"),
      a.get("Body"),
      null,
      null,
      file
    };
    if (id == null && problems.isEmpty()) {
      problems.add("missing Id");
    }
    if (values[1] == null && problems.isEmpty()) {
      problems.add("missing PostTypeId");
    }
    if (!problems.isEmpty()) {
      values[REASON] = String.join("; ", problems);
      values[DETAIL] = excerpt(line);
    }
    return RowFactory.create(values);
  }

  private static Row reject(Long id, String reason, String detail, String file) {
    Object[] values = new Object[WIDTH];
    values[0] = id;
    values[REASON] = reason;
    values[DETAIL] = detail;
    values[FILE] = file;
    return RowFactory.create(values);
  }

  /**
   * The columns holding a post's or a link's id, which Stack Exchange numbers from 1: zero or a
   * negative value there is out of range (a match index, for one, reads a negative accepted answer
   * as none).
   */
  static final Set<String> ID_COLUMNS =
      Set.of("Id", "ParentId", "AcceptedAnswerId", "PostId", "RelatedPostId");

  /**
   * An integer attribute (null when absent or empty), or a problem {@code bad Id '…'}: only ASCII
   * digits, as XML Schema's integers, not the other decimal digits Java's {@code parseLong} takes
   * ({@code ٢٠} or {@code １０} would be post 20 or 10); an id ({@link #ID_COLUMNS}) below 1 is
   * {@code bad Id '-5' (out of range)}.
   */
  static Long longAttr(Map<String, String> a, String name, List<String> problems) {
    String v = a.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    String t = v.trim();
    try {
      if (isAsciiInteger(t)) {
        long value = Long.parseLong(t);
        if (value < 1 && ID_COLUMNS.contains(name)) {
          problems.add("bad " + name + " '" + value + "' (out of range)");
          return null;
        }
        return value;
      }
    } catch (NumberFormatException e) {
      // out of range: reported below
    }
    problems.add("bad " + name + " '" + excerpt(v) + "'");
    return null;
  }

  private static boolean isAsciiInteger(String t) {
    int from = t.startsWith("-") || t.startsWith("+") ? 1 : 0;
    if (from == t.length()) {
      return false;
    }
    for (int i = from; i < t.length(); i++) {
      if (t.charAt(i) < '0' || t.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static Integer intAttr(Map<String, String> a, String name, List<String> problems) {
    Long v = longAttr(a, name, problems);
    if (v != null && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
      problems.add("bad " + name + " '" + v + "' (out of range)");
      return null;
    }
    return v == null ? null : v.intValue();
  }

  private static Timestamp timestampAttr(
      Map<String, String> a, String name, List<String> problems) {
    return timestamp(name, a.get(name), problems);
  }

  /**
   * A dump's date {@code v} (UTC, without a zone) of attribute {@code name}; null when absent, and
   * when unreadable or outside years 1 to 9999, with its problem added to {@code problems}.
   */
  static Timestamp timestamp(String name, String v, List<String> problems) {
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      LocalDateTime parsed = LocalDateTime.parse(v.trim());
      if (parsed.getYear() < 1) {
        // ISO's year 0 and negative years: Spark writes their month as a year of an era
        problems.add("bad " + name + " '" + excerpt(v) + "' (a year before 1)");
        return null;
      }
      if (parsed.getYear() > 9999) {
        // "+10000-01-01T00:00:00": its month partition would be "+10000-01", outside every window
        problems.add("bad " + name + " '" + excerpt(v) + "' (a year after 9999)");
        return null;
      }
      return SparkTimestamps.of(parsed.toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      problems.add("bad " + name + " '" + excerpt(v) + "'");
      return null;
    }
  }

  private static final int EXCERPT_CHARS = 200;

  /**
   * The first 200 characters of {@code s}, stripped, with each line break and the blanks around it
   * as one space (a row read over lines, on one), and "…" when more follows. Linear in the part of
   * {@code s} it reads: a rejected row may hold a million blanks.
   */
  static String excerpt(String s) {
    String t = s.strip();
    int n = t.length();
    StringBuilder out = new StringBuilder(Math.min(n, EXCERPT_CHARS + 1));
    int i = 0;
    while (i < n && out.length() <= EXCERPT_CHARS) {
      int afterBlanks = i;
      while (afterBlanks < n && (t.charAt(afterBlanks) == ' ' || t.charAt(afterBlanks) == '\t')) {
        afterBlanks++;
      }
      int lineBreak = afterBlanks;
      if (lineBreak < n && t.charAt(lineBreak) == '\r') lineBreak++;
      if (lineBreak < n && t.charAt(lineBreak) == '\n') {
        int next = lineBreak + 1;
        while (next < n && isRegexSpace(t.charAt(next))) next++;
        out.append(' ');
        i = next;
      } else if (afterBlanks > i) {
        out.append(t, i, Math.min(afterBlanks, i + EXCERPT_CHARS + 1 - out.length()));
        i = afterBlanks;
      } else {
        out.append(t.charAt(i++));
      }
    }
    return out.length() <= EXCERPT_CHARS ? out.toString() : out.substring(0, EXCERPT_CHARS) + "…";
  }

  /** The characters of the regular expression class {@code \s}. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }
}
