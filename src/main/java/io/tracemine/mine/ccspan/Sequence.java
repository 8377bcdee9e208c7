package io.tracemine.mine.ccspan;

/**
 * One sequence of the database: a trace instance's items (frame ids, outermost call first) and the
 * question it comes from. Its identity is its index in the list handed to {@link CcSpan}.
 *
 * @param items item ids, each {@code >= 0}; may be empty
 * @param questionId the question, used by {@link SupportMeasure#QUESTIONS}
 */
public record Sequence(int[] items, long questionId) {}
