package io.tracemine.extract.traceback;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes what pasting does to a traceback, line by line, before lexing (after {@link
 * TextNormalizer}). Each repair is local and needs evidence on two lines, so prose and flattened
 * text pass through unchanged:
 *
 * <ul>
 *   <li>A JSON array of strings holding a traceback (a notebook's {@code "traceback": [ … ]}, a
 *       log's {@code "stackTrace": [ … ]}), one string a line: each string's text, unescaped, takes
 *       its place.
 *   <li>Markdown bold around a whole line ({@code **OverflowError: x**}) is removed.
 *   <li>Markdown inline-code backticks around each frame ({@code ` File "…", line 3, in f} / {@code
 *       g() `}) are removed.
 *   <li>Lines holding only a time ({@code 17:55:56}), as a log console's copy puts before every
 *       record (AWS CloudWatch), are removed when there are two or more.
 *   <li>A literal {@code \n} or {@code \r\n} escape ending two or more lines (a traceback inside a
 *       dumped string) is removed.
 *   <li>HTML escaped twice ({@code File &quot;&lt;console&gt;&quot;}): one level of the five
 *       entities Stack Overflow writes is decoded.
 *   <li>Python 3.11 exception groups: the {@code |} margin of each sub-traceback is removed and
 *       {@code + Exception Group Traceback (most recent call last):} becomes a plain header (the
 *       {@code +-+---- 1 ----} separators stay, the lexer reads them).
 *   <li>A prefix on every line ({@code > }, {@code >> }, a log prefix such as {@code 2023-01-05
 *       10:00:01,123 ERROR worker: }, {@code [stderr] }, editor line numbers {@code 12 | }): the
 *       text before a header or a frame is taken as a prefix when the next line starts with the
 *       same text (digit runs may differ); it is removed from that run of lines.
 *   <li>A frame wrapped by a terminal or an editor over up to {@value #MAX_JOINS} + 1 lines ({@code
 *       File} / {@code "/x.py",} / {@code line 3, in f}) is joined back onto one line.
 *   <li>A function name cut by the terminal: an indented {@code File "…", line 9, in get_conc}
 *       followed by {@code rete_function} at column 0 and then an indented source line or a frame;
 *       an old IPython frame cut before its function ({@code /x/ops.py in} / {@code convert(value,
 *       ctx)}). Both are joined back.
 * </ul>
 *
 * Linear: every line is scanned a bounded number of times.
 */
final class PasteRepair {
  static final int MAX_JOINS = 3;

  /** Shortest unindented frame line taken as cut by a terminal (80 columns less an indent of 2). */
  static final int WRAPPED_FRAME_LENGTH = 70;

  /** Longest log prefix recognised (Slicer logs name the logging module by its full path). */
  private static final int MAX_PREFIX = 400;

  private static final Pattern LINE_NUMBER_END = Pattern.compile("(?s).*, line \\d+");
  private static final Pattern PATH_START = Pattern.compile("[/~.]|[A-Za-z]:[\\\\/]");
  private static final Pattern CODE_FILE_END =
      Pattern.compile("(?s).*\\.(py|pyc|pyx|pyo|pxd|pxi|pyi|so)");

  private static final String GROUP_HEADER = "Exception Group Traceback (most recent call last)";

  /** Quote characters accepted around a frame's file name (ASCII and typographic). */
  static final String QUOTES =
      "\"'`\u201c\u201d\u201e\u201f\u2033\uff02\u00ab\u00bb\u2018\u2019"
          + "\u201a\u201b\u2032\u301d\u301e";

  /** The single-style ones among {@link #QUOTES}; every other one is double-style. */
  private static final String SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b\u2032";

  private PasteRepair() {}

  static String repair(String text) {
    String t = decodeEntitiesTwice(text);
    List<String> lines = splitLines(t);
    if (t.indexOf('[') >= 0 && t.indexOf('"') >= 0) {
      lines = jsonStringArrays(lines);
    }
    if (t.contains(DOCKER_LOG)) {
      lines = dockerJsonLogs(lines);
    }
    if (t.contains("\\n")) {
      literalLineEnds(lines);
    }
    if (t.contains(GROUP_HEADER)) {
      groupMargins(lines);
    }
    if (t.contains(FENCE)) {
      fences(lines);
    }
    if (t.indexOf('*') >= 0 || t.indexOf('`') >= 0) {
      wrappingMarkers(lines);
    }
    if (t.contains(BOLD)) {
      boldLines(lines);
    }
    if (t.contains("`" + TraceLexer.HEADER)) {
      lines = inlineCodeTracebacks(lines);
    }
    if (t.contains("`")) {
      inlineCodeFrames(lines);
    }
    if (t.contains("](") || t.contains("File [")) {
      linkedPaths(lines);
    }
    if (t.contains("Line ")) {
      xeusCells(lines);
    }
    if (t.contains("\", line ")) {
      cutFrameStarts(lines);
    }
    if (t.indexOf(':') >= 0) {
      lines = withoutTimeLines(lines);
    }
    if (t.indexOf(BOX_TOP) >= 0) {
      richBoxes(lines);
    }
    if (t.contains(".py:")) {
      lines = pytestLongFrames(withoutPytestIndent(lines));
    }
    if (t.contains(": in ")) {
      pytestFrames(lines);
    }
    if (t.contains("Thread ")) {
      pySpyDumps(lines);
    }
    if (t.contains("___ ") || t.contains("=== ") || t.contains("--- ")) {
      blankBanners(lines);
    }
    quoteMargins(lines);
    stripPrefixes(lines);
    if (t.contains(TraceLexer.HEADER) && t.contains("ine ")) {
      handTypedFrames(lines);
    }
    List<String> joined = unwrapFrames(lines);
    return String.join("\n", joined);
  }

  /** Decodes one level of entities when the text shows an escaped quote or angle bracket. */
  static String decodeEntitiesTwice(String text) {
    if (!(text.contains("&quot;")
        || text.contains("&lt;")
        || text.contains("&gt;")
        || text.contains("&#39;")
        || text.contains("&#x27;"))) {
      return text;
    }
    return text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
  }

  private static List<String> splitLines(String text) {
    List<String> lines = new ArrayList<>();
    int from = 0;
    while (true) {
      int nl = text.indexOf('\n', from);
      if (nl < 0) {
        lines.add(text.substring(from));
        return lines;
      }
      lines.add(text.substring(from, nl));
      from = nl + 1;
    }
  }

  /**
   * Removes a literal {@code \n} or {@code \r\n} escape that ends a line, when at least two lines
   * end with one: a traceback printed inside a dumped string (Symfony's process output, a log
   * record's repr) whose real line ends follow the escapes, so the escape would end up in the
   * function name or the message.
   */
  private static void literalLineEnds(List<String> lines) {
    int ending = 0;
    for (int i = 0; i < lines.size() && ending < 2; i++) {
      if (literalEnd(lines.get(i)) >= 0) {
        ending++;
      }
    }
    if (ending < 2) {
      return;
    }
    for (int i = 0; i < lines.size(); i++) {
      int e = literalEnd(lines.get(i));
      if (e >= 0) {
        lines.set(i, lines.get(i).substring(0, e));
      }
    }
  }

  /**
   * Start of the literal {@code \n} (or {@code \r\n}) that ends {@code s} before trailing blanks,
   * or -1 (also when the backslash is itself escaped: {@code \\n}).
   */
  static int literalEnd(String s) {
    int t = s.length();
    while (t > 0 && Character.isWhitespace(s.charAt(t - 1))) {
      t--;
    }
    if (t < 2 || s.charAt(t - 1) != 'n' || s.charAt(t - 2) != '\\') {
      return -1;
    }
    int e = t - 2;
    if (e >= 2 && s.charAt(e - 1) == 'r' && s.charAt(e - 2) == '\\') {
      e -= 2;
    }
    return e > 0 && s.charAt(e - 1) == '\\' ? -1 : e;
  }

  /**
   * Replaces each JSON array of strings ({@code "traceback": [} over lines of {@code "…",}, then
   * {@code ]}) that holds a traceback header or a frame by the strings' text: the quotes and commas
   * go, and when the strings are still escaped ({@code \n}, {@code \"}) they are unescaped and cut
   * at their line ends. A string may span lines when {@link TextNormalizer} already unescaped it
   * (its closing quote then opens a line: {@code ",}). Anything else in the array leaves it as is.
   */
  static List<String> jsonStringArrays(List<String> lines) {
    List<String> out = null;
    int copied = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).stripTrailing().endsWith("[")) {
        continue;
      }
      int end = arrayEnd(lines, i + 1);
      if (end < 0) {
        continue;
      }
      List<String> text = stringArrayText(lines.subList(i + 1, end));
      if (text == null) {
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(lines.size());
      }
      out.addAll(lines.subList(copied, i + 1));
      out.addAll(text);
      out.add(""); // the array's end ends the last string's message
      copied = end;
      i = end - 1;
    }
    if (out == null) {
      return lines;
    }
    out.addAll(lines.subList(copied, lines.size()));
    return out;
  }

  /** The line closing the array opened before {@code from} ({@code ]}), or -1 at a nested one. */
  private static int arrayEnd(List<String> lines, int from) {
    for (int j = from; j < lines.size(); j++) {
      String s = lines.get(j).strip();
      if (s.startsWith("]")) {
        return j;
      }
      if (s.endsWith("[")) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * The text of the strings on {@code items}, one string per line or spanning lines; null when a
   * line outside a string is not one, or when no string holds a traceback header or a frame.
   */
  private static List<String> stringArrayText(List<String> items) {
    List<String> strings = new ArrayList<>();
    StringBuilder current = null;
    for (String line : items) {
      String s = line;
      if (current == null) {
        String t = s.strip();
        if (t.isEmpty()) {
          continue;
        }
        if (t.charAt(0) != '"') {
          return null;
        }
        s = t.substring(1);
        current = new StringBuilder();
      } else {
        current.append('\n');
      }
      String closed = withoutClosingQuote(s);
      current.append(closed == null ? s : closed);
      if (closed != null) {
        strings.add(current.toString());
        current = null;
      }
    }
    if (current != null) {
      return null;
    }
    boolean escaped = strings.stream().anyMatch(x -> x.contains("\\n") || x.contains("\\\""));
    List<String> text = new ArrayList<>();
    boolean holdsTrace = false;
    for (String string : strings) {
      String t = escaped ? unescapeJson(string) : string;
      if (t.endsWith("\n")) {
        t = t.substring(0, t.length() - 1);
      }
      holdsTrace |= t.contains(TraceLexer.HEADER) || t.contains("File \"");
      text.addAll(splitLines(t));
    }
    return holdsTrace ? text : null;
  }

  /** {@code s} without the quote (and comma) that closes a string at its end, else null. */
  private static String withoutClosingQuote(String s) {
    String t = s.stripTrailing();
    if (t.endsWith(",")) {
      t = t.substring(0, t.length() - 1).stripTrailing();
    }
    if (!t.endsWith("\"")) {
      return null;
    }
    int backslashes = 0;
    for (int k = t.length() - 2; k >= 0 && t.charAt(k) == '\\'; k--) {
      backslashes++;
    }
    return backslashes % 2 == 0 ? t.substring(0, t.length() - 1) : null;
  }

  private static final String DOCKER_LOG = "{\"log\":\"";

  /**
   * Docker's {@code json-file} log, one JSON object a line ({@code {"log":" File \\"/x.py\\", line
   * 3, in f\\n","stream":"stderr","time":"…"}}): when at least two lines open so, each becomes its
   * {@code log} string, unescaped, without its line end. {@link TextNormalizer} may have unescaped
   * the text already, leaving the object's tail ({@code ","stream":…}}) on a line of its own: that
   * line is dropped.
   */
  private static List<String> dockerJsonLogs(List<String> lines) {
    int opening = 0;
    for (String line : lines) {
      opening += line.strip().startsWith(DOCKER_LOG) ? 1 : 0;
    }
    if (opening < 2) {
      return lines;
    }
    List<String> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).strip();
      if (!t.startsWith(DOCKER_LOG)) {
        out.add(lines.get(i));
        continue;
      }
      String escaped = dockerLogValue(t);
      if (escaped != null) {
        String value = unescapeJson(escaped);
        out.add(value.endsWith("\n") ? value.substring(0, value.length() - 1) : value);
      } else if (i + 1 < lines.size() && isDockerLogTail(lines.get(i + 1))) {
        out.add(t.substring(DOCKER_LOG.length()));
        i++;
      } else {
        out.add(lines.get(i));
      }
    }
    return out;
  }

  /** The rest of a Docker log object after its unescaped {@code log} string's line end. */
  private static boolean isDockerLogTail(String line) {
    String t = line.strip();
    return t.startsWith("\",\"") && t.endsWith("}");
  }

  /** The escaped {@code log} string of a Docker {@code json-file} line, or {@code null}. */
  private static String dockerLogValue(String t) {
    if (!t.endsWith("}")) {
      return null;
    }
    int from = DOCKER_LOG.length();
    for (int k = from; k < t.length(); k++) {
      char c = t.charAt(k);
      if (c == '\\') {
        k++;
      } else if (c == '"') {
        return t.substring(from, k);
      }
    }
    return null;
  }

  /** JSON's two-character escapes ({@code \n \t \" \\ \/}); others are kept as written. */
  private static String unescapeJson(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        out.append(c);
        continue;
      }
      char d = s.charAt(++i);
      switch (d) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> {}
        case '"', '\\', '/' -> out.append(d);
        default -> out.append(c).append(d);
      }
    }
    return out.toString();
  }

  private static final String BOLD = "**";

  /**
   * Removes a markdown marker a poster typed around a whole pasted block: the text's first line
   * opens with {@code `}, or one to four {@code *}, glued to what follows, and its last line ends
   * with the same marker glued to what precedes it ({@code `Exception in thread …} … {@code Use
   * a.all()`}, {@code ****Traceback …} … {@code is not defined****}). Without this, the closing
   * marker stayed at the end of the exception's message. No traceback starts with them. Else the
   * same for each paragraph of the block. Not when another line starts with the marker: markers
   * around lines are {@link #boldLines}' work.
   */
  private static void wrappingMarkers(List<String> lines) {
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) {
      first++;
    }
    int last = lines.size() - 1;
    while (last > first && lines.get(last).isBlank()) {
      last--;
    }
    if (first > last || unwrapped(lines, first, last)) {
      return;
    }
    // else each paragraph of the block on its own (two tracebacks pasted each in its markers)
    for (int from = first; from <= last; ) {
      int to = from;
      while (to + 1 <= last && !lines.get(to + 1).isBlank()) {
        to++;
      }
      unwrapped(lines, from, to);
      from = to + 1;
      while (from <= last && lines.get(from).isBlank()) {
        from++;
      }
    }
  }

  /** Removes the markers around the non-blank lines {@code first..last}; whether there were. */
  private static boolean unwrapped(List<String> lines, int first, int last) {
    String opening = lines.get(first);
    int at = 0;
    while (Character.isWhitespace(opening.charAt(at))) {
      at++;
    }
    char c = opening.charAt(at);
    int after = at;
    while (after < opening.length() && opening.charAt(after) == c) {
      after++;
    }
    int length = after - at;
    if (!(c == '`' && length == 1 || c == '*' && length <= 4)
        || after == opening.length()
        || Character.isWhitespace(opening.charAt(after))) {
      return false;
    }
    String closing = lines.get(last).stripTrailing();
    int end = closing.length() - length;
    if (end <= (first == last ? after : 0)
        || !closing.startsWith(opening.substring(at, after), end)
        || closing.charAt(end - 1) == c
        || Character.isWhitespace(closing.charAt(end - 1))) {
      return false;
    }
    for (int i = first + 1; i <= last; i++) {
      if (lines.get(i).stripLeading().startsWith(String.valueOf(c))) {
        return false; // markers around lines (boldLines), not around the block
      }
    }
    lines.set(last, closing.substring(0, end));
    String opened = lines.get(first);
    lines.set(first, opened.substring(0, at) + opened.substring(after));
    return true;
  }

  /**
   * Removes markdown bold a poster typed around a whole line inside a code block ({@code
   * **OverflowError: cannot convert**}): the line keeps its indentation. Python never starts and
   * ends a line with {@code **}.
   */
  private static void boldLines(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i);
      String t = s.strip();
      if (t.length() > 2 * BOLD.length()
          && t.startsWith(BOLD)
          && t.endsWith(BOLD)
          && t.indexOf(BOLD, BOLD.length()) == t.length() - BOLD.length()
          && !Character.isWhitespace(t.charAt(BOLD.length()))
          && t.charAt(BOLD.length()) != '*') {
        int indent = s.indexOf(t);
        lines.set(
            i, s.substring(0, indent) + t.substring(BOLD.length(), t.length() - BOLD.length()));
      }
    }
  }

  /**
   * A frame line the poster's selection began inside, after {@code File "} and part of the path
   * ({@code lib/python3.10/site-packages/x/data.py", line 335, in f}; what is left of the path
   * holds a separator; {@code File} may be left): when it opens the text, or follows a header (not
   * one a flattened frame shares) or a cut ({@code ...}), the cut start is put back, so it is read
   * as the frame it is. After a {@code File "} line it is a path wrapped over two lines, joined by
   * {@link #unwrapFrames}.
   */
  private static final Pattern CUT_FRAME_START =
      Pattern.compile("[ \\t]*[^\"\\s][^\"\\n]{0,2047}\\.py[cdiowx]?\", line \\d{1,9}, in [^\\n]*");

  private static void cutFrameStarts(List<String> lines) {
    String previous = null;
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i);
      if (s.isBlank()) {
        continue;
      }
      if (s.contains("\", line ")
          && (previous == null
              || previous.contains(TraceLexer.HEADER) && !previous.contains("File")
              || isCut(previous))
          && CUT_FRAME_START.matcher(s).matches()
          && hasPathSeparator(s.substring(0, s.indexOf("\", line ")))) {
        int indent = 0;
        while (s.charAt(indent) == ' ' || s.charAt(indent) == '\t') {
          indent++;
        }
        int path = s.startsWith("File ", indent) ? indent + "File ".length() : indent;
        lines.set(i, s.substring(0, indent) + "File \"" + s.substring(path));
      }
      previous = s.strip();
    }
  }

  private static boolean hasPathSeparator(String path) {
    return path.indexOf('/') >= 0 || path.indexOf('\\') >= 0;
  }

  private static boolean isCut(String stripped) {
    return stripped.equals("...") || stripped.equals("\u2026") || stripped.equals("[...]");
  }

  /** xeus-python's cell frame ({@code In [101]:} over {@code Line 2: source}). */
  private static final Pattern XEUS_CELL =
      Pattern.compile("[ \\t]*In {1,2}\\[(\\d{1,9})\\]:[ \\t]*");

  private static final Pattern XEUS_LINE = Pattern.compile("[ \\t]*Line (\\d{1,9}):(.*)");

  /**
   * The cell frame of xeus-python (the Jupyter kernel of JupyterLite and 3D Slicer), {@code In
   * [101]:} with {@code Line 2:} and the line's source on the next line (or the one after a blank
   * line, as a paragraph's {@code <br>} leaves it), written as IPython 8 writes it: {@code Cell
   * In[101], line 2} and {@code ----> 2 source}.
   */
  private static void xeusCells(List<String> lines) {
    for (int i = 0; i + 1 < lines.size(); i++) {
      Matcher cell = XEUS_CELL.matcher(lines.get(i));
      if (!cell.matches()) {
        continue;
      }
      int next = lines.get(i + 1).isBlank() && i + 2 < lines.size() ? i + 2 : i + 1;
      Matcher line = XEUS_LINE.matcher(lines.get(next));
      if (line.matches()) {
        lines.set(i, "Cell In[" + cell.group(1) + "], line " + line.group(1));
        String source = line.group(2).strip();
        lines.set(next, source.isEmpty() ? "" : "----> " + line.group(1) + " " + source);
        i = next;
      }
    }
  }

  /**
   * A frame's file written as a Markdown link, as a notebook's "copy output" writes it and an
   * editor keeps it: {@code [/usr/x/load.py](https://localhost:8080/#) in f(…)} (Colab), {@code
   * [c:\x\grid.py](file:///C:/x/grid.py) in f(…)} (VS Code, which cuts a path at its first blank:
   * {@code [c:\Program](file:///C:/Program) Files\…}), {@code File [~/x/load.py:21](http://…), in
   * f(…)} (JupyterLab), or with the link's target lost, {@code File [~/x/load.py:21], in f(…)}. The
   * link becomes its text when it starts the line (after the indent and {@code File}) and the line
   * goes on as a frame: {@code in} after a link, {@code , in} after a bare bracket.
   */
  private static final Pattern LINKED_PATH =
      Pattern.compile(
          "([ \\t]*(?:File )?)\\[([^\\[\\]\\n]+)\\]"
              + "(\\([a-zA-Z][a-zA-Z0-9+.-]*:[^()\\t\\n\\r ]*\\))?([^\\n]*)");

  private static void linkedPaths(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i);
      if (s.indexOf('[') < 0) {
        continue;
      }
      Matcher m = LINKED_PATH.matcher(s);
      if (!m.matches()) {
        continue;
      }
      String rest = m.group(4);
      boolean frame =
          m.group(3) != null
              ? rest.contains(" in ")
              : m.group(1).endsWith("File ") && rest.startsWith(", in ");
      if (frame) {
        lines.set(i, m.group(1) + m.group(2) + rest);
      }
    }
  }

  /**
   * A traceback pasted as Markdown inline code inside a paragraph (GitHub issues: {@code Here's the
   * full error:} / {@code `Traceback (most recent call last):} … {@code TypeError: bad thing`}): a
   * backtick glued before the header, after a blank or at the line's start, and the next backtick,
   * which Markdown closes the span with, ending a later line of the same paragraph (glued to its
   * text, or alone). Both go, and a blank line is put after the closing one, so prose after the
   * span is no part of the message; before, the backtick and that prose stayed in it. Nothing
   * changes when the next backtick is elsewhere or a blank line comes first.
   */
  private static List<String> inlineCodeTracebacks(List<String> lines) {
    List<String> out = new ArrayList<>(lines.size() + 1);
    for (int i = 0; i < lines.size(); i++) {
      String opening = lines.get(i);
      int tick = opening.indexOf("`" + TraceLexer.HEADER);
      int close = tick < 0 || opening.indexOf('`', tick + 1) >= 0 ? -1 : closingLine(lines, i);
      if (close < 0 || (tick > 0 && !Character.isWhitespace(opening.charAt(tick - 1)))) {
        out.add(opening);
        continue;
      }
      out.add(opening.substring(0, tick) + opening.substring(tick + 1));
      out.addAll(lines.subList(i + 1, close));
      String closing = lines.get(close).stripTrailing();
      out.add(closing.substring(0, closing.length() - 1).stripTrailing());
      boolean alone = closing.strip().length() == 1;
      if (!alone && close + 1 < lines.size() && !lines.get(close + 1).isBlank()) {
        out.add("");
      }
      i = close;
    }
    return out;
  }

  /**
   * The line after {@code opening} whose backtick closes the inline code it opened: the first
   * backtick after it, ending its line alone or glued to text, before any blank line; else -1.
   */
  private static int closingLine(List<String> lines, int opening) {
    for (int j = opening + 1; j < lines.size(); j++) {
      String s = lines.get(j).stripTrailing();
      if (s.isEmpty()) {
        return -1;
      }
      int b = s.indexOf('`');
      if (b < 0) {
        continue;
      }
      boolean last = b == s.length() - 1;
      boolean alone = s.strip().length() == 1;
      return last && (alone || !Character.isWhitespace(s.charAt(b - 1))) ? j : -1;
    }
    return -1;
  }

  /**
   * Removes markdown inline-code backticks a poster typed around each frame of a traceback (a
   * GitHub issue's {@code ` File "/x/blob.py", line 562, in f} / {@code return g() `}): when two or
   * more lines open with a lone backtick before a {@code File} frame, that backtick goes, and so
   * does a lone backtick ending any line that holds an odd number of them. Each frame was its own
   * untyped traceback before.
   */
  private static void inlineCodeFrames(List<String> lines) {
    int opened = 0;
    for (int i = 0; i < lines.size() && opened < 2; i++) {
      if (inlineCodeFrameStart(lines.get(i)) >= 0) {
        opened++;
      }
    }
    if (opened < 2) {
      return;
    }
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i);
      int tick = inlineCodeFrameStart(s);
      if (tick >= 0) {
        s = s.substring(0, tick) + s.substring(tick + 1);
      }
      String t = s.stripTrailing();
      if (t.endsWith("`")
          && !t.endsWith("``")
          && !t.isBlank()
          && (t.chars().filter(c -> c == '`').count() % 2 == 1)) {
        s = t.substring(0, t.length() - 1).stripTrailing();
      }
      lines.set(i, s);
    }
  }

  /** Index of a lone backtick opening {@code s} before blanks and a {@code File} frame, or -1. */
  private static int inlineCodeFrameStart(String s) {
    int b = 0;
    while (b < s.length() && s.charAt(b) == ' ') {
      b++;
    }
    if (!s.startsWith("`", b) || s.startsWith("``", b)) {
      return -1;
    }
    int f = b + 1;
    while (f < s.length() && (s.charAt(f) == ' ' || s.charAt(f) == '\t')) {
      f++;
    }
    return s.startsWith("File \"", f) || s.startsWith("File '", f) ? b : -1;
  }

  private static final Pattern TIME_LINE =
      Pattern.compile(
          "(?:\\d{4}-\\d\\d-\\d\\d[ T])?\\d{1,2}:\\d\\d:\\d\\d(?:[.,]\\d{1,9})?"
              + "(?: ?(?:Z|UTC|[+-]\\d\\d:?\\d\\d))?");

  /** Longest line {@link #TIME_LINE} is tried on. */
  private static final int MAX_TIME_LINE = 40;

  /**
   * {@code lines} without the lines that hold only a time ({@code 17:55:56}, {@code
   * 2020-04-27T17:55:56.123Z}) when there are two or more: a log console's copy (AWS CloudWatch's)
   * puts one before every record, between a traceback's lines.
   */
  static List<String> withoutTimeLines(List<String> lines) {
    int times = 0;
    for (int i = 0; i < lines.size() && times < 2; i++) {
      if (isTimeLine(lines.get(i))) {
        times++;
      }
    }
    if (times < 2) {
      return lines;
    }
    List<String> out = new ArrayList<>(lines.size());
    for (String line : lines) {
      if (!isTimeLine(line)) {
        out.add(line);
      }
    }
    return out;
  }

  private static boolean isTimeLine(String line) {
    if (line.length() > MAX_TIME_LINE || line.indexOf(':') < 0) {
      return false;
    }
    return TIME_LINE.matcher(line.strip()).matches();
  }

  /** Removes the {@code |} margin of exception-group output and rewrites its headers. */
  private static void groupMargins(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i);
      int j = 0;
      while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
        j++;
      }
      if (j < s.length() && s.charAt(j) == '|') {
        int k = j + 1;
        if (k < s.length() && s.charAt(k) == ' ') {
          k++;
        }
        s = s.substring(k);
      } else if (s.startsWith("+ " + GROUP_HEADER, j)) {
        s = s.substring(j + 2);
      }
      if (s.startsWith(GROUP_HEADER)) {
        s = s.substring("Exception Group ".length());
      }
      lines.set(i, s);
    }
  }

  private static final String FENCE = "```";

  /**
   * Removes markdown code fences a poster typed into a code block around or inside a traceback: a
   * fence ending a line ({@code f(x)```}) and one starting a line ({@code ```TypeError: …}, {@code
   * ```<ipython-input-3-ab> in <module>()}); a fence alone or naming its language ({@code
   * ```python}) leaves a blank line. Not when the word {@code in} would be left at the line's end
   * or start: the pre-filter ({@link TraceLexer#mayHoldFrames}) reads {@code in```} as no word, so
   * the fence must stay there.
   */
  private static void fences(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i);
      String t = s.stripTrailing();
      if (t.endsWith(FENCE)) {
        int e = t.length();
        while (e > 0 && t.charAt(e - 1) == '`') {
          e--;
        }
        String rest = t.substring(0, e);
        if (!endsWithWordIn(rest)) {
          s = rest;
        }
      }
      lines.set(i, withoutLeadingFence(s));
    }
  }

  /** {@code s} without a fence that starts it (see {@link #fences}). */
  static String withoutLeadingFence(String s) {
    int b = 0;
    while (b < s.length() && s.charAt(b) == ' ') {
      b++;
    }
    if (!s.startsWith(FENCE, b)) {
      return s;
    }
    int e = b;
    while (e < s.length() && s.charAt(e) == '`') {
      e++;
    }
    String rest = s.substring(e);
    if (rest.isBlank() || startsWithWordIn(rest)) {
      return s;
    }
    // an opening fence naming its language ("```python") is no text of the traceback
    return LANGUAGE.matcher(rest).matches() ? "" : s.substring(0, b) + rest;
  }

  private static final Pattern LANGUAGE = Pattern.compile("[a-z][a-z0-9+#.-]{0,19}[ \\t]*");

  private static boolean endsWithWordIn(String s) {
    int n = s.length();
    return s.endsWith("in") && (n == 2 || Character.isWhitespace(s.charAt(n - 3)));
  }

  private static boolean startsWithWordIn(String s) {
    return s.startsWith("in") && (s.length() == 2 || Character.isWhitespace(s.charAt(2)));
  }

  /**
   * Removes a markdown quote margin ({@code > } or {@code >> }, not a {@code >>>} prompt) from
   * every line of a run of at least two lines that all carry one (a quoted paste whose header or
   * frames the wrap broke, so {@link #stripPrefixes} has no anchor to find it from).
   */
  private static void quoteMargins(List<String> lines) {
    int i = 0;
    while (i < lines.size()) {
      int j = i;
      while (j < lines.size() && quoteMargin(lines.get(j)) >= 0) {
        j++;
      }
      if (j - i >= 2) {
        for (int k = i; k < j; k++) {
          String s = lines.get(k);
          lines.set(k, s.substring(quoteMargin(s)));
        }
      }
      i = Math.max(j, i + 1);
    }
  }

  /**
   * End of a line's quote margin: blanks, one or two {@code >}, then one blank or the line's end;
   * -1 when the line has none.
   */
  static int quoteMargin(String s) {
    int j = 0;
    while (j < s.length() && s.charAt(j) == ' ') {
      j++;
    }
    int k = j;
    while (k < s.length() && k - j < 3 && s.charAt(k) == '>') {
      k++;
    }
    if (k == j || k - j > 2) {
      return -1;
    }
    if (k == s.length()) {
      return k;
    }
    return s.charAt(k) == ' ' ? k + 1 : -1;
  }

  /** Finds a header or frame after a non-blank prefix that the next line repeats; strips runs. */
  private static void stripPrefixes(List<String> lines) {
    int i = 0;
    while (i < lines.size() - 1) {
      String s = lines.get(i);
      int anchor = anchor(s);
      if (anchor <= 0 || anchor > MAX_PREFIX) {
        i++;
        continue;
      }
      String prefix = s.substring(0, anchor).strip();
      int next = nextNonBlank(lines, i + 1);
      if (next >= 0 && prefixLength(prefix, lines.get(next)) < 0) {
        prefix = withoutIpythonHeadersName(prefix, lines.get(next));
      }
      if (prefix.isEmpty()
          || next < 0
          || prefixLength(prefix, lines.get(next)) < 0
          || isIpythonHeaderOverItsException(prefix, lines.get(next))) {
        i++;
        continue;
      }
      List<String> exact = new ArrayList<>();
      int j = i;
      while (j < lines.size()) {
        if (lines.get(j).isBlank()) {
          // a <br> followed by a newline in a paragraph leaves a blank line after every line
          exact.add(null);
          j++;
          continue;
        }
        int len = prefixLength(prefix, lines.get(j));
        if (len < 0) {
          break;
        }
        exact.add(lines.get(j).substring(0, len).strip());
        lines.set(j, lines.get(j).substring(len));
        j++;
      }
      demultiplex(lines, i, exact);
      i = j;
    }
  }

  /**
   * The prefix before an IPython header's exception name ({@code E} of pytest's margin in {@code E
   * ValueError Traceback (most recent call last)}) when {@code next} starts with it, else {@code
   * prefix} as it was: the name belongs to the header, not to the prefix.
   */
  private static String withoutIpythonHeadersName(String prefix, String next) {
    int cut = prefix.length();
    while (cut > 0 && !Character.isWhitespace(prefix.charAt(cut - 1))) {
      cut--;
    }
    String name = prefix.substring(cut);
    String shorter = prefix.substring(0, cut).strip();
    boolean named = !name.isEmpty() && ExceptionLines.nameEnd(name, 0) == name.length();
    return named && !shorter.isEmpty() && prefixLength(shorter, next) >= 0 ? shorter : prefix;
  }

  /**
   * Whether {@code prefix} is the exception name of an IPython header ({@code KeyError Traceback
   * (most recent call last)}) and {@code next} that exception ({@code KeyError: 'x'}, the frames
   * cut by the poster), not a prefix both lines share.
   */
  private static boolean isIpythonHeaderOverItsException(String prefix, String next) {
    String t = next.stripLeading();
    return ExceptionLines.nameEnd(prefix, 0) == prefix.length()
        && t.startsWith(prefix)
        && t.startsWith(":", prefix.length());
  }

  private static final int MAX_PREFIX_STREAMS = 16;

  /**
   * Separates the lines of a prefixed run whose prefixes name several processes ({@code [rank0]:}
   * and {@code [rank1]:} of torchrun, Ray's {@code (pid=12)} and {@code (pid=34)}), printed
   * interleaved: when the run's exact prefixes form 2 to {@value #MAX_PREFIX_STREAMS} groups and
   * each group starts with a traceback header, the run is reordered group by group (first
   * appearance first, order within a group kept; a blank line stays with the line before it). A
   * timestamp prefix, new on every line, forms groups that do not start with a header and is left
   * alone.
   */
  private static void demultiplex(List<String> lines, int from, List<String> exact) {
    List<String> groups = new ArrayList<>();
    for (int k = 0; k < exact.size(); k++) {
      String p = exact.get(k);
      if (p == null || groups.contains(p)) {
        continue;
      }
      if (groups.size() == MAX_PREFIX_STREAMS
          || !lines.get(from + k).strip().startsWith(TraceLexer.HEADER)) {
        return;
      }
      groups.add(p);
    }
    if (groups.size() < 2) {
      return;
    }
    List<List<String>> parts = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      parts.add(new ArrayList<>());
    }
    int current = 0;
    for (int k = 0; k < exact.size(); k++) {
      if (exact.get(k) != null) {
        current = groups.indexOf(exact.get(k));
      }
      parts.get(current).add(lines.get(from + k));
    }
    int at = from;
    for (List<String> part : parts) {
      for (String line : part) {
        lines.set(at++, line);
      }
    }
  }

  private static final char BOX_TOP = '\u256d';
  private static final char BOX_SIDE = '\u2502';
  private static final char BOX_BOTTOM = '\u2570';

  /**
   * Frame lines a poster typed or edited by hand, or a tool wrote its own way, on their own line in
   * a traceback (after its header, among its frames and source lines, before its exception),
   * written as Python writes them: {@code file 'x.py', Line 2 in f} (another case, no comma) and
   * nose's {@code tests/x.py line 26 in test_1} as {@code File "x.py", line 2, in f}; a frame whose
   * path was cut out, {@code line 56, in <module>} or {@code File line 56, in <module>}, as {@code
   * File "<unknown>", line 56, in <module>} (Python's name for code without a file); Wing IDE's
   * {@code Python Shell, prompt 3, line 1} as {@code File "<Python Shell>", line 1, in <module>}.
   * Without the word {@code File}, a line after one holding {@code File} or ending in a comma is
   * the wrapped end of the frame above ({@code File} / {@code "/x.py",} / {@code line 5, in f}),
   * joined by {@link #unwrapFrames}, and is left as it is.
   */
  private static void handTypedFrames(List<String> lines) {
    boolean inTraceback = false;
    boolean afterFramePiece = false;
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i);
      if (s.isBlank()) {
        continue;
      }
      if (s.contains(TraceLexer.HEADER)) {
        inTraceback = true;
      } else if (inTraceback) {
        String frame = handTypedFrame(s, afterFramePiece);
        if (frame != null) {
          lines.set(i, frame);
        } else if (!Character.isWhitespace(s.charAt(0)) && !s.startsWith("File")) {
          inTraceback = false;
        }
      }
      afterFramePiece = s.contains("File") || s.strip().endsWith(",");
    }
  }

  /**
   * Frame line {@code s} as Python writes it ({@link #handTypedFrames}): itself when it is written
   * so or is a wrapped frame's end, null when it is no frame.
   */
  private static String handTypedFrame(String s, boolean afterFramePiece) {
    if (!containsLineWord(s)) {
      return null; // most source lines: both patterns need the word "line"
    }
    String t = s.strip();
    if ((t.startsWith("File \"") || t.startsWith("File '"))
        && t.contains(", line ")
        && t.contains(", in")) {
      return s; // as Python writes it, as most frame lines are
    }
    Matcher wing = WING_SHELL_FRAME.matcher(s);
    if (wing.matches()) {
      return wing.group(1) + "File \"<Python Shell>\", line " + wing.group(2) + ", in <module>";
    }
    int start = 0;
    while (start < s.length() && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
      start++;
    }
    // blanks run together as one, so that no run of them can be split between the pattern's parts
    // in ways that grow with the run's length
    Matcher m = HAND_TYPED_FRAME.matcher(BLANK_RUN.matcher(s.substring(start)).replaceAll(" "));
    if (!m.matches()) {
      return null;
    }
    String keyword = m.group(1);
    String path = m.group(3) != null ? m.group(3) : m.group(4);
    if (keyword == null ? afterFramePiece : path == null ? isEatenName(m) : isAsPythonWrites(m)) {
      return s;
    }
    return s.substring(0, start)
        + "File \""
        + (path == null ? "<unknown>" : path)
        + "\", line "
        + m.group(6)
        + ", in "
        + (m.group(7) == null ? "" : m.group(7));
  }

  /** Whether {@code s} holds {@code line} in any case. */
  private static boolean containsLineWord(String s) {
    for (int i = 0; i + 4 <= s.length(); i++) {
      if (s.regionMatches(true, i, "line", 0, 4)) {
        return true;
      }
    }
    return false;
  }

  /** {@code File , line 5}: a name HTML rendering ate, left to {@link TraceLexer}. */
  private static boolean isEatenName(Matcher handTyped) {
    return !handTyped.group(5).isEmpty();
  }

  private static boolean isAsPythonWrites(Matcher handTyped) {
    String s = handTyped.group();
    return handTyped.group(1).equals("File")
        && handTyped.group(3) != null
        && s.contains(", line ")
        && s.contains(", in");
  }

  private static final Pattern BLANK_RUN = Pattern.compile("[ \\t]+");

  /** A frame line without its indent, each run of blanks in it one space ({@link #BLANK_RUN}). */
  private static final Pattern HAND_TYPED_FRAME =
      Pattern.compile(
          "(?:((?i:file)) )?"
              + "(?:([\"'])([^\"'\\n]{1,2048})\\2|([^ \\n\\f\\r\"',]{1,512}\\.py[cdiowx]?))?"
              + " ?(,?) ?(?i:line) (\\d{1,9}) ?,? ?in"
              + "(?: (<[\\w .-]{1,80}>|[A-Za-z_][\\w.]{0,200}))? ?");

  private static final Pattern WING_SHELL_FRAME =
      Pattern.compile("([ \\t]*)Python Shell, prompt \\d{1,9}, line (\\d{1,9})[ \\t]*");

  /**
   * A traceback drawn by rich (Typer, pip, Textual): {@code ╭─── Traceback (most recent call last)
   * ───╮}, frames {@code │ /x/cli.py:21 in main │} with numbered source and locals panels between
   * them, {@code ╰───╯}, then the exception. The box becomes a plain header and one {@code File
   * "…", line N, in f} line per frame; the rest of the box is blanked.
   */
  private static void richBoxes(List<String> lines) {
    boolean inBox = false;
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).strip();
      if (!inBox) {
        if (!t.isEmpty() && t.charAt(0) == BOX_TOP && t.contains(TraceLexer.HEADER)) {
          lines.set(i, TraceLexer.HEADER + ":");
          inBox = true;
        }
        continue;
      }
      if (t.isEmpty() || t.charAt(0) != BOX_SIDE) {
        inBox = false;
        if (!t.isEmpty() && t.charAt(0) == BOX_BOTTOM) {
          lines.set(i, "");
        }
        continue;
      }
      String inner = t.substring(1);
      if (!inner.isEmpty() && inner.charAt(inner.length() - 1) == BOX_SIDE) {
        inner = inner.substring(0, inner.length() - 1);
      }
      String frame = richFrame(inner.strip());
      lines.set(i, frame == null ? "" : frame);
    }
  }

  /** {@code /x/cli.py:21 in main} as {@code File "/x/cli.py", line 21, in main}, else null. */
  static String richFrame(String t) {
    int in = t.lastIndexOf(" in ");
    if (in < 0) {
      return null;
    }
    String function = t.substring(in + 4);
    int colon = t.lastIndexOf(':', in);
    if (function.isEmpty() || hasBlank(function) || colon <= 0) {
      return null;
    }
    String path = t.substring(0, colon);
    String line = t.substring(colon + 1, in);
    if (!isDigits(line) || !isCodePath(path)) {
      return null;
    }
    return "  File \"" + path + "\", line " + line + ", in " + function;
  }

  /**
   * pytest's short tracebacks ({@code --tb=short}, and the frame lines of {@code --tb=auto}):
   * {@code tests/test_cart.py:14: in test_total} at column 0, the source line indented under it,
   * the exception after {@code E }. Each such frame line becomes {@code File "…", line N, in f};
   * after the first one, an {@code E} margin is removed, and a failed {@code assert}, whose first
   * {@code E} line names no type ({@code E assert 3 == 4}), is typed {@code AssertionError}.
   */
  private static void pytestFrames(List<String> lines) {
    boolean seen = false;
    boolean firstExceptionLine = false;
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i);
      String frame = pytestFrame(s);
      if (frame != null) {
        lines.set(i, frame);
        seen = true;
        firstExceptionLine = true;
      } else if (seen && s.startsWith("E ") && !s.isBlank()) {
        String exception = s.substring(1).strip();
        lines.set(i, firstExceptionLine ? typedAssertion(exception) : exception);
        firstExceptionLine = false;
      }
    }
  }

  /**
   * Blanks the title lines test runners and loggers print around tracebacks ({@link
   * #isPytestBanner}: pytest's {@code ____ test_x ____} and {@code ==== FAILURES ====}, logging's
   * {@code --- Logging error ---}), so that no message runs on into the next one.
   */
  private static void blankBanners(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (isPytestBanner(lines.get(i))) {
        lines.set(i, "");
      }
    }
  }

  /** pytest's first {@code E} line of a failed {@code assert} ({@code assert 3 == 4}), typed. */
  private static String typedAssertion(String exceptionLine) {
    return exceptionLine.startsWith("assert ") ? "AssertionError: " + exceptionLine : exceptionLine;
  }

  private static final Pattern PYTEST_BANNER =
      Pattern.compile(
          "(?s)(?:_{3,} [^ ].{0,500}? _{3,}|={3,} [^ ].{0,500}? ={3,}|-{3,} [^ ].{0,500}? -{3,})"
              + " *");

  /**
   * A line pytest prints around a failure's report: {@code ____ test_fit ____} before each failed
   * test, {@code ==== FAILURES ====} and {@code ==== short test summary info ====} around them,
   * {@code ---- Captured stdout call ----} before the output a test printed.
   */
  static boolean isPytestBanner(String line) {
    return !line.isEmpty()
        && (line.charAt(0) == '_' || line.charAt(0) == '=' || line.charAt(0) == '-')
        && PYTEST_BANNER.matcher(line).matches();
  }

  /** pytest's long location line, {@code tests/x.py:8: } or {@code app/y.py:5: ValueError}. */
  private static final Pattern PYTEST_LOCATION =
      Pattern.compile("(\\S{1,500}\\.pyx?):(\\d{1,9}): ?([A-Za-z_][\\w.]{0,200})?\\s*");

  private static final Pattern PYTEST_DEF =
      Pattern.compile(" *(?:async +)?def (\\w{1,200}) ?\\(.*");

  private static final Pattern PYTEST_SEPARATOR = Pattern.compile("(?:_ ){3,}_? *");

  /**
   * pytest's long tracebacks ({@code --tb=long}, and the first and last frames of the default
   * {@code auto}): each frame is its function's source ({@code def f(…):}, the failing line marked
   * {@code >}, the exception under an {@code E} margin), then its location at column 0 ({@code
   * app/dates.py:5: }, the last with the exception's type), sections parted by {@code _ _ _} lines;
   * {@code auto} prints the frames between as short ones ({@code app/y.py:17: in fit}, see {@link
   * #pytestFrames}). Each section is rewritten in CPython's order: the short frames before its
   * {@code def} line, then {@code File "app/dates.py", line 5, in parse_date} with its lines
   * indented as source; at the end of each failed test (a {@link #isPytestBanner banner} or the
   * text's end) and before a chain sentence ({@code The above exception was the direct cause …})
   * the {@code E} lines follow as the exception (typed by the last location when they name no type,
   * as for a failed {@code assert}). Lines are returned unchanged unless a location follows a
   * {@code def} line.
   */
  static List<String> pytestLongFrames(List<String> lines) {
    List<String> out = new ArrayList<>();
    List<String> exception = new ArrayList<>();
    int sectionStart = 0;
    boolean any = false;
    boolean inFailure = false;
    String lastType = null;
    String function = null; // of the section's last def line so far (one pass: linear)
    int defLine = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean chained = inFailure && isChainSentence(line);
      if (chained || (inFailure && isPytestBanner(line))) {
        endFailure(exception, lastType, out);
        out.addAll(lines.subList(sectionStart, i));
        out.add(chained ? line : "");
        sectionStart = i + 1;
        inFailure = false;
        lastType = null;
        function = null;
        continue;
      }
      Matcher def = PYTEST_DEF.matcher(line);
      if (def.matches()) {
        function = def.group(1);
        defLine = i;
        continue;
      }
      Matcher location = PYTEST_LOCATION.matcher(line);
      if (function == null || !location.matches()) {
        continue;
      }
      any = true;
      inFailure = true;
      sectionLines(lines.subList(sectionStart, defLine), exception, out, true);
      out.add(
          "  File \"" + location.group(1) + "\", line " + location.group(2) + ", in " + function);
      sectionLines(lines.subList(defLine, i), exception, out, false);
      lastType = location.group(3);
      sectionStart = i + 1;
      function = null;
    }
    if (!any) {
      return lines;
    }
    if (inFailure) {
      endFailure(exception, lastType, out);
    }
    out.addAll(lines.subList(sectionStart, lines.size()));
    return out;
  }

  /**
   * A pytest report pasted with every line indented alike (under a list item, or one blank more
   * than a code block needs): the lines without that indent when one of them is then a pytest short
   * frame ({@code app/y.py:17: in fit}) or a long section's location after a {@code def} line,
   * which pytest prints at column 0; else {@code lines} unchanged.
   */
  static List<String> withoutPytestIndent(List<String> lines) {
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
          i++;
        }
        indent = Math.min(indent, i);
      }
    }
    if (indent == 0 || indent == Integer.MAX_VALUE) {
      return lines;
    }
    List<String> out = new ArrayList<>(lines.size());
    boolean def = false;
    boolean pytest = false;
    for (String line : lines) {
      String dedented = line.isBlank() ? "" : line.substring(indent);
      def |= PYTEST_DEF.matcher(dedented).matches();
      pytest |=
          pytestFrame(dedented) != null || (def && PYTEST_LOCATION.matcher(dedented).matches());
      out.add(dedented);
    }
    return pytest ? out : lines;
  }

  /** Python's sentence between two chained exceptions, as pytest prints it too. */
  private static boolean isChainSentence(String line) {
    String t = line.strip();
    return t.startsWith(TraceLexer.CAUSE) || t.startsWith(TraceLexer.DURING);
  }

  /**
   * The lines of a pytest long section into {@code out} as source lines, its {@code E} lines into
   * {@code exception}; with {@code shortFrames}, pytest's short frame lines among them (those of
   * {@code --tb=auto} before a section's {@code def}) as CPython frames.
   */
  private static void sectionLines(
      List<String> section, List<String> exception, List<String> out, boolean shortFrames) {
    for (String line : section) {
      String frame = shortFrames ? pytestFrame(line) : null;
      if (frame != null) {
        out.add("  " + frame);
      } else if (line.startsWith("E ") || line.equals("E")) {
        exception.add(line.substring(1).strip());
      } else if (!line.isBlank()
          && !PYTEST_SEPARATOR.matcher(line).matches()
          && !isPytestBanner(line)) {
        out.add("    " + (line.startsWith(">") ? " " + line.substring(1) : line));
      }
    }
  }

  /** A failed test's exception lines (typed by its last location), then cleared. */
  private static void endFailure(List<String> exception, String lastType, List<String> out) {
    if (!exception.isEmpty()) {
      String first = exception.get(0);
      ExceptionLines.ExceptionLine e = ExceptionLines.parse(first);
      if (lastType != null && (e == null || !e.strong())) {
        exception.set(0, lastType + ": " + first);
      }
      out.addAll(exception);
      exception.clear();
    } else if (lastType != null) {
      out.add(lastType);
    }
  }

  /** {@code tests/x.py:14: in f} as {@code File "tests/x.py", line 14, in f}, else null. */
  static String pytestFrame(String s) {
    int in = s.indexOf(": in ");
    if (in <= 0) {
      return null;
    }
    String function = s.substring(in + 5).strip();
    int colon = s.lastIndexOf(':', in - 1);
    if (function.isEmpty() || hasBlank(function) || colon <= 0) {
      return null;
    }
    String path = s.substring(0, colon);
    String line = s.substring(colon + 1, in);
    if (hasBlank(path) || !isDigits(line) || !CODE_FILE_END.matcher(path).matches()) {
      return null;
    }
    return "File \"" + path + "\", line " + line + ", in " + function;
  }

  /**
   * py-spy's {@code dump}: {@code Thread 8812 (idle): "MainThread"} over indented {@code wait
   * (threading.py:320)} lines, innermost call first. The thread line becomes a first-call header
   * (see {@link TraceLexer#isFirstCallHeader}) and each such line under it {@code File "…", line N,
   * in f}.
   */
  private static void pySpyDumps(List<String> lines) {
    boolean inDump = false;
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).strip();
      if (isPySpyThread(t)) {
        lines.set(i, "Traceback (most recent call first):");
        inDump = true;
        continue;
      }
      String frame = inDump && lines.get(i).startsWith(" ") ? pySpyFrame(t) : null;
      if (frame != null) {
        lines.set(i, frame);
      } else if (!t.isEmpty()) {
        inDump = false;
      }
    }
  }

  /** {@code Thread 8812 (idle): "MainThread"}, {@code Thread 0x7F1A (active+gil): "x"}. */
  static boolean isPySpyThread(String t) {
    if (!t.startsWith("Thread ") || !t.endsWith("\"") || t.length() > 300) {
      return false;
    }
    int open = t.indexOf(" (", 7);
    int close = t.indexOf("): \"", 7);
    return open > 7 && close > open && !hasBlank(t.substring(7, open));
  }

  /** {@code wait (threading.py:320)} as {@code File "threading.py", line 320, in wait}. */
  static String pySpyFrame(String t) {
    int open = t.lastIndexOf(" (");
    if (open <= 0 || !t.endsWith(")")) {
      return null;
    }
    String function = t.substring(0, open);
    String location = t.substring(open + 2, t.length() - 1);
    int colon = location.lastIndexOf(':');
    if (hasBlank(function) || colon <= 0) {
      return null;
    }
    String path = location.substring(0, colon);
    String line = location.substring(colon + 1);
    if (!isDigits(line) || !CODE_FILE_END.matcher(path).matches()) {
      return null;
    }
    return "  File \"" + path + "\", line " + line + ", in " + function;
  }

  private static boolean hasBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty() || s.length() > 9) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** A path that names a code file or has a directory ({@code /}, {@code \\}). */
  private static boolean isCodePath(String p) {
    return !p.isEmpty()
        && (p.indexOf('/') >= 0 || p.indexOf('\\') >= 0 || CODE_FILE_END.matcher(p).matches());
  }

  private static int nextNonBlank(List<String> lines, int from) {
    for (int k = from; k < lines.size(); k++) {
      if (!lines.get(k).isBlank()) {
        return k;
      }
    }
    return -1;
  }

  /**
   * The log prefix before a header or a frame on {@code line} ({@code [CRITICAL][Stream] 27.05.2026
   * 16:53:38 [] (unknown:0) -}, {@code 2026/01/26 13:47:11.329 ::}), or {@code null} when the line
   * has none. A lone exception name is no prefix: it is an IPython header's ({@code KeyError
   * Traceback (most recent call last)}).
   */
  static String logPrefix(String line) {
    int anchor = anchor(line);
    if (anchor <= 0 || anchor > MAX_PREFIX) {
      return null;
    }
    String prefix = line.substring(0, anchor).strip();
    boolean exceptionName =
        ExceptionLines.nameEnd(prefix, 0) == prefix.length()
            && ExceptionLines.isTypedName(prefix.substring(prefix.lastIndexOf('.') + 1));
    return prefix.isEmpty() || exceptionName ? null : prefix;
  }

  /**
   * {@code text} with {@code prefix} (as {@link #prefixLength} matches it) removed from each line
   * that starts with it, or {@code null} when its first non-blank line does not.
   */
  static String withoutLogPrefix(String prefix, String text) {
    String[] lines = text.split("\n", -1);
    boolean first = true;
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < lines.length; i++) {
      int len = lines[i].isBlank() ? -1 : prefixLength(prefix, lines[i]);
      if (first && !lines[i].isBlank()) {
        if (len < 0) {
          return null;
        }
        first = false;
      }
      out.append(len < 0 ? lines[i] : lines[i].substring(len));
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return first ? null : out.toString();
  }

  /**
   * Start of a traceback header, of a frame's {@code File} or of an IPython 8 cell frame ({@code
   * Cell In[}, {@code Cell In [}, {@code Input In [}) in {@code s}, else -1.
   */
  private static int anchor(String s) {
    if (s.length() < 6
        || (s.indexOf("File") < 0
            && s.indexOf(TraceLexer.HEADER) < 0
            && s.indexOf("Cell In") < 0
            && s.indexOf("Input In [") < 0)) {
      return -1;
    }
    int limit = Math.min(s.length(), MAX_PREFIX + 40);
    String head = s.substring(0, limit);
    int h = head.indexOf(TraceLexer.HEADER);
    int f = head.indexOf("File ");
    while (f >= 0) {
      int k = f + 5;
      while (k < head.length() && head.charAt(k) == ' ') {
        k++;
      }
      if (k < head.length()
          && (QUOTES.indexOf(head.charAt(k)) >= 0
              || head.charAt(k) == '~'
              || head.charAt(k) == '/')) {
        break;
      }
      f = head.indexOf("File ", f + 1);
    }
    // IPython 8 cells: Cell In[3], and the spaced Cell In [3] / Input In [3] of some 8.x releases
    int c = head.indexOf("Cell In[");
    int cs = head.indexOf("Cell In [");
    int in = head.indexOf("Input In [");
    int best = -1;
    for (int a : new int[] {h, f, c, cs, in}) {
      if (a >= 0 && (best < 0 || a < best)) {
        best = a;
      }
    }
    return best;
  }

  /**
   * Length of {@code prefix} at the start of {@code line} (leading blanks of the line skipped, a
   * digit run matching any digit run, one blank after the prefix consumed), or -1.
   */
  static int prefixLength(String prefix, String line) {
    int j = 0;
    while (j < line.length() && line.charAt(j) == ' ') {
      j++;
    }
    int i = 0;
    while (i < prefix.length()) {
      if (j >= line.length()) {
        return -1;
      }
      char p = prefix.charAt(i);
      char c = line.charAt(j);
      if (Character.isDigit(p)) {
        if (!Character.isDigit(c)) {
          return -1;
        }
        while (i < prefix.length() && Character.isDigit(prefix.charAt(i))) {
          i++;
        }
        while (j < line.length() && Character.isDigit(line.charAt(j))) {
          j++;
        }
      } else if (p == c) {
        i++;
        j++;
      } else {
        return -1;
      }
    }
    if (j < line.length() && line.charAt(j) == ' ') {
      j++;
    }
    return j;
  }

  /** Joins a frame line cut by wrapping with the line(s) that complete it. */
  private static List<String> unwrapFrames(List<String> lines) {
    List<String> out = new ArrayList<>(lines.size());
    Set<Integer> wrapWidths = null;
    int i = 0;
    while (i < lines.size()) {
      String s = lines.get(i);
      if (i + 1 < lines.size() && s.indexOf("Traceback (") >= 0) {
        String glue = headerGlue(s, lines.get(i + 1).strip());
        if (glue != null) {
          s = s.stripTrailing() + glue + lines.get(i + 1).strip();
          i++;
        }
      }
      int joins = 0;
      while (joins < MAX_JOINS && i + 1 < lines.size() && s.indexOf("File") >= 0) {
        String next = lines.get(i + 1).strip();
        int skip = 1;
        if (next.isEmpty() && i + 2 < lines.size() && endsWithLineWord(s)) {
          // File "x.py", line / blank / 37, in <module>: the number is evidence enough
          next = lines.get(i + 2).strip();
          skip = isLineNumberPart(next) ? 2 : 1;
          next = skip == 2 ? next : "";
        }
        String glue = glue(s, next);
        if (glue == null) {
          break;
        }
        s = s.stripTrailing() + glue + next;
        i += skip;
        joins++;
      }
      int args = i + 1 < lines.size() ? wrappedArguments(lines, i + 1) : 0;
      if (args > 0 && ipythonCutBeforeFunction(s, joinStripped(lines, i + 1, args))) {
        s = s.stripTrailing() + " " + joinStripped(lines, i + 1, args);
        i += args;
      } else if (i + 2 < lines.size()
          && functionCutByTerminal(
              s,
              lines.get(i + 1),
              lines.get(i + 2),
              (wrapWidths = wrapWidths != null ? wrapWidths : wrapWidths(lines))
                  .contains(s.strip().length()))) {
        s = s.stripTrailing() + lines.get(i + 1).stripTrailing();
        i++;
      }
      out.add(s);
      i++;
    }
    return out;
  }

  /**
   * How to join {@code line}, ending with a traceback header cut by an 80-column wrap ({@code
   * Traceback (most recent call} / {@code last)}), with {@code next}, which must start with the
   * header's rest: {@code " "} when the cut was at a blank, {@code ""} inside a word; else {@code
   * null}.
   */
  static String headerGlue(String line, String next) {
    int h = line.lastIndexOf("Traceback (");
    String tail = line.substring(h).stripTrailing();
    if (tail.length() >= TraceLexer.HEADER.length() || !TraceLexer.HEADER.startsWith(tail)) {
      return null;
    }
    String rest = TraceLexer.HEADER.substring(tail.length());
    if (rest.startsWith(" ")) {
      return next.startsWith(rest.substring(1)) ? " " : null;
    }
    return !line.endsWith(" ") && next.startsWith(rest) ? "" : null;
  }

  /**
   * How to join {@code line} with {@code next} when {@code line} is a frame that stops early
   * ({@code ""} inside an open quote, {@code " "} between parts), or {@code null} when not.
   */
  static String glue(String line, String next) {
    String s = frameTail(line.strip());
    if (next.isEmpty()
        || !s.startsWith("File")
        || (s.length() > 4 && s.charAt(4) != ' ')
        || s.length() > 2200) {
      return null;
    }
    String rest = withoutQuoteMark(s.substring(4).strip());
    if (rest.isEmpty()) {
      char c = next.charAt(0);
      return QUOTES.indexOf(c) >= 0 || c == '/' || c == '~' ? " " : null;
    }
    char q = rest.charAt(0);
    if (QUOTES.indexOf(q) < 0) {
      return ipythonTail(rest) && isFunctionPart(next) ? " " : null;
    }
    int close = -1;
    for (int i = 1; i < rest.length(); i++) {
      if (closesQuote(q, rest.charAt(i))) {
        close = i;
        break;
      }
    }
    if (close < 0) {
      return hasQuote(next) && next.indexOf(' ') != 0 ? "" : null;
    }
    String after = rest.substring(close + 1).strip();
    if (after.startsWith(",")) {
      after = after.substring(1).strip();
    }
    if (after.isEmpty()) {
      return next.startsWith("line ") || next.startsWith(", line ") ? " " : null;
    }
    if (after.equals("line")) {
      return isLineNumberPart(next) ? " " : null;
    }
    if ("line".startsWith(after)) {
      // a console's hard wrap inside the word: ", l" / "ine 184, in f"
      String wordRest = "line ".substring(after.length());
      return next.startsWith(wordRest) && isLineNumberPart(next.substring(wordRest.length()))
          ? ""
          : null;
    }
    if (!after.startsWith("line ")) {
      return null;
    }
    String n = after.substring(5).strip();
    int d = 0;
    while (d < n.length() && Character.isDigit(n.charAt(d))) {
      d++;
    }
    if (d == 0) {
      return null;
    }
    String tail = n.substring(d).strip();
    if (tail.isEmpty() && Character.isDigit(next.charAt(0))) {
      // the number cut by a hard wrap: "line 1" / "84, in f"
      return isLineNumberPart(next) ? "" : null;
    }
    if (tail.isEmpty() || tail.equals(",")) {
      return isFunctionPart(next) || isNameEatenPart(next) ? " " : null;
    }
    if ((tail.equals(", i") || tail.equals(",i")) && next.startsWith("n ")) {
      // the word "in" cut by a hard wrap: "line 184, i" / "n main"
      return isFunctionName(next.substring(2).strip()) ? "" : null;
    }
    if (tail.equals(", in") || tail.equals("in")) {
      // CPython prints a bare name; "sys.exit(run())" after "in" is the source line of a frame
      // whose name (<module>) was eaten as an HTML tag, and a keyword is no name
      return isFunctionName(next)
              && next.indexOf('(') < 0
              && !ExceptionLines.KEYWORDS.contains(next)
          ? " "
          : null;
    }
    return null;
  }

  /**
   * The frame {@code s} ends with: {@code s} itself when it starts with {@code File}, else the text
   * from its last {@code File} that starts a word and is followed by nothing or by a quote, {@code
   * /} or {@code ~} (a traceback reflowed as prose: {@code foo() File} / {@code "/x.py",} / {@code
   * line 3, in f}); {@code s} when there is none. Scans {@code s} once, right to left.
   */
  static String frameTail(String s) {
    if (s.startsWith("File")) {
      return s;
    }
    int f = s.lastIndexOf("File");
    while (f > 0) {
      if (Character.isWhitespace(s.charAt(f - 1)) && opensFramePath(s, f + 4)) {
        return s.substring(f);
      }
      f = s.lastIndexOf("File", f - 1);
    }
    return s;
  }

  private static boolean opensFramePath(String s, int from) {
    int k = from;
    while (k < s.length() && s.charAt(k) == ' ') {
      k++;
    }
    if (k == s.length()) {
      return true;
    }
    if (k > from
        && s.charAt(k) == '>'
        && k + 1 < s.length()
        && QUOTES.indexOf(s.charAt(k + 1)) >= 0) {
      k++; // a reflowed quote's stray margin glued to the file name: File >"/x.py"
    }
    char c = s.charAt(k);
    return k > from && (QUOTES.indexOf(c) >= 0 || c == '/' || c == '~');
  }

  /**
   * {@code rest} without a stray {@code >} glued to its opening quote ({@code >"/x.py",}): the
   * margin of a markdown quote that a reflow moved into the line (Q 42372346).
   */
  private static String withoutQuoteMark(String rest) {
    return rest.length() > 1 && rest.charAt(0) == '>' && QUOTES.indexOf(rest.charAt(1)) >= 0
        ? rest.substring(1)
        : rest;
  }

  /** Whether {@code s} ends with the word {@code line} of a frame cut before its number. */
  private static boolean endsWithLineWord(String s) {
    String t = s.stripTrailing();
    return t.endsWith(", line") || t.endsWith("\" line") || t.endsWith("\u201d line");
  }

  /** {@code 37, in <module>}, {@code 406, in} (name eaten): a frame's number and function. */
  static boolean isLineNumberPart(String next) {
    int d = 0;
    while (d < next.length() && d < 12 && Character.isDigit(next.charAt(d))) {
      d++;
    }
    if (d == 0 || d == next.length() || next.charAt(d) != ',') {
      return false;
    }
    String rest = next.substring(d + 1).strip();
    return rest.equals("in") || isFunctionPart(rest);
  }

  /**
   * The lengths (blanks stripped, {@value #WRAPPED_FRAME_LENGTH} or more) that two or more of
   * {@code lines} share: where a terminal or an editor hard-wrapped the paste.
   */
  private static Set<Integer> wrapWidths(List<String> lines) {
    Set<Integer> seen = new HashSet<>();
    Set<Integer> repeated = new HashSet<>();
    for (String line : lines) {
      int length = line.strip().length();
      if (length >= WRAPPED_FRAME_LENGTH && !seen.add(length)) {
        repeated.add(length);
      }
    }
    return repeated;
  }

  static boolean functionCutByTerminal(String line, String next, String after) {
    return functionCutByTerminal(line, next, after, false);
  }

  /**
   * Whether {@code line} is an indented, complete CPython frame whose function name goes on in
   * {@code next}: one name fragment at column 0 (closing with {@code >} when the name opened with
   * {@code <}: {@code in <modu} / {@code le>}), followed by a source line indented deeper than the
   * frame, or by a frame (a bare exception name at column 0 is followed by neither). In a paste
   * that lost its indentation, where a source line at column 0 may be a bare name too (Python 3.8+
   * shows an argument's line of a call over several lines: {@code test_mode}), the frame must be as
   * long as another line of the paste ({@code atAWrapWidth}: both cut at the terminal's width,
   * {@value #WRAPPED_FRAME_LENGTH} characters or more) and the fragment no keyword ({@code raise}).
   */
  static boolean functionCutByTerminal(
      String line, String next, String after, boolean atAWrapWidth) {
    if (line.isEmpty() || next.isEmpty()) {
      return false;
    }
    boolean indented = Character.isWhitespace(line.charAt(0));
    String s = line.strip();
    if (!indented && (!atAWrapWidth || s.length() < WRAPPED_FRAME_LENGTH)) {
      return false;
    }
    int in = s.lastIndexOf(", in ");
    if (!s.startsWith("File") || in < 0 || !LINE_NUMBER_END.matcher(s.substring(0, in)).matches()) {
      return false;
    }
    String name = s.substring(in + 5);
    // a console's 80-column wrap also cuts an angle-bracketed name: "in <modu" / "le>"
    boolean angled = name.length() > 1 && name.charAt(0) == '<' && allNameParts(name.substring(1));
    if (name.isEmpty() || !(angled || allNameParts(name))) {
      return false;
    }
    String fragment = next.stripTrailing();
    String part =
        angled && fragment.endsWith(">")
            ? fragment.substring(0, fragment.length() - 1)
            : angled ? null : fragment;
    if (fragment.length() > 200
        || part == null
        || !allNameParts(part)
        || !indented && ExceptionLines.KEYWORDS.contains(part)) {
      return false;
    }
    String a = after.strip();
    if (a.isEmpty()) {
      return false;
    }
    // a source line sits deeper than its frame; exception-group rules (+---, |) do not count
    boolean source = (!indented || indent(after) > indent(line)) && "+|-=".indexOf(a.charAt(0)) < 0;
    return source || a.startsWith("File ");
  }

  private static boolean allNameParts(String s) {
    return s.chars().allMatch(c -> ExceptionLines.isNamePart((char) c));
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * Whether {@code line} is an old IPython frame cut before its function ({@code /x/ops.py in}: the
   * line starts with a path ({@code /}, {@code ~}, {@code .}, a drive) or is an {@code
   * <ipython-input-…>} cell) and {@code next} is the function with its argument list; or cut before
   * the word {@code in} ({@code line} is the path alone, {@code next} reads {@code in f(…)}).
   */
  static boolean ipythonCutBeforeFunction(String line, String next) {
    String s = line.strip();
    String n = next.strip();
    if (s.length() > 2200) {
      return false;
    }
    String path;
    if (s.endsWith(" in")) {
      path = s.substring(0, s.length() - 3).strip();
    } else if (n.startsWith("in ")) {
      path = s; // cut before the word: "/x/registry.py" / "in put(self, k, v)"
      n = n.substring(3).strip();
    } else {
      return false;
    }
    boolean cell = path.startsWith("<ipython-input-") && path.endsWith(">");
    boolean file = PATH_START.matcher(path).lookingAt() && CODE_FILE_END.matcher(path).matches();
    return (cell || file) && n.indexOf('(') > 0 && isFunctionName(withoutContext(n));
  }

  /**
   * How many lines from {@code from} hold a function and its argument list: 1, or up to {@value
   * #MAX_JOINS} + 1 when the list's brackets close only on a later line (an old IPython frame whose
   * arguments a terminal wrapped: {@code in init(self, sentences,} / {@code epochs, **kwargs)}).
   */
  private static int wrappedArguments(List<String> lines, int from) {
    String first = lines.get(from);
    int depth = depth(first, 0);
    int k = 1;
    while (depth > 0 && k <= MAX_JOINS && from + k < lines.size()) {
      depth = depth(lines.get(from + k), depth);
      k++;
    }
    return depth == 0 ? k : 1;
  }

  /** Bracket depth after {@code s}, starting from {@code depth}; stops at 0 after an opening. */
  private static int depth(String s, int depth) {
    int n = Math.min(s.length(), 2200);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && depth > 0 && --depth == 0) {
        return 0;
      }
    }
    return depth;
  }

  private static String joinStripped(List<String> lines, int from, int count) {
    if (count == 1) {
      return lines.get(from).strip();
    }
    StringBuilder b = new StringBuilder(lines.get(from).strip());
    for (int k = 1; k < count; k++) {
      b.append(' ').append(lines.get(from + k).strip());
    }
    return b.toString();
  }

  /**
   * {@code n} cut after its argument list when IPython's numbered context follows on the same line
   * ({@code load(cls, *args) 1329 try:}, a wrapped paste), else {@code n}.
   */
  static String withoutContext(String n) {
    int open = n.indexOf('(');
    int depth = 0;
    int limit = Math.min(n.length(), open + 300);
    for (int i = open; i < limit; i++) {
      char c = n.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        String rest = n.substring(i + 1);
        String r = rest.strip();
        boolean context =
            !rest.isEmpty()
                && Character.isWhitespace(rest.charAt(0))
                && !r.isEmpty()
                && Character.isDigit(r.charAt(0));
        return context ? n.substring(0, i + 1) : n;
      }
    }
    return n;
  }

  private static boolean ipythonTail(String rest) {
    int colon = rest.lastIndexOf(':');
    if (colon < 0) {
      return false;
    }
    String n = rest.substring(colon + 1);
    if (n.endsWith(",")) {
      n = n.substring(0, n.length() - 1);
    }
    return !n.isEmpty() && n.chars().allMatch(Character::isDigit);
  }

  /**
   * Whether {@code c} closes a file name opened by {@code opener}: a double-style opener closes at
   * any double-style quote, a single-style one at any single-style quote (posters' tools change the
   * two ends differently: {@code “/x.py”}, {@code «x.py»}).
   */
  static boolean closesQuote(char opener, char c) {
    return QUOTES.indexOf(c) >= 0
        && (SINGLE_QUOTES.indexOf(c) >= 0) == (SINGLE_QUOTES.indexOf(opener) >= 0);
  }

  private static boolean hasQuote(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (QUOTES.indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** {@code in f}, {@code , in f}, {@code in f(x)}: the function part of a wrapped frame. */
  /**
   * {@code in} alone (or {@code , in}): the rest of a frame wrapped after its number whose name
   * ({@code <module>}) was eaten as an HTML tag.
   */
  private static boolean isNameEatenPart(String next) {
    String s = next.startsWith(",") ? next.substring(1).strip() : next;
    return s.equals("in");
  }

  private static boolean isFunctionPart(String next) {
    String s = next.startsWith(",") ? next.substring(1).strip() : next;
    return s.startsWith("in ") && isFunctionName(s.substring(3).strip());
  }

  /** One function token, maybe {@code <…>} or followed by an argument list, and nothing else. */
  private static boolean isFunctionName(String s) {
    if (s.isEmpty() || s.length() > 300) {
      return false;
    }
    int i = 0;
    if (s.charAt(0) == '<') {
      int close = s.indexOf('>');
      if (close < 0) {
        return false;
      }
      i = close + 1;
    } else {
      while (i < s.length() && (ExceptionLines.isNamePart(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      if (i == 0) {
        return false;
      }
    }
    String rest = s.substring(i).strip();
    return rest.isEmpty() || (rest.startsWith("(") && rest.endsWith(")"));
  }
}
