package io.tracemine.stats;

import java.util.List;

/**
 * One PATTERNS row as the statistics need it: its items rendered {@code file:function}, and its
 * support under the measure the miner used ({@code support_measure}).
 */
public record PatternFacts(
    String library,
    String patternId,
    List<String> items,
    int length,
    long support,
    long minSupport,
    List<Long> exampleQuestionIds) {

  /** The pattern on one line: {@code file:function > file:function}. */
  public String rendered() {
    return String.join(" > ", items);
  }
}
