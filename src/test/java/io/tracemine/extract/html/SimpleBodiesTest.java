package io.tracemine.extract.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracemine.corpus.CorpusGenerator;
import io.tracemine.corpus.GeneratedPost;
import io.tracemine.testing.BundledCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link SimpleBodies} yields exactly jsoup's blocks ({@link HtmlBlocks#parseWithJsoup}) wherever
 * it answers, and answers for the common shapes: on generated well-formed bodies of every shape it
 * accepts, on tag soup, on the corpus generator's bodies and on every real body the tests hold.
 */
class SimpleBodiesTest {

  @Property(tries = 5000, seed = "20261130")
  void wellFormedBodiesTakeTheSimplePathAndEqualJsoup(@ForAll("wellFormed") String body) {
    List<Block> simple = SimpleBodies.parse(body);
    assertThat(simple).as(body).isNotNull();
    assertThat(simple).as(body).isEqualTo(HtmlBlocks.parseWithJsoup(body));
    assertThat(HtmlBlocks.parse(body)).isEqualTo(simple);
  }

  @Property(tries = 5000, seed = "20261130")
  void tagSoupGivesJsoupsBlocks(@ForAll("soup") String body) {
    assertThat(HtmlBlocks.parse(body)).as(body).isEqualTo(HtmlBlocks.parseWithJsoup(body));
  }

  @Example
  void generatedCorpusBodiesAllTakeTheSimplePath() {
    CorpusGenerator generator = new CorpusGenerator(42);
    int bodies = 0;
    for (long q = 0; q < 3000; q++) {
      for (GeneratedPost post : generator.question(q).posts()) {
        List<Block> simple = SimpleBodies.parse(post.body());
        assertThat(simple).as(post.body()).isNotNull();
        assertThat(simple).as(post.body()).isEqualTo(HtmlBlocks.parseWithJsoup(post.body()));
        bodies++;
      }
    }
    assertThat(bodies).isGreaterThan(6000);
  }

  @Example
  void realBodiesGiveJsoupsBlocks() throws Exception {
    List<String> real =
        new ArrayList<>(
            BundledCorpus.bodies(
                Path.of("src/test/resources/realdata/beer-stackexchange-Posts.xml.gz")));
    int beer = real.size();
    JsonNode labels =
        new ObjectMapper()
            .readTree(Path.of("src/test/resources/realbench/blind/labels.json").toFile());
    for (JsonNode p : labels.get("posts")) {
      real.add(Files.readString(Path.of("src/test/resources/realbench/" + p.get("post").asText())));
    }
    try (var pages = Files.list(Path.of("src/test/resources/realbench/html"))) {
      for (Path page : pages.sorted().toList()) {
        real.add(Files.readString(page));
      }
    }
    int simple = 0;
    for (String body : real) {
      assertThat(HtmlBlocks.parse(body)).as(body).isEqualTo(HtmlBlocks.parseWithJsoup(body));
      simple += SimpleBodies.parse(body) != null ? 1 : 0;
    }
    // Stack Exchange's own bodies mostly take the simple path, so the comparison is not vacuous
    assertThat(beer).isGreaterThan(1500);
    assertThat(simple).isGreaterThan(beer * 9 / 10);
  }

  @Example
  void theShapesHtml5TreatsSpeciallyMatchJsoup() {
    // a newline right after <pre> is dropped, one after <code> is kept
    assertSimple("<pre>\nx\n</pre>", List.of(new Block(0, BlockKind.CODE, "x\n")));
    assertSimple("<pre><code>\nx</code></pre>", List.of(new Block(0, BlockKind.CODE, "\nx")));
    assertSimple(
        "<ul>\n<li>a<ul><li>b</li></ul></li>\n<li><p>c</p><p>d</p></li></ul>",
        List.of(new Block(0, BlockKind.TEXT, "a\nb\nc\nd")));
    assertSimple(
        "<blockquote>\n  <p>a<br>b &amp; &#x27;c&#39; &nbsp;</p>\n</blockquote><hr />",
        List.of(new Block(0, BlockKind.TEXT, "a\nb & 'c' \u00a0")));
  }

  @Example
  void shapesOutsideTheSubsetAreLeftToJsoup() {
    for (String body :
        List.of(
            "loose text",
            "<p>a<div>b</div>c</p>",
            "<p>R&D</p>",
            "<p>a &copy; b</p>",
            "<p>a\r\nb</p>",
            "<p><a href=\"x\">a<a href=\"y\">b</a></a></p>",
            "<p><b>a</p>",
            "<p>a</b></p>",
            "<P>a</P>",
            "<p>a<!-- c --></p>",
            "<a href=x>a</a>",
            "<p>a &#128; b</p>",
            "<li>a</li>",
            "<h2>Title</h2><p>a</p>",
            "<p>a <b c</p>")) {
      assertThat(SimpleBodies.parse(body)).as(body).isNull();
      assertThat(HtmlBlocks.parse(body)).as(body).isEqualTo(HtmlBlocks.parseWithJsoup(body));
    }
  }

  private static void assertSimple(String body, List<Block> expected) {
    assertThat(SimpleBodies.parse(body)).as(body).isEqualTo(expected);
    assertThat(HtmlBlocks.parseWithJsoup(body)).as(body).isEqualTo(expected);
  }

  @Provide
  Arbitrary<String> wellFormed() {
    return Arbitraries.randomValue(WellFormed::body);
  }

  @Provide
  Arbitrary<String> soup() {
    return Arbitraries.of(SOUP).list().ofMaxSize(30).map(l -> String.join("", l));
  }

  private static final List<String> SOUP =
      List.of(
          "<p>",
          "</p>",
          "<pre>",
          "<pre class=\"lang-py prettyprint-override\">",
          "</pre>",
          "<code>",
          "</code>",
          "<ul>",
          "</ul>",
          "<ol start=\"2\">",
          "</ol>",
          "<li>",
          "</li>",
          "<blockquote>",
          "</blockquote>",
          "<hr>",
          "<hr/>",
          "<br>",
          "<br />",
          "<strong>",
          "</strong>",
          "<em>",
          "</em>",
          "<a href=\"https://x.y/?a=1&amp;b=2\">",
          "</a>",
          "<img src=\"x.png\" alt=\"a > b\">",
          "<span class=\"s\">",
          "</span>",
          "<div>",
          "</div>",
          "<h2>",
          "</h2>",
          "<kbd>",
          "</kbd>",
          "<b>",
          "</b>",
          "<wbr>",
          "word",
          " ",
          "\n",
          "\n\n",
          "\t",
          "\r\n",
          "&lt;",
          "&gt;",
          "&amp;",
          "&quot;",
          "&#39;",
          "&#x27;",
          "&#X41;",
          "&nbsp;",
          "&copy;",
          "&",
          "<",
          ">",
          "&#128;",
          "&#0;",
          "&#10;",
          "&#1114111;",
          "&#xD800;",
          "\u00a0",
          "\uFEFF",
          "<!-- c -->",
          "<P>",
          "Traceback (most recent call last):",
          "  File \"a.py\", line 1, in <module>",
          "&lt;module&gt;",
          "<table><tr><td>c</td></tr>",
          "<p/>",
          "<code/>",
          "</br>",
          "<li value=\"3\">",
          "\f",
          "\u0000",
          "'",
          "\"",
          "=",
          "/",
          "< p>",
          "<p >",
          "<a href=x>",
          "<img src='x'>",
          "&lt",
          "&#39",
          "&#;",
          "&apos;",
          "&LT;");

  /** Bodies built only of the shapes {@link SimpleBodies} accepts, with HTML5's edge cases. */
  static final class WellFormed {
    private static final List<String> TEXT =
        List.of(
            "word",
            " ",
            "\n",
            "\t",
            "  ",
            "&lt;",
            "&gt;",
            "&amp;",
            "&quot;",
            "&#39;",
            "&#x27;",
            "&nbsp;",
            "\u00a0",
            ">",
            "'",
            "\"",
            "Traceback (most recent call last):",
            "File \"/a/b.py\", line 3, in f",
            "ValueError: x",
            "é",
            "\uD83D\uDE00",
            "&#128512;",
            "=",
            "/",
            "in",
            "&#10;");
    private static final List<String> INLINE =
        List.of(
            "strong", "em", "code", "b", "i", "a", "span", "kbd", "sub", "sup", "s", "del",
            "strike");
    private static final List<String> SPACE = List.of("", "\n", "\n\n", " ", "\t", "\n  ");

    static String body(Random r) {
      StringBuilder b = new StringBuilder();
      flow(r, b, 0);
      return b.toString();
    }

    private static <T> T pick(Random r, List<T> from) {
      return from.get(r.nextInt(from.size()));
    }

    private static String text(Random r) {
      StringBuilder b = new StringBuilder();
      for (int i = r.nextInt(6); i > 0; i--) {
        b.append(pick(r, TEXT));
      }
      return b.toString();
    }

    private static void inline(Random r, StringBuilder b, int depth, boolean inLink) {
      for (int i = r.nextInt(5); i > 0; i--) {
        int k = r.nextInt(10);
        if (k < 5 || depth > 3) {
          b.append(text(r));
        } else if (k < 6) {
          b.append(pick(r, List.of("<br>", "<br/>", "<br />")));
        } else if (k < 7) {
          b.append("<img src=\"x.png\" alt=\"a > b\">");
        } else {
          String tag = pick(r, INLINE);
          tag = tag.equals("a") && inLink ? "em" : tag;
          b.append('<').append(tag);
          if (tag.equals("a")) {
            b.append(" href=\"https://a.b/c?d=1&amp;e=2\" rel=\"nofollow noreferrer\"");
          } else if (tag.equals("span")) {
            b.append(" class=\"x\"");
          }
          b.append('>');
          inline(r, b, depth + 1, inLink || tag.equals("a"));
          b.append("</").append(tag).append('>');
        }
      }
    }

    private static void list(Random r, StringBuilder b, int depth) {
      String tag = r.nextBoolean() ? "ul" : "ol";
      b.append('<').append(tag).append('>').append(pick(r, SPACE));
      for (int i = r.nextInt(4); i > 0; i--) {
        b.append("<li>");
        for (int j = r.nextInt(3); j > 0; j--) {
          int k = r.nextInt(4);
          if (k == 0 && depth < 3) {
            list(r, b, depth + 1);
          } else if (k == 1) {
            b.append("<p>");
            inline(r, b, 0, false);
            b.append("</p>");
          } else {
            inline(r, b, 0, false);
          }
        }
        b.append("</li>").append(pick(r, SPACE));
      }
      b.append("</").append(tag).append('>');
    }

    private static void flow(Random r, StringBuilder b, int depth) {
      for (int i = r.nextInt(6); i > 0; i--) {
        b.append(pick(r, SPACE));
        int k = r.nextInt(10);
        if (k < 4) {
          b.append("<p>");
          inline(r, b, 0, false);
          b.append("</p>");
        } else if (k < 7) {
          b.append(r.nextBoolean() ? "<pre>" : "<pre class=\"lang-py prettyprint-override\">");
          b.append(r.nextBoolean() ? "\n" : "");
          boolean code = r.nextBoolean();
          b.append(code ? "<code>" : "").append(r.nextBoolean() ? "\n" : "").append(text(r));
          inline(r, b, 0, false);
          b.append(text(r)).append(code ? "</code>" : "").append(r.nextBoolean() ? "\n" : "");
          b.append("</pre>");
        } else if (k < 8) {
          list(r, b, 0);
        } else if (k < 9 && depth < 3) {
          b.append("<blockquote>");
          flow(r, b, depth + 1);
          b.append("</blockquote>");
        } else {
          b.append(r.nextBoolean() ? "<hr>" : "<hr />");
        }
      }
      b.append(pick(r, SPACE));
    }
  }
}
