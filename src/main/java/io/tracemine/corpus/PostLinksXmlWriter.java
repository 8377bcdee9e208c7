package io.tracemine.corpus;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Streams duplicate links as a Stack Exchange data-dump {@code PostLinks.xml}: UTF-8 byte-order
 * mark, XML declaration, {@code <postlinks>}, one {@code <row Id CreationDate PostId RelatedPostId
 * LinkTypeId />} per CRLF line, {@code LinkTypeId="3"} (duplicate) and ids numbered from 1.
 */
public final class PostLinksXmlWriter implements Closeable {
  /** {@code LinkTypeId} of a duplicate link in the dumps and SOTorrent. */
  public static final int DUPLICATE = 3;

  private final Writer out;
  private long rows;
  private boolean closed;

  public PostLinksXmlWriter(OutputStream stream) throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    out.write('\uFEFF');
    out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<postlinks>\r\n");
  }

  public void write(PlantedDuplicate d) throws IOException {
    rows++;
    out.write(
        "  <row Id=\""
            + rows
            + "\" CreationDate=\""
            + PostsXmlWriter.DATE.format(d.linkDate())
            + "\" PostId=\""
            + d.questionId()
            + "\" RelatedPostId=\""
            + d.originalId()
            + "\" LinkTypeId=\""
            + DUPLICATE
            + "\" />\r\n");
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      out.write("</postlinks>\r\n");
      out.close();
    }
  }
}
