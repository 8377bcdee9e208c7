package io.tracemine.match;

import java.util.List;

/**
 * One traceback of a knowledge base's question, as the evaluation's rankers see it.
 *
 * @param frames {@code file:function} per frame, outermost first
 * @param questionScore the question's votes (the template baseline's order)
 */
public record KnownTrace(
    long questionId,
    String library,
    String exceptionType,
    String message,
    String template,
    List<String> frames,
    int questionScore) {
  public KnownTrace {
    frames = List.copyOf(frames);
  }
}
