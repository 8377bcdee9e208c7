package io.tracemine.report;

/** HTML escaping for text from data (Stack Overflow content is untrusted). */
public final class Html {
  private Html() {}

  /**
   * Escapes {@code & < > " '} so that the result is inert both as element text and inside a double-
   * or single-quoted attribute value; null becomes the empty string.
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          // control characters (ANSI escapes pasted from terminals) are not valid in HTML text
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
