package io.tracemine.extract.html;

/**
 * One block of a post body.
 *
 * @param index 0-based order of the block's start tag in the document
 * @param kind code or text
 * @param text entity-decoded text; newlines of {@code <pre>} kept, {@code <br>} written as a
 *     newline
 */
public record Block(int index, BlockKind kind, String text) {}
