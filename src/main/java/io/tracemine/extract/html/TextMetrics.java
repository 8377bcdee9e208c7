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
    // One pass, a state per token: a word is P* L+ P* (P ASCII punctuation, L a letter), i.e. the
    // token's letters once the punctuation is stripped from both ends; ASCII classes by table.
    int count = 0;
    int state = GAP;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      int kind;
      if (c < 0x80) {
        kind = ASCII_CLASS[c];
      } else if (isSpace(c)) {
        kind = SPACE;
      } else {
        int cp = c;
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          cp = Character.toCodePoint(c, text.charAt(++i));
        }
        kind = Character.isLetter(cp) ? LETTER : OTHER;
      }
      if (kind == SPACE) {
        if (state == BODY || state == TRAIL) {
          count++;
        }
        state = GAP;
        continue;
      }
      state = NEXT[state][kind];
    }
    return state == BODY || state == TRAIL ? count + 1 : count;
  }

  // character classes of wordCount
  private static final int SPACE = 0;
  private static final int PUNCT = 1;
  private static final int LETTER = 2;
  private static final int OTHER = 3;

  // token states of wordCount: between tokens, leading punctuation, letters, trailing punctuation,
  // not a word
  private static final int GAP = 0;
  private static final int LEAD = 1;
  private static final int BODY = 2;
  private static final int TRAIL = 3;
  private static final int BAD = 4;

  /** The next state by state and class (not SPACE): P* L+ P*. */
  private static final int[][] NEXT = {
    {GAP, LEAD, BODY, BAD}, // GAP (a token starts)
    {GAP, LEAD, BODY, BAD}, // LEAD
    {GAP, TRAIL, BODY, BAD}, // BODY
    {GAP, TRAIL, BAD, BAD}, // TRAIL
    {GAP, BAD, BAD, BAD}, // BAD
  };

  /** The class of each ASCII character, from the same definitions as the other characters. */
  private static final byte[] ASCII_CLASS = new byte[0x80];

  static {
    for (char c = 0; c < 0x80; c++) {
      ASCII_CLASS[c] =
          (byte)
              (isSpace(c)
                  ? SPACE
                  : ASCII_PUNCTUATION.indexOf(c) >= 0
                      ? PUNCT
                      : Character.isLetter(c) ? LETTER : OTHER);
    }
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
      } else if (!content && (!blankIsEmpty || !isSpace(c))) {
        content = true; // the rest of the line is not classified
      }
    }
    return content ? count + 1 : count;
  }

  private static boolean isSpace(char c) {
    // printable ASCII (most of a body) is never a space: skip the two Unicode table look-ups
    if (c > ' ' && c < 0x7f) {
      return false;
    }
    if (c == ' ' || c == '\t') {
      return true;
    }
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
