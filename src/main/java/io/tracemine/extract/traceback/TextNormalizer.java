package io.tracemine.extract.traceback;

/**
 * Prepares block text for the lexer in one linear pass: line ends to {@code \n}, ANSI colour codes
 * removed (with or without their lost ESC byte, as IPython output pasted into posts often is, or
 * with the ESC printed as the Windows console's left arrow, an escape sequence such as {@code \x1b}
 * or the caret form {@code ^[}), no-break spaces (U+00A0, U+2007, U+202F) to spaces, zero-width
 * characters (U+200B, U+2060, U+FEFF) removed, a terminal's {@code ^C} echo at a line's start
 * removed, and a traceback pasted as a Python string literal ({@code "Traceback (most recent call
 * last):\n File ..."}) unescaped.
 */
final class TextNormalizer {
  private static final int MAX_ANSI = 24;

  private TextNormalizer() {}

  static String normalize(String text) {
    boolean literal = looksEscaped(text);
    int n = text.length();
    // Text is copied only from its first change on, in runs (most blocks have none to make).
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      String replacement;
      int next;
      int start = i;
      if (c == '\r') {
        replacement = "\n";
        next = i + 1 < n && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
      } else if (c == '\u001b') {
        int end = ansiEnd(text, i + 1);
        replacement = "";
        next = end > 0 ? end : i + 1;
      } else if (c == '[') {
        int end = ansiEnd(text, i);
        if (end <= 0 || text.charAt(end - 1) != 'm') {
          continue;
        }
        start = escStandIn(text, i, copied);
        replacement = "";
        next = end;
      } else if (c == '^' && i + 1 < n && text.charAt(i + 1) == 'C' && startsLine(text, i)) {
        replacement = ""; // a terminal's echo of Ctrl-C: "^CKeyboardInterrupt", a "^C^C" line
        next = i + 2;
        while (text.startsWith("^C", next)) {
          next += 2;
        }
      } else if (c == '\u00a0' || c == '\u2007' || c == '\u202f') {
        replacement = " "; // no-break spaces (Java's isWhitespace and strip() skip them)
        next = i + 1;
      } else if (c == '\u200b' || c == '\u2060' || c == '\ufeff') {
        replacement = ""; // zero-width space, word joiner, BOM: invisible, never text
        next = i + 1;
      } else if (literal && c == '\\' && i + 1 < n) {
        char d = text.charAt(i + 1);
        switch (d) {
          case 'n' -> replacement = "\n";
          case 't' -> replacement = "\t";
          case '\'', '"', '\\' -> replacement = String.valueOf(d);
          default -> {
            continue;
          }
        }
        next = i + 2;
      } else {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(n);
      }
      out.append(text, copied, start).append(replacement);
      copied = next;
      i = next - 1;
    }
    return out == null ? text : out.append(text, copied, n).toString();
  }

  private static boolean startsLine(String s, int i) {
    return i == 0 || s.charAt(i - 1) == '\n' || s.charAt(i - 1) == '\r';
  }

  /**
   * What a console or a dump printed for the ESC byte of a colour code: the Windows console's left
   * arrow (U+2190), a string escape (backslash and {@code u001b}, {@code x1b}, {@code 033} or
   * {@code e}), the caret form {@code ^[}, syslog's {@code #033}, the replacement character a
   * decoder wrote for the byte (U+FFFD).
   */
  private static final String[] ESC_STAND_INS = {
    "\u2190", "\\u001b", "\\u001B", "\\x1b", "\\x1B", "\\033", "\\e", "^[", "#033", "\ufffd"
  };

  /**
   * Where the colour code at {@code bracket} starts: before an ESC stand-in printed just before it
   * (not before {@code copied}, text already replaced), else {@code bracket}.
   */
  private static int escStandIn(String s, int bracket, int copied) {
    for (String e : ESC_STAND_INS) {
      int from = bracket - e.length();
      if (from >= copied && s.startsWith(e, from)) {
        return from;
      }
    }
    return bracket;
  }

  /** A CSI sequence {@code [ params letter} starting at {@code from} ('['), bounded; else -1. */
  private static int ansiEnd(String s, int from) {
    if (from >= s.length() || s.charAt(from) != '[') {
      return -1;
    }
    int limit = Math.min(s.length(), from + MAX_ANSI);
    for (int i = from + 1; i < limit; i++) {
      char c = s.charAt(i);
      if ((c >= '0' && c <= '9') || c == ';') {
        continue;
      }
      // a bare "[...m" needs at least one digit to be a colour code, not "[m" text
      return Character.isLetter(c) && (c != 'm' || i > from + 1) ? i + 1 : -1;
    }
    return -1;
  }

  /**
   * Whether {@link #normalize} may change {@code text} in a way that makes or joins a marker: a
   * colour code (with or without its ESC), a no-break space, a zero-width character, or a string
   * literal's escapes. Line ends do not count: CR and LF are both whitespace to the markers.
   */
  static boolean mayChangeMarkers(String text) {
    return text.indexOf('\u001b') >= 0
        || text.indexOf('\u00a0') >= 0
        || text.indexOf('\u2007') >= 0
        || text.indexOf('\u202f') >= 0
        || text.indexOf('\u200b') >= 0
        || text.indexOf('\u2060') >= 0
        || text.indexOf('\ufeff') >= 0
        || hasBareColourCode(text)
        || looksEscaped(text);
  }

  /** Whether {@code text} holds a colour code that lost its ESC ({@code [0;31m}). */
  private static boolean hasBareColourCode(String text) {
    for (int i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) {
      int end = ansiEnd(text, i);
      if (end > 0 && text.charAt(end - 1) == 'm') {
        return true;
      }
    }
    return false;
  }

  /**
   * A traceback inside a string literal: its header or a frame followed by a literal {@code \n}, or
   * a frame whose quotes are escaped ({@code " File \"/x.py\", line 3, in f\n"}: AWS Lambda's
   * {@code stackTrace}, a JSON log).
   */
  private static boolean looksEscaped(String text) {
    return text.contains("last):\\n")
        || text.contains("\\n  File \"")
        || (text.contains("File \\\"") && text.contains("\\\", line "));
  }
}
