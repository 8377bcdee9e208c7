package io.tracemine.extract.html;

/** The two kinds of post-body blocks the study distinguishes, and loose text (TraceMine). */
public enum BlockKind {
  /** The content of a {@code <pre>} element (with or without an inner {@code <code>}). */
  CODE,
  /** The text of a {@code <p>}, {@code <ul>} or {@code <ol>} element (outermost one only). */
  TEXT,
  /**
   * Text outside every block (e.g. what HTML5 parsing moves out of a {@code <p>} holding a {@code
   * <div>}): not part of the study's blocks, so not counted as words or code; only the default
   * trace extractor reads it.
   */
  LOOSE
}
