package io.tracemine.mine.ccspan;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the support of a contiguous pattern is counted. All three are anti-monotone: a pattern's
 * support never exceeds that of any contiguous sub-pattern.
 */
public enum SupportMeasure {
  /** Number of trace instances (sequences) containing the pattern at least once (CC-Span's). */
  TRACES,
  /** Number of distinct questions having an instance that contains the pattern. */
  QUESTIONS,
  /** Number of (instance, start position) occurrences, overlapping ones included (the study's). */
  OCCURRENCES;

  /** The lower-case name used in configuration and in the {@code support_measure} column. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Picks this measure's value out of the three counts. */
  public long pick(long traces, long questions, long occurrences) {
    switch (this) {
      case TRACES:
        return traces;
      case QUESTIONS:
        return questions;
      default:
        return occurrences;
    }
  }

  /**
   * Parses a lower- or upper-case measure name.
   *
   * @param configKey named in the error message
   * @throws IllegalArgumentException naming the key, the value and the valid values
   */
  public static SupportMeasure parse(String value, String configKey) {
    if (value != null) {
      for (SupportMeasure m : values()) {
        if (m.key().equalsIgnoreCase(value.trim())) {
          return m;
        }
      }
    }
    throw new IllegalArgumentException(
        String.format(
            "Cannot use '%s' = '%s': unknown support measure (valid: %s)",
            configKey,
            value,
            Arrays.stream(values()).map(SupportMeasure::key).collect(Collectors.joining(", "))));
  }
}
