package io.tracemine.extract.traceback;

import java.io.Serializable;

/**
 * One stack frame, normalised as documented in {@code docs/EXTRACT.md}.
 *
 * @param rawPath the path exactly as written ({@code /usr/lib/x.py}, {@code <stdin>}, {@code Cell
 *     In[3]})
 * @param file the last path component without a {@code .py/.pyc/.pyx/.pxd/.pyi/.so} extension;
 *     {@code <ipython-input>} for IPython cells, {@code <ipykernel>} for Jupyter kernel files
 * @param line the line number, or {@code null} when the trace does not show it
 * @param function the function as written ({@code <module>}, {@code fit}); IPython's argument list
 *     is dropped; the {@code paper} profile writes {@code <module>} as {@code module}
 * @param pathStyle the path's operating-system style
 */
public record Frame(String rawPath, String file, Integer line, String function, PathStyle pathStyle)
    implements Serializable {}
