package io.tracemine.extract.traceback;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds JVM stack traces in one block of text: what {@code Throwable.printStackTrace} prints and
 * what PySpark shows inside a {@code py4j.protocol.Py4JJavaError} message.
 *
 * <p>Lines are read one at a time, leading blanks (tabs, spaces) ignored:
 *
 * <ul>
 *   <li>a <b>frame</b>: {@code at pkg.Class.method(Location)}, the line starting with {@code at};
 *       an optional module or class-loader prefix ({@code java.base/}, {@code app//}) is dropped;
 *       Location is {@code File.ext}, {@code File.ext:N}, {@code Native Method}, {@code Unknown
 *       Source} or {@code <generated>}; after the closing bracket only a logging framework's {@code
 *       ~[jar]} note may follow;
 *   <li>an <b>exception line</b>: {@code pkg.Name} or {@code pkg.Name: message}, optionally after
 *       {@code : } (Py4J) or {@code Exception in thread "t" }, where the name is dotted and ends in
 *       {@code Exception}, {@code Error} or {@code Throwable}; lines up to the first frame continue
 *       its message (a nested Python {@code Traceback (most recent call last)} included);
 *   <li>{@code Caused by: <exception line>} and {@code Suppressed: <exception line>}: a further
 *       exception of the same trace, linked to the one before ({@link JvmTrace});
 *   <li>{@code ... N more} (also {@code ... N common frames omitted}): frames shared with the
 *       enclosing exception;
 *   <li>Spark's {@code Driver stacktrace:}: the frames printed before it belong to the message
 *       (Spark repeats them under {@code Caused by:}); the frames after it are the exception's own.
 * </ul>
 *
 * <p>A trace (an exception with its causes) is reported only when at least one of its exceptions
 * has a frame line: an exception name in prose never makes an instance, and no frame is ever
 * produced from anything but a frame line. Frames without an exception line form a trace of their
 * own with no exception type. Any other non-blank line ends the trace.
 *
 * <p>Linear in the input length; never throws on any string.
 */
public final class JvmTraceParser implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int MESSAGE_MAX = 10_000;

  /** A pending exception line whose frames do not start within this many lines is dropped. */
  static final int MESSAGE_LINES_MAX = 400;

  private static final String PYTHON_HEADER = "Traceback (most recent call last)";

  /** All JVM traces of {@code text} ({@code null} gives an empty list). */
  public List<JvmTrace> parse(String text) {
    if (text == null || !mayHoldFrames(text)) {
      return List.of();
    }
    String normalized = TextNormalizer.normalize(text);
    Run run = new Run();
    int start = 0;
    int n = normalized.length();
    while (start <= n) {
      int end = normalized.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      run.line(normalized.substring(start, end));
      start = end + 1;
    }
    run.closeGroup();
    return run.out;
  }

  /** A cheap pre-filter: a frame line needs {@code at } and a bracket. */
  static boolean mayHoldFrames(String text) {
    return text.contains("at ") && text.indexOf('(') >= 0;
  }

  /** An exception line: the name and the message (null when absent). */
  record Header(String type, String message, boolean carried) {}

  /** The frame of one {@code at …} line, or {@code null}. */
  static Frame frame(String line) {
    if (!line.startsWith("at ")) {
      return null;
    }
    int open = line.indexOf('(', 3);
    if (open < 0) {
      return null;
    }
    int close = line.indexOf(')', open);
    if (close < 0 || !trailerOk(line, close + 1)) {
      return null;
    }
    String qualified = line.substring(3, open).strip();
    int slash = qualified.lastIndexOf('/');
    if (slash >= 0) {
      qualified = qualified.substring(slash + 1);
    }
    int dot = qualified.lastIndexOf('.');
    if (dot <= 0 || dot == qualified.length() - 1 || !isQualifiedName(qualified)) {
      return null;
    }
    String location = line.substring(open + 1, close);
    String source = location;
    Integer lineNumber = null;
    if (!location.equals("Native Method")
        && !location.equals("Unknown Source")
        && !location.equals("<generated>")) {
      int colon = location.lastIndexOf(':');
      if (colon >= 0) {
        if (!allDigits(location, colon + 1)) {
          return null;
        }
        // a number past 9 digits is no real line: the frame stays, its line unknown
        lineNumber = digits(location, colon + 1);
        source = location.substring(0, colon);
      }
      if (!isSourceFile(source)) {
        return null;
      }
    }
    return new Frame(
        source,
        qualified.substring(0, dot),
        lineNumber,
        qualified.substring(dot + 1),
        PathStyle.NONE);
  }

  /** After a frame's closing bracket: nothing, or a logging framework's {@code ~[x.jar:1.0]}. */
  private static boolean trailerOk(String line, int from) {
    String rest = line.substring(from).strip();
    return rest.isEmpty() || rest.startsWith("~[") || rest.startsWith("[");
  }

  private static boolean isQualifiedName(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isJavaIdentifierPart(c) && c != '.' && c != '<' && c != '>' && c != '-') {
        return false;
      }
    }
    return Character.isJavaIdentifierStart(s.charAt(0));
  }

  /** {@code Name.ext}: a file name with a 1-10 letter extension and no blanks. */
  private static boolean isSourceFile(String s) {
    int dot = s.lastIndexOf('.');
    if (dot <= 0 || dot == s.length() - 1 || s.length() - dot - 1 > 10) {
      return false;
    }
    for (int i = dot + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    for (int i = 0; i < dot; i++) {
      char c = s.charAt(i);
      if (!Character.isJavaIdentifierPart(c) && c != '.' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** Whether the rest of {@code s} from {@code from} is one or more ASCII digits. */
  private static boolean allDigits(String s, int from) {
    if (from >= s.length()) {
      return false;
    }
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** 1-9 ASCII digits making up the rest of {@code s} from {@code from}, else {@code null}. */
  private static Integer digits(String s, int from) {
    int n = s.length() - from;
    if (n < 1 || n > 9) {
      return null;
    }
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return null;
      }
    }
    return Integer.valueOf(s.substring(from));
  }

  /** N of {@code ... N more} / {@code ... N common frames omitted}, else {@code null}. */
  static Integer elision(String line) {
    if (!line.startsWith("...")) {
      return null;
    }
    String rest = line.substring(3).strip();
    int i = 0;
    while (i < rest.length() && i < 9 && rest.charAt(i) >= '0' && rest.charAt(i) <= '9') {
      i++;
    }
    if (i == 0) {
      return null;
    }
    String tail = rest.substring(i).strip();
    if (!tail.equals("more") && !tail.equals("common frames omitted")) {
      return null;
    }
    return Integer.valueOf(rest.substring(0, i));
  }

  /**
   * The exception line {@code line} holds, or {@code null}; with {@code nameRule} the name must end
   * in {@code Exception}, {@code Error} or {@code Throwable} (after {@code Caused by:} any dotted
   * name is accepted).
   */
  static Header header(String line, boolean nameRule) {
    String s = line;
    boolean carried = false;
    if (s.startsWith(": ")) {
      s = s.substring(2).stripLeading();
      carried = true;
    } else if (s.startsWith("Exception in thread \"")) {
      int q = s.indexOf('"', 21);
      if (q < 0) {
        return null;
      }
      s = s.substring(q + 1).stripLeading();
    }
    int i = 0;
    int dots = 0;
    int segmentStart = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '.') {
        if (i == segmentStart) {
          return null;
        }
        dots++;
        segmentStart = i + 1;
      } else if (i == segmentStart
          ? !Character.isJavaIdentifierStart(c)
          : !Character.isJavaIdentifierPart(c)) {
        break;
      }
      i++;
    }
    if (dots == 0 || i == segmentStart) {
      return null;
    }
    String name = s.substring(0, i);
    String last = name.substring(name.lastIndexOf('.') + 1);
    if (nameRule
        && !last.endsWith("Exception")
        && !last.endsWith("Error")
        && !last.endsWith("Throwable")) {
      return null;
    }
    String rest = s.substring(i);
    if (rest.isBlank()) {
      return new Header(name, null, carried);
    }
    if (rest.charAt(0) != ':') {
      return null;
    }
    String message = rest.substring(1).strip();
    return new Header(name, message.isEmpty() ? null : message, carried);
  }

  /** An exception being read. */
  private static final class Open {
    final String type;
    final StringBuilder message;
    final List<Frame> frames = new ArrayList<>();
    final Integer linkedTo;
    final ChainKind linkKind;
    final int indent;
    Integer common;
    boolean pythonMessage;
    int messageLines;

    Open(Header h, Integer linkedTo, ChainKind linkKind, int indent) {
      this.indent = indent;
      this.type = h == null ? null : h.type();
      this.message = new StringBuilder(h == null || h.message() == null ? "" : h.message());
      this.linkedTo = linkedTo;
      this.linkKind = linkKind;
      this.pythonMessage = h != null && h.message() != null && h.message().contains(PYTHON_HEADER);
    }

    void appendMessage(String text) {
      messageLines++;
      if (text.contains(PYTHON_HEADER)) {
        pythonMessage = true;
      }
      if (message.length() < MESSAGE_MAX) {
        message.append(message.length() == 0 ? "" : "\n").append(text);
      }
    }
  }

  /** Mutable state of one parse. */
  private static final class Run {
    final List<JvmTrace> out = new ArrayList<>();
    final List<Open> group = new ArrayList<>();
    boolean carried;
    int groups;
    boolean inFrames;

    void line(String raw) {
      String t = raw.strip();
      Open cur = group.isEmpty() ? null : group.get(group.size() - 1);
      Frame f = t.startsWith("at ") ? frame(t) : null;
      if (f != null) {
        if (cur == null) {
          start(null, indentOf(raw));
          cur = group.get(0);
        }
        cur.frames.add(f);
        inFrames = true;
        return;
      }
      if (cur == null) {
        Header h =
            t.startsWith("Caused by:") ? header(t.substring(10).strip(), false) : header(t, true);
        if (h != null) {
          start(h, indentOf(raw));
        }
        return;
      }
      if (t.isEmpty()) {
        if (!inFrames) {
          cur.appendMessage("");
        }
        return;
      }
      Integer omitted = elision(t);
      if (omitted != null) {
        cur.common = omitted;
        inFrames = true;
        return;
      }
      if (t.startsWith("Caused by:") || t.startsWith("Suppressed:")) {
        Header h = header(t.substring(t.indexOf(':') + 1).strip(), false);
        if (h != null) {
          boolean cause = t.startsWith("Caused by:");
          int indent = indentOf(raw);
          int linked = cause ? causeTarget(indent) : suppressionTarget();
          group.add(
              new Open(
                  h, linked, cause ? ChainKind.DIRECT_CAUSE : ChainKind.DURING_HANDLING, indent));
          inFrames = false;
          return;
        }
      }
      if (t.equals("Driver stacktrace:") && inFrames) {
        for (Frame moved : cur.frames) {
          cur.appendMessage(
              "\tat " + moved.file() + "." + moved.function() + "(" + location(moved) + ")");
        }
        cur.appendMessage(t);
        cur.frames.clear();
        return;
      }
      Header h = header(t, true);
      if (inFrames) {
        closeGroup();
        if (h != null) {
          start(h, indentOf(raw));
        }
        return;
      }
      if (h != null && !cur.pythonMessage) {
        closeGroup();
        start(h, indentOf(raw));
        return;
      }
      cur.appendMessage(t);
      if (cur.messageLines > MESSAGE_LINES_MAX) {
        closeGroup();
      }
    }

    /**
     * The exception a {@code Caused by:} at {@code indent} belongs to: the latest one printed at
     * that indentation (Java indents a suppressed exception and its causes), else the latest.
     */
    private int causeTarget(int indent) {
      for (int i = group.size() - 1; i >= 0; i--) {
        if (group.get(i).indent == indent) {
          return i;
        }
      }
      return group.size() - 1;
    }

    private static int indentOf(String raw) {
      int i = 0;
      while (i < raw.length() && (raw.charAt(i) == ' ' || raw.charAt(i) == '\t')) {
        i++;
      }
      return i;
    }

    /** The exception a {@code Suppressed:} belongs to: the group's first with frames, else 0. */
    private int suppressionTarget() {
      for (int i = group.size() - 1; i >= 0; i--) {
        if (group.get(i).linkKind != ChainKind.DURING_HANDLING) {
          return i;
        }
      }
      return 0;
    }

    private static String location(Frame f) {
      return f.line() == null ? f.rawPath() : f.rawPath() + ":" + f.line();
    }

    private void start(Header h, int indent) {
      group.add(new Open(h, null, null, indent));
      carried = h != null && h.carried();
      inFrames = false;
    }

    private boolean hasFrames() {
      for (Open o : group) {
        if (!o.frames.isEmpty()) {
          return true;
        }
      }
      return false;
    }

    void closeGroup() {
      if (hasFrames()) {
        int base = out.size();
        for (Open o : group) {
          Integer from =
              o.linkKind == ChainKind.DURING_HANDLING ? Integer.valueOf(base + o.linkedTo) : null;
          String message = o.message.toString().strip();
          Traceback tb =
              new Traceback(
                  out.size(),
                  o.frames,
                  o.type,
                  message.isEmpty() ? null : message,
                  from,
                  o.linkKind == ChainKind.DURING_HANDLING ? ChainKind.DURING_HANDLING : null);
          out.add(new JvmTrace(tb, groups, carried, o.common));
        }
        // a cause is printed after the exception it caused: link the earlier one to it
        for (int i = 0; i < group.size(); i++) {
          Open o = group.get(i);
          if (o.linkKind == ChainKind.DIRECT_CAUSE) {
            int effect = base + o.linkedTo;
            JvmTrace e = out.get(effect);
            Traceback t = e.traceback();
            out.set(
                effect,
                new JvmTrace(
                    new Traceback(
                        t.position(),
                        t.frames(),
                        t.exceptionType(),
                        t.message(),
                        base + i,
                        ChainKind.DIRECT_CAUSE),
                    e.group(),
                    e.carried(),
                    e.commonFramesOmitted()));
          }
        }
        groups++;
      }
      group.clear();
      inFrames = false;
      carried = false;
    }
  }
}
