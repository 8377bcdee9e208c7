package io.tracemine.extract.traceback;

import io.tracemine.extract.html.BlockKind;
import java.io.Serializable;

/**
 * A traceback and where it was found.
 *
 * @param blockIndex the {@link io.tracemine.extract.html.Block#index()} of its block
 * @param blockKind the kind of that block
 * @param position the traceback's 0-based position within the block (JVM traces follow the block's
 *     Python tracebacks)
 * @param traceback the traceback
 * @param language {@link #PYTHON} or {@link #JVM}
 * @param parentPosition for a JVM trace carried by a Python {@code Py4JJavaError}: the position of
 *     that Python traceback in the same block; else {@code null}
 * @param commonFramesOmitted for a JVM trace, the N of its {@code ... N more} line; else {@code
 *     null}
 */
public record FoundTrace(
    int blockIndex,
    BlockKind blockKind,
    int position,
    Traceback traceback,
    String language,
    Integer parentPosition,
    Integer commonFramesOmitted)
    implements Serializable {
  public static final String PYTHON = "python";
  public static final String JVM = "jvm";

  /** A Python traceback. */
  public FoundTrace(int blockIndex, BlockKind blockKind, int position, Traceback traceback) {
    this(blockIndex, blockKind, position, traceback, PYTHON, null, null);
  }

  public boolean isPython() {
    return PYTHON.equals(language);
  }
}
