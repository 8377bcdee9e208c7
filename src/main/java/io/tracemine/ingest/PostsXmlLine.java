package io.tracemine.ingest;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses one line of a Stack Exchange {@code Posts.xml} dump. Dumps hold one {@code <row .../>} per
 * line (newlines inside attributes are escaped as {@code &#xA;}), so a dump can be split by lines
 * and parsed in parallel without loading it whole. Lines are either a row, structure ({@code <?xml
 * ...?>} and other processing instructions, a document type, comments, the root element's start or
 * end tag such as {@code <posts>} and {@code </posts>}, blank, byte-order mark) or malformed.
 */
public final class PostsXmlLine {
  public enum Kind {
    ROW,
    STRUCTURE,
    MALFORMED
  }

  /** What one line holds: its attributes (XML-decoded) for a row, or the reason it is malformed. */
  public record Parsed(Kind kind, Map<String, String> attributes, String problem) {}

  private static final Pattern ROOT_TAG = Pattern.compile("</?([A-Za-z_][\\w.:-]*)\\s*/?>");

  private static final Pattern FIRST_ELEMENT =
      Pattern.compile(
          "\\A\uFEFF?\\s*+(?:<\\?.*?\\?>\\s*+)?(?:<!--.*?-->\\s*+|(?i:<!DOCTYPE)[^>]*+>\\s*+)*+"
              + "<([A-Za-z_][\\w.:-]*)",
          Pattern.DOTALL);

  /**
   * A line of markup that is no element: processing instructions, a document type (with its
   * internal subset on the line: its comments and quoted values may hold {@code ]}), comments.
   * Possessive, so a long declaration is matched in a loop, not by a recursion as deep as it is
   * long (a StackOverflowError that ended the task).
   */
  private static final Pattern DECLARATIONS =
      Pattern.compile(
          "(?:<\\?.*?\\?>|(?i:<!DOCTYPE)\\b(?:[^\\[>\"']++|\"[^\"]*+\"|'[^']*+')*+"
              + "(?:\\[(?:<!--.*?-->|\"[^\"]*+\"|'[^']*+'|[^\\]\"'])*+\\]\\s*+)?>"
              + "|<!--.*?-->|\\s++)*+",
          Pattern.DOTALL);

  private static final Pattern ID_ATTRIBUTE =
      Pattern.compile("^\\s*<row\\b[^>]*?\\sId\\s*=\\s*\"(\\d{1,18})\"");

  /**
   * Properties of StAX implementations that cap an attribute's size. Woodstox (the implementation
   * found first on Spark's class path, shaded by Hadoop) rejects attributes over 512 KiB; a post's
   * size is limited by {@code ingest.max-body-chars} instead, the same in every source.
   */
  private static final List<String> ATTRIBUTE_SIZE_LIMITS =
      List.of(
          "org.apache.hadoop.shaded.com.ctc.wstx.maxAttributeSize",
          "com.ctc.wstx.maxAttributeSize");

  private static final XMLInputFactory FACTORY = newFactory();

  /** The attributes a Posts.xml row is read by ({@link ParseXmlRows}). */
  static final List<String> POST_ATTRIBUTES =
      List.of(
          "Id",
          "PostTypeId",
          "ParentId",
          "AcceptedAnswerId",
          "CreationDate",
          "Score",
          "ViewCount",
          "AnswerCount",
          "CommentCount",
          "Title",
          "Tags",
          "Body");

  /** The attributes a PostLinks.xml row is read by ({@link ParsePostLinksRows}). */
  static final List<String> POSTLINK_ATTRIBUTES =
      List.of("Id", "CreationDate", "PostId", "RelatedPostId", "LinkTypeId");

  /**
   * A child element of a row by one of these names is a field written as an element, which the
   * attributes alone would lose. Other content (text, comments, other elements) is ignored.
   */
  private static final java.util.Set<String> FIELDS =
      java.util.stream.Stream.concat(POST_ATTRIBUTES.stream(), POSTLINK_ATTRIBUTES.stream())
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private PostsXmlLine() {}

  public static Parsed parse(String rawLine) {
    String line = rawLine.strip();
    if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
      line = line.substring(1).strip();
    }
    if (line.startsWith("<?xml")) {
      // the declaration; what shares its line (a file written on one line) is read, not skipped
      int end = line.indexOf("?>");
      line = end < 0 ? "" : line.substring(end + 2).strip();
    }
    if (line.isEmpty()
        || isRootLine(line)
        || (!line.startsWith("<row") && DECLARATIONS.matcher(line).matches())) {
      return new Parsed(Kind.STRUCTURE, Map.of(), null);
    }
    if (!line.startsWith("<row")) {
      return new Parsed(Kind.MALFORMED, Map.of(), "not a <row> element: " + abbreviate(line));
    }
    try {
      return parseRow(line);
    } catch (XMLStreamException | RuntimeException e) {
      Parsed relaxed = parsedWithStandIns(line);
      if (relaxed != null) {
        return relaxed;
      }
      String problem = "invalid XML: " + parserProblem(e.getMessage());
      return new Parsed(Kind.MALFORMED, Map.of(), line.endsWith(">") ? problem : problem + UNENDED);
    }
  }

  /**
   * A row XML 1.0 refused only for the control characters or surrogate references it holds ({@link
   * XmlControlCharacters}), read with them kept; null when it holds none or is refused still.
   */
  private static Parsed parsedWithStandIns(String line) {
    String standIns = XmlControlCharacters.standIns(line);
    if (standIns == null) {
      return null;
    }
    try {
      Parsed parsed = parseRow(standIns);
      if (parsed.kind() != Kind.ROW) {
        return null;
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      parsed.attributes().forEach((k, v) -> attributes.put(k, XmlControlCharacters.restore(v)));
      return new Parsed(Kind.ROW, attributes, null);
    } catch (XMLStreamException | RuntimeException e) {
      return null;
    }
  }

  private static Parsed parseRow(String line) throws XMLStreamException {
    XMLStreamReader reader = FACTORY.createXMLStreamReader(new StringReader(line));
    try {
      while (reader.hasNext()) {
        if (reader.next() == XMLStreamConstants.START_ELEMENT) {
          String prefix = reader.getPrefix();
          if (!reader.getLocalName().equals("row") || (prefix != null && !prefix.isEmpty())) {
            return new Parsed(Kind.MALFORMED, Map.of(), "not a <row> element: " + abbreviate(line));
          }
          Map<String, String> attributes = new LinkedHashMap<>();
          for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.put(qualifiedName(reader, i), reader.getAttributeValue(i));
          }
          String field = null;
          while (reader.hasNext()) {
            if (reader.next() == XMLStreamConstants.START_ELEMENT
                && field == null
                && FIELDS.contains(reader.getLocalName())) {
              field = reader.getLocalName();
            }
          }
          if (field != null) {
            // an element-style export: the field would be lost, the row kept without it
            return new Parsed(
                Kind.MALFORMED,
                Map.of(),
                "the row holds <"
                    + field
                    + "> as a child element; a Posts.xml dump holds every field as an attribute"
                    + " (<row "
                    + field
                    + "=\"…\" />)");
          }
          return new Parsed(Kind.ROW, attributes, null);
        }
      }
    } finally {
      reader.close();
    }
    return new Parsed(Kind.MALFORMED, Map.of(), "no element in line");
  }

  /**
   * An attribute's name as written, prefix included: {@code xml:Id} or {@code x:PostTypeId} is
   * another attribute than {@code Id} or {@code PostTypeId}, not a second value for it.
   */
  private static String qualifiedName(XMLStreamReader reader, int index) {
    String prefix = reader.getAttributePrefix(index);
    String local = reader.getAttributeLocalName(index);
    return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
  }

  private static final String UNENDED =
      " (the row does not end on its line: cut off, or broken over lines where a dump holds one"
          + " <row .../> per line)";

  /**
   * Whether a line is the start or end tag of a dump's root element, whatever its name ({@code
   * <posts>}, {@code </postlinks>}, {@code <comments/>}): a bare tag of any element but {@code
   * row}. A file whose root is not {@code posts} is flagged by the name {@link #rootElement} gives.
   */
  private static boolean isRootLine(String line) {
    Matcher m = ROOT_TAG.matcher(line);
    return m.matches() && !m.group(1).equalsIgnoreCase("row");
  }

  private static final Pattern ROW_START = Pattern.compile("<row[\\s/>]");

  /** A document type with an internal subset, whose declarations may span lines. */
  private static final Pattern INTERNAL_SUBSET = Pattern.compile("(?i:<!DOCTYPE)[^>\\[]*\\[");

  /**
   * Whether a dump, judged by its beginning {@code head}, holds one {@code <row .../>} per line, as
   * Stack Exchange writes them (read then in parallel by lines): false when its first row shares
   * its line with other markup or is not a whole element on its line (a file written on one line,
   * attributes over lines, an end tag on the next line). True when {@code head} holds no row or not
   * the whole first line. Only the first row is judged: a later line of a dump read by lines that
   * holds several rows is split into them ({@link #holdsALaterRow}). False also after a document
   * type with an internal subset ({@code <!DOCTYPE posts [ … ]>}), whose lines are no rows.
   */
  public static boolean rowPerLine(String head) {
    Matcher m = ROW_START.matcher(head);
    if (!m.find()) {
      return true;
    }
    int start = m.start();
    if (INTERNAL_SUBSET.matcher(head).region(0, start).find()) {
      return false;
    }
    int lineStart = Math.max(head.lastIndexOf('\n', start), head.lastIndexOf('\r', start)) + 1;
    if (!head.substring(lineStart, start).replace("\uFEFF", "").isBlank()) {
      return false;
    }
    int lineEnd = lineEnd(head, start);
    if (lineEnd < 0) {
      return true;
    }
    String line = head.substring(start, lineEnd).strip();
    return (line.endsWith("/>") || line.endsWith("</row>"))
        && !ROW_START.matcher(line).region(4, line.length()).find();
  }

  /**
   * Whether a line of a dump read by lines holds a row start ({@code <row} then a space, {@code /},
   * {@code >} or the line's end) anywhere but at its beginning: several rows on one line (a dump
   * concatenated from pieces or edited by hand), or a row after other markup or text. Such a line
   * is split into its rows ({@link XmlRowSplitter#ofLine}) instead of being parsed as one row.
   * Cheap: a line of a dump holds its own {@code <row} only, so this is one scan for {@code <row}.
   */
  public static boolean holdsALaterRow(String line) {
    for (int at = line.indexOf("<row"); at >= 0; at = line.indexOf("<row", at + 4)) {
      if ((at + 4 == line.length() || isRowNameEnd(line.charAt(at + 4)))
          && !onlyBlankBefore(line, at)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isRowNameEnd(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>';
  }

  private static boolean onlyBlankBefore(String line, int end) {
    for (int i = 0; i < end; i++) {
      char c = line.charAt(i);
      if (c != ' ' && c != '\t' && c != '\uFEFF') {
        return false;
      }
    }
    return true;
  }

  /**
   * Where the line holding {@code from} ends: at LF, CR or CRLF, as Hadoop's line reader splits.
   */
  private static int lineEnd(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The name of the first element of a dump, read from its beginning {@code head} (after a
   * byte-order mark, the XML declaration, a document type, comments and blank lines), or null when
   * {@code head} holds no element start.
   */
  public static String rootElement(String head) {
    Matcher m = FIRST_ELEMENT.matcher(head);
    return m.find() ? m.group(1) : null;
  }

  /**
   * Why a file is not a {@code Posts.xml} dump, judged by its beginning {@code head}, as the end of
   * a sentence ({@code "its root element is <postlinks>, not <posts>"}, {@code "it does not start
   * with XML markup (it starts: Id,PostTypeId,…)"}, {@code "it holds binary data, not text"}); null
   * when it may be one or {@code head} is blank.
   */
  public static String notADump(String head) {
    String root = rootElement(head);
    if (root != null) {
      return root.equals("posts") ? null : "its root element is <" + root + ">, not <posts>";
    }
    String first = head.replace("\uFEFF", "").strip().lines().findFirst().orElse("");
    if (first.isEmpty()) {
      return null;
    }
    if (first.chars().anyMatch(c -> c == '\uFFFD' || (c < 0x20 && c != '\t'))) {
      return "it holds binary data, not text";
    }
    String shown = first.length() > 60 ? first.substring(0, 60) + "…" : first;
    return "it does not start with XML markup (it starts: " + shown + ")";
  }

  /**
   * The value of a line's {@code Id} attribute when it can be read even though the line as a whole
   * cannot (cut off, invalid XML, invalid UTF-8 elsewhere), else null.
   */
  public static String readableId(String line) {
    Matcher m = ID_ATTRIBUTE.matcher(line.startsWith("\uFEFF") ? line.substring(1) : line);
    return m.find() ? m.group(1) : null;
  }

  private static String parserProblem(String message) {
    if (message == null) {
      return "unknown error";
    }
    String m = message.replace('\n', ' ');
    return abbreviate(m.replaceAll("^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\] Message: ", ""));
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "…";
  }

  private static XMLInputFactory newFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    for (String limit : ATTRIBUTE_SIZE_LIMITS) {
      if (factory.isPropertySupported(limit)) {
        factory.setProperty(limit, Integer.MAX_VALUE);
      }
    }
    return factory;
  }
}
