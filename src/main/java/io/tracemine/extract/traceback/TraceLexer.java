package io.tracemine.extract.traceback;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts normalised text into items: traceback headers, chain markers, frames, location lines and
 * plain text. Markers are found anywhere in a line, so flattened text (newlines lost) is cut into
 * the same items as a well-formed traceback. Linear: each marker literal is searched with {@code
 * indexOf} from a cached position and every validation reads a bounded window.
 */
final class TraceLexer {
  static final String HEADER = "Traceback (most recent call last)";
  static final String DURING = "During handling of the above exception, another exception occurred";
  static final String CAUSE = "The above exception was the direct cause of the following exception";
  private static final String[] LITERALS = {
    HEADER, DURING, CAUSE, "File", " in ", "Cell In", "Input In ["
  };
  private static final int T_HEADER = 0;
  private static final int T_DURING = 1;
  private static final int T_CAUSE = 2;
  private static final int T_FILE = 3;
  private static final int T_IN = 4;
  private static final int T_CELL = 5;
  private static final int T_INPUT = 6;
  private static final int MAX_PATH = 2048;
  private static final int MAX_UNQUOTED_PATH = 512;
  private static final int MAX_BRACKETED_NAME = 80;
  private static final int MAX_FUNCTION = 500;
  private static final int MAX_ARGS = 300;

  /** File and function placeholder when HTML rendering ate an angle-bracketed name. */
  static final String SWALLOWED = "<swallowed>";

  private static final java.util.regex.Pattern BARE_CYTHON_FILE =
      java.util.regex.Pattern.compile("[\\w.-]{1,200}\\.(?:pyx|pxi)");

  /** A C or C++ file and line, as Cython names them: {@code ./gensim/models/x.c:5165}. */
  private static final java.util.regex.Pattern C_LOCATION =
      java.util.regex.Pattern.compile("[^\\s()]{1,300}\\.(?:c|cpp):\\d{1,7}");

  private static final String[] CODE_EXTENSIONS = {
    ".py", ".pyc", ".pyx", ".pyo", ".pxd", ".pxi", ".pyi", ".so"
  };

  /**
   * A cheap test that {@code text} cannot hold a traceback header or a frame, so most prose and
   * code blocks skip repair and lexing: {@code false} only when {@link TracebackParser#parse} finds
   * nothing. Conservative: every marker {@link #lex} recognises needs one of these substrings after
   * {@link TextNormalizer} (see {@link #mayHoldFramesNormalized}); the raw text is tested first,
   * and the normalised one only when normalising could change a marker.
   */
  static boolean mayHoldFrames(String text) {
    if (mayHoldFramesNormalized(text)) {
      return true;
    }
    // most prose is rejected without normalising: only these characters can change a marker
    if (!TextNormalizer.mayChangeMarkers(text)) {
      return false;
    }
    String normalized = TextNormalizer.normalize(text);
    return normalized != text && mayHoldFramesNormalized(normalized);
  }

  /**
   * {@link #mayHoldFrames} on text already through {@link TextNormalizer} (no-break spaces and
   * colour codes, which can hide the markers, are gone). An old IPython frame needs the word {@code
   * in} after a code path or an angle-bracketed name; the word may end its line, as {@link
   * PasteRepair} joins a frame cut before its function ({@code <ipython-input-1-ab> in} / {@code
   * <module>()}), and the brackets may still be escaped ({@code &lt;}), as {@link PasteRepair}
   * decodes them. A line reading {@code in <cell line: 1>()} or {@code in ()} is a frame whose
   * names HTML rendering ate.
   */
  static boolean mayHoldFramesNormalized(String text) {
    if (text.contains("Traceback")
        || text.contains("File")
        || text.contains("Cell In[")
        || text.contains("Cell In [")
        || text.contains("Input In [")
        || text.contains("During handling")
        || text.contains("direct cause")
        || text.contains("in user code:")) {
      return true;
    }
    if ((text.contains("Thread ") || text.contains("def ")) && holdsCodeFileLocation(text)) {
      // a py-spy dump: "wait (threading.py:320)" under "Thread 12 (idle): "x""; pytest's long
      // traceback: a function's source ("def f(…):") over its location ("app/y.py:5: ")
      return true;
    }
    if (!hasWordIn(text)) {
      return false;
    }
    if (text.indexOf('<') >= 0 || text.contains("&lt;") || text.contains("in ()")) {
      return true;
    }
    for (String ext : CODE_EXTENSIONS) {
      if (text.contains(ext)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code text} holds a code file's name followed by a colon ({@code x.py:3}). */
  private static boolean holdsCodeFileLocation(String text) {
    for (String ext : CODE_EXTENSIONS) {
      if (text.contains(ext + ":")) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code text} holds {@code in} between whitespace or the text's ends. */
  private static boolean hasWordIn(String text) {
    int i = text.indexOf("in");
    while (i >= 0) {
      boolean before = i == 0 || Character.isWhitespace(text.charAt(i - 1));
      boolean after = i + 2 == text.length() || Character.isWhitespace(text.charAt(i + 2));
      if (before && after) {
        return true;
      }
      i = text.indexOf("in", i + 1);
    }
    return false;
  }

  enum Kind {
    HEADER,
    CHAIN_DURING,
    CHAIN_CAUSE,
    FRAME,
    LOCATION,
    /** {@code +-+---- 1 ----}: the first sub-exception of an exception group follows. */
    GROUP_FIRST,
    /** {@code +---- 2 ----} (or {@code ... ----}): the next sub-exception of the same group. */
    GROUP_NEXT,
    /** {@code +--------}: the innermost exception group ends. */
    GROUP_END,
    TEXT,
    BLANK
  }

  /**
   * One lexed item. {@code indent} is the count of leading blanks when the item starts its line,
   * else -1; {@code afterFrame} marks text that followed a frame on the same line; {@code hint} is
   * the exception name IPython prints before its header.
   */
  record Item(
      Kind kind,
      String text,
      Frame frame,
      int indent,
      boolean afterFrame,
      String hint,
      boolean endsLine) {
    Item(Kind kind, String text, Frame frame, int indent, boolean afterFrame, String hint) {
      this(kind, text, frame, indent, afterFrame, hint, false);
    }
  }

  private static final Item BLANK_ITEM = new Item(Kind.BLANK, "", null, 0, false, null);

  private record Marker(int type, int start, int end, Kind kind, Frame frame, String hint) {}

  private TraceLexer() {}

  /** The kind of an exception-group separator line ({@code +-+---- 1 ----}), or null. */
  static Kind groupSeparator(String t) {
    if (!t.startsWith("+-") || !t.contains("----") || t.length() > 200) {
      return null;
    }
    boolean number = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isDigit(c) || c == '.') {
        number = true;
      } else if (c != '+' && c != '-' && c != ' ') {
        return null;
      }
    }
    if (!number) {
      return Kind.GROUP_END;
    }
    return t.startsWith("+-+") ? Kind.GROUP_FIRST : Kind.GROUP_NEXT;
  }

  static List<Item> lex(String text) {
    List<Item> items = new ArrayList<>();
    int n = text.length();
    int from = 0;
    int previousFrom = -1;
    while (from <= n) {
      int nl = text.indexOf('\n', from);
      int to = nl < 0 ? n : nl;
      if (to == from) {
        items.add(BLANK_ITEM);
      } else if (isDoctestLocation(text, previousFrom, from, to)) {
        String line = text.substring(from, to);
        int indent = line.length() - line.stripLeading().length();
        items.add(new Item(Kind.TEXT, line, null, indent, false, null, true));
      } else {
        String line = withoutFrameMark(text.substring(from, to));
        boolean arrowNext = nl >= 0 && startsWithArrow(text, nl + 1);
        if (arrowNext && line.endsWith(" in")) {
          line += " "; // the word is found as " in ", which a wrap's join may have cut to " in"
        }
        new LineLexer(line, arrowNext, items).run();
      }
      if (nl < 0) {
        break;
      }
      previousFrom = from;
      from = nl + 1;
    }
    return items;
  }

  private static final String DOCTEST_TITLE = "Failed doctest test for ";
  private static final String DOCTEST_EXAMPLE = "Failed example:";

  /**
   * Whether the line {@code from..to} of {@code text} (the one before it starts at {@code
   * previousFrom}, -1 for none) is a doctest report's location, {@code File "m.py", line 58, in
   * m.f}: under the report's title ({@code AssertionError: Failed doctest test for m.f}, as
   * unittest raises it) or over {@code Failed example:}. It names the example that failed, not a
   * frame of a stack (before, such lines were read as a traceback of their own).
   */
  private static boolean isDoctestLocation(String text, int previousFrom, int from, int to) {
    if (!text.startsWith("File ", skipSpaces(text, from))) {
      return false;
    }
    if (previousFrom >= 0 && text.substring(previousFrom, from).contains(DOCTEST_TITLE)) {
      return true;
    }
    int next = skipSpaces(text, to + 1);
    return to < text.length() && text.startsWith(DOCTEST_EXAMPLE, next);
  }

  private static int skipSpaces(String text, int from) {
    int k = from;
    while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k++;
    }
    return k;
  }

  /**
   * Whether the line at {@code from} starts, after blanks, with IPython's arrow ({@code ---->}).
   */
  private static boolean startsWithArrow(String text, int from) {
    int k = skipSpaces(text, from);
    int dashes = k;
    while (dashes < text.length() && text.charAt(dashes) == '-') {
      dashes++;
    }
    return dashes - k >= 2 && dashes < text.length() && text.charAt(dashes) == '>';
  }

  /**
   * {@code > File "…"}: loguru and better_exceptions mark the frame that was running with a {@code
   * >} before it; the mark is blanked so the frame keeps its column.
   */
  static String withoutFrameMark(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    if (i >= line.length() || line.charAt(i) != '>') {
      return line;
    }
    int j = i + 1;
    while (j < line.length() && line.charAt(j) == ' ') {
      j++;
    }
    if (j == i + 1 || !line.startsWith("File ", j) && !line.startsWith("File\"", j)) {
      return line;
    }
    return line.substring(0, i) + ' ' + line.substring(i + 1);
  }

  /**
   * A header of a stack printed innermost call first: faulthandler's {@code Current thread 0x…
   * (most recent call first):} and {@code Thread 0x… (most recent call first):}, gdb's {@code
   * Traceback (most recent call first):}. Each starts a traceback of its own (its frames are kept
   * as printed).
   */
  static boolean isFirstCallHeader(String t) {
    if (!t.endsWith(" (most recent call first):")) {
      return false;
    }
    return t.startsWith("Traceback ")
        || t.startsWith("Thread 0x")
        || t.startsWith("Current thread 0x");
  }

  /**
   * Django's chain sentence, which prints the cause's message: {@code The above exception (no such
   * table: x) was the direct cause of the following exception:}.
   */
  static boolean isDjangoCause(String t) {
    return t.startsWith("The above exception (")
        && t.endsWith(") was the direct cause of the following exception:");
  }

  /** Lexes one physical line; holds the per-literal search caches. */
  private static final class LineLexer {
    private final String s;
    private final List<Item> out;
    private final int[] next = new int[LITERALS.length];
    private final Marker[] found = new Marker[LITERALS.length];
    private final int firstNonBlank;
    private final boolean arrowNext;

    /** {@code arrowNext}: the next line starts with IPython's arrow ({@code ---->}). */
    LineLexer(String s, boolean arrowNext, List<Item> out) {
      this.s = s;
      this.arrowNext = arrowNext;
      this.out = out;
      int i = 0;
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      this.firstNonBlank = i;
      Arrays.fill(next, -2);
    }

    void run() {
      if (s.isBlank()) {
        out.add(BLANK_ITEM);
        return;
      }
      Kind group = groupSeparator(s.strip());
      if (group != null) {
        out.add(new Item(group, s.strip(), null, firstNonBlank, false, null));
        return;
      }
      if (isFirstCallHeader(s.strip())) {
        out.add(new Item(Kind.HEADER, s.strip(), null, firstNonBlank, false, null));
        return;
      }
      if (isDjangoCause(s.strip())) {
        out.add(new Item(Kind.CHAIN_CAUSE, s.strip(), null, firstNonBlank, false, null));
        return;
      }
      if (s.startsWith("in <", firstNonBlank)) {
        Marker m = swallowedFileFrame();
        if (m != null) {
          out.add(
              new Item(
                  Kind.FRAME,
                  s.substring(m.start(), m.end()),
                  m.frame(),
                  firstNonBlank,
                  false,
                  null));
          return;
        }
      }
      int pos = 0;
      boolean afterFrame = false;
      while (pos < s.length()) {
        Marker m = nextMarker(pos);
        int textEnd = m == null ? s.length() : m.start();
        if (textEnd > pos && !s.substring(pos, textEnd).isBlank()) {
          out.add(
              new Item(
                  Kind.TEXT,
                  s.substring(pos, textEnd),
                  null,
                  indentAt(pos),
                  afterFrame,
                  null,
                  m == null));
        }
        if (m == null) {
          return;
        }
        out.add(
            new Item(
                m.kind(),
                s.substring(m.start(), m.end()),
                m.frame(),
                indentAt(m.start()),
                false,
                m.hint()));
        afterFrame = m.kind() == Kind.FRAME || m.kind() == Kind.LOCATION;
        pos = Math.max(m.end(), pos + 1);
      }
    }

    /** {@code in <cell line: 16>()} alone on its line: IPython's cell name was eaten as a tag. */
    private Marker swallowedFileFrame() {
      int f = firstNonBlank + 3;
      int fe = functionEnd(f);
      if (fe <= f + 1 || s.charAt(fe - 1) != '>') {
        return null;
      }
      int end = fe;
      if (end < s.length() && s.charAt(end) == '(') {
        end = argsEnd(end);
        if (end < 0) {
          return null;
        }
      }
      if (!s.substring(end).isBlank()) {
        return null;
      }
      return new Marker(
          T_IN,
          firstNonBlank,
          end,
          Kind.FRAME,
          Frames.of(SWALLOWED, null, s.substring(f, fe)),
          null);
    }

    /** Leading-blank count when only blanks precede {@code at} on the line, else -1. */
    private int indentAt(int at) {
      return at <= firstNonBlank ? firstNonBlank : -1;
    }

    private Marker nextMarker(int pos) {
      Marker best = null;
      for (int t = 0; t < LITERALS.length; t++) {
        Marker m = firstValid(t, pos);
        if (m != null && (best == null || m.start() < best.start())) {
          best = m;
        }
      }
      return best;
    }

    private Marker firstValid(int t, int pos) {
      if (found[t] != null && found[t].start() >= pos) {
        return found[t];
      }
      found[t] = null;
      int idx = next[t] >= pos || next[t] == -1 ? next[t] : s.indexOf(LITERALS[t], pos);
      while (idx >= 0) {
        Marker m = tryAt(t, idx, pos);
        if (m != null) {
          next[t] = idx;
          found[t] = m;
          return m;
        }
        idx = s.indexOf(LITERALS[t], idx + 1);
      }
      next[t] = -1;
      return null;
    }

    private Marker tryAt(int t, int idx, int pos) {
      return switch (t) {
        case T_HEADER -> header(idx, pos);
        case T_DURING -> chain(idx, T_DURING, Kind.CHAIN_DURING);
        case T_CAUSE -> chain(idx, T_CAUSE, Kind.CHAIN_CAUSE);
        case T_FILE -> file(idx);
        case T_IN -> ipythonFrame(idx, pos);
        case T_CELL -> s.startsWith("Cell In[", idx) ? cell(idx, "Cell In[", ']') : spacedCell(idx);
        default -> cell(idx, "Input In [", ']');
      };
    }

    private Marker header(int idx, int pos) {
      int end = idx + HEADER.length();
      if (end < s.length() && s.charAt(end) == ':') {
        end++;
      }
      int j = idx;
      while (j > pos && Character.isWhitespace(s.charAt(j - 1))) {
        j--;
      }
      int k = j;
      while (k > pos
          && k > j - ExceptionLines.MAX_NAME
          && !Character.isWhitespace(s.charAt(k - 1))) {
        k--;
      }
      if (k < j) {
        ExceptionLines.ExceptionLine e = ExceptionLines.parse(s.substring(k, j));
        if (e != null && e.message() == null && j < idx && s.charAt(j - 1) != ':') {
          // IPython's "ValueError    Traceback (…)"; not "ImportError: Traceback (…)", a message
          return new Marker(T_HEADER, k, end, Kind.HEADER, null, e.type());
        }
      }
      return new Marker(T_HEADER, idx, end, Kind.HEADER, null, null);
    }

    private Marker chain(int idx, int t, Kind kind) {
      int end = idx + LITERALS[t].length();
      if (end < s.length() && s.charAt(end) == ':') {
        end++;
      }
      return new Marker(t, idx, end, kind, null, null);
    }

    /**
     * {@code File "path", line N, in f} (commas and parts optional) or IPython 8 {@code File
     * path:N, in f(…)}.
     */
    private Marker file(int idx) {
      if (idx > 0 && ExceptionLines.isNamePart(s.charAt(idx - 1))) {
        return null;
      }
      int after = idx + 4;
      if (after >= s.length()
          || !(s.charAt(after) == ' '
              || s.charAt(after) == '\t'
              || PasteRepair.QUOTES.indexOf(s.charAt(after)) >= 0)) {
        return null; // "Filename", "FileNotFoundError"; but "File\"/x.py\"" is pasted too
      }
      int j = skipBlanks(after);
      if (j >= s.length()) {
        return null;
      }
      String path;
      int k;
      Integer line = null;
      if (PasteRepair.QUOTES.indexOf(s.charAt(j)) >= 0) {
        int close = closingQuote(j);
        if (close < 0) {
          return null;
        }
        path = s.substring(j + 1, close).strip();
        k = skipBlanks(close + 1);
        if (k < s.length() && s.charAt(k) == ',') {
          k = skipBlanks(k + 1);
        }
        if (s.startsWith("line", k)) {
          int d = skipBlanks(k + 4);
          int e = lineValueEnd(d);
          if (e > d) {
            line = lineValue(d, e);
            k = skipBlanks(e);
            if (k < s.length() && s.charAt(k) == ',') {
              k = skipBlanks(k + 1);
            }
          }
        }
        if (path.isEmpty()) {
          if (line == null) {
            return null;
          }
          path = SWALLOWED; // "<string>" or "<stdin>" eaten as an HTML tag
        }
      } else if (bracketedNameEnd(j) > 0 || eatenNameBefore(j)) {
        // an unquoted pseudo-file, as Databricks prints a cell's: File <command-12>, line 7, in f;
        // or its name eaten as an HTML tag: File , line 7, in f
        int close = eatenNameBefore(j) ? j : bracketedNameEnd(j);
        path = close == j ? SWALLOWED : s.substring(j, close);
        k = skipBlanks(skipBlanks(close) + 1);
        int e = digitsEnd(skipBlanks(k + 4));
        line = parseLine(skipBlanks(k + 4), e);
        k = skipBlanks(e);
        if (k < s.length() && s.charAt(k) == ',') {
          k = skipBlanks(k + 1);
        }
        if (!s.startsWith("in", k) && afterHeaderOrAtLineStart(idx)) {
          // a cell's top level, as IPython 8's File path:N and Cell In[3], line 5 print it; in
          // running text it stays a location, as a quoted File "<x>", line 3 is
          return new Marker(T_FILE, idx, e, Kind.FRAME, Frames.of(path, line, "<module>"), null);
        }
      } else {
        int colon = unquotedPathEnd(j);
        if (colon < 0) {
          return null;
        }
        path = s.substring(j, colon).strip();
        int e = digitsEnd(colon + 1);
        line = parseLine(colon + 1, e);
        k = skipBlanks(e);
        if (k < s.length() && s.charAt(k) == ',') {
          k = skipBlanks(k + 1);
        }
        if (!s.startsWith("in ", k)) {
          return new Marker(T_FILE, idx, e, Kind.FRAME, Frames.of(path, line, "<module>"), null);
        }
      }
      if (s.startsWith("in ", k) || s.startsWith("in\t", k)) {
        return functionFrame(idx, skipBlanks(k + 3), path, line, true);
      }
      if (line != null && s.startsWith("in", k) && skipBlanks(k + 2) == s.length()) {
        // "in <module>" with the name eaten as an HTML tag
        return new Marker(
            T_FILE, idx, s.length(), Kind.FRAME, Frames.of(path, line, SWALLOWED), null);
      }
      return line == null ? null : new Marker(T_FILE, idx, k, Kind.LOCATION, null, null);
    }

    /**
     * The quote closing the one at {@code open} ({@link PasteRepair#closesQuote}); -1 when none
     * within {@link #MAX_PATH}.
     */
    private int closingQuote(int open) {
      char opener = s.charAt(open);
      int limit = Math.min(s.length(), open + 1 + MAX_PATH);
      for (int i = open + 1; i < limit; i++) {
        if (PasteRepair.closesQuote(opener, s.charAt(i))) {
          return i;
        }
      }
      return -1;
    }

    /**
     * For IPython 8's unquoted {@code File path:N}: index of the colon before N, or -1. A relative
     * path ({@code pandas/_libs/index.pyx:167}, as IPython prints a Cython module's) has no blank
     * and is a Cython file's ({@code .pyx}, {@code .pxi}, {@code .pxd}).
     */
    private int unquotedPathEnd(int j) {
      char c = s.charAt(j);
      boolean drive = j + 2 < s.length() && Frames.hasDrive(s.substring(j, j + 3));
      boolean relative = !drive && ExceptionLines.isNamePart(c);
      if (!(c == '~' || c == '/' || c == '.' || c == '<' || c == '\\' || drive || relative)) {
        return -1;
      }
      int limit = Math.min(s.length(), j + MAX_UNQUOTED_PATH);
      for (int i = j + 1; i < limit; i++) {
        char d = s.charAt(i);
        if (d == '"' || (relative && Character.isWhitespace(d))) {
          return -1;
        }
        if (d == ':' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
          int e = digitsEnd(i + 1);
          if (e == s.length() || s.charAt(e) == ',' || Character.isWhitespace(s.charAt(e))) {
            return !relative || isCythonFile(s.substring(j, i)) ? i : -1;
          }
        }
      }
      return -1;
    }

    /**
     * For an unquoted pseudo-file at {@code j} followed by a comma and its line ({@code
     * <command-12>, line 7}, as Databricks prints a notebook cell's frame; {@code <stdin>}, {@code
     * <string>} and any other {@link #isBracketedName bracketed name} alike): the index after its
     * {@code >}, or -1. The comma and {@code line} with its number are required: without quotes
     * they are what tells the frame from prose ({@code File <foo> is missing, line 3}).
     */
    private int bracketedNameEnd(int j) {
      if (s.charAt(j) != '<') {
        return -1;
      }
      int limit = Math.min(s.length(), j + MAX_BRACKETED_NAME);
      int close = j + 1;
      while (close < limit && s.charAt(close) != '>') {
        close++;
      }
      if (close >= limit || !isBracketedName(s.substring(j, close + 1))) {
        return -1;
      }
      int k = skipBlanks(close + 1);
      if (k >= s.length() || s.charAt(k) != ',') {
        return -1;
      }
      k = skipBlanks(k + 1);
      if (!s.startsWith("line", k)) {
        return -1;
      }
      int d = skipBlanks(k + 4);
      return digitsEnd(d) > d ? close + 1 : -1;
    }

    /**
     * Whether an unquoted pseudo-file's name was eaten as an HTML tag before {@code j}: {@code File
     * <command-12>, line 7} read as {@code File , line 7} (the comma, {@code line} and its number
     * right after {@code File}).
     */
    private boolean eatenNameBefore(int j) {
      if (s.charAt(j) != ',') {
        return false;
      }
      int k = skipBlanks(j + 1);
      if (!s.startsWith("line", k)) {
        return false;
      }
      int d = skipBlanks(k + 4);
      return digitsEnd(d) > d;
    }

    /** Old IPython: {@code /path/x.py in f(args)} or {@code <ipython-input-1-ab> in <module>()}. */
    private Marker ipythonFrame(int idx, int pos) {
      int k = idx;
      while (k > pos && k > idx - MAX_PATH && !Character.isWhitespace(s.charAt(k - 1))) {
        k--;
      }
      String token = s.substring(k, idx);
      int p = pos;
      while (p < idx && p < pos + MAX_PATH && Character.isWhitespace(s.charAt(p))) {
        p++;
      }
      String prefix = idx - p <= MAX_PATH ? s.substring(p, idx).strip() : token;
      if (!prefix.equals(token) && Frames.hasDrive(prefix) && isCodePath(prefix)) {
        token = prefix; // a Windows path with spaces, alone before " in "
        k = p;
      } else if ((s.startsWith(" in ()", idx) || (arrowNext && s.substring(idx + 3).isBlank()))
          && afterHeaderOrAtLineStart(idx)) {
        // IPython's "<ipython-input-…> in <module>()" with both names eaten as HTML tags; IPython 7
        // and later print "in <module>", which leaves "in" alone over the arrow at the line it ran
        int end = s.startsWith(" in ()", idx) ? idx + 6 : idx + 3;
        return new Marker(
            T_IN, idx + 1, end, Kind.FRAME, Frames.of(SWALLOWED, null, SWALLOWED), null);
      } else if (isBracketedName(prefix) && !prefix.equals(token)) {
        token = prefix; // numpy's "<__array_function__ internals>"
        k = p;
      } else if (!(isCodePath(token)
          || (token.startsWith("<") && token.endsWith(">"))
          || (p == k && isBareCythonFile(token)))) {
        return null;
      }
      int f = idx + 4;
      Marker moduleInit = moduleInitFrame(k, f, token);
      if (moduleInit != null) {
        return moduleInit;
      }
      int fe = functionEnd(f);
      int cLocationEnd = cLocationEnd(fe);
      boolean args = fe < s.length() && s.charAt(fe) == '(';
      if (fe <= f
          || !(args
              || cLocationEnd > 0
              || s.charAt(f) == '<'
              || token.startsWith("<ipython-input"))) {
        return null;
      }
      Marker m = functionFrame(k, f, token, null, false);
      if (m != null && cLocationEnd > 0) {
        int end = cLocationEnd;
        if (s.startsWith("()", end)) {
          end += 2;
        }
        return new Marker(T_IN, k, end, Kind.FRAME, m.frame(), null);
      }
      return m == null ? null : new Marker(T_IN, k, m.end(), Kind.FRAME, m.frame(), null);
    }

    /**
     * After an old IPython Cython frame's function, its C location: {@code " (./x/y.c:5165)"}; the
     * index after its {@code )}, or -1.
     */
    private int cLocationEnd(int fe) {
      if (!s.startsWith(" (", fe)) {
        return -1;
      }
      int close = s.indexOf(')', fe + 2);
      if (close < 0 || close - fe > MAX_PATH) {
        return -1;
      }
      String location = s.substring(fe + 2, close);
      return C_LOCATION.matcher(location).matches() ? close + 1 : -1;
    }

    /** {@code <…>} without blanks at either end or other brackets: numpy's dispatcher "file". */
    private static boolean isBracketedName(String prefix) {
      return prefix.length() > 2
          && prefix.length() <= MAX_BRACKETED_NAME
          && prefix.charAt(0) == '<'
          && prefix.indexOf('<', 1) < 0
          && prefix.indexOf('>') == prefix.length() - 1
          && !Character.isWhitespace(prefix.charAt(1));
    }

    /**
     * A compiled module's init, as old IPython names its frame: {@code
     * …/_matutils.cpython-39-x86_64-linux-gnu.so in init gensim._matutils()} (the function is
     * {@code init} and the module's dotted name, blank and all); null when {@code token} is no
     * {@code .so} file or {@code init name()} does not follow.
     */
    private Marker moduleInitFrame(int k, int f, String token) {
      if (!token.endsWith(".so") || !s.startsWith("init ", f)) {
        return null;
      }
      int name = f + 5;
      int nameEnd = functionEnd(name);
      if (nameEnd <= name || !s.startsWith("()", nameEnd)) {
        return null;
      }
      return new Marker(
          T_IN, k, nameEnd + 2, Kind.FRAME, Frames.of(token, null, s.substring(f, nameEnd)), null);
    }

    /** Only blanks, or a traceback header and blanks, precede {@code idx} on the line. */
    private boolean afterHeaderOrAtLineStart(int idx) {
      int j = idx;
      while (j > 0 && Character.isWhitespace(s.charAt(j - 1))) {
        j--;
      }
      return j == 0 || (j >= 10 && s.startsWith("call last)", j - 10));
    }

    /** A Cython file named without a directory, as old IPython prints it: {@code cy_model.pyx}. */
    private static boolean isBareCythonFile(String token) {
      return BARE_CYTHON_FILE.matcher(token).matches();
    }

    private static boolean isCythonFile(String path) {
      return path.endsWith(".pyx") || path.endsWith(".pxi") || path.endsWith(".pxd");
    }

    private static boolean hasCodeExtension(String path) {
      for (String ext : CODE_EXTENSIONS) {
        if (path.endsWith(ext)) {
          return true;
        }
      }
      return false;
    }

    private static boolean isCodePath(String token) {
      return (token.indexOf('/') >= 0 || token.indexOf('\\') >= 0) && hasCodeExtension(token);
    }

    /**
     * IPython 8 cells: {@code Cell In[3], line 5, in f(x)} (some 8.x releases print {@code Cell In
     * [3]}) / {@code Input In [3], in <cell line: 1>()}.
     */
    private Marker cell(int idx, String literal, char close) {
      int d = idx + literal.length();
      int e = digitsEnd(d);
      if (e == d || e >= s.length() || s.charAt(e) != close) {
        return null;
      }
      String raw = s.substring(idx, e + 1);
      int k = e + 1;
      Integer line = null;
      if (s.startsWith(", line ", k)) {
        int ld = k + 7;
        int le = lineValueEnd(ld);
        if (le > ld) {
          line = lineValue(ld, le);
          k = le;
        }
      }
      if (s.startsWith(", in ", k)) {
        Marker m = functionFrame(idx, k + 5, raw, line, false);
        if (m != null) {
          return new Marker(T_CELL, idx, m.end(), Kind.FRAME, m.frame(), null);
        }
      }
      return new Marker(T_CELL, idx, k, Kind.FRAME, Frames.of(raw, line, "<module>"), null);
    }

    /**
     * {@code Cell In [27], line 1}, as some IPython 8 releases print it; the line number is
     * required (prose may name a cell so).
     */
    private Marker spacedCell(int idx) {
      if (!s.startsWith("Cell In [", idx)) {
        return null;
      }
      Marker m = cell(idx, "Cell In [", ']');
      return m == null || m.frame().line() == null ? null : m;
    }

    /** Parses the function at {@code f}, skips an IPython argument list, builds the frame. */
    private Marker functionFrame(int start, int f, String path, Integer line, boolean words) {
      int fe = functionEnd(f);
      int quoted = quotedNameEnd(f);
      if (quoted > 0 && line != null) {
        // ctypes' "in 'calling callback function'": CPython prints the C frame's name in quotes
        return new Marker(
            T_FILE, start, quoted, Kind.FRAME, Frames.of(path, line, s.substring(f, quoted)), null);
      }
      int pseudo = parenthesizedPseudoNameEnd(f);
      if (pseudo > 0) {
        // "in (module)": CPython's <module> with its brackets turned round so HTML keeps it
        String name = "<" + s.substring(f + 1, pseudo - 1) + ">";
        return new Marker(T_FILE, start, pseudo, Kind.FRAME, Frames.of(path, line, name), null);
      }
      if (fe <= f) {
        if (words && line != null && f >= s.length()) {
          return new Marker(T_FILE, start, f, Kind.FRAME, Frames.of(path, line, SWALLOWED), null);
        }
        return line == null ? null : new Marker(T_FILE, start, f, Kind.LOCATION, null, null);
      }
      String function = s.substring(f, fe);
      if (words && line != null && function.equals("File") && opensFileName(fe)) {
        // a flattened paste whose name was eaten: "line 82, in  File "x.py", line 35, in run"
        return new Marker(T_FILE, start, f, Kind.FRAME, Frames.of(path, line, SWALLOWED), null);
      }
      int end = fe;
      if (end < s.length() && s.charAt(end) == '(') {
        int close = argsEnd(end);
        end = close > 0 ? close : end;
      } else if (words && isTrailingWords(f, fe)) {
        function = s.substring(f).strip(); // jinja's "in top-level template code"
        end = s.length();
      }
      return new Marker(T_FILE, start, end, Kind.FRAME, Frames.of(path, line, function), null);
    }

    /**
     * End (after the closing parenthesis) of one of CPython's pseudo-names written in parentheses
     * at {@code f} ({@code (module)}, {@code (listcomp)}, …) and followed by a blank or the end, or
     * -1.
     */
    private int parenthesizedPseudoNameEnd(int f) {
      if (f >= s.length() || s.charAt(f) != '(') {
        return -1;
      }
      for (String name : PSEUDO_NAMES) {
        int close = f + 1 + name.length();
        if (s.startsWith(name, f + 1)
            && close < s.length()
            && s.charAt(close) == ')'
            && (close + 1 == s.length() || Character.isWhitespace(s.charAt(close + 1)))) {
          return close + 1;
        }
      }
      return -1;
    }

    /**
     * End (after the closing quote) of a name in single quotes at {@code f} that ends its line, or
     * -1.
     */
    private int quotedNameEnd(int f) {
      if (f >= s.length() || s.charAt(f) != '\'') {
        return -1;
      }
      int close = s.indexOf('\'', f + 1);
      if (close <= f + 1 || close - f > MAX_FUNCTION || !s.substring(close + 1).isBlank()) {
        return -1;
      }
      String name = s.substring(f + 1, close);
      return name.isBlank() || name.indexOf('"') >= 0 ? -1 : close + 1;
    }

    /** Whether blanks and then a quote (a frame's file name) follow {@code at}. */
    private boolean opensFileName(int at) {
      int k = at;
      while (k < s.length() && k < at + 8 && s.charAt(k) == ' ') {
        k++;
      }
      return k > at && k < s.length() && PasteRepair.QUOTES.indexOf(s.charAt(k)) >= 0;
    }

    /**
     * End of a function token: name characters and dots, with {@code <…>} groups kept whole; it
     * ends at a blank, a bracket, a comma, a quote or a backslash, and after a leading {@code <…>}
     * group that a name character follows.
     */
    private int functionEnd(int f) {
      int i = f;
      int limit = Math.min(s.length(), f + MAX_FUNCTION);
      while (i < limit) {
        char c = s.charAt(i);
        if (c == '<') {
          int depth = 0;
          int j = i;
          for (; j < limit; j++) {
            char d = s.charAt(j);
            if (d == '<') {
              depth++;
            } else if (d == '>' && --depth == 0) {
              break;
            }
          }
          if (j >= limit) {
            return i;
          }
          i = j + 1;
          if (j > f && s.charAt(f) == '<' && i < limit && ExceptionLines.isNamePart(s.charAt(i))) {
            return i; // source glued to a name such as <module>: "<module>main()"
          }
        } else if (Character.isWhitespace(c)
            || c == '('
            || c == ','
            || c == '"'
            || c == ')'
            || c == '\''
            || c == '\\') {
          // no name holds a quote or a backslash: "<module>'" of a list's repr, "f\r\n" of a dump
          return i;
        } else {
          i++;
        }
      }
      return i;
    }

    private int argsEnd(int open) {
      int depth = 0;
      int limit = Math.min(s.length(), open + MAX_ARGS);
      for (int i = open; i < limit; i++) {
        char c = s.charAt(i);
        if (c == '(') {
          depth++;
        } else if (c == ')' && --depth == 0) {
          return i + 1;
        }
      }
      return -1;
    }

    /**
     * Whether the rest of the line from {@code from} continues a function named in words (jinja's
     * {@code in top-level template code}): lowercase words after a lowercase word, the first not a
     * Python keyword (source glued after the name: {@code in raise_for_status raise}, {@code in
     * <module> from x import y}).
     */
    private boolean isTrailingWords(int f, int from) {
      if (from >= s.length() || s.charAt(from) != ' ' || s.length() - from > 60) {
        return false;
      }
      for (int i = f; i < from; i++) {
        char c = s.charAt(i);
        if (!(c == '-' || (c >= 'a' && c <= 'z'))) {
          return false;
        }
      }
      String rest = s.substring(from).strip();
      int blank = rest.indexOf(' ');
      String word = blank < 0 ? rest : rest.substring(0, blank);
      if (ExceptionLines.KEYWORDS.contains(word) || word.equals("print")) {
        return false;
      }
      for (int i = from; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!(c == ' ' || c == '-' || (c >= 'a' && c <= 'z'))) {
          return false;
        }
      }
      return !s.substring(from).isBlank();
    }

    /**
     * Skips blanks, and {@code >} quote marks left by a blockquote flattened into the text (before
     * a blank, or glued to the file name's opening quote: {@code File >"/x.py"}).
     */
    private int skipBlanks(int i) {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == ' '
            || c == '\t'
            || (c == '>'
                && i + 1 < s.length()
                && (s.charAt(i + 1) == ' ' || PasteRepair.QUOTES.indexOf(s.charAt(i + 1)) >= 0))) {
          i++;
        } else {
          return i;
        }
      }
      return i;
    }

    private int digitsEnd(int i) {
      int limit = Math.min(s.length(), i + 9);
      while (i < limit && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      return i;
    }

    private static final int MAX_PLACEHOLDER = 12;

    /** The names CPython prints in angle brackets for code that is no function. */
    private static final List<String> PSEUDO_NAMES =
        List.of("module", "lambda", "listcomp", "dictcomp", "setcomp", "genexpr");

    /**
     * The end of a frame's line value from {@code i}: digits, or what Python prints for a frame
     * whose line it does not know ({@code None}, a negative number), or a poster's placeholder
     * ({@link #placeholderEnd}); {@code i} when there is none.
     */
    private int lineValueEnd(int i) {
      if (s.startsWith("None", i)) {
        return i + 4;
      }
      int d = i < s.length() && s.charAt(i) == '-' ? i + 1 : i;
      int e = d;
      while (e < s.length() && s.charAt(e) >= '0' && s.charAt(e) <= '9') {
        e++;
      }
      return e > d ? e : placeholderEnd(i);
    }

    /**
     * The end of a line number the poster replaced ({@code XX}, {@code ##}, {@code ...}, {@code N})
     * before {@code , in f}; {@code i} when there is none.
     */
    private int placeholderEnd(int i) {
      int p = i;
      while (p < s.length() && p - i <= MAX_PLACEHOLDER && isPlaceholderChar(s.charAt(p))) {
        p++;
      }
      if (p == i || p - i > MAX_PLACEHOLDER) {
        return i;
      }
      int comma = skipBlanks(p);
      boolean beforeFunction =
          comma < s.length()
              && s.charAt(comma) == ','
              && s.startsWith("in ", skipBlanks(comma + 1));
      return beforeFunction ? p : i;
    }

    private static boolean isPlaceholderChar(char c) {
      return Character.isLetter(c) || "#?.%*_\u2026".indexOf(c) >= 0;
    }

    /** The line of a value {@link #lineValueEnd} found: null unless 1-9 digits. */
    private Integer lineValue(int from, int to) {
      return to - from <= 9 && Character.isDigit(s.charAt(from)) ? parseLine(from, to) : null;
    }

    private Integer parseLine(int from, int to) {
      return to > from ? Integer.valueOf(s.substring(from, to)) : null;
    }
  }
}
