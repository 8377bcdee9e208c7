package io.tracemine.extract.html;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TextMetricsTest {

  @Test
  void wordsFollowTheStudyDefinition() {
    assertThat(TextMetrics.wordCount("I don't know, e.g. version 2.0 (really) fails!"))
        .isEqualTo(5);
    assertThat(TextMetrics.wordCount("  \"quoted\"  ...  -- ")).isEqualTo(1);
    assertThat(TextMetrics.wordCount("café naïve 東京")).isEqualTo(3);
    assertThat(TextMetrics.wordCount("x\u00a0y")).isEqualTo(2);
    assertThat(TextMetrics.wordCount(null)).isZero();
    assertThat(TextMetrics.wordCount("")).isZero();
  }

  @Test
  void codeLinesIgnoreEmptyAndBlankLinesUnlikeTheStudy() {
    String code = "a = 1\n\n   \nb = 2\r\nc\n";
    assertThat(TextMetrics.codeLines(code)).isEqualTo(3);
    assertThat(TextMetrics.codeLinesStudy(code)).isEqualTo(4);
    assertThat(TextMetrics.codeLines("")).isZero();
    assertThat(TextMetrics.codeLines(null)).isZero();
    assertThat(TextMetrics.codeLines("no newline")).isEqualTo(1);
  }

  /** Oracle: Python's {@code sum(1 for w in s.split() if w.strip(punctuation).isalpha())}. */
  private static int oracleWords(String s) {
    String punct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    int n = 0;
    for (String w : s.split("[\\s\\u00a0\\u2000-\\u200a\\u3000]+")) {
      int a = 0;
      int b = w.length();
      while (a < b && punct.indexOf(w.charAt(a)) >= 0) {
        a++;
      }
      while (b > a && punct.indexOf(w.charAt(b - 1)) >= 0) {
        b--;
      }
      String core = w.substring(a, b);
      if (!core.isEmpty() && core.codePoints().allMatch(Character::isLetter)) {
        n++;
      }
    }
    return n;
  }

  @Property(tries = 1000, seed = "11")
  void wordCountMatchesTheOracle(@ForAll("texts") String text) {
    assertThat(TextMetrics.wordCount(text)).isEqualTo(oracleWords(text));
  }

  @Property(tries = 1000, seed = "12")
  void codeLinesMatchTheOracle(@ForAll("texts") String text) {
    long blankFree =
        text.replace("\r\n", "\n")
            .replace('\r', '\n')
            .lines()
            .filter(l -> !l.replace('\u00a0', ' ').isBlank())
            .count(); // Python strips U+00A0 too
    long nonEmpty =
        text.replace("\r\n", "\n").replace('\r', '\n').lines().filter(l -> !l.isEmpty()).count();
    assertThat(TextMetrics.codeLines(text)).isEqualTo(blankFree);
    assertThat(TextMetrics.codeLinesStudy(text)).isEqualTo(nonEmpty);
  }

  /** Every character is blank exactly when Java's two Unicode definitions of space say so. */
  @Test
  void aLineIsBlankExactlyWhenItsCharacterIsUnicodeSpace() {
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      if (c == '\n' || c == '\r') {
        continue;
      }
      boolean space = Character.isWhitespace(c) || Character.isSpaceChar(c);
      assertThat(TextMetrics.codeLines("a\n" + c)).as("U+%04X", (int) c).isEqualTo(space ? 1 : 2);
      assertThat(TextMetrics.wordCount("ab" + c + "cd"))
          .as("U+%04X", (int) c)
          .isEqualTo(space ? 2 : Character.isLetter(c) ? 1 : 0);
    }
  }

  /**
   * The implementation before session 26 (a tokenizer, then each token stripped and its code points
   * checked; every character of a code line classified): the one-pass state machine and its ASCII
   * table must count the same on any text.
   */
  static final class Before {
    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    static int wordCount(String text) {
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

    static int countLines(String code, boolean blankIsEmpty) {
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

  @Property(tries = 5000, seed = "26")
  void wordAndLineCountsEqualThePreviousImplementation(@ForAll("mixedTexts") String text) {
    assertThat(TextMetrics.wordCount(text)).isEqualTo(Before.wordCount(text));
    assertThat(TextMetrics.codeLines(text)).isEqualTo(Before.countLines(text, true));
    assertThat(TextMetrics.codeLinesStudy(text)).isEqualTo(Before.countLines(text, false));
  }

  /** Every ASCII character, and between two letters every character, counts as before. */
  @Test
  void everyCharacterCountsAsBefore() {
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      for (String s : new String[] {"ab" + c + "cd", ".a" + c, c + "-", "x\n " + c + " \n"}) {
        assertThat(TextMetrics.wordCount(s))
            .as("U+%04X in %s", (int) c, s)
            .isEqualTo(Before.wordCount(s));
        assertThat(TextMetrics.codeLines(s))
            .as("U+%04X", (int) c)
            .isEqualTo(Before.countLines(s, true));
      }
    }
  }

  /**
   * ASCII letters, digits, punctuation, controls and spaces; Unicode spaces, letters and
   * non-letters; surrogate pairs (a letter, an emoji) and lone surrogates.
   */
  @Provide
  Arbitrary<String> mixedTexts() {
    Arbitrary<String> pieces =
        Arbitraries.oneOf(
            Arbitraries.strings()
                .withChars("aZ.,'-\"(){}_9 \t\n\r\u000b\u001c\u0000\u007f")
                .ofMaxLength(4),
            Arbitraries.strings()
                .withChars("\u00a0\u2007\u202f\u3000\u2028\u0085éß東\u00b2\u2019\u200b")
                .ofMaxLength(3),
            Arbitraries.of(
                "\ud835\udc00", "\ud83d\ude00", "\ud800", "\udc00", "e.g.", "don't", "--x--"),
            Arbitraries.chars().map(String::valueOf));
    return pieces.list().ofMaxSize(20).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("ab é.,'-2 \n\t\r!\u00a0(").ofMaxLength(40);
  }
}
