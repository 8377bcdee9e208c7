package io.tracemine.corpus;

/** The parser's normalisation of a frame path to a file name, used for ground truth. */
public final class FileNames {
  private static final String[] EXTENSIONS = {".py", ".pyc", ".pyx", ".pxd", ".pyi", ".so"};

  private FileNames() {}

  /**
   * The last path component after {@code /} or {@code \}, with a final .py, .pyc, .pyx, .pxd, .pyi
   * or .so removed; {@code <ipython-input-12-abc>} becomes {@code <ipython-input>}; other {@code
   * <...>} names ({@code <stdin>}, {@code <string>}, {@code <frozen importlib._bootstrap>}) are
   * kept as written.
   */
  public static String normalise(String rawPath) {
    if (rawPath.startsWith("<")) {
      return rawPath.startsWith("<ipython-input-") ? "<ipython-input>" : rawPath;
    }
    int slash = Math.max(rawPath.lastIndexOf('/'), rawPath.lastIndexOf('\\'));
    String name = rawPath.substring(slash + 1);
    for (String ext : EXTENSIONS) {
      if (name.endsWith(ext) && name.length() > ext.length()) {
        return name.substring(0, name.length() - ext.length());
      }
    }
    return name;
  }
}
