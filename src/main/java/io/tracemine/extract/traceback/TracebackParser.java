package io.tracemine.extract.traceback;

import io.tracemine.extract.traceback.ExceptionLines.ExceptionLine;
import io.tracemine.extract.traceback.TraceLexer.Item;
import io.tracemine.extract.traceback.TraceLexer.Kind;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds every Python traceback in one block of text (TraceMine's default profile).
 *
 * <p>Recognised: CPython tracebacks ({@code Traceback (most recent call last):}, frames {@code File
 * "path", line N, in f}), chained ones (split, with {@link ChainKind} and {@code chainedFrom}),
 * repeated ones (separate instances), IPython/Jupyter output (old {@code path in f(args)} frames,
 * IPython 8 {@code File path:N, in f(…)} and {@code Cell In[n], line N}), frames without a header,
 * tracebacks in flattened text (newlines lost) and in escaped string literals, with ANSI colour
 * codes removed. Frames are kept in textual order, as written ({@code [Previous line repeated N
 * more times]} is not expanded: N is kept as the previous frame's {@link Frame#moreRepeats()};
 * truncation lines such as {@code ...} are skipped).
 *
 * <p>The exception is the first line after the last frame that reads {@code dotted.Name} or {@code
 * dotted.Name: message}, skipping one source line per frame, lines indented deeper than the frame,
 * caret lines and IPython context lines. The message continues over the following lines up to a
 * blank line, a new traceback, a frame or a prompt ({@code >>>}, {@code In [}). In flattened text
 * only names ending like an exception class ({@code …Error}, {@code …Exception}, {@code …Warning},
 * …) are accepted and the message is the rest of the text up to the next marker, cut after {@value
 * #FLAT_MESSAGE_MAX} characters. A traceback is reported when it has a frame, or a header and an
 * exception.
 *
 * <p>Linear in the input length; never throws on any string.
 */
public final class TracebackParser implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int FLAT_MESSAGE_MAX = 300;
  private static final int MESSAGE_MAX = 10_000;

  /**
   * Console output after a traceback: a log record (also Python logging's default {@code
   * ERROR:root:…}, absl/glog's {@code W0501 10:00:01.123456 …}, Airflow's {@code [2023-01-01,
   * 00:00:01 UTC] {…}}, a level before its time, {@code WARNING 2013-11-29 13:33:23,103 …}, and a
   * web server's request line, {@code [29/Nov/2013 13:33:23] "POST …"} or {@code 127.0.0.1 - -
   * [29/Nov/2013 13:33:23] …}), a progress bar, a Windows shell prompt, an IDE's {@code Process
   * finished with exit code 1}, a Unix shell's error line ({@code /bin/sh: gcc: not found}, {@code
   * sh: 1: …}, {@code bash: line 1: …}, {@code zsh: 28133 exit 1 …}) or its prompt ({@code (env)
   * user@host:~/code$ python3 x.py}, {@code [user@host dir]$}, also {@code [user at host dir]$} as
   * mail archives write it, {@code $ command}).
   */
  private static final Pattern CONSOLE_LINE =
      Pattern.compile(
          "\\[[DIWEC] (?:\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d:\\d\\d[.,]\\d+ "
              + "|(?:DEBUG|INFO|WARNING|ERROR|CRITICAL):[\\w.-]+:|[DIWEF]\\d{4}"
              + " \\d\\d:\\d\\d:\\d\\d\\.\\d+ |Process finished with exit code"
              + " -?\\d+$|\\[?\\d{4}-\\d\\d-\\d\\d(?:,?"
              + " |T)\\d\\d:\\d\\d:\\d\\d|(?:DEBUG|INFO|WARN|WARNING|ERROR|CRITICAL|FATAL)"
              + " +\\[?\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d|(?:\\d{1,3}(?:\\.\\d{1,3}){3} - \\S+"
              + " )?\\[\\d\\d/[A-Z][a-z]{2}/\\d{4}[ :]\\d\\d:\\d\\d:\\d\\d|\\d{1,3}%\\||\\d+it"
              + " \\[|(?:PS )?[A-Za-z]:\\\\[^>\\n"
              + "]{0,300}>(?:\\s|$)"
              + "|(?:/(?:usr/)?bin/)?(?:ba|z|da|k)?sh(?:: (?:line )?\\d+)?: "
              + "|(?:\\([\\w.-]+\\) )?(?:[\\w.-]+@[\\w.-]+:[^\\s$#]{0,300}"
              + "|\\[[\\w.-]+(?:@| at )[\\w.-]+ [^\\]\\n]{1,300}\\])[$#](?:\\s|$)"
              + "|[\\w.-]+:[^\\s$#]{0,300} [\\w.-]+\\$(?:\\s|$)"
              + "|[\\w.-]+(?: [\\w.~/-]+){1,2} \\$(?:\\s|$)"
              + "|\\$ [\\w./~-]");

  /**
   * A frame of TensorFlow 2.0–2.3's listing inside an {@code in user code:} message, on a line of
   * its own: {@code /x/training.py:806 train_function *} (path, {@code :line}, function, Keras'
   * optional {@code *}/{@code **} mark); a notebook cell is {@code <ipython-input-5-ab>:10 call *}.
   * Read only inside a nested listing (TF 2.4+ prints {@code File "…", line N, in f} there).
   */
  private static final Pattern TF_LISTED_FRAME =
      Pattern.compile(
          "(?<path>"
              + "<[^<>\\s]{1,200}>"
              + "|(?:[A-Za-z]:[\\\\/]|[/\\\\~.])[^<>\"':*?|]{0,500}?\\.(?:py|pyx)"
              + "|[\\w-][^\\s<>\"':]{0,500}?\\.(?:py|pyx))"
              + ":(?<line>\\d{1,7}) (?<function>[A-Za-z_<][\\w<>.]{0,200})(?: +\\*{1,2})?");

  /**
   * {@link #TF_LISTED_FRAME} in flattened text, at a word start and followed by a blank or the end
   * (the path has no blanks there: nothing tells where it would start).
   */
  private static final Pattern TF_LISTED_FLAT =
      Pattern.compile(
          "(?<!\\S)(?<path>"
              + "<[^<>\\s]{1,200}>"
              + "|(?:[A-Za-z]:[\\\\/]|[/\\\\~.\\w-])[^\\s<>\"':*?|]{0,500}?\\.(?:py|pyx))"
              + ":(?<line>\\d{1,7}) (?<function>[A-Za-z_<][\\w<>.]{0,200})(?!\\S)");

  private static final String USER_CODE = "in user code:";

  private static final int POSTER_CUT_MAX = 80;

  private static final Pattern CUT_WORD =
      Pattern.compile(
          "[\\W_]*(?:snip(?:ped)?|omitted|truncated|redacted|elided)[\\W_]*",
          Pattern.CASE_INSENSITIVE);

  /**
   * R reticulate's line between a Python exception ({@code Error in py_call_impl(…) :} / {@code
   * ValueError: …}) and its frames.
   */
  private static final String DETAILED_TRACEBACK = "Detailed traceback:";

  /** Streamlit's and Django's label over the frames (no header). */
  private static final String TRACEBACK_LABEL = "Traceback:";

  private static final Pattern KERAS_INTRO =
      Pattern.compile("Exception encountered when calling [^\\n]{1,300}\\.");

  private final boolean readsTfListings;

  /** A parser reading every listing form, TF 2.0–2.3's {@code /x/y.py:12 f} lines among them. */
  public TracebackParser() {
    this(true);
  }

  /**
   * A parser; {@code readsTfListings} false leaves TF 2.0–2.3's {@code /x/y.py:12 f} listing lines
   * as message text, as the study's frame regex (which needs {@code File "…", line N}) did.
   */
  public TracebackParser(boolean readsTfListings) {
    this.readsTfListings = readsTfListings;
  }

  /** Parses all tracebacks of {@code text} ({@code null} gives an empty list). */
  public List<Traceback> parse(String text) {
    if (text == null || text.isEmpty() || !TraceLexer.mayHoldFrames(text)) {
      return List.of();
    }
    return new Run().parse(lexed(text));
  }

  /**
   * What {@link #parse} returns without its pre-filter ({@link TraceLexer#mayHoldFrames}): the
   * reference the pre-filter is checked against (it may only skip text this finds nothing in).
   */
  List<Traceback> parseUnfiltered(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    return new Run().parse(lexed(text));
  }

  /** The block's items: normalised, repaired, lexed, interleaved tracebacks separated. */
  private static List<Item> lexed(String text) {
    return Interleave.separate(TraceLexer.lex(PasteRepair.repair(TextNormalizer.normalize(text))));
  }

  /** How a block's text ends: in no traceback, in one still open (no exception yet), or done. */
  enum End {
    NONE,
    OPEN,
    DONE
  }

  /** How a block's first line could continue a traceback left open by the block before it. */
  enum Start {
    /** A frame, an IPython context line or a poster's cut ({@code ...}). */
    FRAMES,
    /** An exception line ({@code ValueError: …}): the open traceback's end. */
    EXCEPTION,
    /** A chain sentence ({@code During handling …}). */
    CHAIN,
    /** One short line that does not read as a sentence: maybe a frame's source line. */
    SOURCE,
    OTHER
  }

  /**
   * The first and last state of one block, read without joining it to anything, and the block's
   * tracebacks on its own: what {@link #parse} returns for its text, or {@code null} when that was
   * not computed (blank text).
   */
  record Edges(Start start, End end, boolean hasFrames, List<Traceback> tracebacks) {}

  /**
   * Whether {@code text} holds a frame or a traceback header, or starts with an exception line that
   * may end a traceback left open before it: text that a heading's markup must not hide.
   */
  public static boolean readsAsTracebackText(String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    Edges e = new TracebackParser().edges(text);
    return e.hasFrames()
        || e.end() != End.NONE
        || e.start() == Start.EXCEPTION
        || e.start() == Start.FRAMES;
  }

  /** Reads how {@code text} starts and ends (see {@link Edges}); linear, never throws. */
  Edges edges(String text) {
    if (text == null || text.isBlank()) {
      return new Edges(Start.OTHER, End.NONE, false, null);
    }
    Start start = start(text);
    if (!TraceLexer.mayHoldFrames(text)) {
      End end = start == Start.EXCEPTION ? End.DONE : End.NONE;
      return new Edges(start, end, false, List.of());
    }
    Run run = new Run();
    List<Item> items = lexed(text);
    List<Traceback> tracebacks = run.parse(items);
    return new Edges(start, run.end, run.sawFrames, tracebacks);
  }

  private static Start start(String text) {
    int from = 0;
    int n = text.length();
    while (from < n) {
      int nl = text.indexOf('\n', from);
      int to = nl < 0 ? n : nl;
      String line = text.substring(from, to).strip();
      if (!line.isEmpty()) {
        Start start = startOf(line);
        if ((start == Start.OTHER || start == Start.SOURCE)
            && mayStartWrapped(line, text, to)
            && wrappedFrameStart(text, from)) {
          return Start.FRAMES;
        }
        return start == Start.SOURCE && !text.substring(to).isBlank() ? Start.OTHER : start;
      }
      from = to + 1;
    }
    return Start.OTHER;
  }

  /**
   * Whether the block's first line {@code line} (ending at {@code to}) may be a frame's first part
   * that {@link PasteRepair} joins: it holds {@code File}, ends with {@code in}, or the next line
   * starts with {@code in }. Keeps the repair off ordinary blocks.
   */
  private static boolean mayStartWrapped(String line, String text, int to) {
    if (line.contains("File") || line.endsWith(" in")) {
      return true;
    }
    int nl = text.indexOf('\n', Math.min(to + 1, text.length()));
    String next = to >= text.length() ? "" : text.substring(to + 1, nl < 0 ? text.length() : nl);
    return next.strip().startsWith("in ");
  }

  /**
   * True when the block starts with a frame wrapped over its first lines ({@code File} / {@code
   * "/x.py",} / {@code line 3, in f}; {@code /x.py in} / {@code f(self)}): its first {@value
   * #HEAD_LINES} lines from {@code from}, repaired like the parser's input, start with a frame.
   */
  private static boolean wrappedFrameStart(String text, int from) {
    int to = from;
    for (int i = 0; i < HEAD_LINES && to >= 0; i++) {
      to = text.indexOf('\n', to + 1);
    }
    String head = to < 0 ? text.substring(from) : text.substring(from, to);
    String repaired = PasteRepair.repair(TextNormalizer.normalize(head)).strip();
    int nl = repaired.indexOf('\n');
    String first = nl < 0 ? repaired : repaired.substring(0, nl);
    return !first.isEmpty() && startOf(first) == Start.FRAMES;
  }

  /** Lines a wrapped frame at a block's start is read from (PasteRepair joins up to 4). */
  private static final int HEAD_LINES = 5;

  private static Start startOf(String line) {
    String t =
        PasteRepair.withoutLeadingFence(
                PasteRepair.decodeEntitiesTwice(TextNormalizer.normalize(line)))
            .strip();
    if (t.isEmpty()) {
      return Start.OTHER;
    }
    List<Item> items = TraceLexer.lex(t);
    Item first = items.isEmpty() ? null : items.get(0);
    if (first == null) {
      return Start.OTHER;
    }
    switch (first.kind()) {
      case FRAME, LOCATION -> {
        return Start.FRAMES;
      }
      case CHAIN_CAUSE, CHAIN_DURING -> {
        return Start.CHAIN;
      }
      case TEXT -> {
        ExceptionLine e = ExceptionLines.parse(t);
        if (e != null && e.strong() && typedAcrossBlocks(e)) {
          return Start.EXCEPTION;
        }
        if (Run.isEllipsis(t) || isIpythonContext(t)) {
          return Start.FRAMES;
        }
        return items.size() == 1 && looksLikeSource(t) ? Start.SOURCE : Start.OTHER;
      }
      default -> {
        return Start.OTHER;
      }
    }
  }

  /**
   * Whether an exception line that starts a block may end the traceback left open by the block
   * before: its name must end like an exception class ({@code …Error}, {@code …Exception}, {@code
   * KeyboardInterrupt}, …). Inside one block any {@code Name: message} after the frames is the
   * exception, but a paragraph of its own reading {@code MyProgram:} or {@code Update: …} is a
   * heading or prose (Q 36578341: {@code MyProgram:} after a block of old IPython frames).
   */
  private static boolean typedAcrossBlocks(ExceptionLine e) {
    String type = e.type();
    return ExceptionLines.isTypedName(type.substring(type.lastIndexOf('.') + 1));
  }

  /**
   * A line before a listing that titles it rather than raising: Django's {@code Traceback:}, a
   * Markdown heading such as {@code Stacktrace:} or {@code Details:}. Only a name ending like an
   * exception class or a dotted name stands alone as an exception line without a message.
   */
  private static boolean isHeading(ExceptionLine e) {
    String type = e.type();
    boolean bare = e.message() == null || e.message().isBlank();
    return type.equals("Traceback")
        || (bare && type.indexOf('.') < 0 && !ExceptionLines.isTypedName(type));
  }

  /**
   * Short, not ending like a sentence ({@code .}, {@code ?}, {@code !}, {@code :}), and holding
   * code: a bracket, {@code =}, {@code .} or {@code _}, or a leading statement keyword.
   */
  private static boolean looksLikeSource(String t) {
    if (BARE_STATEMENTS.contains(t) || isCaretLine(t)) {
      return true; // a paste with a paragraph per line: "yield", "raise", Python 3.11's carets
    }
    char last = t.charAt(t.length() - 1);
    if (last == ':' && isCompoundHeader(t)) {
      String condition = t.substring(0, t.length() - 1).strip();
      return looksLikeSource(condition) || containsAny(condition, "<>&|%+-*/!");
    }
    if (t.length() > 200 || last == '.' || last == '?' || last == '!' || last == ':') {
      return false;
    }
    for (int i = 0; i < t.length(); i++) {
      if ("()[]=._".indexOf(t.charAt(i)) >= 0) {
        return true;
      }
    }
    return t.startsWith("return ")
        || t.startsWith("raise ")
        || t.startsWith("import ")
        || t.startsWith("from ")
        || t.startsWith("yield ")
        || t.startsWith("assert ");
  }

  /** Source lines of one keyword, as a frame shows a generator's or a re-raise's line. */
  private static final java.util.Set<String> BARE_STATEMENTS =
      java.util.Set.of("yield", "raise", "return", "pass", "break", "continue");

  /** Python 3.11's marks under a frame's source line: {@code ^^^^}, {@code ~~~~^^^^}. */
  private static boolean isCaretLine(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (t.charAt(i) != '^' && t.charAt(i) != '~') {
        return false;
      }
    }
    return t.indexOf('^') >= 0;
  }

  /**
   * {@code if (float(a[i]) > 0):}, {@code for x in f(y):}: the header of a compound statement (the
   * line a traceback shows when its condition failed), lower-case keyword first, no sentence in it.
   */
  private static boolean isCompoundHeader(String t) {
    for (String keyword : COMPOUND_KEYWORDS) {
      if (t.startsWith(keyword)
          && t.length() > keyword.length() + 1
          && (t.charAt(keyword.length()) == ' ' || t.charAt(keyword.length()) == '(')) {
        return !t.contains(". ");
      }
    }
    return false;
  }

  private static boolean containsAny(String t, String chars) {
    for (int i = 0; i < t.length(); i++) {
      if (chars.indexOf(t.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static final List<String> COMPOUND_KEYWORDS =
      List.of("if", "elif", "while", "for", "with", "async", "def", "class");

  /** {@code ---> 38 x = f()} or {@code 36 x = 1}: IPython's numbered source context. */
  private static boolean isIpythonContext(String t) {
    int i = 0;
    while (i < t.length() && t.charAt(i) == '-') {
      i++;
    }
    if (i > 0) {
      return i < t.length() && t.charAt(i) == '>';
    }
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    return i > 0 && i < t.length() && t.charAt(i) == ' ';
  }

  /** Mutable state of one parse. */
  private final class Run {
    private final List<Traceback> out = new ArrayList<>();
    private Open cur;
    private ChainKind pendingKind;
    private Integer pendingFrom;
    private ExceptionLine orphan;
    private Integer lastEmitted;

    /**
     * A header came while a traceback with frames was still open (two processes printing at once):
     * no line is passed over as interleaved output after it ({@link #isInterleavedOutput}).
     */
    private boolean headerInsideTraceback;

    private final ArrayDeque<Integer> groups = new ArrayDeque<>();

    List<Traceback> parse(List<Item> items) {
      for (Item item : items) {
        ExceptionLine previousOrphan = orphan;
        orphan = null;
        lastAnnounced = orphanAnnounced ? previousOrphan : null;
        orphanAnnounced = false;
        ExceptionLine beforeBlanks = blanksOrphan;
        blanksOrphan =
            previousOrphan != null
                ? previousOrphan
                : item.kind() == Kind.BLANK ? beforeBlanks : null;
        introOrphan = previousOrphan != null ? previousOrphan : beforeBlanks;
        if (cur != null && cur.pendingEnd && item.kind() != Kind.BLANK) {
          if (item.kind() == Kind.TEXT && item.endsLine() && isNestedIntro(item.text().strip())) {
            cur.pendingEnd = false;
            cur.message.append('\n').append(item.text().strip());
            cur.enterNested();
            continue;
          }
          finish();
        }
        switch (item.kind()) {
          case HEADER -> {
            if (cur != null && !cur.frames.isEmpty() && cur.message == null) {
              headerInsideTraceback = true; // two processes' output, not only a program's
            }
            finish();
            // a stack printed innermost first (faulthandler, gdb) has no exception of its own
            boolean lastCallLast = !item.text().endsWith("(most recent call first):");
            cur = open(lastCallLast);
            cur.hintType = item.hint();
            if (lastCallLast && item.indent() >= 0 && introOrphan != null) {
              cur.orphan = introOrphan; // stated on the line above: types the traceback if cut
            }
          }
          case CHAIN_DURING, CHAIN_CAUSE -> {
            // an exception stated above a chain whose cause prints none (Werkzeug's debugger page)
            // is the chain's last exception, not its cause's
            ExceptionLine stated =
                cur != null && cur.type == null && cur.hintType == null ? cur.orphan : null;
            if (stated != null) {
              cur.orphan = null;
            }
            finish();
            pendingFrom = lastEmitted;
            pendingKind =
                lastEmitted == null
                    ? null
                    : item.kind() == Kind.CHAIN_DURING
                        ? ChainKind.DURING_HANDLING
                        : ChainKind.DIRECT_CAUSE;
            if (pendingKind == null) {
              restoreStated(stated, lastEmitted);
            } else {
              statedForChain = stated;
              statedCause = lastEmitted;
            }
          }
          case GROUP_FIRST -> {
            finish();
            groups.push(lastEmitted == null ? -1 : lastEmitted);
            member();
          }
          case GROUP_NEXT -> {
            finish();
            member();
          }
          case GROUP_END -> {
            finish();
            groups.poll();
            pendingKind = null;
            pendingFrom = null;
          }
          case FRAME -> frame(item, introOrphan);
          case LOCATION -> {
            if (cur != null && !cur.done()) {
              cur.sourceSeen = false;
              cur.frameIndent = item.indent();
            }
          }
          case BLANK -> {
            if (cur != null
                && cur.message != null
                && !(cur.nested && !cur.textAfterListing)
                && !endsWithKerasIntro(cur.message)) {
              cur.pendingEnd = true; // ends the traceback unless a nested listing is introduced
            }
          }
          default -> text(item);
        }
      }
      end = cur == null ? End.NONE : cur.done() ? End.DONE : End.OPEN;
      if (end == End.OPEN && cur.frames.isEmpty() && !cur.header) {
        end = End.NONE;
      }
      finish();
      restoreStated(statedForChain, statedCause);
      statedForChain = null;
      return out;
    }

    End end = End.NONE;
    boolean sawFrames;

    private Open open(boolean header) {
      Open o = new Open(header, pendingKind, pendingFrom);
      boolean chained =
          pendingKind == ChainKind.DURING_HANDLING || pendingKind == ChainKind.DIRECT_CAUSE;
      if (chained) {
        o.orphan = statedForChain;
      } else {
        restoreStated(statedForChain, statedCause);
      }
      statedForChain = null;
      pendingKind = null;
      pendingFrom = null;
      return o;
    }

    /**
     * Types the emitted traceback at {@code index} by the exception {@code stated} above it, when
     * no section followed the chain sentence after it to take that exception.
     */
    private void restoreStated(ExceptionLine stated, Integer index) {
      if (stated == null || index == null || index >= out.size()) {
        return;
      }
      Traceback t = out.get(index);
      if (t.exceptionType() != null) {
        return; // typed at its end after all (a wrapped cause, a repeated line)
      }
      String before = stated.message();
      String message =
          before == null ? t.message() : t.message() == null ? before : before + "\n" + t.message();
      out.set(
          index,
          new Traceback(
              t.position(),
              t.frames(),
              stated.type(),
              message,
              t.chainedFrom(),
              t.chainKind(),
              t.nestedFrames()));
    }

    /** The next traceback is a sub-exception of the innermost open exception group. */
    private void member() {
      Integer group = groups.peek();
      pendingKind = group == null || group < 0 ? null : ChainKind.GROUP_MEMBER;
      pendingFrom = pendingKind == null ? null : group;
    }

    /** Opens a traceback at a frame; its exception may be {@code orphan}, printed before it. */
    private void frame(Item item, ExceptionLine orphan) {
      if (cur != null && cur.nested) {
        cur.nestedFrames.add(item.frame());
        cur.nestedFrameIndent = item.indent();
        cur.nestedSourceDue = true;
        cur.textAfterListing = false;
        return;
      }
      if (cur == null || cur.done()) {
        finish();
        cur = open(false);
        if (orphan != null) {
          cur.orphan = orphan;
        }
      }
      cur.frames.add(item.frame());
      cur.frameStartsLine |= item.indent() >= 0;
      sawFrames = true;
      cur.sourceSeen = false;
      cur.sourceBelowFrame = false;
      cur.openSource = null;
      cur.frameIndent = item.indent();
    }

    private void text(Item item) {
      String t = item.text().strip();
      if (cur == null) {
        ExceptionLine e = ExceptionLines.parse(t);
        if (item.endsLine() && isNestedIntro(t)) {
          // a listing without an outer traceback: its frames are the only stack there is
          cur = open(false);
          if (e != null && e.strong()) {
            setException(e, item.endsLine());
          } else {
            if (introOrphan != null) {
              cur.orphan = introOrphan;
            }
            cur.message = new StringBuilder(t);
            cur.enterNested();
          }
          return;
        }
        if (t.equals(DETAILED_TRACEBACK)
            || t.equals(TRACEBACK_LABEL)
            || introOrphan != null
                && item.indent() >= 0
                && item.endsLine()
                && isPosterCut(t)
                && (e == null || !e.strong())) {
          // R reticulate's "Detailed traceback:", Streamlit's "Traceback:", a poster's cut: the
          // exception stated before them is the frames' after them
          orphan = introOrphan;
          return;
        }
        if (readsTfListings && flatListingAlone(t)) {
          return;
        }
        String announced = announcedType(t);
        if (announced != null) {
          orphan = new ExceptionLine(announced, null, true);
          orphanAnnounced = true;
        } else if (lastAnnounced != null && !(e != null && e.strong())) {
          // the announced exception's message, printed between it and the frames
          String m = lastAnnounced.message();
          String message = m == null ? t : m.length() > MESSAGE_MAX ? m : m + "\n" + t;
          orphan = new ExceptionLine(lastAnnounced.type(), message, true);
          orphanAnnounced = true;
        } else {
          orphan = e != null && e.strong() && !isHeading(e) ? e : null;
        }
        return;
      }
      if (cur.nested) {
        nestedText(item, t);
        return;
      }
      if (cur.message == null && !cur.frames.isEmpty()) {
        String django = djangoType(t);
        if (django != null) {
          setException(new ExceptionLine(django, null, true));
          cur.djangoValueDue = true;
          return;
        }
      }
      if (cur.djangoValueDue) {
        cur.djangoValueDue = false;
        if (cur.message.length() == 0 && t.startsWith(DJANGO_VALUE)) {
          cur.message.append(t.substring(DJANGO_VALUE.length()).strip());
          return;
        }
      }
      if (cur.message != null) {
        if ((endsMessage(t) && !announcedCommand(t))
            // a rule of = after the message's text: unittest's and trial's, before the next
            // test's title (torchrun's ChildFailedError opens its message with one)
            || ((isTripleQuote(t) || isRuleOf(t, '=')) && cur.message.length() > 0)
            || cur.message.length() > MESSAGE_MAX) {
          finish();
          text(item);
        } else if (!isTripleQuote(t)) {
          cur.message
              .append('\n')
              .append(t); // the quote opening an empty message's string is no text
          if (item.endsLine() && isNestedIntro(t)) {
            // TF 1.x's "Caused by op 'x', defined at:" with no blank line before it (a paste
            // that lost its blank lines and indentation): its listing is nested, not a traceback
            cur.enterNested();
          }
        }
        return;
      }
      if (item.afterFrame()) {
        inline(t, item.endsLine());
        return;
      }
      ExceptionLine wrapped = cur.frames.isEmpty() ? null : ExceptionLines.wrappedCause(t);
      if (wrapped != null) {
        // Ray's "RayTaskError(ValueError): …": the remote frames and the cause's own line follow
        cur.wrappedCause = wrapped;
        cur.sourceSeen = true;
        return;
      }
      ExceptionLine late = lateException(t, item.indent());
      if (late != null) {
        setException(late, item.endsLine());
        return;
      }
      if (posterCutBeforeFrames(t)) {
        cur.cutBeforeFrames = true;
        cur.sourceSeen = false;
        cur.cutSourceLines = 0;
        return;
      }
      if (isContext(t, item.indent())) {
        return;
      }
      if (!cur.frames.isEmpty() && isEllipsis(t)) {
        // a poster's cut ("...", "....", "…") between frames: the traceback goes on after it
        cur.sourceSeen = true;
        return;
      }
      // IPython's header named the exception: until it is printed, what follows the frames is
      // their context, even when a wrap broke it over lines that do not read as context
      boolean ipythonContext = cur.hintType != null;
      ExceptionLine e = ExceptionLines.parse(t);
      if (ipythonContext && !cur.frames.isEmpty() && !(e != null && e.strong())) {
        int arrow = firstArrow(t); // a wrapped context line: "errors=errors, -> 1549 limit=x)"
        if (arrow >= 0) {
          ipythonArrowLine(t.substring(arrow));
        }
      }
      if (e != null && e.strong() && cur.frames.isEmpty() && cur.interleavedLines > 0) {
        // lines passed over after a header and no frame since: they were the poster's words, and
        // the header ended before them, as it does at prose
        finish();
        text(item);
      } else if (e != null && e.strong()) {
        setException(e, item.endsLine());
      } else if (cur.sourceBelowFrame && isDottedWithMessage(e)) {
        // ftplib.error_perm: 500 after the frame's source line: a lower-case exception class
        setException(e, item.endsLine());
      } else if (isInterleavedOutput(item, e)) {
        cur.interleavedLines++;
      } else if (!cur.sourceSeen && !cur.frames.isEmpty()) {
        cur.sourceSeen = true;
        cur.openSource = isUnclosedSource(t) ? t : null;
      } else if (cur.openSource != null && e == null) {
        // the rest of a source line wrapped inside a string or a call: "open("C:/My " / "Docs/a")"
        String joined = cur.openSource + ' ' + t;
        cur.openSource =
            isUnclosedSource(joined) && joined.length() < MAX_WRAPPED_SOURCE ? joined : null;
      } else if (e != null && !cur.frames.isEmpty()) {
        setException(e, item.endsLine());
      } else if (cutFrameLine(item, t)) {
        cur.sourceSeen = true;
        cur.cutSourceLines++;
      } else if (!ipythonContext) {
        finish();
        text(item);
      }
    }

    /**
     * A line at the margin after a header, before its first frame or among frames printed indented
     * as Python prints them: a program's own output that its console interleaved with the traceback
     * (stdout and stderr in one pane, PyCharm's or a notebook's). It is passed over, so the frames
     * and the exception after it stay one traceback; at most {@value #MAX_INTERLEAVED_LINES} in one
     * traceback. Not a source line of frames the poster cut ({@link #cutFrameLine}), nor after two
     * processes' tracebacks were seen interleaved.
     */
    private boolean isInterleavedOutput(Item item, ExceptionLine e) {
      return e == null
          && item.indent() == 0
          && cur.header
          && !headerInsideTraceback
          && (cur.frames.isEmpty() ? !cutFrameLine(item, item.text().strip()) : cur.frameIndent > 0)
          && cur.hintType == null
          && cur.openSource == null
          && cur.interleavedLines < MAX_INTERLEAVED_LINES;
    }

    private static final int MAX_INTERLEAVED_LINES = 8;

    /**
     * One of the first two lines after a header reading as code, indented or a statement: the
     * source lines of frames whose {@code File …} lines the poster cut ({@code Traceback …} /
     * {@code loss = f()} / {@code AttributeError: …}); the exception after them is the traceback's.
     */
    private boolean cutFrameLine(Item item, String t) {
      return cur.header
          && cur.frames.isEmpty()
          && cur.cutSourceLines < MAX_CUT_SOURCE_LINES
          && cur.hintType == null
          && (item.indent() > 0 || cur.cutBeforeFrames || STATEMENT.matcher(t).matches())
          && looksLikeSource(t);
    }

    private static final int MAX_CUT_SOURCE_LINES = 2;

    /** An assignment ({@code a, b = f(x)}) or a call ({@code obj.f(x)}) starting its line. */
    private static final Pattern STATEMENT =
        Pattern.compile(
            "(?s)[A-Za-z_][\\w.\\[\\]'\", ]{0,200}=[^=].*|[A-Za-z_][\\w.]{0,200}\\(.*\\)");

    /** Longest source line, wrapped over lines, read as one ({@link #isUnclosedSource}). */
    private static final int MAX_WRAPPED_SOURCE = 600;

    /**
     * Whether source line {@code t} stops inside a string or with a bracket left open: its wrapped
     * rest is on the next line. A {@code #} outside strings ends the code.
     */
    static boolean isUnclosedSource(String t) {
      char quote = 0;
      int depth = 0;
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (quote != 0) {
          if (c == '\\') {
            i++;
          } else if (c == quote) {
            quote = 0;
          }
        } else if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '#') {
          break;
        } else if (c == '(' || c == '[' || c == '{') {
          depth++;
        } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
          depth--;
        }
      }
      return quote != 0 || depth > 0;
    }

    /** {@code module.name: message}: a dotted name with a colon after it, upper-case or not. */
    private static boolean isDottedWithMessage(ExceptionLine e) {
      return e != null && e.type().indexOf('.') >= 0 && e.message() != null;
    }

    /**
     * A line where the poster cut the frames between the header and the exception ({@code ...},
     * {@code ....}, {@code # ...}, {@code [...]}, {@code <omitted>}, {@code snip}), at any indent:
     * the traceback stays open for the frames' last source line and the exception.
     */
    private boolean posterCutBeforeFrames(String t) {
      if (!cur.header || !cur.frames.isEmpty() || cur.hintType != null || !isPosterCut(t)) {
        return false;
      }
      ExceptionLine e = ExceptionLines.parse(t);
      return e == null || !e.strong();
    }

    /**
     * An exception on a line the frames would take as source: the whole line when it is indented
     * deeper than the frame (IDLE pastes) and reads {@code UpperNameError[: message]}, or the end
     * of a source line it was glued to by a reflowed paste ({@code f(x) ValueError: bad x}; not in
     * IPython's numbered context); else {@code null}.
     */
    private ExceptionLine lateException(String t, int indent) {
      if (cur.frames.isEmpty()) {
        return null;
      }
      boolean deeper = cur.frameIndent >= 0 && indent > cur.frameIndent;
      ExceptionLine e = ExceptionLines.parse(t);
      if (deeper && e != null && isClassName(e.type())) {
        return e;
      }
      if (e != null && e.strong()) {
        return null; // a whole exception line: the caller reads it ("ValueError: … Error: x")
      }
      char c = t.charAt(0);
      if (Character.isDigit(c) || c == '-') {
        return null; // IPython context ("330     ValueError: if x" in a docstring) is source
      }
      return deeper || !cur.sourceSeen ? ExceptionLines.glued(t) : null;
    }

    /** A dotted name whose last part starts upper-case and ends like an exception class. */
    private static boolean isClassName(String name) {
      String last = name.substring(name.lastIndexOf('.') + 1);
      return Character.isUpperCase(last.charAt(0)) && ExceptionLines.isTypedName(last);
    }

    /**
     * The type named by VS Code's debugger before the frames: {@code Exception has occurred:
     * TypeError}, maybe followed by {@code (note: full exception trace is shown but execution is
     * paused at: f)}; else {@code null}.
     */
    static String announcedType(String t) {
      return nameAfter(
          t,
          ANNOUNCED,
          rest ->
              rest.isBlank()
                  || (Character.isWhitespace(rest.charAt(0)) && rest.strip().startsWith("(")));
    }

    /**
     * The exception name that follows {@code prefix} at the start of {@code t}, when the text after
     * the name passes {@code restFits}; else {@code null}.
     */
    private static String nameAfter(String t, String prefix, Predicate<String> restFits) {
      if (!t.startsWith(prefix)) {
        return null;
      }
      int from = prefix.length();
      int end = ExceptionLines.nameEnd(t, from);
      return end >= 0 && restFits.test(t.substring(end)) ? t.substring(from, end) : null;
    }

    private static final String ANNOUNCED = "Exception has occurred: ";

    private static final String DJANGO_TYPE = "Exception Type: ";
    private static final String DJANGO_VALUE = "Exception Value:";

    /**
     * The type Django's copy-and-paste traceback prints after the frames: {@code Exception Type:
     * TemplateDoesNotExist at /blog/} (its message follows on {@code Exception Value: …}); else
     * {@code null}.
     */
    static String djangoType(String t) {
      return nameAfter(t, DJANGO_TYPE, rest -> rest.isBlank() || rest.startsWith(" at "));
    }

    /**
     * The exception stated above a chain's cause that printed none: the next section's, unless it
     * has its own.
     */
    private ExceptionLine statedForChain;

    /** The cause {@link #statedForChain} was taken from: typed by it when no section follows. */
    private Integer statedCause;

    /** Whether {@link #orphan} was announced by VS Code (its message lines follow it). */
    private boolean orphanAnnounced;

    /** The announced exception seen on the item before the current one, else {@code null}. */
    private ExceptionLine lastAnnounced;

    /** The exception line seen before the current item, blank lines skipped. */
    private ExceptionLine introOrphan;

    private ExceptionLine blanksOrphan;

    /**
     * Text inside a nested listing: source lines of its frames are skipped, the rest is message.
     */
    private void nestedText(Item item, String t) {
      if (item.afterFrame()) {
        return; // Keras' "  *" / "  **" markers after a listed frame
      }
      if (readsTfListings
          && item.indent() >= 0
          && item.endsLine()
          && !cur.textAfterListing
          && afterUserCode()) {
        Matcher m = TF_LISTED_FRAME.matcher(t);
        if (m.matches()) {
          // TF 2.0–2.3: "/x/training.py:806 train_function  *", its source line deeper below
          cur.nestedFrames.add(listedFrame(m));
          cur.nestedFrameIndent = item.indent();
          cur.nestedSourceDue = true;
          return;
        }
      }
      boolean deeper = cur.nestedFrameIndent >= 0 && item.indent() > cur.nestedFrameIndent;
      ExceptionLine e = ExceptionLines.parse(t);
      boolean source = deeper || (cur.nestedSourceDue && !(e != null && e.strong()));
      if (!cur.nestedFrames.isEmpty() && !cur.textAfterListing && source) {
        cur.nestedSourceDue = false;
        return;
      }
      cur.nestedSourceDue = false;
      if ((endsMessage(t) && !announcedCommand(t)) || cur.message.length() > MESSAGE_MAX) {
        finish();
        text(item);
        return;
      }
      cur.message.append('\n').append(t);
      cur.textAfterListing = !(item.endsLine() && isNestedIntro(t));
    }

    /**
     * A {@code $ command} line the message announced: its last line ends with {@code :} or {@code
     * e.g.}, or is such a command ({@code Exception: Check whether you have started the CoreNLP
     * server e.g.} / {@code $ cd stanford-corenlp…} / {@code $ java -mx4g …}, pycorenlp's). It is
     * the message's text, not a shell prompt after it.
     */
    private boolean announcedCommand(String t) {
      if (!t.startsWith("$ ")) {
        return false;
      }
      StringBuilder m = cur.message;
      String last = m.substring(m.lastIndexOf("\n") + 1).strip();
      return last.endsWith(":") || last.endsWith("e.g.") || last.startsWith("$ ");
    }

    /** Whether the message's last line (the open listing's intro) is {@code … in user code:}. */
    private boolean afterUserCode() {
      StringBuilder m = cur.message;
      int n = m.length();
      return n >= USER_CODE.length() && m.substring(n - USER_CODE.length()).equals(USER_CODE);
    }

    /**
     * A message line after which TensorFlow/Keras print a frame listing inside the message: {@code
     * in user code:}, {@code … defined at (most recent call last):}, {@code Caused by op 'x',
     * defined at:}, {@code Original stack trace for 'x':}, {@code Graph execution error:}.
     */
    static boolean isNestedIntro(String t) {
      return t.endsWith("in user code:")
          || t.endsWith("defined at (most recent call last):")
          || t.endsWith("defined at:")
          || t.endsWith("Graph execution error:")
          || (t.startsWith("Original stack trace for") && t.endsWith(":"));
    }

    /**
     * A line that ends an exception's message because it starts something else: a prompt ({@code
     * >>>}, {@code In [}), a separator rule of 20 or more dashes (IPython prints one before each
     * traceback, pip one after a failed build's output), or a line the interpreter prints before
     * another report ({@code Exception in thread …:}, {@code Error in sys.excepthook:}, {@code
     * Original exception was:}, {@code Exception ignored in: …}, {@code Error in
     * atexit._run_exitfuncs:}, also after the {@code ^C} a terminal echoes), or output that follows
     * the traceback in a console: a log record ({@code [I 13:12:09.186 NotebookApp] …}, {@code
     * 2020-05-01 12:00:00,123 …}), a progress bar ({@code 0%|}, {@code 0it [00:00, ?it/s]}) or a
     * Windows shell prompt ({@code PS C:\x>}, {@code C:\x>}), or a titled box-drawing rule, or the
     * footer of Werkzeug's debugger page ({@code The debugger caught an exception …}).
     */
    static boolean endsMessage(String t) {
      if (t.startsWith(">>>") || t.startsWith("In [") || CONSOLE_LINE.matcher(t).lookingAt()) {
        return true;
      }
      String u = t.startsWith("^C") ? t.substring(2) : t;
      return isRule(t)
          || t.equals("^C") // a terminal's echo of Ctrl-C after the traceback
          || (u.startsWith("Exception in thread ") && u.endsWith(":"))
          || u.equals("Error in sys.excepthook:")
          || u.equals("Original exception was:")
          || u.startsWith("Exception ignored in:")
          || u.equals("Error in atexit._run_exitfuncs:")
          || u.equals("Call stack:") // logging's "--- Logging error ---" report
          || u.startsWith(WERKZEUG_FOOTER)
          || u.equals("Unhandled error in Deferred:"); // Twisted's intro of its next traceback
    }

    /** The footer of Werkzeug's debugger page, after its last exception. */
    private static final String WERKZEUG_FOOTER =
        "The debugger caught an exception in your WSGI application.";

    /**
     * A line of only {@code """} or {@code '''}: the end of a string the traceback was printed in
     * (multiprocessing's {@code RemoteTraceback}, a docstring or a dump around the paste). It ends
     * a message that has text; after an empty one ({@code RemoteTraceback:}) it opens the string
     * and is left out of the message.
     */
    static boolean isTripleQuote(String t) {
      return t.equals("\"\"\"") || t.equals("'''");
    }

    /**
     * A rule of 20 or more dashes, or a titled box-drawing rule ({@code ── R Traceback ──────}, R's
     * cli, as reticulate prints after a Python exception).
     */
    private static boolean isRule(String t) {
      if (t.length() < 20) {
        return false;
      }
      if (t.startsWith("──") && t.endsWith("──")) {
        return true;
      }
      return isRuleOf(t, '-');
    }

    /** A line of at least 20 {@code c}. */
    private static boolean isRuleOf(String t, char c) {
      if (t.length() < 20) {
        return false;
      }
      for (int i = 0; i < t.length(); i++) {
        if (t.charAt(i) != c) {
          return false;
        }
      }
      return true;
    }

    /**
     * A short line saying that lines were cut here: it holds an ellipsis ({@code ...}, {@code …};
     * {@code [...]}), is a comment ({@code # the rest of the traceback}, {@code #clipped}) or is
     * one word such as {@code snip} or {@code omitted}, bracketed or not.
     */
    static boolean isPosterCut(String t) {
      return t.length() <= POSTER_CUT_MAX
          && (t.contains("...")
              || t.indexOf('\u2026') >= 0
              || t.startsWith("#")
              || CUT_WORD.matcher(t).matches());
    }

    static boolean isEllipsis(String t) {
      if (t.isEmpty()) {
        return false;
      }
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (c != '.' && c != '\u2026' && c != ' ') {
          return false;
        }
      }
      return t.replace(" ", "").length() >= 2 || t.contains("\u2026");
    }

    /**
     * Text after a frame on the same line: flattened source, IPython context, maybe the exception.
     */
    private void inline(String t, boolean endsLine) {
      int n = t.length();
      int contextEnd = lastArrow(t); // an "Error:" before IPython's "-> 1605 …" is source context
      int i = 0;
      int bareStart = -1;
      int bareEnd = -1;
      while (i < n) {
        while (i < n && Character.isWhitespace(t.charAt(i))) {
          i++;
        }
        int start = i;
        int end = ExceptionLines.nameEnd(t, i);
        while (i < n && !Character.isWhitespace(t.charAt(i))) {
          i++;
        }
        if (end <= start || (start > 0 && !Character.isWhitespace(t.charAt(start - 1)))) {
          continue;
        }
        String name = t.substring(start, end);
        if (!ExceptionLines.isTypedName(name.substring(name.lastIndexOf('.') + 1))) {
          continue;
        }
        if (end == i - 1
            && t.charAt(end) == ':'
            && start > contextEnd
            && !afterExcept(t, start)) { // "except socket.timeout:" is source
          int arrow = firstArrow(t);
          if (arrow >= 0 && arrow < start) {
            ipythonArrowLine(t.substring(arrow));
          }
          String rest = t.substring(i).strip();
          setException(new ExceptionLine(name, rest.isEmpty() ? null : cut(rest), true));
          if (readsTfListings && rest.startsWith(USER_CODE) && flatListing(rest)) {
            finish();
            return;
          }
          if (!endsLine && isNestedIntro(t)) {
            cur.enterNested(); // flattened "…Error: in user code: File …": the listing follows
          } else {
            finish();
          }
          return;
        }
        if (end == i && bareEnd < 0 && !afterKeyword(t, start)) {
          bareStart = start;
          bareEnd = end;
        }
      }
      if (bareEnd >= 0) {
        setException(new ExceptionLine(t.substring(bareStart, bareEnd), null, true));
        finish();
      } else {
        int arrow = firstArrow(t); // flattened IPython context: "1 import x ----> 2 f()"
        ipythonArrowLine(arrow < 0 ? t : t.substring(arrow));
      }
    }

    /**
     * Reads a flattened TF 2.0–2.3 listing, {@code in user code: /x/training.py:855 train_function
     * * return step_function(…) /x/y.py:12 f …}: when a listed frame follows the intro at once, the
     * frames found in {@code rest} are the nested frames (the message keeps the text: where the
     * source ends and the poster's text starts cannot be told).
     */
    private boolean flatListing(String rest) {
      List<Frame> frames = flatListedFrames(rest);
      cur.nestedFrames.addAll(frames);
      return !frames.isEmpty();
    }

    /**
     * A flattened TF 2.0–2.3 listing with no outer traceback, {@code … ValueError: in user code:
     * /x/training.py:1478 predict_function * return …}: its frames are the stack, as for such a
     * listing printed line by line.
     */
    private boolean flatListingAlone(String t) {
      int at = t.indexOf(": " + USER_CODE);
      if (at <= 0) {
        return false;
      }
      int start = at;
      while (start > 0 && !Character.isWhitespace(t.charAt(start - 1))) {
        start--;
      }
      String name = t.substring(start, at);
      if (!ExceptionLines.isTypedName(name.substring(name.lastIndexOf('.') + 1))) {
        return false;
      }
      String rest = t.substring(at + 2);
      List<Frame> frames = flatListedFrames(rest);
      if (frames.isEmpty()) {
        return false;
      }
      cur = open(false);
      setException(new ExceptionLine(name, cut(rest), true));
      cur.nestedFrames.addAll(frames);
      finish();
      return true;
    }

    /** Start of the first IPython arrow ({@code -> 12}, {@code ---> 12}) in {@code t}, or -1. */
    private static int firstArrow(String t) {
      int i = t.indexOf("> ");
      while (i >= 0) {
        if (i > 0
            && t.charAt(i - 1) == '-'
            && i + 2 < t.length()
            && Character.isDigit(t.charAt(i + 2))) {
          int j = i - 1;
          while (j > 0 && t.charAt(j - 1) == '-') {
            j--;
          }
          return j;
        }
        i = t.indexOf("> ", i + 1);
      }
      return -1;
    }

    /** Start of the last IPython arrow ({@code -> 12}, {@code ---> 12}) in {@code t}, or -1. */
    private static int lastArrow(String t) {
      int i = t.lastIndexOf("> ");
      while (i > 0) {
        if (t.charAt(i - 1) == '-' && i + 2 < t.length() && Character.isDigit(t.charAt(i + 2))) {
          return i - 1;
        }
        i = t.lastIndexOf("> ", i - 1);
      }
      return -1;
    }

    private static final String EXIT_CODE_LINE = "Process finished with exit code ";

    /**
     * {@code except X:}: source code, not the exception ({@code raise X:} is read as the exception,
     * as IPython's flattened context ends in a bare {@code raise} before it).
     */
    private static boolean afterExcept(String t, int start) {
      return t.substring(Math.max(0, start - 8), start).stripTrailing().endsWith("except");
    }

    /** {@code raise X}, {@code except X}, {@code import X}: source code, not the exception. */
    private static boolean afterKeyword(String t, int start) {
      String before = t.substring(Math.max(0, start - 8), start).stripTrailing();
      return before.endsWith("raise") || before.endsWith("except") || before.endsWith("import");
    }

    /**
     * The message in flattened {@code rest}: up to an IDE's exit-code line, at most {@link
     * #FLAT_MESSAGE_MAX} characters cut at a blank.
     */
    private static String cut(String rest) {
      int exit = rest.indexOf(EXIT_CODE_LINE);
      if (exit > 0) {
        rest = rest.substring(0, exit).stripTrailing();
      }
      if (rest.length() <= FLAT_MESSAGE_MAX) {
        return rest;
      }
      int space = rest.lastIndexOf(' ', FLAT_MESSAGE_MAX);
      return rest.substring(0, space > 0 ? space : FLAT_MESSAGE_MAX);
    }

    /**
     * IPython source context, carets, truncation marks, recursion notes, deeper-indented source.
     */
    private boolean isContext(String t, int indent) {
      if (t.startsWith(RepeatCollapser.PYTHON_REPEAT_NOTE) && !cur.frames.isEmpty()) {
        int last = cur.frames.size() - 1;
        cur.frames.set(last, RepeatCollapser.noteRepeats(cur.frames.get(last), t));
        return true;
      }
      if (cur.frameIndent >= 0 && indent > cur.frameIndent && !cur.frames.isEmpty()) {
        ipythonArrowLine(t);
        numberedSourceLine(t);
        cur.sourceBelowFrame = true;
        return true;
      }
      char c = t.charAt(0);
      if (c == '-' && t.indexOf('>') > 0) {
        ipythonArrowLine(t);
        return true;
      }
      if (Character.isDigit(c)) {
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
          i++;
        }
        return i == t.length() || Character.isWhitespace(t.charAt(i));
      }
      if (t.startsWith("[Previous line repeated")
          || t.equals("...")
          || t.equals("…")
          || t.equals("[...]")
          || t.equals("(...)")
          || t.startsWith("---------")) {
        return true;
      }
      for (int i = 0; i < t.length(); i++) {
        char d = t.charAt(i);
        if (d != '^' && d != '~' && d != ' ') {
          return false;
        }
      }
      return true;
    }

    /** {@code ----> 4 model.fit(...)}: the line number of an IPython frame that lacks one. */
    private void ipythonArrowLine(String t) {
      int i = 0;
      while (i < t.length() && t.charAt(i) == '-') {
        i++;
      }
      if (i == 0 || i >= t.length() || t.charAt(i) != '>' || cur.frames.isEmpty()) {
        return;
      }
      i++;
      while (i < t.length() && t.charAt(i) == ' ') {
        i++;
      }
      int d = i;
      while (i < t.length() && i < d + 9 && Character.isDigit(t.charAt(i))) {
        i++;
      }
      int last = cur.frames.size() - 1;
      Frame f = cur.frames.get(last);
      if (i > d && f.line() == null) {
        cur.frames.set(
            last,
            new Frame(
                f.rawPath(),
                f.file(),
                Integer.valueOf(t.substring(d, i)),
                f.function(),
                f.pathStyle()));
      }
    }

    /**
     * {@code 41. response = get_response(request)}: Django's copy-and-paste view prints a frame's
     * line number before its source line ({@code File "…" in inner} has none).
     */
    private void numberedSourceLine(String t) {
      int i = 0;
      while (i < t.length() && i < 9 && Character.isDigit(t.charAt(i))) {
        i++;
      }
      if (i == 0 || i >= t.length() || t.charAt(i) != '.') {
        return;
      }
      if (i + 1 < t.length() && !Character.isWhitespace(t.charAt(i + 1))) {
        return;
      }
      int last = cur.frames.size() - 1;
      Frame f = cur.frames.get(last);
      if (f.line() == null) {
        cur.frames.set(
            last,
            new Frame(
                f.rawPath(),
                f.file(),
                Integer.valueOf(t.substring(0, i)),
                f.function(),
                f.pathStyle()));
      }
    }

    private void setException(ExceptionLine e) {
      setException(e, false);
    }

    /** Sets the exception; a message ending its line with a nested-listing intro opens one. */
    private void setException(ExceptionLine e, boolean endsLine) {
      cur.type = e.type();
      cur.message = new StringBuilder(e.message() == null ? "" : e.message());
      if (endsLine && e.message() != null && isNestedIntro(e.message())) {
        cur.enterNested();
      }
    }

    /**
     * Closes the open traceback, reporting it when it has a frame, or a header and an exception.
     */
    private void finish() {
      Open o = cur;
      cur = null;
      if (o == null) {
        return;
      }
      String type = o.type;
      String message = o.message == null || o.message.length() == 0 ? null : o.message.toString();
      if (type == null && o.hintType != null) {
        type = o.hintType;
      }
      if (type == null && o.wrappedCause != null) {
        type = o.wrappedCause.type(); // the cause's own line was cut
        message = message == null ? o.wrappedCause.message() : message;
      }
      if (type == null && message != null) {
        ExceptionLine repeated = repeatedAfterListing(message);
        if (repeated != null) {
          type = repeated.type();
          message = repeated.message();
        }
      }
      if (type == null && o.orphan != null && !(o.header && o.frames.isEmpty())) {
        type = o.orphan.type();
        String before = o.orphan.message();
        message = before == null ? message : message == null ? before : before + "\n" + message;
      }
      List<Frame> frames = o.frames;
      List<Frame> nested = o.nestedFrames;
      if (frames.isEmpty() && !o.header) {
        // a listing with no outer traceback: its frames are the stack, as before this was nested
        frames = nested;
        nested = List.of();
      }
      if (frames.isEmpty() && !(o.header && type != null)) {
        lastEmitted = null;
        return;
      }
      if (!o.header && type == null && !o.frameStartsLine && withoutLines(frames)) {
        // prose naming a file and a function ("I stepped through /x/data.py in load_batch()"):
        // no header, no exception, no line number and no frame starting a line is no traceback
        lastEmitted = null;
        return;
      }
      lastEmitted = out.size();
      Integer from = o.chainKind == null ? null : o.chainedFrom;
      out.add(new Traceback(out.size(), frames, type, message, from, o.chainKind, nested));
    }
  }

  /**
   * The exception TensorFlow 1.x repeats after the listing of a failed op's creation ({@code
   * FailedPreconditionError (see above for traceback): …}), found in the message of a traceback
   * that has no exception of its own (the listing pasted without the traceback before it), with the
   * lines after it as the rest of its message; else {@code null}.
   */
  static ExceptionLine repeatedAfterListing(String message) {
    int at = message.indexOf(ExceptionLines.SEE_ABOVE);
    if (at < 0) {
      return null;
    }
    int start = message.lastIndexOf('\n', at) + 1;
    int end = message.indexOf('\n', at);
    ExceptionLine e =
        ExceptionLines.parse(message.substring(start, end < 0 ? message.length() : end).strip());
    if (e == null || !e.strong()) {
      return null;
    }
    String rest = end < 0 ? "" : message.substring(end + 1);
    String text =
        e.message() == null ? rest : rest.isEmpty() ? e.message() : e.message() + "\n" + rest;
    return new ExceptionLine(e.type(), text.isEmpty() ? null : text, true);
  }

  /**
   * Whether {@code message}'s last line is Keras' {@code Exception encountered when calling layer
   * "x" (type Y).} (Keras 3: {@code … calling Sequential.call().}): the error follows after a blank
   * line, so that blank does not end the message.
   */
  static boolean endsWithKerasIntro(CharSequence message) {
    int start = message.toString().lastIndexOf('\n') + 1;
    return KERAS_INTRO.matcher(message).region(start, message.length()).matches();
  }

  /**
   * The frames of a flattened TF 2.0–2.3 listing, {@code rest} being {@code in user code: …}: those
   * found when one follows the intro at once, else none.
   */
  private static List<Frame> flatListedFrames(String rest) {
    Matcher m = TF_LISTED_FLAT.matcher(rest.substring(USER_CODE.length()).stripLeading());
    List<Frame> frames = new ArrayList<>();
    if (m.lookingAt()) {
      do {
        frames.add(listedFrame(m));
      } while (m.find());
    }
    return frames;
  }

  /** The frame a {@link #TF_LISTED_FRAME} or {@link #TF_LISTED_FLAT} match names. */
  private static Frame listedFrame(Matcher m) {
    return Frames.of(m.group("path"), Integer.valueOf(m.group("line")), m.group("function"));
  }

  private static boolean withoutLines(List<Frame> frames) {
    for (Frame f : frames) {
      if (f.line() != null) {
        return false;
      }
    }
    return true;
  }

  /** A traceback being read. */
  private static final class Open {
    final boolean header;
    final ChainKind chainKind;
    final Integer chainedFrom;
    final List<Frame> frames = new ArrayList<>();
    String hintType;
    ExceptionLine orphan;

    /** Ray's {@code RayTaskError(Cause): …} line, read after the frames. */
    ExceptionLine wrappedCause;

    String type;
    StringBuilder message;
    boolean sourceSeen;
    int frameIndent = -1;

    /** Reading a frame listing printed inside the message. */
    boolean nested;

    final List<Frame> nestedFrames = new ArrayList<>();
    int nestedFrameIndent = -1;
    boolean nestedSourceDue;
    boolean textAfterListing;

    /** A blank line followed the message: the traceback ends unless a listing is introduced. */
    boolean pendingEnd;

    /** Django's {@code Exception Type:} was read: its {@code Exception Value:} may follow. */
    boolean djangoValueDue;

    /** A frame of {@link #frames} starts its line (not text run on from prose before it). */
    boolean frameStartsLine;

    /** A line indented deeper than the last frame (its source) was read after it. */
    boolean sourceBelowFrame;

    /** The last frame's source line so far, while it stops inside a string or bracket. */
    String openSource;

    /** The poster cut the frames after the header ({@link Run#posterCutBeforeFrames}). */
    boolean cutBeforeFrames;

    /** Source lines read after the header of a traceback whose frames were cut. */
    int cutSourceLines;

    /** Lines of the program's output passed over ({@link Run#isInterleavedOutput}). */
    int interleavedLines;

    void enterNested() {
      nested = true;
      textAfterListing = false;
      nestedSourceDue = false;
    }

    Open(boolean header, ChainKind chainKind, Integer chainedFrom) {
      this.header = header;
      this.chainKind = chainKind;
      this.chainedFrom = chainedFrom;
    }

    boolean done() {
      return message != null;
    }
  }
}
