package io.tracemine.extract.html;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 *   <li>Text outside these elements (headings, tables, bare text) belongs to no block.
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
    try {
      Document doc = Jsoup.parseBodyFragment(html);
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

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode t) {
        if (pre != null) {
          preText.append(t.getWholeText());
        } else if (textBlock != null) {
          textText.append(t.getWholeText());
        }
        return;
      }
      if (!(node instanceof Element e)) {
        return;
      }
      String tag = e.normalName();
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

    List<Block> blocks() {
      // a <pre> inside a list closes before the list does: restore start-tag order
      done.sort((a, b) -> Integer.compare(a.index(), b.index()));
      return Collections.unmodifiableList(done);
    }
  }
}
