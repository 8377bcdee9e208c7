package io.tracemine.report;

import java.util.List;

/**
 * One of a library's most supported patterns: its rank (1 = highest support, ties by pattern id),
 * its frames as {@code file:function} (outermost call first), the support used by the run ({@code
 * supportMeasure}: traces, questions or occurrences) and all three supports.
 */
public record TopPattern(
    String library,
    int rank,
    String patternId,
    List<String> frames,
    long support,
    String supportMeasure,
    long traceSupport,
    long questionSupport,
    long occurrenceSupport,
    List<Long> exampleQuestionIds) {
  public TopPattern {
    frames = List.copyOf(frames);
    exampleQuestionIds = List.copyOf(exampleQuestionIds);
  }
}
