package io.tracemine.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line of a dump read by lines opens a comment it does not close: the lines up to its {@code -->}
 * are inside the comment, which parallel splits of lines cannot know. The task fails with this, and
 * the ingest reads the file again whole ({@link XmlLayouts#readWholeAfter}), where the comment and
 * every row inside it are skipped, as an XML parser skips them.
 */
final class CommentOverLines extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final String PREFIX = "XML comment over several lines in '";
  private static final Pattern NAMED = Pattern.compile(Pattern.quote(PREFIX) + "(.+?)': ");

  CommentOverLines(String file, String line) {
    super(
        PREFIX
            + file
            + "': a line opens a comment that it does not close, so the lines after it up to"
            + " '-->' are not rows ("
            + (line.length() > 120 ? line.substring(0, 120) + "…" : line)
            + ")");
  }

  /**
   * The file a {@link CommentOverLines} anywhere in {@code failure}'s causes names (Spark carries a
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
