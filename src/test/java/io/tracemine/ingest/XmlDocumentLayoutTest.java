package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * A {@code Posts.xml} not written one row per line (all on one line, attributes over lines, rows
 * with end tags, comments between) gives the rows its one-row-per-line form gives; broken rows are
 * rejected one by one with their reason, and the rows around them are kept.
 */
class XmlDocumentLayoutTest {
  private static final String HEAD = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

  /** A row in dump form: attributes escaped as a dump escapes them, on one line. */
  record DumpRow(long id, int type, String title, String body) {
    String attributes(String separator) {
      return "Id=\""
          + id
          + "\""
          + separator
          + "PostTypeId=\""
          + type
          + "\""
          + separator
          + "CreationDate=\"2019-05-01T10:00:00.000\""
          + separator
          + "Title=\""
          + escape(title)
          + "\""
          + separator
          + "Body=\""
          + escape(body)
          + "\"";
    }
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("\n", "&#xA;");
  }

  /** How a file lays its rows out; each keeps them well-formed XML. */
  enum Layout {
    ONE_LINE,
    ATTRIBUTES_OVER_LINES,
    END_TAGS,
    CONTENT_BEFORE_END_TAG,
    COMMENTS_BETWEEN,
    ROOT_ON_THE_FIRST_ROW_LINE,
    DECLARATIONS_BEFORE_THE_ROOT
  }

  static byte[] write(List<DumpRow> rows, Layout layout) {
    StringBuilder sb = new StringBuilder(HEAD);
    if (layout == Layout.DECLARATIONS_BEFORE_THE_ROOT) {
      sb.append("\n<!DOCTYPE posts [\n  <!ENTITY a \"<b> ] >\">\n]>\n<?tracemine x?>");
    }
    sb.append(layout == Layout.ONE_LINE ? "<posts>" : "\n<posts>");
    for (DumpRow r : rows) {
      switch (layout) {
        case ONE_LINE -> sb.append("<row ").append(r.attributes(" ")).append("/>");
        case ATTRIBUTES_OVER_LINES ->
            sb.append("\n  <row\n    ").append(r.attributes("\n    ")).append("\n  />");
        case END_TAGS -> sb.append("\n<row ").append(r.attributes(" ")).append(">\n</row>");
        case CONTENT_BEFORE_END_TAG ->
            sb.append("\n<row ").append(r.attributes(" ")).append(">text &amp; more\n</row>");
        case COMMENTS_BETWEEN ->
            sb.append("<!-- post ")
                .append(r.id())
                .append(" -->")
                .append("<row ")
                .append(r.attributes("\t"))
                .append(" />");
        case DECLARATIONS_BEFORE_THE_ROOT ->
            sb.append("<row ").append(r.attributes(" ")).append("/><?pi?>");
        case ROOT_ON_THE_FIRST_ROW_LINE ->
            sb.append("<row ").append(r.attributes(" ")).append("/>\n");
      }
    }
    sb.append("\n</posts>\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static List<String> asLines(List<DumpRow> rows) {
    List<String> out = new ArrayList<>();
    for (DumpRow r : rows) {
      byte[] line = ("  <row " + r.attributes(" ") + " />").getBytes(StandardCharsets.UTF_8);
      out.add(ParseXmlRows.toRow(line, null).toString());
    }
    return out;
  }

  static List<Row> parseWhole(byte[] file, int maxRowBytes) {
    List<Row> out = new ArrayList<>();
    var pieces = new XmlRowSplitter(new ByteArrayInputStream(file), maxRowBytes);
    while (pieces.hasNext()) {
      Row row = ParseXmlRows.toRow(pieces.next(), null);
      if (row != null) {
        out.add(row);
      }
    }
    return out;
  }

  @Property(tries = 300)
  void everyLayoutGivesTheRowsOfTheDumpLayout(
      @ForAll("rows") List<DumpRow> rows, @ForAll Layout layout) {
    byte[] file = write(rows, layout);
    List<String> whole =
        parseWhole(file, 1 << 20).stream().map(Row::toString).collect(Collectors.toList());
    assertThat(printable(whole)).as(layout.name()).isEqualTo(printable(asLines(rows)));
    assertThat(PostsXmlLine.rowPerLine(new String(file, StandardCharsets.UTF_8)))
        .as("a file of this layout is read whole, not by lines")
        .isEqualTo(rows.isEmpty());
  }

  /**
   * A dump read by lines whose lines hold 1 to k rows each (a dump concatenated from pieces or
   * edited by hand; only its first line decides how it is read) gives the rows of the same dump
   * written one row per line: before, a line of several rows was one reject and its other rows were
   * gone from the counts.
   */
  @Property(tries = 300)
  void rowsRegroupedIntoLinesGiveTheRowsOfOnePerLine(
      @ForAll("rows") List<DumpRow> rows,
      @ForAll @IntRange(min = 1, max = 4) int k,
      @ForAll Random random) {
    List<Row> lines = new ArrayList<>();
    lines.add(RowFactory.create((Object) (HEAD + "<posts>").getBytes(StandardCharsets.UTF_8)));
    for (int i = 0; i < rows.size(); ) {
      int take = Math.min(rows.size() - i, 1 + random.nextInt(k));
      StringBuilder line = new StringBuilder("  ");
      for (DumpRow r : rows.subList(i, i + take)) {
        line.append("<row ").append(r.attributes(random.nextBoolean() ? " " : "\t")).append(" />");
        line.append(random.nextBoolean() ? "" : " ");
      }
      lines.add(RowFactory.create((Object) line.toString().getBytes(StandardCharsets.UTF_8)));
      i += take;
    }
    lines.add(RowFactory.create((Object) "</posts>".getBytes(StandardCharsets.UTF_8)));
    List<String> read = new ArrayList<>();
    parseLines(lines).forEachRemaining(r -> read.add(r.toString()));
    assertThat(printable(read)).isEqualTo(printable(asLines(rows)));
  }

  /** Each row of a file read whole as "Id | reject reason". */
  private static List<String> idsAndReasons(byte[] file) {
    int reason = RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON);
    return parseWhole(file, 1 << 20).stream().map(r -> r.get(0) + " | " + r.get(reason)).toList();
  }

  private static List<String> printable(List<String> rows) {
    return rows.stream().map(r -> r.replace("\n", "\\n").replace("\t", "\\t")).toList();
  }

  @Provide
  Arbitrary<List<DumpRow>> rows() {
    Arbitrary<String> text = Arbitraries.strings().withChars("ab <>&\"'/=\n\té€😀").ofMaxLength(30);
    return Combinators.combine(
            Arbitraries.longs().between(1, 1_000_000_000L),
            Arbitraries.integers().between(1, 2),
            text,
            text)
        .as(DumpRow::new)
        .list()
        .ofMaxSize(6);
  }

  /** The rows of lines as a dump read by lines gives them ({@link ParseXmlRows#rowsOf}). */
  private static java.util.Iterator<Row> parseLines(List<Row> lines) {
    List<Row> rows = new ArrayList<>();
    for (Row line : lines) {
      ParseXmlRows.rowsOf(
          (byte[]) line.get(0), line.size() > 1 ? line.getString(1) : null, rows::add);
    }
    return rows.iterator();
  }

  @Test
  void aDumpWrittenOneRowPerLineIsReadByLines() {
    String dump =
        "\uFEFF"
            + HEAD
            + "\n<posts>\n  <row Id=\"1\" PostTypeId=\"1\" Body=\"a &gt; b\" />\n  <row Id=\"2\""
            + " PostTypeId=\"2\" />\n</posts>\n";
    assertThat(PostsXmlLine.rowPerLine(dump)).isTrue();
    assertThat(PostsXmlLine.rowPerLine(HEAD + "\n<posts>\n</posts>\n")).isTrue();
    assertThat(PostsXmlLine.rowPerLine("not xml at all")).isTrue();
    assertThat(
            PostsXmlLine.rowPerLine(HEAD + "\n<posts>\n  <row Id=\"1\" Body=\"" + "x".repeat(99)))
        .as("the head ends inside the first row: a long row of a dump")
        .isTrue();
    assertThat(PostsXmlLine.rowPerLine(HEAD + "<posts><row Id=\"1\"/></posts>")).isFalse();
    assertThat(PostsXmlLine.rowPerLine(HEAD + "\n<posts>\n<row Id=\"1\"/><row Id=\"2\"/>\n"))
        .isFalse();
    assertThat(PostsXmlLine.rowPerLine(HEAD + "\n<posts>\n<row\n Id=\"1\"/>\n")).isFalse();
    assertThat(PostsXmlLine.rowPerLine(dump.replace("\n", "\r")))
        .as("old Mac line ends, as Hadoop's line reader splits them; before, read whole")
        .isTrue();
    assertThat(PostsXmlLine.rowPerLine(dump.replace("\n", "\r\n"))).isTrue();
  }

  /**
   * In a file read whole, a row cut off inside a value (a truncated line joined to the next row)
   * used to run on to the next closing quote and {@code >}, taking the following rows into its
   * reject, or to the end of the file. Markup cannot hold a raw {@code <}, so the row ends there.
   */
  @Test
  void aRowCutOffBeforeTheNextRowCostsOnlyItself() {
    byte[] file =
        (HEAD
                + "<posts><row Id=\"1\" PostTypeId=\"1\" Body=\"&lt;p&gt;trunc"
                + "<row Id=\"2\" PostTypeId=\"2\" Body=\"kept\"/>"
                + "<row Id=\"3\" PostTypeId=\"1\" <row Id=\"4\" PostTypeId=\"2\"/>"
                + "<row Id=\"5\" Title=\"it's\" PostTypeId=\"1\"/></posts>")
            .getBytes(StandardCharsets.UTF_8);
    List<String> rows = idsAndReasons(file);
    assertThat(rows)
        .containsExactly(
            "1 | malformed XML row: " + XmlRowSplitter.CUT_OFF_BEFORE_NEXT_TAG,
            "2 | null",
            "3 | malformed XML row: " + XmlRowSplitter.CUT_OFF_BEFORE_NEXT_TAG,
            "4 | null",
            "5 | null");
  }

  /**
   * A document type whose internal subset is never closed took every row after it into one
   * declaration, skipped as structure: the rows were in no count (up to about 9 MiB of them). An
   * element cannot start inside a subset, so the declaration ends there, as one reject, and the
   * rows after it are read (a quoted entity value may still hold a row's text).
   */
  @Test
  void rowsAfterADocumentTypeThatIsNeverClosedAreRead() {
    byte[] file =
        (HEAD
                + "\n"
                + "<!DOCTYPE posts [\n"
                + "  <!ENTITY a \"<row Id='9'/>\">\n"
                + "  <!-- <row Id=\"8\"/> -->\n"
                + "<posts>\n"
                + "  <row Id=\"1\" PostTypeId=\"1\"/>\n"
                + "  <row Id=\"2\" PostTypeId=\"2\"/>\n"
                + "</posts>\n"
                + "]>\n")
            .getBytes(StandardCharsets.UTF_8);
    List<String> rows = idsAndReasons(file);
    assertThat(rows)
        .containsExactly(
            "null | malformed XML row: " + XmlRowSplitter.DOCUMENT_TYPE_NOT_CLOSED,
            "1 | null",
            "2 | null",
            "null | malformed XML row: not a <row> element: ]>");
  }

  @Test
  void brokenRowsAreRejectedOneByOneAndTheRowsAroundThemKept() {
    byte[] bad = {
      '<',
      'r',
      'o',
      'w',
      ' ',
      'I',
      'd',
      '=',
      '"',
      '3',
      '"',
      ' ',
      'T',
      'i',
      't',
      'l',
      'e',
      '=',
      '"',
      (byte) 0xC3,
      '(',
      '"',
      ' ',
      'P',
      'o',
      's',
      't',
      'T',
      'y',
      'p',
      'e',
      'I',
      'd',
      '=',
      '"',
      '1',
      '"',
      '/',
      '>'
    };
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(
        (HEAD + "<posts><row Id=\"1\" PostTypeId=\"1\" Title=\"a > b\"/>stray text")
            .getBytes(StandardCharsets.UTF_8));
    file.writeBytes(bad);
    file.writeBytes(
        ("<row Id=\"4\" PostTypeId=\"2\" Body=\"" + "y".repeat(500) + "\"/>")
            .getBytes(StandardCharsets.UTF_8));
    file.writeBytes("<row Id='5' PostTypeId='2'/><row Id=\"6\" PostTypeId=\"1\" Tit".getBytes());

    List<Row> rows = parseWhole(file.toByteArray(), 300);
    int reason = RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON);
    assertThat(rows)
        .extracting(r -> r.get(0) + " | " + r.get(reason))
        .containsExactly(
            "1 | null",
            "null | malformed XML row: not a <row> element: stray text",
            "3 | invalid UTF-8",
            "4 | malformed XML row: the row is longer than 300 bytes",
            "5 | null",
            "6 | malformed XML row: the file ends inside the row (cut off)");
    assertThat(rows.get(0).getString(9)).isEqualTo("a > b");
  }

  @Test
  void aStartTagWithoutItsEndTagIsOneRejectAndTheNextRowIsReadWhole() {
    byte[] file =
        (HEAD
                + "<posts><row Id=\"7\" PostTypeId=\"1\">  </ro x='1'>"
                + "<row Id=\"8\" PostTypeId=\"2\"/><row Id=\"9\" PostTypeId=\"1\">\n</row>"
                + "</posts>")
            .getBytes(StandardCharsets.UTF_8);
    List<String> rows = idsAndReasons(file);
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0)).startsWith("7 | malformed XML row: invalid XML");
    assertThat(rows.get(1)).isEqualTo("null | malformed XML row: not a <row> element: </ro x='1'>");
    assertThat(rows.subList(2, 4)).containsExactly("8 | null", "9 | null");
  }

  /**
   * Lines of a dump read by lines that hold comments or processing instructions: one on its own
   * line, a row inside one, one after a row are skipped as in a file read whole; a line that opens
   * a comment it does not close fails, naming the file (the ingest then reads the file whole).
   */
  @Property(tries = 200)
  void commentsOnTheirLinesAreSkippedAsInAFileReadWhole(
      @ForAll("rows") List<DumpRow> rows, @ForAll Random random) {
    List<Row> lines = new ArrayList<>();
    List<DumpRow> kept = new ArrayList<>();
    lines.add(RowFactory.create((Object) (HEAD + "<posts>").getBytes(StandardCharsets.UTF_8)));
    for (DumpRow r : rows) {
      String row = "<row " + r.attributes(" ") + " />";
      String line =
          switch (random.nextInt(6)) {
            case 0 -> "  <!-- " + row + " -->";
            case 1 -> "  " + row + " <!-- note -- -> -->";
            case 2 -> "  <!-- a -->" + row;
            case 3 -> "  <?pi " + row + " ?>";
            case 4 -> "  " + row + "<?pi a > b ?>";
            default -> "  " + row;
          };
      if (!line.startsWith("  <!-- <row") && !line.startsWith("  <?pi <row")) {
        kept.add(r);
      }
      lines.add(RowFactory.create((Object) line.getBytes(StandardCharsets.UTF_8)));
      if (random.nextBoolean()) {
        lines.add(RowFactory.create((Object) "<!---->".getBytes(StandardCharsets.UTF_8)));
      }
    }
    lines.add(RowFactory.create((Object) "</posts>".getBytes(StandardCharsets.UTF_8)));
    List<String> read = new ArrayList<>();
    parseLines(lines).forEachRemaining(r -> read.add(r.toString()));
    assertThat(printable(read)).isEqualTo(printable(asLines(kept)));
  }

  @Test
  void aLineOpeningACommentItDoesNotCloseFailsNamingTheFile() {
    Row line =
        RowFactory.create(
            (Object) "  <row Id=\"1\" PostTypeId=\"1\" /> <!-- the rows below".getBytes(),
            "file:/dumps/Posts.xml");
    Throwable failure = catchThrowable(() -> parseLines(List.of(line)));
    assertThat(failure)
        .isInstanceOf(MarkupOverLines.class)
        .hasMessageStartingWith("XML comment over several lines in 'file:/dumps/Posts.xml': ");
    assertThat(MarkupOverLines.fileIn(new RuntimeException("job failed", failure)))
        .isEqualTo("file:/dumps/Posts.xml");
  }

  /**
   * A raw {@code <!--} in a value breaks its row only, as a raw {@code <} does, by lines and read
   * whole: it is not a comment that hides the rows after it.
   */
  @Test
  void anOpeningCommentMarkInsideAValueBreaksItsRowOnly() {
    String broken = "<row Id=\"1\" PostTypeId=\"1\" Body=\"<!-- not closed\" />";
    String next = "<row Id=\"2\" PostTypeId=\"2\" />";
    String cutOff = "malformed XML row: " + XmlRowSplitter.CUT_OFF_BEFORE_NEXT_TAG;
    assertThat(idsAndReasons((HEAD + "<posts>" + broken + next + "</posts>").getBytes()))
        .containsExactly("1 | " + cutOff, "null | " + cutOff, "2 | null");
    List<Row> lines =
        List.of(
            RowFactory.create((Object) "<posts>".getBytes(StandardCharsets.UTF_8)),
            RowFactory.create((Object) ("  " + broken).getBytes(StandardCharsets.UTF_8)),
            RowFactory.create((Object) ("  " + next).getBytes(StandardCharsets.UTF_8)));
    int reason = RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON);
    List<String> read = new ArrayList<>();
    parseLines(lines).forEachRemaining(r -> read.add(r.get(0) + " | " + r.get(reason)));
    assertThat(read)
        .containsExactly(
            "1 | " + cutOff,
            "null | malformed XML row: " + XmlRowSplitter.LINE_ENDS_INSIDE_ROW,
            "2 | null");
  }

  /**
   * A CDATA section between rows is text, as an XML parser reads it: one reject, and no row inside
   * it is a row; a processing instruction is skipped with what it holds. Before, the splitter
   * counted a CDATA section's brackets as a document type's and a processing instruction ended at
   * the first {@code >}, so the rows after it inside were read as posts.
   */
  @Test
  void aCdataSectionIsTextAndAProcessingInstructionIsSkippedWithTheRowsInside() {
    String file =
        HEAD
            + "<posts>\n<row Id=\"1\" PostTypeId=\"1\"/>\n<![CDATA[\n<row Id=\"2\" Body=\"[\"/>\n"
            + "<row Id=\"3\"/>\n]]]>\n<?tool a=\"1\"\n<row Id=\"4\" Body=\"x > y\"/>\n?>\n"
            + "<row Id=\"5\" PostTypeId=\"2\"/>\n</posts>";
    String cdata = "null | malformed XML row: " + XmlRowSplitter.CDATA_IS_TEXT;
    assertThat(idsAndReasons(file.getBytes(StandardCharsets.UTF_8)))
        .containsExactly("1 | null", cdata, "5 | null");
    assertThat(
            idsAndReasons(
                (HEAD + "<posts><row Id=\"1\" PostTypeId=\"1\"/><![CDATA[<row Id=\"2\"/>")
                    .getBytes()))
        .containsExactly(
            "1 | null",
            "null | malformed XML row: " + XmlRowSplitter.endsInside(MarkupOverLines.Markup.CDATA));
    assertThat(
            idsAndReasons(
                (HEAD + "<posts><row Id=\"1\" PostTypeId=\"1\"/><?pi <row Id=\"2\"/>").getBytes()))
        .containsExactly(
            "1 | null",
            "null | malformed XML row: "
                + XmlRowSplitter.endsInside(MarkupOverLines.Markup.PROCESSING_INSTRUCTION));
    List<String> oneLine = new ArrayList<>();
    int reason = RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON);
    ParseXmlRows.rowsOf(
        "<![CDATA[ <row Id=\"2\"/> ]]> <?pi <row Id=\"3\"/> ?><row Id=\"4\" PostTypeId=\"2\"/>"
            .getBytes(StandardCharsets.UTF_8),
        null,
        r -> oneLine.add(r.get(0) + " | " + r.get(reason)));
    assertThat(oneLine).containsExactly(cdata, "4 | null");
  }

  @Test
  void aLineOpeningACdataSectionOrAProcessingInstructionFailsNamingTheFile() {
    for (String opening : List.of("<![CDATA[ <row Id=\"1\"/>", "<?tool  <row Id=\"1\"/>")) {
      Row line = RowFactory.create((Object) opening.getBytes(), "file:/dumps/Posts.xml");
      Throwable failure = catchThrowable(() -> parseLines(List.of(line)));
      assertThat(failure)
          .isInstanceOf(MarkupOverLines.class)
          .hasMessageContaining(" over several lines in 'file:/dumps/Posts.xml': ");
      assertThat(MarkupOverLines.fileIn(new RuntimeException("job failed", failure)))
          .isEqualTo("file:/dumps/Posts.xml");
    }
  }

  /**
   * Rows with content or an end tag other than the exact bytes {@code </row>} ({@code </row >},
   * {@code </row\t>}, a comment, CDATA or an element inside): read whole, each was two or three
   * rejects (the start tag "Unexpected EOF", the end tag "not a <row> element"); by lines the one
   * with a comment was too. Each is now one row in either layout, as an XML parser reads it; a row
   * start tag that no end tag closes is still rejected, and the rows after it are read.
   */
  @Test
  void aRowsContentAndEndTagAreReadAsAnXmlParserReadsThemInEitherLayout() {
    List<String> rows =
        List.of(
            "<row Id=\"1\" PostTypeId=\"1\"></row >",
            "<row Id=\"2\" PostTypeId=\"1\"><!-- c --></row>",
            "<row Id=\"3\" PostTypeId=\"1\"><x a=\">\"/></row>",
            "<row Id=\"4\" PostTypeId=\"1\"></row\t>",
            "<row Id=\"5\" PostTypeId=\"1\"><x>t<y/></x><![CDATA[<row>]]><?p </row> ?></row>",
            "<row Id=\"6\" PostTypeId=\"1\">");
    List<String> expected =
        List.of(
            "1 | null",
            "2 | null",
            "3 | null",
            "4 | null",
            "5 | null",
            "6 | malformed XML row: invalid XML: Unexpected EOF; was expecting a close tag for"
                + " element <row>  at [row,col {unknown-source}]: [1,27]",
            "7 | null");
    String last = "<row Id=\"7\" PostTypeId=\"2\"/>";
    String oneLine = HEAD + "<posts>" + String.join("", rows) + last + "</posts>";
    assertThat(idsAndReasons(oneLine.getBytes(StandardCharsets.UTF_8)))
        .containsExactlyElementsOf(expected);
    List<Row> lines = new ArrayList<>();
    for (String row : rows) {
      lines.add(RowFactory.create((Object) ("  " + row).getBytes(StandardCharsets.UTF_8)));
    }
    lines.add(RowFactory.create((Object) last.getBytes(StandardCharsets.UTF_8)));
    int reason = RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON);
    List<String> read = new ArrayList<>();
    parseLines(lines).forEachRemaining(r -> read.add(r.get(0) + " | " + r.get(reason)));
    assertThat(read).containsExactlyElementsOf(expected);
  }

  /** Before, a comment that was never closed took the rest of the file with it, silently. */
  @Test
  void aFileEndingInsideACommentIsOneRejectAfterTheRowsBeforeIt() {
    byte[] file =
        (HEAD + "<posts><row Id=\"1\" PostTypeId=\"1\"/><!-- cut <row Id=\"2\" PostTypeId=\"1\"/>")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(idsAndReasons(file))
        .containsExactly(
            "1 | null", "null | malformed XML row: " + XmlRowSplitter.ENDS_INSIDE_COMMENT);
  }
}
