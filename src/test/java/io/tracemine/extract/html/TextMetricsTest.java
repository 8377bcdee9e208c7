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

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("ab é.,'-2 \n\t\r!\u00a0(").ofMaxLength(40);
  }
}
