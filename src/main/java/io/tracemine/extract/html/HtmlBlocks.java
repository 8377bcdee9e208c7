package io.tracemine.extract.html;

import io.tracemine.extract.traceback.TracebackParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Splits a Stack Overflow post body into {@link Block}s with jsoup (one parse, one traversal).
 *
 * <ul>
 *   <li>CODE block: each {@code <pre>} element, its whole text (newlines and indentation kept).
 *   <li>TEXT block: each {@code <p>}, {@code <ul>}, {@code <ol>} that is not inside another of
 *       these nor inside a {@code <pre>} (so nested lists and a {@code <p>} inside a {@code <li>}
 *       are part of their outer block, and one in a {@code <blockquote>} counts). Inline {@code
 *       <code>} is text. A {@code <pre>} nested in a list is its own CODE block and is not part of
 *       the list's text.
 *   <li>LOOSE block: a run of text and inline elements outside every block (and outside headings
 *       and tables), e.g. what jsoup moves out of a {@code <p>} that holds a {@code <div>} (forum
 *       posts put images in such divs: {@code <p><div>img</div><br>Traceback …</p>} keeps only an
 *       empty {@code <p>}), when it has a non-blank character; any block-level tag ends it. Not a
 *       block of the study (no words, no code); the default trace extractor reads it. Headings and
 *       tables belong to no block, except a heading whose text reads as part of a traceback (a
 *       frame, a header or an exception line: Markdown makes a line over a {@code ---} rule a
 *       {@code <h2>}, and IPython's dash rule follows the exception), which is a LOOSE block.
 * </ul>
 *
 * Blocks are returned in document order of their start tags; {@code index} is that order. Never
 * throws: {@code null} or unparseable input yields an empty list. Linear in the input size.
 */
public final class HtmlBlocks {
  private HtmlBlocks() {}

  /** Parses {@code html} (a post body fragment) into blocks; never throws. */
  public static List<Block> parse(String html) {
    if (html == null || html.isEmpty()) {
      return List.of();
    }
    String body = CharacterReferences.withoutInvalid(html);
    // the common shapes of a body without a DOM; the same blocks as jsoup's (SimpleBodiesTest)
    List<Block> simple = SimpleBodies.parse(body);
    return simple != null ? simple : parseWithJsoup(body);
  }

  /** {@link #parse} by jsoup alone, for every body (what {@link SimpleBodies} must equal). */
  static List<Block> parseWithJsoup(String html) {
    if (html == null || html.isEmpty()) {
      return List.of();
    }
    try {
      Document doc = Jsoup.parseBodyFragment(CharacterReferences.withoutInvalid(html));
      Collector collector = new Collector();
      NodeTraversor.traverse(collector, doc.body());
      return collector.blocks();
    } catch (RuntimeException | StackOverflowError e) {
      // the contract is "never throws": a body jsoup cannot handle has no usable blocks
      return List.of();
    }
  }

  private static boolean isTextBlockTag(String tag) {
    return tag.equals("p") || tag.equals("ul") || tag.equals("ol");
  }

  /** Phrasing elements: they neither end a loose run nor start a line in it ({@code br} does). */
  private static final Set<String> INLINE =
      Set.of(
          "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i",
          "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub",
          "sup", "time", "tt", "u", "var", "wbr");

  /** Elements whose text belongs to no block (STUDY.md §2): headings and tables. */
  private static final Set<String> NO_BLOCK = Set.of("h1", "h2", "h3", "h4", "h5", "h6", "table");

  private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

  /** Single-pass visitor; one open CODE block and one open TEXT block at most at any time. */
  private static final class Collector implements NodeVisitor {
    private final List<Block> done = new ArrayList<>();
    private int nextIndex;
    private Element pre;
    private StringBuilder preText;
    private int preIndex;
    private Element textBlock;
    private StringBuilder textText;
    private int textIndex;
    private StringBuilder looseText;
    private int looseIndex;
    private int noBlockDepth;
    private Element heading;
    private StringBuilder headingText;
    private int blocksBeforeHeading;

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode t) {
        if (pre != null) {
          preText.append(t.getWholeText());
        } else if (textBlock != null) {
          textText.append(t.getWholeText());
        } else if (heading != null) {
          headingText.append(t.getWholeText());
        } else if (noBlockDepth == 0 && (looseText != null || !t.isBlank())) {
          if (looseText == null) {
            looseText = new StringBuilder();
            looseIndex = nextIndex++;
          }
          looseText.append(t.getWholeText());
        }
        return;
      }
      if (!(node instanceof Element e)) {
        return;
      }
      String tag = e.normalName();
      if (pre == null && textBlock == null) {
        if (tag.equals("br") && looseText != null) {
          looseText.append('\n');
        } else if (tag.equals("br") && heading != null) {
          headingText.append('\n');
        } else if (!INLINE.contains(tag)) {
          closeLoose();
          if (noBlockDepth == 0 && HEADINGS.contains(tag)) {
            heading = e;
            headingText = new StringBuilder();
            blocksBeforeHeading = nextIndex;
          }
          if (NO_BLOCK.contains(tag)) {
            noBlockDepth++;
          }
        }
      }
      if (pre != null) {
        if (tag.equals("br")) {
          preText.append('\n');
        }
        return;
      }
      if (tag.equals("pre")) {
        pre = e;
        preText = new StringBuilder();
        preIndex = nextIndex++;
      } else if (textBlock == null && isTextBlockTag(tag)) {
        textBlock = e;
        textText = new StringBuilder();
        textIndex = nextIndex++;
      } else if (textBlock != null) {
        if (tag.equals("br")) {
          textText.append('\n');
        } else if (tag.equals("li") || tag.equals("p")) {
          // list items and paragraphs inside a list are separate lines of the block's text
          if (textText.length() > 0 && textText.charAt(textText.length() - 1) != '\n') {
            textText.append('\n');
          }
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element e
          && pre == null
          && textBlock == null
          && !INLINE.contains(e.normalName())) {
        closeLoose();
        if (NO_BLOCK.contains(e.normalName())) {
          noBlockDepth--;
        }
        if (node == heading) {
          closeHeading();
        }
      }
      if (node == pre) {
        done.add(new Block(preIndex, BlockKind.CODE, preText.toString()));
        pre = null;
        preText = null;
      } else if (node == textBlock) {
        done.add(new Block(textIndex, BlockKind.TEXT, textText.toString().strip()));
        textBlock = null;
        textText = null;
      }
    }

    /** A heading's text becomes a LOOSE block when it reads as part of a traceback. */
    private void closeHeading() {
      String text = headingText.toString().strip();
      // a block inside the heading took an index already: the heading's would be out of order
      if (nextIndex == blocksBeforeHeading && TracebackParser.readsAsTracebackText(text)) {
        done.add(new Block(nextIndex++, BlockKind.LOOSE, text));
      }
      heading = null;
      headingText = null;
    }

    private void closeLoose() {
      if (looseText != null) {
        done.add(new Block(looseIndex, BlockKind.LOOSE, looseText.toString().strip()));
        looseText = null;
      }
    }

    List<Block> blocks() {
      closeLoose();
      // a <pre> inside a list closes before the list does: restore start-tag order
      done.sort((a, b) -> Integer.compare(a.index(), b.index()));
      return Collections.unmodifiableList(done);
    }
  }
}
