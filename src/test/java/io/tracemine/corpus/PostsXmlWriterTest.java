package io.tracemine.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

class PostsXmlWriterTest {
  @Test
  void writesAWellFormedDumpWhoseAttributesRoundTrip() throws Exception {
    CorpusGenerator g = new CorpusGenerator(3);
    List<GeneratedPost> posts = new ArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PostsXmlWriter w = new PostsXmlWriter(bytes)) {
      for (int i = 0; i < 300; i++) {
        for (GeneratedPost p : g.question(i).posts()) {
          w.write(p);
          posts.add(p);
        }
      }
    }
    byte[] data = bytes.toByteArray();
    assertThat(new byte[] {data[0], data[1], data[2]}).containsExactly(0xEF, 0xBB, 0xBF);
    String text = new String(data, StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith(
            "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n"
                + "<posts>\r\n"
                + "  <row Id=\"1000000\" ");
    assertThat(text).endsWith(" />\r\n</posts>\r\n");
    assertThat(text.lines().count()).isEqualTo(posts.size() + 3);
    assertThat(text).contains("Body=\"&lt;p&gt;").contains("&#xA;").contains("Tags=\"&lt;python");

    List<Map<String, String>> rows = parse(data);
    assertThat(rows).hasSize(posts.size());
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> r = rows.get(i);
      GeneratedPost p = posts.get(i);
      assertThat(r.get("Id")).isEqualTo(Long.toString(p.id()));
      assertThat(r.get("PostTypeId")).isEqualTo(Integer.toString(p.postTypeId()));
      assertThat(r.get("Body")).isEqualTo(p.body());
      assertThat(r.get("Title")).isEqualTo(p.title());
      assertThat(r.get("Tags")).isEqualTo(p.tags());
      assertThat(r.get("CreationDate"))
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
      assertThat(Instant.parse(r.get("CreationDate") + "Z")).isEqualTo(p.creationDate());
      assertThat(r.get("ParentId"))
          .isEqualTo(p.parentId() == null ? null : p.parentId().toString());
      assertThat(r.get("AcceptedAnswerId"))
          .isEqualTo(p.acceptedAnswerId() == null ? null : p.acceptedAnswerId().toString());
      assertThat(r.get("ViewCount"))
          .isEqualTo(p.viewCount() == null ? null : p.viewCount().toString());
      assertThat(r.get("AnswerCount"))
          .isEqualTo(p.answerCount() == null ? null : p.answerCount().toString());
      assertThat(r.get("Score")).isEqualTo(Integer.toString(p.score()));
      assertThat(r.get("CommentCount")).isEqualTo(Integer.toString(p.commentCount()));
    }
  }

  @Test
  void rejectsCharactersXmlCannotHold() throws IOException {
    GeneratedPost bad =
        new GeneratedPost(
            1, 1, null, null, Instant.EPOCH, 0, 1L, 0, 0, "t", "<python>", "<p>\u001b[0;31mx</p>");
    try (PostsXmlWriter w = new PostsXmlWriter(new ByteArrayOutputStream())) {
      assertThatThrownBy(() -> w.write(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Cannot write attribute Body: character U+001B at offset 3 is not allowed in XML 1.0;"
                  + " remove it from the generated text");
    }
  }

  static List<Map<String, String>> parse(byte[] data) throws Exception {
    XMLInputFactory f = XMLInputFactory.newFactory();
    XMLStreamReader r =
        f.createXMLStreamReader(new InputStreamReader(skipBom(data), StandardCharsets.UTF_8));
    List<Map<String, String>> rows = new ArrayList<>();
    while (r.hasNext()) {
      if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("row")) {
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < r.getAttributeCount(); i++) {
          row.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static ByteArrayInputStream skipBom(byte[] data) {
    return new ByteArrayInputStream(data, 3, data.length - 3);
  }
}
