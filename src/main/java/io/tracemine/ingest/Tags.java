package io.tracemine.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses a post's Tags column in any encoding seen: SOTorrent's {@code <a><b>}, 2024's {@code
 * |a|b|} and a value mixing them ({@code <a>|b|}); a list written by another tool, as a JSON array
 * {@code ["a", "b"]}, Python's {@code ['a', 'b']} or {@code a,b}; and {@code <a><b>} escaped once
 * more ({@code &lt;a&gt;&lt;b&gt;}, a re-export that escaped the markup twice). A tag holds none of
 * {@code < > | , [ ] " ' & ;} or blanks (Stack Overflow's tags are lower-case letters, digits and
 * {@code + # . -}), so the tags are the pieces between them: nothing written in Tags is left out of
 * the selection.
 */
public final class Tags {
  private static final Pattern SEPARATORS = Pattern.compile("[<>|\\s,\\[\\]\"']+");

  private Tags() {}

  public static List<String> parse(String tags) {
    List<String> out = new ArrayList<>();
    if (tags == null || tags.isBlank()) {
      return out;
    }
    for (String piece : SEPARATORS.split(withoutEscapedMarkup(tags))) {
      if (!piece.isEmpty()) {
        out.add(piece.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /**
   * {@code &lt;}, {@code &gt;} and {@code &amp;} (at any depth) as the characters they stand for.
   */
  private static String withoutEscapedMarkup(String tags) {
    String t = tags;
    while (t.indexOf('&') >= 0) {
      String decoded = t.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
      if (decoded.equals(t)) {
        break;
      }
      t = decoded;
    }
    return t;
  }
}
