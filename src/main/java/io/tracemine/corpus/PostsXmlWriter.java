package io.tracemine.corpus;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Streams posts as a Stack Exchange data-dump {@code Posts.xml}: UTF-8 byte-order mark, XML
 * declaration, {@code <posts>}, one {@code <row .../>} per line (CRLF, as in real dumps), empty
 * attributes left out, attribute values escaped so that a Body reads {@code &lt;p&gt;...&#xA;},
 * CreationDate like {@code 2019-03-04T10:11:12.345} (UTC) and Tags like {@code &lt;python&gt;}.
 * Memory use does not grow with the number of posts.
 */
public final class PostsXmlWriter implements Closeable {
  static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final Writer out;
  private final StringBuilder row = new StringBuilder(4096);
  private boolean closed;

  public PostsXmlWriter(OutputStream stream) throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    out.write('\uFEFF');
    out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<posts>\r\n");
  }

  public void write(GeneratedPost post) throws IOException {
    row.setLength(0);
    row.append("  <row");
    attr("Id", post.id());
    attr("PostTypeId", post.postTypeId());
    attr("ParentId", post.parentId());
    attr("AcceptedAnswerId", post.acceptedAnswerId());
    attr("CreationDate", DATE.format(post.creationDate()));
    attr("Score", post.score());
    attr("ViewCount", post.viewCount());
    attr("Body", post.body());
    attr("Title", post.title());
    attr("Tags", post.tags());
    attr("AnswerCount", post.answerCount());
    attr("CommentCount", post.commentCount());
    row.append(" />\r\n");
    out.append(row);
  }

  private void attr(String name, Object value) {
    if (value == null) {
      return;
    }
    String s = value.toString();
    if (s.isEmpty()) {
      return;
    }
    row.append(' ').append(name).append("=\"");
    escape(name, s, row);
    row.append('"');
  }

  /**
   * XML attribute escaping as the dump's writer does it; rejects characters XML 1.0 cannot hold.
   */
  static void escape(String name, String s, StringBuilder sb) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\n' -> sb.append("&#xA;");
        case '\r' -> sb.append("&#xD;");
        case '\t' -> sb.append("&#x9;");
        default -> {
          if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
            throw new IllegalArgumentException(
                String.format(
                    "Cannot write attribute %s: character U+%04X at offset %d is not allowed in XML"
                        + " 1.0; remove it from the generated text",
                    name, (int) c, i));
          }
          sb.append(c);
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      out.write("</posts>\r\n");
      out.close();
    }
  }
}
