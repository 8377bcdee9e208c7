package io.tracemine.extract.traceback;

import io.tracemine.extract.html.BlockKind;
import java.io.Serializable;

/**
 * A traceback and where it was found.
 *
 * @param blockIndex the {@link io.tracemine.extract.html.Block#index()} of its block
 * @param blockKind the kind of that block
 * @param position the traceback's 0-based position within the block
 * @param traceback the traceback
 */
public record FoundTrace(int blockIndex, BlockKind blockKind, int position, Traceback traceback)
    implements Serializable {}
