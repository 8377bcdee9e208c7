package io.tracemine.extract.traceback;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  @Test
  void normalizesLineEndsColoursSpacesAndStringLiterals() {
    assertThat(TextNormalizer.normalize("a\r\nb\rc")).isEqualTo("a\nb\nc");
    assertThat(TextNormalizer.normalize("\u001b[0;31mValueError\u001b[0m: x"))
        .isEqualTo("ValueError: x");
    assertThat(TextNormalizer.normalize("[0;31mValueError[0m: x [m [1]"))
        .isEqualTo("ValueError: x [m [1]");
    assertThat(TextNormalizer.normalize("a\u00a0b")).isEqualTo("a b");
    assertThat(
            TextNormalizer.normalize("\"Traceback (most recent call last):\\n  File \\\"x\\\"\""))
        .isEqualTo("\"Traceback (most recent call last):\n  File \"x\"\"");
    assertThat(TextNormalizer.normalize("plain [x] text")).isEqualTo("plain [x] text");
  }

  /**
   * Oracle: the one-character-at-a-time version this one replaced, on texts of its special cases.
   */
  @Property(tries = 2000)
  void sameTextAsTheCharacterByCharacterVersion(
      @ForAll
          @Chars({'a', ' ', '\r', '\n', '\u001b', '[', '0', '3', ';', 'm', 'K', '\u00a0', '\\'})
          @Chars({'n', 't', '"', '\''})
          @StringLength(max = 40)
          String text,
      @ForAll boolean escaped) {
    String input = escaped ? "last):\\n" + text : text;
    assertThat(TextNormalizer.normalize(input)).isEqualTo(characterByCharacter(input));
  }

  private static String characterByCharacter(String text) {
    boolean literal = text.contains("last):\\n") || text.contains("\\n  File \"");
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

  private static int ansiEnd(String s, int from) {
    if (from >= s.length() || s.charAt(from) != '[') {
      return -1;
    }
    int limit = Math.min(s.length(), from + 24);
    for (int i = from + 1; i < limit; i++) {
      char c = s.charAt(i);
      if ((c >= '0' && c <= '9') || c == ';') {
        continue;
      }
      return Character.isLetter(c) && (c != 'm' || i > from + 1) ? i + 1 : -1;
    }
    return -1;
  }
}
