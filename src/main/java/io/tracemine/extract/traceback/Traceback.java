package io.tracemine.extract.traceback;

import java.io.Serializable;
import java.util.List;

/**
 * One traceback found in a block.
 *
 * @param position 0-based index of this traceback among those found in its block
 * @param frames frames in textual order (outermost call first); may be empty when the header and
 *     exception were pasted without frames
 * @param exceptionType the exception's name as written ({@code ValueError}, {@code
 *     tensorflow.python.framework.errors_impl.InvalidArgumentError}, {@code Timeout}), or {@code
 *     null} when the trace ends without one
 * @param message the exception message (continuation lines joined with {@code \n}), or {@code null}
 * @param chainedFrom position of the traceback this one was raised while handling / caused by, or
 *     {@code null}
 * @param chainKind the kind of that link, or {@code null}
 * @param nestedFrames frames of a listing printed inside the exception message (TensorFlow/Keras
 *     {@code in user code:}, {@code defined at (most recent call last):}, {@code Caused by op …,
 *     defined at:}): where a graph node was defined, not the call stack of the raise; in textual
 *     order, empty when there is none. Not part of {@code frames}, so not mined as the stack.
 */
public record Traceback(
    int position,
    List<Frame> frames,
    String exceptionType,
    String message,
    Integer chainedFrom,
    ChainKind chainKind,
    List<Frame> nestedFrames)
    implements Serializable {
  public Traceback {
    frames = List.copyOf(frames);
    nestedFrames = nestedFrames == null ? List.of() : List.copyOf(nestedFrames);
  }

  /** A traceback without a nested listing. */
  public Traceback(
      int position,
      List<Frame> frames,
      String exceptionType,
      String message,
      Integer chainedFrom,
      ChainKind chainKind) {
    this(position, frames, exceptionType, message, chainedFrom, chainKind, List.of());
  }
}
