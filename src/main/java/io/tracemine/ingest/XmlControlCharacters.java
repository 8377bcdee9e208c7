package io.tracemine.ingest;

/**
 * Rows of real dumps that XML 1.0 refuses only for the characters they hold: references to control
 * characters ({@code &#x0E;}, or {@code &#x1B;} of a coloured traceback pasted from a terminal),
 * which .NET's XML writer emits and Stack Exchange dumps hold (openzim/sotoki#311); the same
 * characters unescaped; and a character beyond the Basic Multilingual Plane written as the two
 * references of its UTF-16 surrogates ({@code &#xD83D;&#xDE00;}). A row the strict parse refuses is
 * parsed again with each control character stood in by a noncharacter (U+FDD0 plus its code, legal
 * in XML 1.0) and each surrogate pair by its character; the values read get the control characters
 * back, so the text is kept as written.
 */
final class XmlControlCharacters {
  private static final char FIRST_STAND_IN = '\uFDD0';
  private static final char LAST_STAND_IN = '\uFDEF';
  private static final int LONGEST_REFERENCE = 12;

  private XmlControlCharacters() {}

  /**
   * {@code line} with its control characters (raw or as references; tab, line feed and carriage
   * return excepted, as XML 1.0 allows them) stood in and its surrogate-pair references joined;
   * null when it holds none, or holds a stand-in already (it could not be told from one).
   */
  static String standIns(String line) {
    StringBuilder out = new StringBuilder(line.length());
    boolean changed = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (isStandIn(c)) {
        return null;
      }
      if (isRefusedControl(c)) {
        out.append(standIn(c));
        changed = true;
        continue;
      }
      if (c == '&' && i + 2 < line.length() && line.charAt(i + 1) == '#') {
        int end = line.indexOf(';', i + 2);
        int value = end < 0 || end - i > LONGEST_REFERENCE ? -1 : codeOf(line, i + 2, end);
        if (value >= FIRST_STAND_IN && value <= LAST_STAND_IN) {
          return null;
        }
        if (value >= 0 && value < 0x20 && isRefusedControl((char) value)) {
          out.append(standIn((char) value));
          changed = true;
          i = end;
          continue;
        }
        if (Character.isHighSurrogate((char) value) && value <= Character.MAX_VALUE) {
          int next = end + 1;
          int nextEnd = line.startsWith("&#", next) ? line.indexOf(';', next + 2) : -1;
          int low =
              nextEnd < 0 || nextEnd - next > LONGEST_REFERENCE
                  ? -1
                  : codeOf(line, next + 2, nextEnd);
          if (low >= 0 && low <= Character.MAX_VALUE && Character.isLowSurrogate((char) low)) {
            out.append((char) value).append((char) low);
            changed = true;
            i = nextEnd;
            continue;
          }
        }
      }
      out.append(c);
    }
    return changed ? out.toString() : null;
  }

  /** {@code value} with its stand-ins turned back into the control characters they stand for. */
  static String restore(String value) {
    if (value == null || value.chars().noneMatch(c -> isStandIn((char) c))) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      out.append(isStandIn(c) ? (char) (c - FIRST_STAND_IN) : c);
    }
    return out.toString();
  }

  private static boolean isRefusedControl(char c) {
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
  }

  private static boolean isStandIn(char c) {
    return c >= FIRST_STAND_IN && c <= LAST_STAND_IN;
  }

  private static char standIn(char control) {
    return (char) (FIRST_STAND_IN + control);
  }

  /**
   * The code point of the character reference whose digits are {@code line[from, end)} ({@code x1B}
   * or {@code 27}), or -1 when they are no number.
   */
  private static int codeOf(String line, int from, int end) {
    boolean hex = from < end && line.charAt(from) == 'x';
    int start = hex ? from + 1 : from;
    if (start >= end) {
      return -1;
    }
    int value = 0;
    for (int i = start; i < end; i++) {
      int digit = Character.digit(line.charAt(i), hex ? 16 : 10);
      if (digit < 0 || value > 0x10FFFF) {
        return -1;
      }
      value = value * (hex ? 16 : 10) + digit;
    }
    return value;
  }
}
