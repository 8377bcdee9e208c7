package io.tracemine.extract.template;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Turns an exception message into a template by replacing its variable parts, so that the same
 * error raised with other shapes, numbers or names gets the same template.
 *
 * <p>Placeholders, applied in one left-to-right pass:
 *
 * <ul>
 *   <li>{@code <URL>}: {@code http://}, {@code https://}, {@code ftp://}, {@code file://} up to a
 *       blank or quote;
 *   <li>{@code <STR>}: a {@code '…'}, {@code "…"} or {@code `…`} quotation (opening quote not after
 *       a letter or digit, so {@code can't} stays; closing quote not before one; at most {@value
 *       #MAX_QUOTED} characters on one line); a quotation holding only a path, URL, hex id or
 *       number becomes that placeholder instead;
 *   <li>{@code <PATH>}: a token starting with {@code /}, {@code ~/}, {@code ./}, {@code ../},
 *       {@code \\} or a drive letter, or containing two or more {@code /} (URLs excepted);
 *   <li>{@code <HEX>}: {@code 0x…}, or a run of at least 8 hex digits holding a digit and a letter;
 *   <li>{@code <NUM>}: integers, decimals, exponents ({@code 1e-5}), with a sign after a blank or
 *       bracket, and Python 2's {@code 1L}; digits glued to a letter ({@code float32}, {@code 2D},
 *       {@code conv2d_1}) are kept;
 *   <li>{@code <SHAPE>}: a {@code […]} of numbers, {@code None}, {@code ?} or shapes (commas or
 *       blanks between them), and a {@code (…)} of these holding a comma or two or more elements,
 *       or an empty {@code ()} after a blank; {@code torch.Size([3, 4])} gives {@code
 *       torch.Size(<SHAPE>)}.
 * </ul>
 *
 * Whitespace runs become one space and the result is stripped. Deterministic and linear in the
 * message length (every look-ahead is bounded). {@code null} gives {@code null}.
 */
public final class MessageTemplates {
  static final int MAX_QUOTED = 300;
  private static final int MAX_TOKEN = 1000;
  private static final int MAX_SHAPE = 400;
  private static final Set<String> WHOLE = Set.of("<PATH>", "<URL>", "<HEX>", "<NUM>", "<SHAPE>");
  private static final String[] SCHEMES = {"http://", "https://", "ftp://", "file://"};

  private MessageTemplates() {}

  /** The template of {@code message}. */
  public static String template(String message) {
    if (message == null) {
      return null;
    }
    return new Pass(message, true).run();
  }

  /** One templating pass over a string. */
  private static final class Pass {
    private final String m;
    private final boolean quotes;
    private final StringBuilder out = new StringBuilder();
    private final Deque<Integer> opens = new ArrayDeque<>();

    Pass(String m, boolean quotes) {
      this.m = m;
      this.quotes = quotes;
    }

    String run() {
      int n = m.length();
      int i = 0;
      while (i < n) {
        char c = m.charAt(i);
        boolean afterWord = i > 0 && isWordChar(m.charAt(i - 1));
        int j;
        if (Character.isWhitespace(c)) {
          j = i;
          while (j < n && Character.isWhitespace(m.charAt(j))) {
            j++;
          }
          if (out.length() > 0 && j < n) {
            out.append(' ');
          }
          i = j;
        } else if (!afterWord && (j = urlEnd(i)) > i) {
          out.append("<URL>");
          i = j;
        } else if (quotes && !afterWord && (j = quotedEnd(i)) > i) {
          String inner = new Pass(m.substring(i + 1, j - 1), false).run();
          out.append(WHOLE.contains(inner) ? inner : "<STR>");
          i = j;
        } else if (!afterWord && (j = pathEnd(i)) > i) {
          out.append("<PATH>");
          i = j;
        } else if (!afterWord && (j = hexEnd(i)) > i) {
          out.append("<HEX>");
          i = j;
        } else if (!afterWord && (j = numberEnd(i)) > i) {
          out.append("<NUM>");
          i = j;
        } else if (c == '(' || c == '[') {
          opens.push(out.length());
          out.append(c);
          i++;
        } else if (c == ')' || c == ']') {
          out.append(c);
          closeBracket(c);
          i++;
        } else {
          out.append(c);
          i++;
        }
      }
      return out.toString().strip();
    }

    private int urlEnd(int i) {
      for (String scheme : SCHEMES) {
        if (m.regionMatches(true, i, scheme, 0, scheme.length())) {
          int j = i + scheme.length();
          while (j < m.length() && !Character.isWhitespace(m.charAt(j)) && !isQuote(m.charAt(j))) {
            j++;
          }
          return trimPunctuation(i, j);
        }
      }
      return -1;
    }

    private int quotedEnd(int i) {
      char q = m.charAt(i);
      if (!isQuote(q)) {
        return -1;
      }
      int limit = Math.min(m.length(), i + 2 + MAX_QUOTED);
      for (int j = i + 1; j < limit; j++) {
        char d = m.charAt(j);
        if (d == '\n') {
          return -1;
        }
        if (d == q) {
          boolean closes = j + 1 == m.length() || !isWordChar(m.charAt(j + 1));
          return closes && j > i + 1 ? j + 1 : -1;
        }
      }
      return -1;
    }

    private int pathEnd(int i) {
      char c = m.charAt(i);
      boolean start =
          (c == '/' && i + 1 < m.length() && isWordChar(m.charAt(i + 1)))
              || m.startsWith("~/", i)
              || m.startsWith("./", i)
              || m.startsWith("../", i)
              || m.startsWith("\\\\", i)
              || (i + 2 < m.length()
                  && isAsciiLetter(c)
                  && m.charAt(i + 1) == ':'
                  && (m.charAt(i + 2) == '\\' || m.charAt(i + 2) == '/')
                  && (i + 3 == m.length() || !Character.isWhitespace(m.charAt(i + 3))));
      boolean tokenStart =
          i == 0
              || Character.isWhitespace(m.charAt(i - 1))
              || isQuote(m.charAt(i - 1))
              || m.charAt(i - 1) == '('
              || m.charAt(i - 1) == '[';
      if (!start && !(tokenStart && isWordChar(c))) {
        return -1;
      }
      int j = i;
      int slashes = 0;
      int limit = Math.min(m.length(), i + MAX_TOKEN);
      while (j < limit && !isPathStop(m.charAt(j))) {
        slashes += m.charAt(j) == '/' ? 1 : 0;
        j++;
      }
      if (!start && slashes < 2) {
        return -1;
      }
      return trimPunctuation(i, j);
    }

    private int hexEnd(int i) {
      int n = m.length();
      if (m.startsWith("0x", i) || m.startsWith("0X", i)) {
        int j = i + 2;
        while (j < n && j < i + MAX_TOKEN && isHex(m.charAt(j))) {
          j++;
        }
        return j > i + 2 && (j == n || !isWordChar(m.charAt(j))) ? j : -1;
      }
      int j = i;
      boolean digit = false;
      boolean letter = false;
      while (j < n && j < i + MAX_TOKEN && isHex(m.charAt(j))) {
        digit |= Character.isDigit(m.charAt(j));
        letter |= !Character.isDigit(m.charAt(j));
        j++;
      }
      return j - i >= 8 && digit && letter && (j == n || !isWordChar(m.charAt(j))) ? j : -1;
    }

    private int numberEnd(int i) {
      int n = m.length();
      int j = i;
      if (m.charAt(j) == '-' || m.charAt(j) == '+') {
        boolean signable = i == 0 || " \t([,=:<>".indexOf(m.charAt(i - 1)) >= 0;
        if (!signable) {
          return -1;
        }
        j++;
      }
      int digits = j;
      j = skipDigits(j);
      if (j < n - 1 && m.charAt(j) == '.' && Character.isDigit(m.charAt(j + 1))) {
        j = skipDigits(j + 1);
      }
      if (j == digits) {
        return -1;
      }
      if (j < n - 1 && (m.charAt(j) == 'e' || m.charAt(j) == 'E')) {
        int k = j + 1;
        if (k < n && (m.charAt(k) == '-' || m.charAt(k) == '+')) {
          k++;
        }
        int e = skipDigits(k);
        if (e > k) {
          j = e;
        }
      }
      if (j < n && m.charAt(j) == 'L' && (j + 1 == n || !isWordChar(m.charAt(j + 1)))) {
        j++;
      }
      return j == n || !isWordChar(m.charAt(j)) ? j : -1;
    }

    private int skipDigits(int j) {
      int limit = Math.min(m.length(), j + MAX_TOKEN);
      while (j < limit && Character.isDigit(m.charAt(j))) {
        j++;
      }
      return j;
    }

    /** After a closing bracket: collapse the bracket to {@code <SHAPE>} when it holds a shape. */
    private void closeBracket(char close) {
      if (opens.isEmpty()) {
        return;
      }
      int open = opens.pop();
      char o = out.charAt(open);
      if ((o == '(') != (close == ')') || out.length() - open > MAX_SHAPE) {
        return;
      }
      String inner = out.substring(open + 1, out.length() - 1);
      if (isShape(inner, o == '(', open == 0 || out.charAt(open - 1) == ' ')) {
        out.setLength(open);
        out.append("<SHAPE>");
      }
    }

    private static boolean isShape(String inner, boolean round, boolean afterBlank) {
      int elements = 0;
      boolean comma = false;
      int i = 0;
      while (i < inner.length()) {
        char c = inner.charAt(i);
        if (c == ' ') {
          i++;
        } else if (c == ',') {
          comma = true;
          i++;
        } else if (c == '?') {
          elements++;
          i++;
        } else if (inner.startsWith("<NUM>", i) || inner.startsWith("None", i)) {
          elements++;
          i += inner.startsWith("<NUM>", i) ? 5 : 4;
        } else if (inner.startsWith("<SHAPE>", i)) {
          elements++;
          i += 7;
        } else {
          return false;
        }
      }
      if (!round) {
        return elements > 0;
      }
      return elements == 0 ? afterBlank && inner.isEmpty() : comma || elements > 1;
    }

    private int trimPunctuation(int i, int j) {
      while (j > i && ".,:;!?".indexOf(m.charAt(j - 1)) >= 0) {
        j--;
      }
      return j;
    }

    private static boolean isPathStop(char c) {
      return Character.isWhitespace(c)
          || isQuote(c)
          || c == ','
          || c == ';'
          || c == ')'
          || c == ']'
          || c == '('
          || c == '['
          || c == '>'
          || c == '<'
          || c == '}'
          || c == '{';
    }

    private static boolean isQuote(char c) {
      return c == '\'' || c == '"' || c == '`';
    }

    private static boolean isWordChar(char c) {
      return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isAsciiLetter(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isHex(char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
  }
}
