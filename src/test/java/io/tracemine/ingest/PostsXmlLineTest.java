package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.ingest.PostsXmlLine.Kind;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class PostsXmlLineTest {
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
    assertThat(ParseXmlRows.toRow("</posts>")).isNull();
  }

  @Test
  void malformedRowsBecomeRejectsWithTheirReason() {
    Row truncated = ParseXmlRows.toRow("<row Id=\"9\" PostTypeId=\"1\" Body=\"&lt;p&gt;cut off");
    assertThat(truncated.getString(RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON)))
        .startsWith("malformed XML row: invalid XML");
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
    Row junk = ParseXmlRows.toRow("hello");
    assertThat(junk.getString(RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON)))
        .isEqualTo("malformed XML row: not a <row> element: hello");
  }
}
