package io.tracemine.ingest;

import io.tracemine.spark.Schemas;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Turns lines of a {@code PostLinks.xml} dump ({@code <row Id CreationDate PostId RelatedPostId
 * LinkTypeId />}) into {@link #SCHEMA} rows: structure lines vanish; a malformed line or an
 * unreadable value gives a row with its reject reason (and the link id when readable); a line
 * holding several rows or a comment is split as a file read whole is ({@link
 * ParseXmlRows#isSplit}). Lines arrive as raw bytes, with the file they come from ({@link
 * ParseXmlLines}). Whether the required values are present is checked later, alike for every source
 * ({@link DuplicateLinks}).
 */
public final class ParsePostLinksRows {
  public static final String REJECT_REASON = RawPosts.REJECT_REASON;
  public static final String REJECT_DETAIL = RawPosts.REJECT_DETAIL;

  /** PostLinks as read: SOTorrent's columns, the reject reason (null: good) and an excerpt. */
  public static final StructType SCHEMA =
      Schemas.SOTORRENT_POSTLINKS
          .add(Schemas.nullable(REJECT_REASON, DataTypes.StringType))
          .add(Schemas.nullable(REJECT_DETAIL, DataTypes.StringType));

  /** The rows a line's bytes hold: one row, a reject row or none; several on a split line. */
  static void rowsOf(byte[] bytes, String file, Consumer<Row> emit) {
    Utf8.Decoded decoded = Utf8.decode(bytes);
    if (ParseXmlRows.isSplit(decoded.text())) {
      // several rows or a comment on a line: as in a file read whole (ParseXmlRows)
      for (XmlRowSplitter.Piece piece : XmlRowSplitter.piecesOfLine(bytes, file)) {
        emitRow(toRow(piece), emit);
      }
    } else {
      emitRow(toRow(decoded.valid() ? decoded.text() : null), emit);
    }
  }

  private static void emitRow(Row row, Consumer<Row> emit) {
    if (row != null) {
      emit.accept(row);
    }
  }

  private static String decode(byte[] bytes) {
    Utf8.Decoded d = Utf8.decode(bytes);
    return d.valid() ? d.text() : null;
  }

  /** The row a piece of a file read whole holds ({@link XmlRowSplitter}), or a reject row. */
  static Row toRow(XmlRowSplitter.Piece piece) {
    String text = decode(piece.bytes());
    if (piece.problem() == null || text == null) {
      return toRow(text);
    }
    String id = PostsXmlLine.readableId(text);
    return RowFactory.create(
        id == null ? null : Long.valueOf(id),
        null,
        null,
        null,
        null,
        "malformed XML row: " + piece.problem(),
        excerpt(text));
  }

  /** The row a line holds, a reject row, or null for a structure line. */
  static Row toRow(String line) {
    if (line == null) {
      return RowFactory.create(null, null, null, null, null, ParseXmlRows.INVALID_UTF8, null);
    }
    PostsXmlLine.Parsed parsed = PostsXmlLine.parse(line);
    return switch (parsed.kind()) {
      case STRUCTURE -> null;
      case MALFORMED -> {
        String id = PostsXmlLine.readableId(line);
        yield RowFactory.create(
            id == null ? null : Long.valueOf(id),
            null,
            null,
            null,
            null,
            "malformed XML row: " + parsed.problem(),
            excerpt(line));
      }
      case ROW -> fromAttributes(parsed.attributes(), line);
    };
  }

  private static final AttributeCase ATTRIBUTE_CASE =
      new AttributeCase(PostsXmlLine.POSTLINK_ATTRIBUTES);

  private static Row fromAttributes(Map<String, String> a, String line) {
    List<String> problems = new ArrayList<>();
    ATTRIBUTE_CASE.check(a, problems);
    Long id = ParseXmlRows.longAttr(a, "Id", problems);
    Timestamp created = ParseXmlRows.timestamp("CreationDate", a.get("CreationDate"), problems);
    Long post = ParseXmlRows.longAttr(a, "PostId", problems);
    Long related = ParseXmlRows.longAttr(a, "RelatedPostId", problems);
    Long type = ParseXmlRows.longAttr(a, "LinkTypeId", problems);
    if (type != null && (type > Integer.MAX_VALUE || type < Integer.MIN_VALUE)) {
      problems.add("bad LinkTypeId '" + type + "' (out of range)");
      type = null;
    }
    String reason = problems.isEmpty() ? null : String.join("; ", problems);
    return RowFactory.create(
        id,
        created,
        post,
        related,
        type == null ? null : type.intValue(),
        reason,
        reason == null ? null : excerpt(line));
  }

  private static String excerpt(String s) {
    String t = Objects.requireNonNull(s).strip();
    return t.length() <= 200 ? t : t.substring(0, 200) + "…";
  }
}
