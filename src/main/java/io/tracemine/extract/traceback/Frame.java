package io.tracemine.extract.traceback;

import java.io.Serializable;
import java.util.Objects;

/**
 * One stack frame, normalised as documented in {@code docs/EXTRACT.md}.
 *
 * <p>A JVM frame ({@code at org.acme.ml.Pipeline.fit(Pipeline.scala:151)}) uses the same record:
 * {@code file} is the declaring class as written without a module prefix ({@code
 * org.acme.ml.Pipeline}), {@code function} the method ({@code fit}), {@code rawPath} the source
 * location as written ({@code Pipeline.scala}, {@code Native Method}, {@code Unknown Source}) and
 * {@code pathStyle} {@link PathStyle#NONE}.
 *
 * @param rawPath the path exactly as written ({@code /usr/lib/x.py}, {@code <stdin>}, {@code Cell
 *     In[3]})
 * @param file the last path component without a {@code .py/.pyc/.pyx/.pxd/.pyi/.so} extension;
 *     {@code <ipython-input>} for IPython cells, {@code <ipykernel>} for Jupyter kernel files
 * @param line the line number, or {@code null} when the trace does not show it
 * @param function the function as written ({@code <module>}, {@code fit}); IPython's argument list
 *     is dropped; a pseudo-name a poster put in parentheses ({@code (module)}) is read as CPython
 *     prints it ({@code <module>}); the {@code paper} profile writes {@code <module>} as {@code
 *     module}
 * @param pathStyle the path's operating-system style
 * @param moreRepeats how many more identical calls directly follow this frame and are not listed
 *     (Python's {@code [Previous line repeated N more times]}, or a run collapsed by {@link
 *     RepeatCollapser}); 0 for an ordinary frame
 */
public record Frame(
    String rawPath,
    String file,
    Integer line,
    String function,
    PathStyle pathStyle,
    int moreRepeats)
    implements Serializable {

  /** An ordinary frame: {@code moreRepeats} 0. */
  public Frame(String rawPath, String file, Integer line, String function, PathStyle pathStyle) {
    this(rawPath, file, line, function, pathStyle, 0);
  }

  /** This frame with {@code moreRepeats} replaced. */
  public Frame withMoreRepeats(int repeats) {
    return new Frame(rawPath, file, line, function, pathStyle, repeats);
  }

  /** The same call: equal but for {@code moreRepeats}. */
  public boolean sameCall(Frame other) {
    return Objects.equals(rawPath, other.rawPath)
        && Objects.equals(file, other.file)
        && Objects.equals(line, other.line)
        && Objects.equals(function, other.function)
        && pathStyle == other.pathStyle;
  }
}
