package io.tracemine.extract.html;

/**
 * Length measures of STUDY.md §2.
 *
 * <p>{@link #wordCount}: whitespace-separated tokens that are alphabetic (Unicode letters only, as
 * Python's {@code str.isalpha}) after stripping ASCII punctuation from both ends; {@code don't},
 * {@code 2.0}, {@code e.g.} are not words. {@link #codeLines}: TraceMine's line count, ignoring
 * empty and whitespace-only lines; {@link #codeLinesStudy}: the study's count, which ignores only
 * truly empty lines.
 */
public final class TextMetrics {
  private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private TextMetrics() {}

  /** Number of words in {@code text} (0 for {@code null}). */
  public static int wordCount(String text) {
    if (text == null) {
      return 0;
    }
    int count = 0;
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(text.charAt(i))) {
        i++;
      }
      if (i > start && isWord(text, start, i)) {
        count++;
      }
    }
    return count;
  }

  /** Lines of {@code code} holding at least one non-whitespace character (0 for {@code null}). */
  public static int codeLines(String code) {
    return countLines(code, true);
  }

  /** The study's count: lines of {@code code} that are not empty (whitespace-only lines count). */
  public static int codeLinesStudy(String code) {
    return countLines(code, false);
  }

  private static int countLines(String code, boolean blankIsEmpty) {
    if (code == null) {
      return 0;
    }
    int count = 0;
    boolean content = false;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '\n' || c == '\r') {
        if (content) {
          count++;
        }
        content = false;
        if (c == '\r' && i + 1 < code.length() && code.charAt(i + 1) == '\n') {
          i++;
        }
      } else if (!blankIsEmpty || !isSpace(c)) {
        content = true;
      }
    }
    return content ? count + 1 : count;
  }

  private static boolean isSpace(char c) {
    // printable ASCII (most of a body) is never a space: skip the two Unicode table look-ups
    if (c > ' ' && c < 0x7f) {
      return false;
    }
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static boolean isWord(String text, int start, int end) {
    while (start < end && ASCII_PUNCTUATION.indexOf(text.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && ASCII_PUNCTUATION.indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    if (start == end) {
      return false;
    }
    for (int i = start; i < end; ) {
      int cp = text.codePointAt(i);
      if (!Character.isLetter(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }
}
