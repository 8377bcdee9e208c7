package io.tracemine.extract.traceback;

import java.io.Serializable;

/**
 * One JVM exception with its frames, as {@link JvmTraceParser} finds it in a block.
 *
 * @param traceback the exception: {@code position} is its 0-based index among the JVM exceptions of
 *     the block; frames are JVM frames (see {@link Frame}); {@code chainedFrom} is the index of the
 *     exception it is linked to: for {@link ChainKind#DIRECT_CAUSE}, its cause (printed after it as
 *     {@code Caused by:}); for {@link ChainKind#DURING_HANDLING}, the exception during whose
 *     propagation it was suppressed ({@code Suppressed:})
 * @param group index of its trace in the block: an exception with its {@code Caused by} and {@code
 *     Suppressed} exceptions share one group
 * @param carried its trace was introduced by Py4J ({@code : java.lang.…} after {@code An error
 *     occurred while calling …}), so it belongs to a Python {@code Py4JJavaError}
 * @param commonFramesOmitted N of a {@code ... N more} line (frames shared with the enclosing
 *     exception, not printed), or {@code null}
 */
public record JvmTrace(Traceback traceback, int group, boolean carried, Integer commonFramesOmitted)
    implements Serializable {}
