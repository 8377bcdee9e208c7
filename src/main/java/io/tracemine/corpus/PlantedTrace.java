package io.tracemine.corpus;

import java.util.List;

/**
 * Ground truth for one traceback written into a question body.
 *
 * <p>{@code blockIndex} is the index of the containing block among the body's {@code <pre>},
 * {@code <p>}, {@code <ul>} and {@code <ol>} elements in document order (nested ones are never
 * generated, so none is double-counted); {@code blockKind} is {@code pre} or {@code p};
 * {@code position} is the 0-based index of the traceback within its block. {@code format} is
 * {@code cpython} or {@code ipython}; {@code variant} one of {@code plain}, {@code chained},
 * {@code repeated}, {@code truncated}, {@code recursion}; {@code os} is {@code unix} or
 * {@code windows} (the style of the printed paths). {@code chainedFrom} is the position of the
 * traceback this one was raised while handling (null when not chained), with {@code chainKind}
 * {@code context} ("During handling of the above exception...") or {@code cause} ("The above
 * exception was the direct cause..."). {@code exceptionType} is null when the traceback was
 * truncated before its exception line. Frames are in textual order (outermost call first).
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
    List<RunOccurrence> runs) {

  public PlantedTrace {
    frames = List.copyOf(frames);
    libraries = List.copyOf(libraries);
    runs = List.copyOf(runs);
  }
}
