package io.tracemine.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line of a dump read by lines opens a comment, a CDATA section or a processing instruction that
 * it does not close: the lines up to its end mark are inside it, which parallel splits of lines
 * cannot know. The task fails with this, and the ingest reads the file again whole ({@link
 * XmlLayouts#readWholeAfter}), where the markup is read as an XML parser reads it: a comment or a
 * processing instruction is skipped, a CDATA section is text (one reject), and no row inside any of
 * them is read as a row.
 */
final class MarkupOverLines extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The markup whose content is not rows, with the marks that open and close it. */
  enum Markup {
    COMMENT("comment", "<!--", "-->"),
    CDATA("CDATA section", "<![CDATA[", "]]>"),
    PROCESSING_INSTRUCTION("processing instruction", "<?", "?>");

    final String name;
    final String open;
    final String close;

    Markup(String name, String open, String close) {
      this.name = name;
      this.open = open;
      this.close = close;
    }
  }

  private static final Pattern NAMED =
      Pattern.compile(
          "XML (?:comment|CDATA section|processing instruction) over several lines in '(.+?)': ");

  MarkupOverLines(Markup markup, String file, String line) {
    super(
        "XML "
            + markup.name
            + " over several lines in '"
            + file
            + "': a line opens a "
            + markup.name
            + " that it does not close, so the lines after it up to '"
            + markup.close
            + "' are not rows ("
            + (line.length() > 120 ? line.substring(0, 120) + "…" : line)
            + ")");
  }

  /**
   * The file a {@link MarkupOverLines} anywhere in {@code failure}'s causes names (Spark carries a
   * task's exception, or at least its message, to the driver), or null.
   */
  static String fileIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Matcher m = NAMED.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }
}
