package io.tracemine.extract.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class HtmlBlocksTest {

  @Test
  void codeAndTextBlocksInDocumentOrder() {
    List<Block> blocks =
        HtmlBlocks.parse(
            "<p>I call <code>model.fit()</code> and get:</p>\n"
                + "<pre><code>Traceback (most recent call last):\n"
                + "  File &quot;/a/b.py&quot;, line 1, in &lt;module&gt;\n"
                + "ValueError: x &amp; y\n"
                + "</code></pre>\n"
                + "<h2>Heading is no block</h2>\n"
                + "<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>\n"
                + "<pre>plain pre\n\n"
                + "  indented</pre><ol><li>first</li></ol>");
    assertThat(blocks)
        .extracting(Block::index, Block::kind)
        .containsExactly(
            tuple(0, BlockKind.TEXT),
            tuple(1, BlockKind.CODE),
            tuple(2, BlockKind.TEXT),
            tuple(3, BlockKind.CODE),
            tuple(4, BlockKind.TEXT));
    assertThat(blocks.get(0).text()).isEqualTo("I call model.fit() and get:");
    assertThat(blocks.get(1).text())
        .isEqualTo(
            "Traceback (most recent call last):\n"
                + "  File \"/a/b.py\", line 1, in <module>\nValueError: x & y\n");
    assertThat(blocks.get(2).text()).isEqualTo("one\ntwo\nnested");
    assertThat(blocks.get(3).text()).isEqualTo("plain pre\n\n  indented");
  }

  @Test
  void textThatJsoupMovesOutOfAParagraphIsALooseTextBlock() {
    // forum shape: an image wrapped in a <div> inside the <p>; HTML5 parsing closes the <p> there
    List<Block> blocks =
        HtmlBlocks.parse(
            "<p>Before<div class=\"lightbox\"><img src=\"a.png\">"
                + "</div><br>\n<em>It fails:</em><br>\nTraceback (most recent call last):<br>\n"
                + "File “/a/b.py”, line 3, in f<br>\nKeyError: ‘x’</p><h2>Title</h2>"
                + "<table><tr><td>cell</td></tr></table>tail words");
    assertThat(blocks)
        .extracting(Block::index, Block::kind, Block::text)
        .containsExactly(
            tuple(0, BlockKind.TEXT, "Before"),
            tuple(
                1,
                BlockKind.LOOSE,
                "It fails:\n\nTraceback (most recent call last):\n\n"
                    + "File “/a/b.py”, line 3, in f\n\nKeyError: ‘x’"),
            tuple(2, BlockKind.TEXT, ""),
            tuple(3, BlockKind.LOOSE, "tail words"));
  }

  /**
   * A heading is no block, unless its text reads as part of a traceback (Markdown turns a line over
   * a dash rule into a heading): then it is loose text, in document order. A heading of prose, or a
   * source comment made a heading ({@code # Get segment}), still belongs to no block.
   */
  @Test
  void aHeadingThatReadsAsATracebackIsLooseText() {
    List<Block> blocks =
        HtmlBlocks.parse(
            "<h1>Get segment as numpy array</h1><pre>frames</pre>"
                + "<h2>AttributeError: module ‘J’ has no attribute ‘A’</h2><p>Why?</p>"
                + "<h3>Exception on /saml [POST]<br>File “/app/saml.py”, line 69, in idp</h3>"
                + "<h2>Update: solved</h2>");
    assertThat(blocks)
        .extracting(Block::index, Block::kind, Block::text)
        .containsExactly(
            tuple(0, BlockKind.CODE, "frames"),
            tuple(1, BlockKind.LOOSE, "AttributeError: module ‘J’ has no attribute ‘A’"),
            tuple(2, BlockKind.TEXT, "Why?"),
            tuple(
                3,
                BlockKind.LOOSE,
                "Exception on /saml [POST]\nFile “/app/saml.py”, line 69, in idp"));
  }

  @Test
  void blockquoteParagraphsCountAndBrIsANewline() {
    List<Block> blocks =
        HtmlBlocks.parse(
            "<blockquote><p>Traceback (most recent call last):<br>File \"x.py\", line 2, in"
                + " f</p></blockquote>");
    assertThat(blocks)
        .containsExactly(
            new Block(
                0,
                BlockKind.TEXT,
                "Traceback (most recent call last):\nFile \"x.py\", line 2, in f"));
  }

  @Test
  void preInsideAListIsItsOwnCodeBlockAndNotListText() {
    List<Block> blocks =
        HtmlBlocks.parse(
            "<ol><li>Run this:<pre><code>python train.py</code></pre></li><li>See error</li></ol>");
    assertThat(blocks)
        .containsExactly(
            new Block(0, BlockKind.TEXT, "Run this:\nSee error"),
            new Block(1, BlockKind.CODE, "python train.py"));
  }

  @Test
  void paragraphInsideAListItemIsNotCountedTwice() {
    assertThat(HtmlBlocks.parse("<ul><li><p>a b</p></li></ul><p>c</p>"))
        .extracting(Block::text)
        .containsExactly("a b", "c");
  }

  @Test
  void emptyAndNullInputsGiveNoBlocksAndBareTextIsLoose() {
    assertThat(HtmlBlocks.parse(null)).isEmpty();
    assertThat(HtmlBlocks.parse("")).isEmpty();
    assertThat(HtmlBlocks.parse("   \n ")).isEmpty();
    assertThat(HtmlBlocks.parse("just text"))
        .containsExactly(new Block(0, BlockKind.LOOSE, "just text"));
  }

  @Test
  void unclosedTagsAreRecovered() {
    assertThat(HtmlBlocks.parse("<p>text<pre><code>x = 1\ny = 2"))
        .extracting(Block::kind, Block::text)
        .containsExactly(tuple(BlockKind.TEXT, "text"), tuple(BlockKind.CODE, "x = 1\ny = 2"));
  }

  @Property(tries = 500, seed = "7")
  void neverThrowsAndIndexesAreADensePermutation(@ForAll String html) {
    List<Block> blocks = HtmlBlocks.parse(html);
    for (int i = 0; i < blocks.size(); i++) {
      assertThat(blocks.get(i).index()).isEqualTo(i);
    }
  }

  @Property(tries = 500, seed = "8")
  void neverThrowsOnTagSoup(@ForAll("soup") String html) {
    List<Block> blocks = HtmlBlocks.parse(html);
    for (int i = 0; i < blocks.size(); i++) {
      assertThat(blocks.get(i).index()).isEqualTo(i);
      assertThat(blocks.get(i).text()).isNotNull();
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> soup() {
    return net.jqwik.api.Arbitraries.of(
            "<p>",
            "</p>",
            "<pre>",
            "</pre>",
            "<code>",
            "</code>",
            "<ul>",
            "</ul>",
            "<ol>",
            "<li>",
            "</li>",
            "<br>",
            "<blockquote>",
            "&lt;",
            "&amp;",
            "&#x",
            "text",
            "\n",
            "<",
            ">",
            "\"",
            "<!--",
            "-->",
            "<![CDATA[",
            "<script>",
            "<table>")
        .list()
        .ofMaxSize(50)
        .map(l -> String.join("", l));
  }

  @Test
  void referencesToNulOrASurrogateReadAsTheReplacementCharacterAsInABrowser() {
    String body =
        "<pre><code>File \"a.py\", line 1, in f&#xD800;\n"
            + "ValueError: &#0; &#x0000; &#55296 &#xD83D;&#xDE00; &#x1F600; &#xdfff;x"
            + " &#65;</code></pre>";
    String expected =
        "File \"a.py\", line 1, in f\uFFFD\n"
            + "ValueError: \uFFFD \uFFFD \uFFFD \uFFFD\uFFFD \uD83D\uDE00 \uFFFDx A";
    assertThat(HtmlBlocks.parse(body)).extracting(Block::text).containsExactly(expected);
    assertThat(HtmlBlocks.parseWithJsoup(body)).extracting(Block::text).containsExactly(expected);
    assertThat(HtmlBlocks.parse("<p>a &#x110000; &#; &#x; &amp;#0; b</p>"))
        .extracting(Block::text)
        .containsExactly("a \uFFFD &#; &#x; &#0; b");
  }
}
