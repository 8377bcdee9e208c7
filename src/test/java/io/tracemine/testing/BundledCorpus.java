package io.tracemine.testing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/** The bundled corpus (src/main/corpus/Posts.xml.gz) as tests read it. */
public final class BundledCorpus {
  private BundledCorpus() {}

  /** Every post's HTML body, in file order. */
  public static List<String> bodies() throws Exception {
    return bodies(Path.of("src/main/corpus/Posts.xml.gz"));
  }

  /** Every post's HTML body of a gzipped Posts.xml, in file order. */
  public static List<String> bodies(Path posts) throws Exception {
    List<String> bodies = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(posts))) {
      XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(in, "UTF-8");
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
          String body = xml.getAttributeValue(null, "Body");
          if (body != null) {
            bodies.add(body);
          }
        }
      }
      xml.close();
    }
    return bodies;
  }
}
