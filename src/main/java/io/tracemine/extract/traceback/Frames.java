package io.tracemine.extract.traceback;

/**
 * Frame normalisation shared by the parser and by anything that must agree with it (corpus
 * generators, ground truth). Pure and total: never throws, {@code null} in gives NONE / "".
 */
public final class Frames {
  private static final String[] EXTENSIONS = {".py", ".pyc", ".pyx", ".pxd", ".pyi", ".so"};

  private Frames() {}

  /** Builds a frame from a raw path, normalising {@code file} and {@code pathStyle}. */
  public static Frame of(String rawPath, Integer line, String function) {
    return new Frame(rawPath, fileOf(rawPath), line, function, styleOf(rawPath));
  }

  /**
   * The normalised file name of {@code rawPath}: last component after {@code /} or {@code \}, with
   * a final {@code .py .pyc .pyx .pxd .pyi .so} removed; {@code <ipython-input-…>}, {@code Cell
   * In[…]} and {@code Input In […]} give {@code <ipython-input>}; a file directly under an {@code
   * ipykernel_…} directory gives {@code <ipykernel>}; other {@code <…>} names are kept as written.
   */
  public static String fileOf(String rawPath) {
    if (rawPath == null) {
      return "";
    }
    String p = rawPath.strip();
    if (p.startsWith("<ipython-input")
        || p.startsWith("Cell In[")
        || p.startsWith("Cell In [")
        || p.startsWith("Input In [")) {
      return "<ipython-input>";
    }
    if (p.startsWith("<") && p.endsWith(">")) {
      return p;
    }
    int end = p.length();
    while (end > 0 && isSeparator(p.charAt(end - 1))) {
      end--;
    }
    int start = end;
    while (start > 0 && !isSeparator(p.charAt(start - 1))) {
      start--;
    }
    String last = p.substring(start, end);
    int parentEnd = start;
    while (parentEnd > 0 && isSeparator(p.charAt(parentEnd - 1))) {
      parentEnd--;
    }
    int parentStart = parentEnd;
    while (parentStart > 0 && !isSeparator(p.charAt(parentStart - 1))) {
      parentStart--;
    }
    if (parentEnd > parentStart && p.startsWith("ipykernel_", parentStart)) {
      return "<ipykernel>";
    }
    for (String ext : EXTENSIONS) {
      if (last.length() > ext.length() && last.endsWith(ext)) {
        return last.substring(0, last.length() - ext.length());
      }
    }
    return last;
  }

  /**
   * WINDOWS for a drive letter ({@code C:\}, {@code C:/}) or UNC ({@code \\host}); UNIX for {@code
   * /…}, {@code ~/…} or any other path containing {@code /}; NONE otherwise.
   */
  public static PathStyle styleOf(String rawPath) {
    if (rawPath == null) {
      return PathStyle.NONE;
    }
    String p = rawPath.strip();
    if (p.startsWith("<")) {
      return PathStyle.NONE;
    }
    if (hasDrive(p) || p.startsWith("\\\\")) {
      return PathStyle.WINDOWS;
    }
    return p.indexOf('/') >= 0 ? PathStyle.UNIX : PathStyle.NONE;
  }

  /**
   * The study's style: a path with a backslash (or a drive letter and backslash) is WINDOWS, one
   * with a slash (Windows paths written with {@code /} included) is UNIX, anything else NONE.
   */
  public static PathStyle studyStyleOf(String rawPath) {
    if (rawPath == null || rawPath.startsWith("<")) {
      return PathStyle.NONE;
    }
    if (rawPath.indexOf('\\') >= 0) {
      return PathStyle.WINDOWS;
    }
    return rawPath.indexOf('/') >= 0 ? PathStyle.UNIX : PathStyle.NONE;
  }

  static boolean hasDrive(String p) {
    return p.length() >= 3
        && isAsciiLetter(p.charAt(0))
        && p.charAt(1) == ':'
        && isSeparator(p.charAt(2));
  }

  static boolean isSeparator(char c) {
    return c == '/' || c == '\\';
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
