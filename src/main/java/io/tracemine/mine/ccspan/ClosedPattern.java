package io.tracemine.mine.ccspan;

import java.util.Arrays;

/**
 * A closed contiguous pattern with its three supports and its supporting sequences.
 *
 * @param items the pattern, in order
 * @param traceSupport number of sequences containing it
 * @param questionSupport number of distinct questions of those sequences
 * @param occurrenceSupport number of (sequence, start) occurrences, overlapping included
 * @param sequences indexes (into the mined list) of the supporting sequences, ascending
 */
public record ClosedPattern(
    int[] items, long traceSupport, long questionSupport, long occurrenceSupport, int[] sequences) {

  /** The support under {@code measure}. */
  public long support(SupportMeasure measure) {
    return measure.pick(traceSupport, questionSupport, occurrenceSupport);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClosedPattern p
        && Arrays.equals(items, p.items)
        && traceSupport == p.traceSupport
        && questionSupport == p.questionSupport
        && occurrenceSupport == p.occurrenceSupport
        && Arrays.equals(sequences, p.sequences);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(items) * 31 + Arrays.hashCode(sequences);
  }

  @Override
  public String toString() {
    return Arrays.toString(items)
        + " t="
        + traceSupport
        + " q="
        + questionSupport
        + " o="
        + occurrenceSupport
        + " in "
        + Arrays.toString(sequences);
  }
}
