package io.tracemine.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses a post's Tags column in either encoding: SOTorrent's {@code <a><b>} or 2024's {@code
 * |a|b|}, and a value mixing them ({@code <a>|b|}). A tag holds none of {@code < > |} or blanks
 * (Stack Overflow's tags are lower-case letters, digits and {@code + # . -}), so the tags are the
 * pieces between them: nothing written in Tags is left out of the selection.
 */
public final class Tags {
  private static final Pattern SEPARATORS = Pattern.compile("[<>|\\s]+");

  private Tags() {}

  public static List<String> parse(String tags) {
    List<String> out = new ArrayList<>();
    if (tags == null || tags.isBlank()) {
      return out;
    }
    for (String piece : SEPARATORS.split(tags)) {
      if (!piece.isEmpty()) {
        out.add(piece.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }
}
