package io.tracemine.extract.html;

/** The two kinds of post-body blocks the study distinguishes. */
public enum BlockKind {
  /** The content of a {@code <pre>} element (with or without an inner {@code <code>}). */
  CODE,
  /** The text of a {@code <p>}, {@code <ul>} or {@code <ol>} element (outermost one only). */
  TEXT
}
