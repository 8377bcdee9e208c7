package io.tracemine.extract.traceback;

/**
 * Prepares block text for the lexer in one linear pass: line ends to {@code \n}, ANSI colour codes
 * removed (with or without their lost ESC byte, as IPython output pasted into posts often is),
 * no-break spaces to spaces, and a traceback pasted as a Python string literal ({@code "Traceback
 * (most recent call last):\n File ..."}) unescaped.
 */
final class TextNormalizer {
  private static final int MAX_ANSI = 24;

  private TextNormalizer() {}

  static String normalize(String text) {
    boolean literal = looksEscaped(text);
    StringBuilder out = new StringBuilder(text.length());
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        out.append('\n');
        if (i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
      } else if (c == '\u001b') {
        int end = ansiEnd(text, i + 1);
        if (end > 0) {
          i = end - 1;
        }
      } else if (c == '[') {
        int end = ansiEnd(text, i);
        if (end > 0 && text.charAt(end - 1) == 'm') {
          i = end - 1;
        } else {
          out.append(c);
        }
      } else if (c == '\u00a0') {
        out.append(' ');
      } else if (literal && c == '\\' && i + 1 < n) {
        char d = text.charAt(i + 1);
        switch (d) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case '\'', '"', '\\' -> out.append(d);
          default -> {
            out.append(c);
            continue;
          }
        }
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
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

  private static boolean looksEscaped(String text) {
    return text.contains("last):\\n") || text.contains("\\n  File \"");
  }
}
