package io.tracemine.extract.traceback;

/** The operating-system style of a frame's path. */
public enum PathStyle {
  /** {@code /...}, {@code ~/...} or a relative path containing {@code /}. */
  UNIX,
  /** A drive letter ({@code C:\} or {@code C:/}) or a UNC path ({@code \\server\...}). */
  WINDOWS,
  /** No recognisable path: {@code "train.py"}, {@code <stdin>}, {@code <ipython-input-…>}. */
  NONE
}
