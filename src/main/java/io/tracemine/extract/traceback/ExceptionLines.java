package io.tracemine.extract.traceback;

import java.util.Set;

/**
 * Recognises an exception line {@code dotted.Name[: message]} (also TensorFlow 1.x's {@code Name
 * (see above for traceback): message}); bounded work per call.
 */
final class ExceptionLines {
  static final int MAX_NAME = 300;

  /** Python 3's keywords, except the constants {@code None}, {@code True}, {@code False}. */
  static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "as",
          "assert",
          "async",
          "await",
          "break",
          "class",
          "continue",
          "def",
          "del",
          "elif",
          "else",
          "except",
          "finally",
          "for",
          "from",
          "global",
          "if",
          "import",
          "in",
          "is",
          "lambda",
          "nonlocal",
          "not",
          "or",
          "pass",
          "raise",
          "return",
          "try",
          "while",
          "with",
          "yield");

  private static final Set<String> NOT_NAMES =
      java.util.stream.Stream.concat(
              KEYWORDS.stream(),
              java.util.stream.Stream.of(
                  "None",
                  "True",
                  "False",
                  "Note",
                  "Warning",
                  "Error",
                  // logging's labels ("Message: 'x'" of a logging error), log levels, doctest's
                  // "Expected:" / "Got:", pytest's "E" margin: no exception is named so
                  "Message",
                  "Arguments",
                  "DEBUG",
                  "INFO",
                  "WARNING",
                  "WARN",
                  "CRITICAL",
                  "FATAL",
                  "Expected",
                  "Got",
                  "E"))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());
  private static final String[] SUFFIXES = {
    "Error",
    "Exception",
    "Warning",
    "Exit",
    "Interrupt",
    "Timeout",
    "Iteration",
    "Failure",
    "error",
    "timeout"
  };

  /**
   * What TensorFlow 1.x prints between an error's name and its message when it repeats them after
   * the listing of the failed op's creation ({@code InvalidArgumentError (see above for traceback):
   * …}).
   */
  static final String SEE_ABOVE = " (see above for traceback):";

  /** A parsed exception line; {@code strong} when it cannot plausibly be a source line. */
  record ExceptionLine(String type, String message, boolean strong) {}

  private ExceptionLines() {}

  /** Parses a stripped line, or returns {@code null} when it is not an exception line. */
  /** What cannot follow the colon of {@code Name:message} written without a blank ({@code ::}). */
  private static final String TIGHT_MESSAGE_START = ":/=\\";

  static ExceptionLine parse(String line) {
    int end = nameEnd(line, 0);
    if (end <= 0) {
      return null;
    }
    String name = line.substring(0, end);
    String message;
    boolean colon;
    boolean tight = false;
    if (end == line.length()) {
      message = null;
      colon = false;
    } else {
      int after;
      if (line.charAt(end) == ':'
          && (end + 1 == line.length() || Character.isWhitespace(line.charAt(end + 1)))) {
        after = end + 1;
      } else if (line.charAt(end) == ':' && TIGHT_MESSAGE_START.indexOf(line.charAt(end + 1)) < 0) {
        // retyped without the blank: "TypeError:'int' object can't be concatenated"
        after = end + 1;
        tight = true;
      } else if (line.startsWith(SEE_ABOVE, end)) {
        after = end + SEE_ABOVE.length();
      } else {
        return null;
      }
      String rest = line.substring(after).strip();
      message = rest.isEmpty() ? null : rest;
      colon = true;
    }
    if (NOT_NAMES.contains(name)) {
      return null;
    }
    String last = name.substring(name.lastIndexOf('.') + 1);
    boolean upper = Character.isUpperCase(last.charAt(0));
    boolean typed = isTypedName(last);
    if (tight && !(typed && upper)) {
      return null;
    }
    boolean strong = typed || (colon && upper);
    boolean weak = strong || upper || name.indexOf('.') >= 0;
    if (name.equals(TWISTED_FAILURE) && message != null && !message.startsWith(TWISTED_FAILURE)) {
      // Twisted's Failure.printTraceback: "Failure: twisted.internet.error.TimeoutError: msg"
      ExceptionLine inner = parse(message);
      if (inner != null && inner.strong()) {
        return inner;
      }
    }
    return weak ? new ExceptionLine(withoutBuiltinsModule(name), message, strong) : null;
  }

  /** The name Twisted prints before a failure's own exception line. */
  private static final String TWISTED_FAILURE = "Failure";

  private static final String[] BUILTINS_MODULES = {"builtins.", "exceptions.", "__builtin__."};

  /**
   * A built-in exception's own name for its qualified one: {@code builtins.TypeError} (Wing IDE),
   * {@code exceptions.OSError} and {@code __builtin__.X} (Python 2) are {@code TypeError}, {@code
   * OSError} and {@code X}.
   */
  static String withoutBuiltinsModule(String name) {
    for (String module : BUILTINS_MODULES) {
      if (name.startsWith(module)
          && name.length() > module.length()
          && name.indexOf('.', module.length()) < 0) {
        return name.substring(module.length());
      }
    }
    return name;
  }

  /**
   * The exception a reflowed paste glued after a frame's source line ({@code return f(x)
   * RuntimeError: index out of range}, {@code g(a)))TypeError: bad}): the first {@code dotted.Name:
   * message} outside string literals and comments that follows a blank or a closing bracket, whose
   * last name part starts upper-case and ends like an exception class and that does not follow
   * {@code except}; {@code null} when there is none. Linear in the line.
   */
  static ExceptionLine glued(String line) {
    int n = line.length();
    char quote = 0;
    int i = 0;
    while (i < n) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i += 2;
          continue;
        }
        if (c == quote) {
          quote = 0;
        }
        i++;
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
        i++;
        continue;
      }
      if (c == '#') {
        return null;
      }
      if (i == 0 || !isNameStart(c) || !isBreak(line.charAt(i - 1))) {
        i++;
        continue;
      }
      int end = nameEnd(line, i);
      if (end < 0) {
        while (i < n && (isNamePart(line.charAt(i)) || line.charAt(i) == '.')) {
          i++;
        }
        continue;
      }
      String name = line.substring(i, end);
      String last = name.substring(name.lastIndexOf('.') + 1);
      if (end < n
          && line.charAt(end) == ':'
          && (end + 1 == n || Character.isWhitespace(line.charAt(end + 1)))
          && Character.isUpperCase(last.charAt(0))
          && isTypedName(last)
          && !NOT_NAMES.contains(name)
          && !line.substring(Math.max(0, i - 7), i).stripTrailing().endsWith("except")) {
        String rest = line.substring(end + 1).strip();
        return new ExceptionLine(name, rest.isEmpty() ? null : rest, true);
      }
      i = end;
    }
    return null;
  }

  /** A character a glued exception name may follow: a blank or a closing bracket. */
  private static boolean isBreak(char c) {
    return Character.isWhitespace(c) || c == ')' || c == ']' || c == '}';
  }

  /**
   * The cause named by an exception line whose class wraps it, as Ray's {@code
   * ray.exceptions.RayTaskError(ValueError): ray::f() (pid=1)} prints a class made to be both (type
   * {@code ValueError}, message the rest of the line); else {@code null}. Both names must end like
   * an exception class.
   */
  static ExceptionLine wrappedCause(String line) {
    int open = nameEnd(line, 0);
    if (open <= 0 || open >= line.length() || line.charAt(open) != '(') {
      return null;
    }
    int close = nameEnd(line, open + 1);
    if (close <= open + 1 || close >= line.length() || line.charAt(close) != ')') {
      return null;
    }
    String outer = line.substring(0, open);
    String cause = line.substring(open + 1, close);
    if (!isTypedName(outer.substring(outer.lastIndexOf('.') + 1))
        || !isTypedName(cause.substring(cause.lastIndexOf('.') + 1))) {
      return null;
    }
    String rest = line.substring(close + 1);
    if (rest.isBlank()) {
      return new ExceptionLine(cause, null, true);
    }
    if (rest.charAt(0) != ':') {
      return null;
    }
    String message = rest.substring(1).strip();
    return new ExceptionLine(cause, message.isEmpty() ? null : message, true);
  }

  /** True when the last name component ends like an exception class ({@code Error}, …). */
  static boolean isTypedName(String last) {
    for (String s : SUFFIXES) {
      if (last.endsWith(s)) {
        return true;
      }
    }
    return false;
  }

  /**
   * End (exclusive) of a dotted Python name starting at {@code from}, or -1; at most {@link
   * #MAX_NAME} characters are read.
   */
  static int nameEnd(CharSequence s, int from) {
    int i = from;
    int limit = Math.min(s.length(), from + MAX_NAME);
    while (true) {
      if (i >= limit || !isNameStart(s.charAt(i))) {
        return -1;
      }
      i++;
      while (i < limit && isNamePart(s.charAt(i))) {
        i++;
      }
      if (i < limit - 1 && s.charAt(i) == '.' && isNameStart(s.charAt(i + 1))) {
        i++;
        continue;
      }
      return i >= limit && limit < s.length() ? -1 : i;
    }
  }

  static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
