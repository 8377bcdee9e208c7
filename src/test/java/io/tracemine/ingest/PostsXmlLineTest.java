package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.tracemine.ingest.PostsXmlLine.Kind;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class PostsXmlLineTest {
  /**
   * A PostLinks.xml written on one line was skipped whole as an XML declaration: 8 links read as 0
   * read and 0 rejected. What shares the declaration's line is now read: a row, or a reject.
   */
  /**
   * A declaration as long as a line can be was matched by a recursion as deep as it is long: a
   * StackOverflowError that ended the Spark task (exit 50) instead of one reject or one skipped
   * line.
   */
  @Test
  void aVeryLongDeclarationIsReadWithoutOverflowingTheStack() {
    String doctype = "<!DOCTYPE posts " + "a \"b\" ".repeat(200_000) + ">";
    assertThat(PostsXmlLine.parse(doctype).kind()).isEqualTo(PostsXmlLine.Kind.STRUCTURE);
    String comments = "<!-- c --> ".repeat(200_000);
    assertThat(PostsXmlLine.parse(comments).kind()).isEqualTo(PostsXmlLine.Kind.STRUCTURE);
    String unclosed = "<!DOCTYPE posts " + "a ".repeat(400_000);
    assertThat(PostsXmlLine.parse(unclosed).kind()).isEqualTo(PostsXmlLine.Kind.MALFORMED);
    assertThat(PostsXmlLine.rootElement("<!-- c -->\n".repeat(100_000) + "<posts>"))
        .isEqualTo("posts");
  }

  @Test
  void whatSharesTheDeclarationsLineIsReadNotSkipped() {
    String declaration = "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>";
    assertThat(PostsXmlLine.parse(declaration).kind()).isEqualTo(PostsXmlLine.Kind.STRUCTURE);
    assertThat(PostsXmlLine.parse(declaration + "<postlinks>").kind())
        .isEqualTo(PostsXmlLine.Kind.STRUCTURE);
    assertThat(PostsXmlLine.parse(declaration + "<row Id=\"5\" PostTypeId=\"1\" />").attributes())
        .containsEntry("Id", "5");
    PostsXmlLine.Parsed oneLine =
        PostsXmlLine.parse(
            declaration + "<postlinks><row Id=\"1\" PostId=\"2\" /><row Id=\"2\" /></postlinks>");
    assertThat(oneLine.kind()).isEqualTo(PostsXmlLine.Kind.MALFORMED);
    assertThat(oneLine.problem()).startsWith("not a <row> element: <postlinks><row Id=");
  }

  @Test
  void decodesADumpRowWithEscapedBodyAndOmittedAttributes() {
    var parsed =
        PostsXmlLine.parse(
            "  <row Id=\"7\" PostTypeId=\"1\" CreationDate=\"2014-01-21T20:26:05.383\" Score=\"-2\""
                + " Body=\"&lt;p&gt;a &amp;amp; b&lt;/p&gt;&#xA;&lt;pre&gt;x&#xA;y&lt;/pre&gt;\""
                + " Tags=\"&lt;python&gt;&lt;keras&gt;\" />");
    assertThat(parsed.kind()).isEqualTo(Kind.ROW);
    assertThat(parsed.attributes())
        .containsEntry("Body", "<p>a &amp; b</p>\n<pre>x\ny</pre>")
        .containsEntry("Tags", "<python><keras>")
        .doesNotContainKey("ViewCount");
    Row row =
        ParseXmlRows.toRow(
            "<row Id=\"7\" PostTypeId=\"1\" CreationDate=\"2014-01-21T20:26:05.383\" />");
    assertThat(row.getLong(0)).isEqualTo(7L);
    assertThat(row.getTimestamp(4))
        .isEqualTo(Timestamp.from(Instant.parse("2014-01-21T20:26:05.383Z")));
    assertThat(row.isNullAt(6)).isTrue();
    assertThat(row.isNullAt(RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON))).isTrue();
  }

  @Test
  void structureLinesAndTheByteOrderMarkAreNotRows() {
    assertThat(PostsXmlLine.parse("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>").kind())
        .isEqualTo(Kind.STRUCTURE);
    assertThat(PostsXmlLine.parse("<posts>").kind()).isEqualTo(Kind.STRUCTURE);
    assertThat(PostsXmlLine.parse("</posts>").kind()).isEqualTo(Kind.STRUCTURE);
    assertThat(PostsXmlLine.parse("   ").kind()).isEqualTo(Kind.STRUCTURE);
    for (String declaration :
        List.of(
            "<!DOCTYPE posts>",
            "<!doctype posts SYSTEM \"posts.dtd\">",
            "<!DOCTYPE posts [<!ENTITY a \"]>\">]>",
            "<?xml-stylesheet href=\"a.xsl\"?> <!-- dump -->",
            "<?pi x?>")) {
      assertThat(PostsXmlLine.parse(declaration).kind()).as(declaration).isEqualTo(Kind.STRUCTURE);
    }
    assertThat(
            PostsXmlLine.rowPerLine(
                "<!DOCTYPE posts [\n<!ENTITY a \"b\">\n]>\n<posts>\n<row Id=\"1\"/>\n"))
        .as("an internal subset over lines: the file is read whole, where it is one declaration")
        .isFalse();
    assertThat(ParseXmlRows.toRow("</posts>")).isNull();
  }

  /**
   * A dump's own framing, as the real dumps write it (byte-order mark, declaration, CRLF line ends,
   * the root element's own name), is not rows, whatever the root is; each {@code <row>} line is
   * exactly one row or reject. Lines as in a Stack Exchange dump's Posts.xml and PostLinks.xml.
   */
  @Test
  void theRootLinesOfAnyDumpAreNotRowsAndEveryRowCountsOnce() {
    String posts =
        "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<posts>\r\n"
            + "  <row Id=\"1\" PostTypeId=\"1\" AcceptedAnswerId=\"4\""
            + " CreationDate=\"2014-01-21T20:26:05.383\" Score=\"17\" ViewCount=\"252\""
            + " Body=\"&lt;p&gt;What are citra hops?&lt;/p&gt;&#xA;\" OwnerUserId=\"7\""
            + " Title=\"What is a citra hop?\" Tags=\"&lt;hops&gt;\" AnswerCount=\"1\""
            + " CommentCount=\"0\" />\r\n"
            + "  <row Id=\"4\" PostTypeId=\"2\" ParentId=\"1\""
            + " CreationDate=\"2014-01-21T20:26:05.383\" Score=\"11\" Body=\"&lt;p&gt;A"
            + " hop.&lt;/p&gt;&#xA;\" CommentCount=\"0\" />\r\n"
            + "</posts>";
    String postLinks =
        "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<postlinks>\r\n"
            + "  <row Id=\"19\" CreationDate=\"2010-04-26T02:59:48.130\" PostId=\"109\""
            + " RelatedPostId=\"32412\" LinkTypeId=\"1\" />\r\n"
            + "  <row Id=\"37\" CreationDate=\"2010-04-26T02:59:48.600\" PostId=\"1970\""
            + " RelatedPostId=\"617600\" LinkTypeId=\"3\" />\r\n"
            + "</postlinks>";
    assertThat(parse(posts)).containsExactly("1:", "4:");
    assertThat(parse(postLinks)).containsExactly("19:missing PostTypeId", "37:missing PostTypeId");
    for (String root : List.of("<comments>", "</comments>", "<users/>", "<tags >", "<so:posts>")) {
      assertThat(PostsXmlLine.parse(root).kind()).as(root).isEqualTo(Kind.STRUCTURE);
    }
    assertThat(PostsXmlLine.parse("<row>").kind()).isEqualTo(Kind.MALFORMED);
    assertThat(PostsXmlLine.parse("<p>text</p>").kind()).isEqualTo(Kind.MALFORMED);

    assertThat(PostsXmlLine.rootElement(posts)).isEqualTo("posts");
    assertThat(PostsXmlLine.rootElement(postLinks)).isEqualTo("postlinks");
    assertThat(PostsXmlLine.rootElement("<!-- dump -->\n<comments>")).isEqualTo("comments");
    assertThat(PostsXmlLine.rootElement("Dear diary,")).isNull();
    assertThat(PostsXmlLine.rootElement("<!DOCTYPE html>\n<html lang=\"en\"><head>"))
        .as("an HTML page saved as the dump (before: not found past the document type)")
        .isEqualTo("html");
    assertThat(PostsXmlLine.notADump("\uFEFF<?xml version=\"1.0\"?>\n<posts>\n")).isNull();
    assertThat(PostsXmlLine.notADump("<postlinks>"))
        .isEqualTo("its root element is <postlinks>, not <posts>");
    assertThat(PostsXmlLine.notADump("Id,PostTypeId,CreationDate\n1,1,2019-01-01\n"))
        .as("a CSV export given as the dump")
        .isEqualTo("it does not start with XML markup (it starts: Id,PostTypeId,CreationDate)");
    assertThat(PostsXmlLine.notADump("{\"Id\": 1, \"Body\": \"" + "x".repeat(80)))
        .endsWith("(it starts: {\"Id\": 1, \"Body\": \"" + "x".repeat(41) + "…)");
    assertThat(PostsXmlLine.notADump(" \n ")).isNull();
    assertThat(PostsXmlLine.notADump("\uFFFD\uFFFDJFIF\u0000\u0001"))
        .isEqualTo("it holds binary data, not text");
  }

  /** Each line's row through {@link ParseXmlRows}: {@code id:reject reason}, nulls dropped. */
  private static List<String> parse(String dump) {
    List<String> out = new ArrayList<>();
    int reason = RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON);
    for (String line : dump.split("\n")) {
      Row row = ParseXmlRows.toRow(line.getBytes(StandardCharsets.UTF_8), null);
      if (row != null) {
        out.add(row.get(0) + ":" + (row.isNullAt(reason) ? "" : row.getString(reason)));
      }
    }
    return out;
  }

  @Test
  void malformedRowsBecomeRejectsWithTheirReason() {
    // a field written as a child element (an element-style export): before, the row was kept
    // without its body, its traceback lost without a word (hostile sweep 7, F10)
    Row child =
        ParseXmlRows.toRow(
            "<row Id=\"5\" PostTypeId=\"1\" Title=\"t\"><Body>&lt;pre&gt;Traceback</Body></row>");
    assertThat(child.getLong(0)).isEqualTo(5L);
    assertThat(child.getString(RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON)))
        .isEqualTo(
            "malformed XML row: the row holds <Body> as a child element; a Posts.xml dump holds"
                + " every field as an attribute (<row Body=\"…\" />)");
    assertThat(PostsXmlLine.parse("<row Id=\"6\" PostTypeId=\"1\"><x/>text</row>").kind())
        .as("other content is ignored")
        .isEqualTo(PostsXmlLine.Kind.ROW);
    Row truncated = ParseXmlRows.toRow("<row Id=\"9\" PostTypeId=\"1\" Body=\"&lt;p&gt;cut off");
    assertThat(truncated.getString(RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON)))
        .startsWith("malformed XML row: invalid XML")
        .endsWith(
            "(the row does not end on its line: cut off, or broken over lines where a dump"
                + " holds one <row .../> per line)");
    // a row broken over two lines (the dump format escapes newlines in attributes as &#xA;)
    assertThat(PostsXmlLine.parse("<row Id=\"114\" PostTypeId=\"1\" Body=\"line one").problem())
        .contains("does not end on its line");
    assertThat(PostsXmlLine.parse("line two\" />").problem())
        .isEqualTo("not a <row> element: line two\" />");
    // a complete line with bad XML is not said to be cut
    assertThat(PostsXmlLine.parse("<row Id=\"105\" Body=\"a < b\" />").problem())
        .startsWith("invalid XML")
        .doesNotContain("does not end on its line");
    Row badNumber = ParseXmlRows.toRow("<row Id=\"9\" PostTypeId=\"1\" Score=\"many\" />");
    assertThat(badNumber.getLong(0)).isEqualTo(9L);
    assertThat(badNumber.getString(RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON)))
        .isEqualTo("bad Score 'many'");
    Row noId = ParseXmlRows.toRow("<row PostTypeId=\"1\" />");
    assertThat(noId.getString(RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON)))
        .isEqualTo("missing Id");
    Row badDate =
        ParseXmlRows.toRow("<row Id=\"3\" PostTypeId=\"2\" CreationDate=\"yesterday\" />");
    assertThat(badDate.getString(RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON)))
        .isEqualTo("bad CreationDate 'yesterday'");
    for (String year : List.of("0000", "-0001")) {
      Row ancient =
          ParseXmlRows.toRow(
              "<row Id=\"4\" PostTypeId=\"1\" CreationDate=\"" + year + "-01-01T00:00:00\" />");
      assertThat(ancient.getString(RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON)))
          .isEqualTo("bad CreationDate '" + year + "-01-01T00:00:00' (a year before 1)");
    }
    Row first =
        ParseXmlRows.toRow(
            "<row Id=\"5\" PostTypeId=\"1\" CreationDate=\"0001-01-01T00:00:00\" />");
    assertThat(first.isNullAt(RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON))).isTrue();
    Row last =
        ParseXmlRows.toRow(
            "<row Id=\"6\" PostTypeId=\"1\" CreationDate=\"9999-12-31T23:59:59.999\" />");
    assertThat(last.isNullAt(RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON))).isTrue();
    Row future =
        ParseXmlRows.toRow(
            "<row Id=\"7\" PostTypeId=\"1\" CreationDate=\"+10000-01-01T00:00:00\" />");
    assertThat(future.getString(RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON)))
        .isEqualTo("bad CreationDate '+10000-01-01T00:00:00' (a year after 9999)");
    for (String other : List.of("<rows Id=\"60\" PostTypeId=\"1\" />", "<row-x Id=\"61\" />")) {
      assertThat(PostsXmlLine.parse(other).problem())
          .as("an element whose name only starts with row")
          .isEqualTo("not a <row> element: " + other);
    }
    Row junk = ParseXmlRows.toRow("hello");
    assertThat(junk.getString(RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON)))
        .isEqualTo("malformed XML row: not a <row> element: hello");
  }

  /**
   * An attribute with a prefix ({@code xml:Id}, {@code x:PostTypeId} with {@code xmlns:x}) was
   * keyed by its local name, so whichever came last replaced the real {@code Id} or {@code
   * PostTypeId}: a question read as an answer, a post under another Id, a link from another post,
   * all with exit 0. A prefixed attribute is now another attribute, unknown to the dump and ignored
   * like one.
   */
  @Test
  void aPrefixedAttributeIsNotTheUnprefixedOne() {
    Row post =
        ParseXmlRows.toRow(
            "<row Id=\"10\" xml:Id=\"11\" xmlns:x=\"urn:x\" PostTypeId=\"1\" x:PostTypeId=\"2\""
                + " Tags=\"&lt;keras&gt;\" xml:Tags=\"&lt;java&gt;\" />");
    assertThat(post.getLong(RawPosts.SCHEMA.fieldIndex("Id"))).isEqualTo(10L);
    assertThat(post.getInt(RawPosts.SCHEMA.fieldIndex("PostTypeId"))).isEqualTo(1);
    assertThat(post.getString(RawPosts.SCHEMA.fieldIndex("Tags"))).isEqualTo("<keras>");
    assertThat(post.isNullAt(RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON))).isTrue();
    assertThat(
            PostsXmlLine.parse("<row xml:Id=\"11\" x:Id=\"12\" xmlns:x=\"urn:x\" />").attributes())
        .containsOnlyKeys("xml:Id", "x:Id");
    Row onlyPrefixed = ParseXmlRows.toRow("<row xml:Id=\"11\" PostTypeId=\"1\" />");
    assertThat(onlyPrefixed.getString(RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON)))
        .isEqualTo("missing Id");
    Row link =
        ParsePostLinksRows.toRow(
            "<row Id=\"11\" CreationDate=\"2020-03-18T09:32:34.495\" PostId=\"7777\""
                + " xml:PostId=\"260\" RelatedPostId=\"30\" LinkTypeId=\"3\" />");
    assertThat(link.getLong(ParsePostLinksRows.SCHEMA.fieldIndex("PostId"))).isEqualTo(7777L);
  }

  /**
   * Java's {@code parseLong} reads any decimal digits: {@code Id="٢٠"} was post 20, {@code
   * ParentId="３٠"} joined question 30, a PostLinks {@code PostId} likewise. An integer attribute
   * takes ASCII digits only, as XML Schema's integers; the row is rejected naming the value.
   */
  @Test
  void integersTakeAsciiDigitsOnly() {
    int reason = RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON);
    assertThat(ParseXmlRows.toRow("<row Id=\"٢٠\" PostTypeId=\"1\" />").getString(reason))
        .isEqualTo("bad Id '٢٠'");
    assertThat(ParseXmlRows.toRow("<row Id=\"7\" PostTypeId=\"١\" />").getString(reason))
        .isEqualTo("bad PostTypeId '١'");
    assertThat(
            ParseXmlRows.toRow("<row Id=\"8\" PostTypeId=\"2\" ParentId=\"３٠\" />")
                .getString(reason))
        .isEqualTo("bad ParentId '３٠'");
    Row plus = ParseXmlRows.toRow("<row Id=\"+9\" PostTypeId=\"1\" Score=\" -3 \" />");
    assertThat(plus.isNullAt(reason)).isTrue();
    assertThat(plus.getLong(RawPosts.SCHEMA.fieldIndex("Id"))).isEqualTo(9L);
    assertThat(plus.getInt(RawPosts.SCHEMA.fieldIndex("Score"))).isEqualTo(-3);
    Row link =
        ParsePostLinksRows.toRow(
            "<row Id=\"1\" PostId=\"３٠\" RelatedPostId=\"10\" LinkTypeId=\"3\" />");
    assertThat(
            link.getString(ParsePostLinksRows.SCHEMA.fieldIndex(ParsePostLinksRows.REJECT_REASON)))
        .isEqualTo("bad PostId '３٠'");
  }

  /**
   * Stack Exchange numbers posts and links from 1: a post id, parent, accepted answer or linked
   * post of zero or below is rejected naming it (before: kept, and {@code match} read a negative
   * accepted answer as none while {@code questions} said the question had one). A negative Score
   * stays a score.
   */
  @Test
  void idsBelowOneAreOutOfRange() {
    int reason = RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON);
    assertThat(ParseXmlRows.toRow("<row Id=\"-5\" PostTypeId=\"1\" />").getString(reason))
        .isEqualTo("bad Id '-5' (out of range)");
    assertThat(ParseXmlRows.toRow("<row Id=\"0\" PostTypeId=\"1\" />").getString(reason))
        .isEqualTo("bad Id '0' (out of range)");
    assertThat(
            ParseXmlRows.toRow("<row Id=\"7\" PostTypeId=\"1\" AcceptedAnswerId=\"-8\" />")
                .getString(reason))
        .isEqualTo("bad AcceptedAnswerId '-8' (out of range)");
    assertThat(
            ParseXmlRows.toRow("<row Id=\"8\" PostTypeId=\"2\" ParentId=\"-1\" Score=\"-2\" />")
                .getString(reason))
        .isEqualTo("bad ParentId '-1' (out of range)");
    assertThat(
            ParseXmlRows.toRow("<row Id=\"9\" PostTypeId=\"1\" Score=\"-2\" ViewCount=\"0\" />")
                .isNullAt(reason))
        .isTrue();
    Row link =
        ParsePostLinksRows.toRow(
            "<row Id=\"1\" PostId=\"10\" RelatedPostId=\"-10\" LinkTypeId=\"3\" />");
    assertThat(
            link.getString(ParsePostLinksRows.SCHEMA.fieldIndex(ParsePostLinksRows.REJECT_REASON)))
        .isEqualTo("bad RelatedPostId '-10' (out of range)");
  }

  /** Each row a line gives through {@link ParseXmlRows#rowsOf}: {@code id:reject reason}. */
  private static List<String> rowsOfLine(String line) {
    List<Row> rows = new ArrayList<>();
    ParseXmlRows.rowsOf(line.getBytes(StandardCharsets.UTF_8), null, rows::add);
    int reason = RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON);
    return rows.stream()
        .map(r -> r.get(0) + ":" + (r.isNullAt(reason) ? "" : r.getString(reason)))
        .toList();
  }

  /**
   * A later line of a dump read by lines that held several rows (a dump concatenated from pieces)
   * was parsed as one row: one {@code Illegal to have multiple roots} reject with the first row's
   * Id, the other rows gone from the counts. Each row of such a line is now read on its own.
   */
  @Test
  void everyRowOfALineHoldingSeveralIsReadOnItsOwn() {
    String a = "<row Id=\"1\" PostTypeId=\"1\" Body=\"a &lt; b\" />";
    String b = "<row Id=\"2\" PostTypeId=\"2\" ParentId=\"1\" />";
    String c = "<row Id=\"3\" PostTypeId=\"1\"></row>";
    assertThat(rowsOfLine("  " + a + b + "\t" + c)).containsExactly("1:", "2:", "3:");
    assertThat(rowsOfLine("\uFEFF" + a + "<row Id=\"4\" Body=\"cut" + b))
        .containsExactly(
            "1:", "4:malformed XML row: " + XmlRowSplitter.CUT_OFF_BEFORE_NEXT_TAG, "2:");
    assertThat(rowsOfLine(a + " junk " + b))
        .containsExactly("1:", "null:malformed XML row: not a <row> element: junk", "2:");
    assertThat(rowsOfLine(a + "<row Id=\"5\" PostTypeId=\"1\" Body=\"cut"))
        .containsExactly("1:", "5:malformed XML row: " + XmlRowSplitter.LINE_ENDS_INSIDE_ROW);
    assertThat(rowsOfLine("</posts><posts>" + b)).containsExactly("2:");
    // a line with one row: parsed as before (a row and trailing junk is one reject, with its Id)
    assertThat(rowsOfLine("  " + a)).containsExactly("1:");
    assertThat(rowsOfLine(a + " junk"))
        .singleElement(STRING)
        .startsWith("1:malformed XML row: invalid XML");
    assertThat(rowsOfLine("<row Id=\"6\" PostTypeId=\"1\" Body=\"line one"))
        .singleElement(STRING)
        .startsWith("6:malformed XML row: invalid XML")
        .endsWith("per line)");
    assertThat(rowsOfLine("line two\" />"))
        .containsExactly("null:malformed XML row: not a <row> element: line two\" />");

    assertThat(PostsXmlLine.holdsALaterRow("  " + a)).isFalse();
    assertThat(PostsXmlLine.holdsALaterRow("\uFEFF" + c + "<rows>")).isFalse();
    assertThat(PostsXmlLine.holdsALaterRow(a + "<row")).isTrue();
    assertThat(PostsXmlLine.holdsALaterRow(a + "<row/>")).isTrue();
    assertThat(PostsXmlLine.holdsALaterRow("<posts><row Id=\"1\"/>")).isTrue();
  }
}
