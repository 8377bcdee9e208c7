package io.tracemine.extract.html;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * {@link HtmlBlocks}' result for the common shapes of a post body, without building a DOM: a
 * sequence of {@code <p>}, {@code <pre>} (optionally holding {@code <code>}), {@code <ul>}/{@code
 * <ol>} of {@code <li>}, {@code <blockquote>} and {@code <hr>}, separated by whitespace, holding
 * text, the usual character references and properly nested inline tags. Anything else (a tag
 * outside a small set, text outside a block, an end tag that does not close the innermost open
 * element, a character reference outside a few forms, a carriage return, NUL or byte-order mark, an
 * unquoted attribute value, a comment) makes {@link #parse} return {@code null}, and the caller
 * parses the body with jsoup. Within this subset the HTML5 tree jsoup builds has no implied or
 * adopted elements, so the blocks are read off the tag sequence; {@code SimpleBodiesTest} checks
 * that they equal jsoup's on generated and real bodies. Linear in the input, no recursion deeper
 * than {@value #MAX_DEPTH} open elements.
 */
final class SimpleBodies {
  /** Deeper nesting is left to jsoup (which bounds its own tree depth). */
  static final int MAX_DEPTH = 32;

  /** Phrasing elements this parser follows: text only, in order (none is a block of its own). */
  private static final Set<String> INLINE =
      Set.of(
          "a", "b", "code", "del", "em", "i", "kbd", "s", "span", "strike", "strong", "sub", "sup");

  /** Void elements allowed in text: {@code br} is a newline, the others add nothing. */
  private static final Set<String> VOID_INLINE = Set.of("br", "img", "wbr");

  private final String s;
  private final int n;
  private int pos;
  private final List<Block> blocks = new ArrayList<>();
  private int nextIndex;

  /** The last tag read by {@link #tag}: its name, whether an end tag, whether self-closing. */
  private String tagName;

  private boolean endTag;
  private boolean selfClosing;

  /** Open {@code <a>} elements around the current position. */
  private int openLinks;

  private SimpleBodies(String s) {
    this.s = s;
    this.n = s.length();
  }

  /**
   * The blocks of {@code html} (not empty) exactly as {@link HtmlBlocks#parse} finds them with
   * jsoup, or {@code null} when the body is outside this parser's subset.
   */
  static List<Block> parse(String html) {
    SimpleBodies p = new SimpleBodies(html);
    return p.flow(null, 0) ? Collections.unmodifiableList(p.blocks) : null;
  }

  /**
   * Block-level content up to the end of input ({@code close == null}) or {@code </close>}:
   * whitespace and blocks only.
   */
  private boolean flow(String close, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    while (true) {
      while (pos < n && isSpace(s.charAt(pos))) {
        pos++;
      }
      if (pos == n) {
        return close == null;
      }
      if (s.charAt(pos) != '<' || !tag()) {
        return false;
      }
      if (endTag) {
        return tagName.equals(close);
      }
      switch (tagName) {
        case "p" -> {
          if (selfClosing || !textBlock("p", depth + 1)) {
            return false;
          }
        }
        case "ul", "ol" -> {
          if (selfClosing || !list(tagName, depth + 1)) {
            return false;
          }
        }
        case "pre" -> {
          if (selfClosing || !pre(depth + 1)) {
            return false;
          }
        }
        case "blockquote" -> {
          if (selfClosing || !flow("blockquote", depth + 1)) {
            return false;
          }
        }
        case "hr" -> {}
        default -> {
          return false;
        }
      }
    }
  }

  /** A {@code <p>} outside any other text block: one TEXT block of its inline content. */
  private boolean textBlock(String close, int depth) {
    int index = nextIndex++;
    StringBuilder text = new StringBuilder();
    if (!inline(text, close, depth, false)) {
      return false;
    }
    blocks.add(new Block(index, BlockKind.TEXT, text.toString().strip()));
    return true;
  }

  /** A {@code <ul>} or {@code <ol>}: one TEXT block, each item and paragraph on its own line. */
  private boolean list(String tag, int depth) {
    int index = nextIndex++;
    StringBuilder text = new StringBuilder();
    if (!listItems(text, tag, depth)) {
      return false;
    }
    blocks.add(new Block(index, BlockKind.TEXT, text.toString().strip()));
    return true;
  }

  /** The items of a list up to {@code </tag>}; whitespace between them is kept, as jsoup does. */
  private boolean listItems(StringBuilder text, String tag, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    while (true) {
      int start = pos;
      while (pos < n && isSpace(s.charAt(pos))) {
        pos++;
      }
      text.append(s, start, pos);
      if (pos == n || s.charAt(pos) != '<' || !tag()) {
        return false;
      }
      if (endTag) {
        return tagName.equals(tag);
      }
      if (!tagName.equals("li") || selfClosing) {
        return false;
      }
      newLine(text);
      if (!inline(text, "li", depth + 1, true)) {
        return false;
      }
    }
  }

  /** HtmlBlocks' rule for {@code <li>} and {@code <p>} inside a list: start a new line. */
  private static void newLine(StringBuilder text) {
    if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
      text.append('\n');
    }
  }

  /**
   * Text, character references and inline elements up to {@code </close>}, appended to {@code text}
   * ({@code br} as a newline). Inside a list item ({@code inList}) a nested list and a paragraph
   * are part of the same text.
   */
  private boolean inline(StringBuilder text, String close, int depth, boolean inList) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    while (pos < n) {
      char c = s.charAt(pos);
      if (c == '<') {
        if (!tag()) {
          return false;
        }
        if (endTag) {
          return tagName.equals(close);
        }
        if (VOID_INLINE.contains(tagName)) {
          if (tagName.equals("br")) {
            text.append('\n');
          }
        } else if (selfClosing) {
          return false;
        } else if (INLINE.contains(tagName)) {
          boolean link = tagName.equals("a");
          if (link && openLinks > 0) {
            return false; // a link inside a link: jsoup closes the outer one first
          }
          openLinks += link ? 1 : 0;
          if (!inline(text, tagName, depth + 1, inList)) {
            return false;
          }
          openLinks -= link ? 1 : 0;
        } else if (inList && (tagName.equals("ul") || tagName.equals("ol"))) {
          if (!listItems(text, tagName, depth + 1)) {
            return false;
          }
        } else if (inList && tagName.equals("p") && close.equals("li")) {
          newLine(text);
          if (!inline(text, "p", depth + 1, false)) {
            return false;
          }
        } else {
          return false;
        }
      } else if (c == '&') {
        if (!reference(text)) {
          return false;
        }
      } else if (isSpecial(c)) {
        return false;
      } else {
        int start = pos++;
        while (pos < n
            && !isSpecial(s.charAt(pos))
            && s.charAt(pos) != '<'
            && s.charAt(pos) != '&') {
          pos++;
        }
        text.append(s, start, pos);
      }
    }
    return false;
  }

  /**
   * A {@code <pre>}: one CODE block of its text, not stripped; a newline right after the start tag
   * is dropped (HTML5), {@code br} is a newline, inline elements (such as {@code <code>}) add their
   * text.
   */
  private boolean pre(int depth) {
    int index = nextIndex++;
    if (pos < n && s.charAt(pos) == '\n') {
      pos++;
    }
    StringBuilder text = new StringBuilder();
    if (!inline(text, "pre", depth, false)) {
      return false;
    }
    blocks.add(new Block(index, BlockKind.CODE, text.toString()));
    return true;
  }

  /**
   * A character reference at {@code pos} ({@code &}): {@code &lt;}, {@code &gt;}, {@code &amp;},
   * {@code &quot;}, {@code &nbsp;}, or a decimal or hexadecimal one of a tab, a newline or a
   * printable character that is not a C1 control, a surrogate or a noncharacter of the basic plane.
   * Anything else is left to jsoup.
   */
  private boolean reference(StringBuilder text) {
    int semi = pos + 1;
    while (semi < n && semi - pos <= 10 && s.charAt(semi) != ';') {
      semi++;
    }
    if (semi == n || s.charAt(semi) != ';') {
      return false;
    }
    String name = s.substring(pos + 1, semi);
    int cp;
    switch (name) {
      case "lt" -> cp = '<';
      case "gt" -> cp = '>';
      case "amp" -> cp = '&';
      case "quot" -> cp = '"';
      case "nbsp" -> cp = '\u00a0';
      default -> cp = numeric(name);
    }
    if (cp < 0) {
      return false;
    }
    text.appendCodePoint(cp);
    pos = semi + 1;
    return true;
  }

  private static int numeric(String name) {
    if (name.length() < 2 || name.charAt(0) != '#') {
      return -1;
    }
    boolean hex = name.charAt(1) == 'x' || name.charAt(1) == 'X';
    int from = hex ? 2 : 1;
    if (name.length() == from || name.length() - from > 6) {
      return -1;
    }
    int cp = 0;
    for (int i = from; i < name.length(); i++) {
      int d = Character.digit(name.charAt(i), hex ? 16 : 10);
      if (d < 0) {
        return -1;
      }
      cp = cp * (hex ? 16 : 10) + d;
    }
    boolean ok =
        cp == '\t'
            || cp == '\n'
            || (cp >= 0x20 && cp < 0x7f)
            || (cp >= 0xa0 && cp < 0xd800)
            || (cp >= 0xe000 && cp < 0xfdd0)
            || (cp > 0xfdef && cp < 0xfffe)
            || (cp >= 0x10000 && cp <= 0x10ffff);
    return ok ? cp : -1;
  }

  /**
   * Reads a tag at {@code pos} ({@code <}) into {@link #tagName}, {@link #endTag} and {@link
   * #selfClosing}: a lower-case name, then attributes that are names with an optional double-quoted
   * value, separated by whitespace. {@code false} for anything else (comments, unquoted values,
   * upper case, a {@code <} that starts no tag).
   */
  private boolean tag() {
    int i = pos + 1;
    endTag = i < n && s.charAt(i) == '/';
    if (endTag) {
      i++;
    }
    int nameStart = i;
    while (i < n && isNameChar(s.charAt(i))) {
      i++;
    }
    if (i == nameStart || !isLowerLetter(s.charAt(nameStart))) {
      return false;
    }
    tagName = s.substring(nameStart, i);
    selfClosing = false;
    while (true) {
      if (i >= n) {
        return false;
      }
      char c = s.charAt(i);
      if (c == '>') {
        pos = i + 1;
        return true;
      }
      if (c == '/' && i + 1 < n && s.charAt(i + 1) == '>' && !endTag) {
        selfClosing = true;
        pos = i + 2;
        return true;
      }
      if (!isSpace(c) || endTag) {
        return false;
      }
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      if (i < n && (s.charAt(i) == '>' || s.charAt(i) == '/')) {
        continue;
      }
      int attrStart = i;
      while (i < n && isAttributeNameChar(s.charAt(i))) {
        i++;
      }
      if (i == attrStart) {
        return false;
      }
      if (i < n && s.charAt(i) == '=') {
        if (i + 1 >= n || s.charAt(i + 1) != '"') {
          return false;
        }
        int close = s.indexOf('"', i + 2);
        if (close < 0) {
          return false;
        }
        i = close + 1;
      }
    }
  }

  /** Characters jsoup may treat otherwise than as plain text (left to jsoup). */
  private static boolean isSpecial(char c) {
    return c == '\r' || c == '\0' || c == '\uFEFF';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\t';
  }

  private static boolean isLowerLetter(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isNameChar(char c) {
    return isLowerLetter(c) || (c >= '0' && c <= '9');
  }

  private static boolean isAttributeNameChar(char c) {
    return isLowerLetter(c) || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }
}
