package io.tracemine.extract.traceback;

/** How a traceback is linked to the one printed before it. */
public enum ChainKind {
  /** "During handling of the above exception, another exception occurred:" */
  DURING_HANDLING,
  /** "The above exception was the direct cause of the following exception:" */
  DIRECT_CAUSE,
  /**
   * A sub-exception of a Python 3.11+ exception group ({@code +---- n ----}); {@code chainedFrom}
   * is the group's traceback.
   */
  GROUP_MEMBER
}
