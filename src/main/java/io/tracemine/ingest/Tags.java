package io.tracemine.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a post's Tags column in either encoding: SOTorrent's {@code <a><b>} or 2024's {@code
 * |a|b|}.
 */
public final class Tags {
  private Tags() {}

  public static List<String> parse(String tags) {
    List<String> out = new ArrayList<>();
    if (tags == null || tags.isBlank()) {
      return out;
    }
    String s = tags.trim();
    if (s.startsWith("<")) {
      int i = 0;
      while (i < s.length()) {
        int open = s.indexOf('<', i);
        if (open < 0) {
          break;
        }
        int close = s.indexOf('>', open + 1);
        if (close < 0) {
          addTag(out, s.substring(open + 1));
          break;
        }
        addTag(out, s.substring(open + 1, close));
        i = close + 1;
      }
    } else {
      for (String t : s.split("[|\\s]+")) {
        addTag(out, t);
      }
    }
    return out;
  }

  private static void addTag(List<String> out, String tag) {
    String t = tag.trim().toLowerCase(java.util.Locale.ROOT);
    if (!t.isEmpty()) {
      out.add(t);
    }
  }
}
