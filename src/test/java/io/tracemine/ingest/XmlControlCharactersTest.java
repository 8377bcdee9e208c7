package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.ingest.PostsXmlLine.Kind;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Rows that XML 1.0 refuses only for the characters they hold, as real dumps have them: references
 * to control characters (openzim/sotoki#311: {@code &#x0E;} in apple.stackexchange's Posts.xml;
 * {@code &#x1B;} of a coloured traceback pasted from a terminal or notebook). Before, each such
 * post was rejected whole as {@code malformed XML row: invalid XML: Illegal character entity}.
 */
class XmlControlCharactersTest {
  private static final String COLOURED_TRACEBACK =
      "&lt;pre&gt;&lt;code&gt;&#x1B;[0;31mValueError&#x1B;[0m"
          + "                                Traceback (most recent call last)&#xA;"
          + "&#x1B;[0;32m&amp;lt;ipython-input-1-abc&amp;gt;&#x1B;[0m in &#x1B;[0;36m&amp;lt;module"
          + "&amp;gt;&#x1B;[0;34m()&#x1B;[0m&#xA;&#x1B;[0;31mValueError&#x1B;[0m: bad"
          + "&lt;/code&gt;&lt;/pre&gt;";

  private static String row(String body) {
    return "  <row Id=\"208513\" PostTypeId=\"1\" CreationDate=\"2015-10-01T21:06:37.420\""
        + " Score=\"3\" Body=\""
        + body
        + "\" Tags=\"&lt;python&gt;&lt;keras&gt;\" />";
  }

  @Test
  void aRowWithReferencesToControlCharactersIsReadWithThemKept() {
    PostsXmlLine.Parsed parsed = PostsXmlLine.parse(row(COLOURED_TRACEBACK));
    assertThat(parsed.kind()).isEqualTo(Kind.ROW);
    assertThat(parsed.attributes().get("Body"))
        .startsWith("<pre><code>\u001b[0;31mValueError\u001b[0m")
        .contains("\n\u001b[0;32m&lt;ipython-input-1-abc&gt;\u001b[0m in ")
        .endsWith("\u001b[0;31mValueError\u001b[0m: bad</code></pre>");
    assertThat(parsed.attributes()).containsEntry("Id", "208513").containsEntry("Score", "3");
    // the sotoki sample's shift-out, decimal references, a raw control character, NUL
    assertThat(PostsXmlLine.parse(row("If checked, &#x0E;⌘-1 &#14;x")).attributes())
        .containsEntry("Body", "If checked, \u000e⌘-1 \u000ex");
    assertThat(PostsXmlLine.parse(row("raw \u0007 bell, &#x0; nul")).attributes())
        .containsEntry("Body", "raw \u0007 bell, \u0000 nul");
  }

  @Test
  void aSurrogatePairWrittenAsTwoReferencesIsOneCharacter() {
    assertThat(PostsXmlLine.parse(row("smile &#xD83D;&#xDE00; &#55357;&#56832;")).attributes())
        .containsEntry("Body", "smile \uD83D\uDE00 \uD83D\uDE00");
    // a lone surrogate is no character: the row is still refused, with the parser's reason
    assertThat(PostsXmlLine.parse(row("half &#xD83D; only")).kind()).isEqualTo(Kind.MALFORMED);
  }

  @Test
  void rowsThatAreBrokenOtherwiseAreStillRejectedWithTheirFirstReason() {
    PostsXmlLine.Parsed cut = PostsXmlLine.parse("<row Id=\"9\" Body=\"&#x1B;[0m cut off");
    assertThat(cut.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(cut.problem()).startsWith("invalid XML: ").contains("does not end on its line");
    PostsXmlLine.Parsed lessThan = PostsXmlLine.parse(row("&#x1B; a < b"));
    assertThat(lessThan.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(lessThan.problem()).startsWith("invalid XML: Illegal character entity");
    // a text holding a stand-in already cannot be told apart from one: refused as before
    assertThat(PostsXmlLine.parse(row("&#x1B; and \uFDD0")).kind()).isEqualTo(Kind.MALFORMED);
    assertThat(PostsXmlLine.parse(row("&#x1B; and &#xFDD1;")).kind()).isEqualTo(Kind.MALFORMED);
    // a row XML 1.0 reads is read as before, a stand-in character of its own kept
    assertThat(PostsXmlLine.parse(row("noncharacter \uFDD0")).attributes())
        .containsEntry("Body", "noncharacter \uFDD0");
  }

  /**
   * Oracle: any text, written as .NET's XML writer escapes an attribute (markup characters as
   * entities, every control character and tab, line feed and carriage return as a hexadecimal
   * reference), is read back as it was.
   */
  @Property(tries = 2000)
  void anyEscapedTextIsReadBackAsWritten(@ForAll("texts") String text) {
    PostsXmlLine.Parsed parsed = PostsXmlLine.parse(row(escaped(text)));
    assertThat(parsed.kind()).as(parsed.problem()).isEqualTo(Kind.ROW);
    assertThat(parsed.attributes().get("Body")).isEqualTo(text);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings()
        .withChars("ab <>&\"'\u001b\u0000\u0001\t\n\r\u000e\u001f\u007f\u0085\u00e9\u2028")
        .withChars('\uD83D')
        .ofMaxLength(40)
        .filter(s -> !hasLoneSurrogate(s))
        .injectDuplicates(0.05);
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        return true; // the alphabet has no low surrogate: every high one is alone
      }
    }
    return false;
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> {
          if (c < 0x20) {
            out.append("&#x")
                .append(HexFormat.of().withUpperCase().toHexDigits((byte) c))
                .append(';');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
