package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The excerpt of a rejected row that ingest writes into {@code rejects.detail}. */
class RejectExcerptTest {

  /** The excerpt as first written: right, but quadratic in a run of blanks without a line break. */
  private static String regexExcerpt(String s) {
    String t = s.strip().replaceAll("[ \t]*\r?\n\\s*", " ");
    return t.length() <= 200 ? t : t.substring(0, 200) + "…";
  }

  @Property(tries = 2000)
  void equalsTheRegularExpressionsExcerpt(
      @ForAll @StringLength(max = 600) @Chars({' ', '\t', '\r', '\n', '\u000B', '\f', 'a', 'é'})
          String row) {
    assertThat(ParseXmlRows.excerpt(row)).isEqualTo(regexExcerpt(row));
  }

  @Test
  void aRowOverLinesIsOnOneLineAndALongOneIsCut() {
    assertThat(ParseXmlRows.excerpt("  <row Id=\"1\"  \r\n   Score=\"x\" />\n"))
        .isEqualTo("<row Id=\"1\" Score=\"x\" />");
    assertThat(ParseXmlRows.excerpt("a" + " ".repeat(199) + "b"))
        .isEqualTo("a" + " ".repeat(199) + "…");
    assertThat(ParseXmlRows.excerpt("a" + " ".repeat(198) + "b")).hasSize(200).endsWith("b");
  }

  /**
   * A row with 100,000 blanks and no line break: the first 200 characters. (The regular expression
   * took 11 s at 80,000 blanks, about 18 s at 100,000 and an hour at a million, for each such row.)
   */
  @Test
  void aLongRunOfBlanksGivesTheFirstCharacters() {
    String row = "<row Id=\"7\" Score=\"many\" Body=\"" + " ".repeat(100_000) + "x\" />";
    assertThat(ParseXmlRows.excerpt(row)).isEqualTo(row.substring(0, 200) + "…");
  }
}
