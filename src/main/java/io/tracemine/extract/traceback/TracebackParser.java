package io.tracemine.extract.traceback;

import io.tracemine.extract.traceback.ExceptionLines.ExceptionLine;
import io.tracemine.extract.traceback.TraceLexer.Item;
import io.tracemine.extract.traceback.TraceLexer.Kind;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

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

  /** Parses all tracebacks of {@code text} ({@code null} gives an empty list). */
  public List<Traceback> parse(String text) {
    if (text == null || text.isEmpty() || !TraceLexer.mayHoldFrames(text)) {
      return List.of();
    }
    List<Item> items = TraceLexer.lex(TextNormalizer.normalize(text));
    return new Run().parse(items);
  }

  /** Mutable state of one parse. */
  private static final class Run {
    private final List<Traceback> out = new ArrayList<>();
    private Open cur;
    private ChainKind pendingKind;
    private Integer pendingFrom;
    private ExceptionLine orphan;
    private Integer lastEmitted;

    List<Traceback> parse(List<Item> items) {
      for (Item item : items) {
        ExceptionLine previousOrphan = orphan;
        orphan = null;
        switch (item.kind()) {
          case HEADER -> {
            finish();
            cur = open(true);
            cur.hintType = item.hint();
          }
          case CHAIN_DURING, CHAIN_CAUSE -> {
            finish();
            pendingFrom = lastEmitted;
            pendingKind = lastEmitted == null ? null
                : item.kind() == Kind.CHAIN_DURING ? ChainKind.DURING_HANDLING
                : ChainKind.DIRECT_CAUSE;
          }
          case FRAME -> frame(item, previousOrphan);
          case LOCATION -> {
            if (cur != null && !cur.done()) {
              cur.sourceSeen = false;
              cur.frameIndent = item.indent();
            }
          }
          case BLANK -> {
            if (cur != null && cur.message != null) {
              finish();
            }
          }
          default -> text(item);
        }
      }
      finish();
      return out;
    }

    private Open open(boolean header) {
      Open o = new Open(header, pendingKind, pendingFrom);
      pendingKind = null;
      pendingFrom = null;
      return o;
    }

    private void frame(Item item, ExceptionLine previousOrphan) {
      if (cur == null || cur.done()) {
        finish();
        cur = open(false);
        cur.orphan = previousOrphan;
      }
      cur.frames.add(item.frame());
      cur.sourceSeen = false;
      cur.frameIndent = item.indent();
    }

    private void text(Item item) {
      String t = item.text().strip();
      if (cur == null) {
        ExceptionLine e = ExceptionLines.parse(t);
        orphan = e != null && e.strong() ? e : null;
        return;
      }
      if (cur.message != null) {
        if (t.startsWith(">>>") || t.startsWith("In [") || cur.message.length() > MESSAGE_MAX) {
          finish();
          text(item);
        } else {
          cur.message.append('\n').append(t);
        }
        return;
      }
      if (item.afterFrame()) {
        inline(t);
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
      boolean ipythonPreamble = cur.frames.isEmpty() && cur.hintType != null;
      ExceptionLine e = ExceptionLines.parse(t);
      if (e != null && e.strong()) {
        setException(e);
      } else if (!cur.sourceSeen && !cur.frames.isEmpty()) {
        cur.sourceSeen = true;
      } else if (e != null && !cur.frames.isEmpty()) {
        setException(e);
      } else if (!ipythonPreamble) {
        finish();
        text(item);
      }
    }

    private static boolean isEllipsis(String t) {
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

    /** Text after a frame on the same line: flattened source, IPython context, maybe the exception. */
    private void inline(String t) {
      int n = t.length();
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
        if (end == i - 1 && t.charAt(end) == ':') {
          String rest = t.substring(i).strip();
          setException(new ExceptionLine(name, rest.isEmpty() ? null : cut(rest), true));
          finish();
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
        ipythonArrowLine(t);
      }
    }

    /** {@code raise X}, {@code except X}, {@code import X}: source code, not the exception. */
    private static boolean afterKeyword(String t, int start) {
      String before = t.substring(Math.max(0, start - 8), start).stripTrailing();
      return before.endsWith("raise") || before.endsWith("except") || before.endsWith("import");
    }

    private static String cut(String rest) {
      if (rest.length() <= FLAT_MESSAGE_MAX) {
        return rest;
      }
      int space = rest.lastIndexOf(' ', FLAT_MESSAGE_MAX);
      return rest.substring(0, space > 0 ? space : FLAT_MESSAGE_MAX);
    }

    /** IPython source context, carets, truncation marks, recursion notes, deeper-indented source. */
    private boolean isContext(String t, int indent) {
      if (t.startsWith(RepeatCollapser.PYTHON_REPEAT_NOTE) && !cur.frames.isEmpty()) {
        int last = cur.frames.size() - 1;
        cur.frames.set(last, RepeatCollapser.noteRepeats(cur.frames.get(last), t));
        return true;
      }
      if (cur.frameIndent >= 0 && indent > cur.frameIndent && !cur.frames.isEmpty()) {
        ipythonArrowLine(t);
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
      if (t.startsWith("[Previous line repeated") || t.equals("...") || t.equals("…")
          || t.equals("[...]") || t.equals("(...)") || t.startsWith("---------")) {
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
        cur.frames.set(last, new Frame(f.rawPath(), f.file(), Integer.valueOf(t.substring(d, i)),
            f.function(), f.pathStyle()));
      }
    }

    private void setException(ExceptionLine e) {
      cur.type = e.type();
      cur.message = new StringBuilder(e.message() == null ? "" : e.message());
    }

    /** Closes the open traceback, reporting it when it has a frame, or a header and an exception. */
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
      if (type == null && o.orphan != null) {
        type = o.orphan.type();
        message = o.orphan.message();
      }
      if (o.frames.isEmpty() && !(o.header && type != null)) {
        lastEmitted = null;
        return;
      }
      lastEmitted = out.size();
      Integer from = o.chainKind == null ? null : o.chainedFrom;
      out.add(new Traceback(out.size(), o.frames, type, message, from, o.chainKind));
    }
  }

  /** A traceback being read. */
  private static final class Open {
    final boolean header;
    final ChainKind chainKind;
    final Integer chainedFrom;
    final List<Frame> frames = new ArrayList<>();
    String hintType;
    ExceptionLine orphan;
    String type;
    StringBuilder message;
    boolean sourceSeen;
    int frameIndent = -1;

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
