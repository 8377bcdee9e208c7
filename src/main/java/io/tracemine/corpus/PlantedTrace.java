package io.tracemine.corpus;

import java.util.List;

/**
 * Ground truth for one traceback written into a question body.
 *
 * <p>{@code blockIndex} is the index of the containing block among the body's {@code <pre>}, {@code
 * <p>}, {@code <ul>} and {@code <ol>} elements in document order (nested ones are never generated,
 * so none is double-counted); {@code blockKind} is {@code pre} or {@code p}; {@code position} is
 * the 0-based index of the traceback within its block. {@code format} is {@code cpython} or {@code
 * ipython}; {@code variant} one of {@code plain}, {@code chained}, {@code repeated}, {@code
 * truncated}, {@code recursion}; {@code os} is {@code unix} or {@code windows} (the style of the
 * printed paths). {@code chainedFrom} is the position of the traceback this one was raised while
 * handling (null when not chained), with {@code chainKind} {@code context} ("During handling of the
 * above exception...") or {@code cause} ("The above exception was the direct cause..."). {@code
 * exceptionType} is null when the traceback was truncated before its exception line. Frames are in
 * textual order (outermost call first).
 *
 * <p>{@code language} is {@code python} or {@code jvm}. A {@code jvm} trace is one exception of the
 * Java stack trace a {@code Py4JJavaError} message carries (format as its Python traceback's,
 * variant {@code py4j}); it follows the block's Python tracebacks in {@code position}; {@code
 * parentPosition} is the position of that Python traceback; its frames are JVM frames ({@code
 * rawPath} the source file or {@code Native Method}, {@code file} the class, {@code function} the
 * method), innermost call first as Java prints them; {@code chainedFrom} is the position of its
 * cause ({@code Caused by:}, chain kind {@code cause}); {@code commonFramesOmitted} is the N of its
 * {@code ... N more} line.
 */
public record PlantedTrace(
    long questionId,
    int blockIndex,
    String blockKind,
    int position,
    String format,
    String variant,
    String os,
    String exceptionType,
    String message,
    List<PlantedFrame> frames,
    Integer chainedFrom,
    String chainKind,
    List<String> libraries,
    List<RunOccurrence> runs,
    String language,
    Integer parentPosition,
    Integer commonFramesOmitted) {

  public PlantedTrace {
    frames = List.copyOf(frames);
    libraries = List.copyOf(libraries);
    runs = List.copyOf(runs);
  }

  /** This traceback as placed in question {@code questionId}'s block {@code blockIndex}. */
  PlantedTrace placed(long questionId, int blockIndex, String blockKind, List<String> libraries) {
    return new PlantedTrace(
        questionId,
        blockIndex,
        blockKind,
        position,
        format,
        variant,
        os,
        exceptionType,
        message,
        frames,
        chainedFrom,
        chainKind,
        libraries,
        runs,
        language,
        parentPosition,
        commonFramesOmitted);
  }

  public boolean isPython() {
    return "python".equals(language);
  }
}
