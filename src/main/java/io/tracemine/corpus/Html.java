package io.tracemine.corpus;

import java.util.List;

/**
 * Accumulates a post body as Stack Overflow renders it, counting the blocks the parser sees ({@code
 * <pre>}, {@code <p>}, {@code <ul>}, {@code <ol>}, in document order) so that planted traces know
 * their block index. Blocks are never nested in one another.
 */
final class Html {
  private final StringBuilder sb = new StringBuilder(2048);
  private final boolean escapeQuotes;
  private final String preOpen;
  private final String preClose;
  private int blocks;
  private boolean hasPre;

  Html(boolean escapeQuotes, String preStyle) {
    this.escapeQuotes = escapeQuotes;
    this.preOpen =
        preStyle.equals("bare")
            ? "<pre>"
            : preStyle.equals("lang")
                ? "<pre class=\"lang-py prettyprint-override\"><code>"
                : "<pre><code>";
    this.preClose = preStyle.equals("bare") ? "</pre>" : "</code></pre>";
  }

  /** Adds a paragraph of ready HTML; returns its block index. */
  int p(String html) {
    sb.append("<p>").append(html).append("</p>\n\n");
    return blocks++;
  }

  /** Adds a code block holding {@code text} (escaped here); returns its block index. */
  int pre(String text) {
    hasPre = true;
    sb.append(preOpen).append(escape(text)).append('\n').append(preClose).append("\n\n");
    return blocks++;
  }

  int list(List<String> itemsHtml, boolean ordered) {
    String tag = ordered ? "ol" : "ul";
    sb.append('<').append(tag).append(">\n");
    for (String item : itemsHtml) {
      sb.append("<li>").append(item).append("</li>\n");
    }
    sb.append("</").append(tag).append(">\n\n");
    return blocks++;
  }

  /** A blockquote of paragraphs; each paragraph is a block. */
  void blockquote(List<String> paragraphsHtml) {
    sb.append("<blockquote>\n");
    for (String para : paragraphsHtml) {
      sb.append("  <p>").append(para).append("</p>\n");
      blocks++;
    }
    sb.append("</blockquote>\n\n");
  }

  void raw(String html) {
    sb.append(html).append("\n\n");
  }

  int blocks() {
    return blocks;
  }

  boolean hasPre() {
    return hasPre;
  }

  String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append(escapeQuotes ? "&quot;" : "\"");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  String html() {
    int end = sb.length();
    while (end > 0 && sb.charAt(end - 1) == '\n') {
      end--;
    }
    return sb.substring(0, end) + "\n";
  }
}
