package io.tracemine.extract.html;

/**
 * The numeric character references the HTML standard reads as U+FFFD but jsoup (1.21) decodes as
 * written: {@code &#0;} and the surrogates {@code &#xD800;} to {@code &#xDFFF;} (WHATWG HTML,
 * "numeric character reference end state"). jsoup gives a NUL or an unpaired surrogate, which
 * Spark's UTF-8 encoder then writes as {@code ?}, and a pair of references ({@code
 * &#xD83D;&#xDE00;}) as the character they would pair to; a browser, and the report's search page
 * (DOMParser), shows U+FFFD for each. Rewriting them first gives the browser's text.
 */
final class CharacterReferences {
  private static final String REPLACEMENT = "#xFFFD";

  private CharacterReferences() {}

  /** {@code html} with each numeric reference to 0 or a surrogate written as {@code &#xFFFD}. */
  static String withoutInvalid(String html) {
    int at = html.indexOf("&#");
    if (at < 0) {
      return html;
    }
    StringBuilder out = null;
    int copied = 0;
    for (; at >= 0; at = html.indexOf("&#", at + 2)) {
      int end = endOfInvalidReference(html, at + 2);
      if (end < 0) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(html.length());
      }
      out.append(html, copied, at + 1).append(REPLACEMENT);
      copied = end;
    }
    return out == null ? html : out.append(html, copied, html.length()).toString();
  }

  /**
   * Where the digits of the numeric reference starting at {@code from} (after {@code &#}) end, when
   * it names 0 or a surrogate; else -1. Digits beyond the largest code point leave the value
   * invalid (jsoup already reads those as U+FFFD).
   */
  private static int endOfInvalidReference(String html, int from) {
    int i = from;
    boolean hex = i < html.length() && (html.charAt(i) == 'x' || html.charAt(i) == 'X');
    if (hex) {
      i++;
    }
    int radix = hex ? 16 : 10;
    int digitsFrom = i;
    long value = 0;
    while (i < html.length() && Character.digit(html.charAt(i), radix) >= 0 && isAscii(html, i)) {
      value = Math.min(value * radix + Character.digit(html.charAt(i), radix), 0x110000L);
      i++;
    }
    if (i == digitsFrom) {
      return -1;
    }
    boolean invalid = value == 0 || (value >= 0xD800 && value <= 0xDFFF);
    return invalid ? i : -1;
  }

  private static boolean isAscii(String s, int i) {
    return s.charAt(i) < 0x80;
  }
}
