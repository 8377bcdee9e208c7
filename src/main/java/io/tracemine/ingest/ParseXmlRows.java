package io.tracemine.ingest;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Turns lines of a {@code Posts.xml} dump into {@link RawPosts#SCHEMA} rows, one partition at a
 * time: structure lines vanish, malformed lines and rows with unreadable values become rows with a
 * reject reason. Dates without a zone are UTC, as in the dumps.
 */
public final class ParseXmlRows implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  @Override
  public Iterator<Row> call(Iterator<Row> lines) {
    return new Iterator<>() {
      private Row next = advance();

      private Row advance() {
        while (lines.hasNext()) {
          Row row = toRow(lines.next().getString(0));
          if (row != null) {
            return row;
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Row next() {
        Row current = next;
        next = advance();
        return current;
      }
    };
  }

  /** The row a line holds, a reject row, or null for a structure line. */
  static Row toRow(String line) {
    PostsXmlLine.Parsed parsed = PostsXmlLine.parse(line);
    return switch (parsed.kind()) {
      case STRUCTURE -> null;
      case MALFORMED -> reject(null, "malformed XML row: " + parsed.problem(), line);
      case ROW -> fromAttributes(parsed.attributes(), line);
    };
  }

  private static Row fromAttributes(Map<String, String> a, String line) {
    List<String> problems = new ArrayList<>();
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
      null
    };
    if (id == null && problems.isEmpty()) {
      problems.add("missing Id");
    }
    if (values[1] == null && problems.isEmpty()) {
      problems.add("missing PostTypeId");
    }
    if (!problems.isEmpty()) {
      values[values.length - 2] = String.join("; ", problems);
      values[values.length - 1] = excerpt(line);
    }
    return RowFactory.create(values);
  }

  private static Row reject(Long id, String reason, String line) {
    Object[] values = new Object[RawPosts.SCHEMA.size()];
    values[0] = id;
    values[values.length - 2] = reason;
    values[values.length - 1] = excerpt(line);
    return RowFactory.create(values);
  }

  private static Long longAttr(Map<String, String> a, String name, List<String> problems) {
    String v = a.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      problems.add("bad " + name + " '" + excerpt(v) + "'");
      return null;
    }
  }

  private static Integer intAttr(Map<String, String> a, String name, List<String> problems) {
    Long v = longAttr(a, name, problems);
    if (v != null && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
      problems.add("bad " + name + " '" + v + "' (out of range)");
      return null;
    }
    return v == null ? null : v.intValue();
  }

  private static Timestamp timestampAttr(Map<String, String> a, String name, List<String> problems) {
    String v = a.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Timestamp.from(LocalDateTime.parse(v.trim()).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      problems.add("bad " + name + " '" + excerpt(v) + "'");
      return null;
    }
  }

  private static String excerpt(String s) {
    String t = s.strip();
    return t.length() <= 200 ? t : t.substring(0, 200) + "…";
  }
}
