package io.tracemine.mine.ccspan;

import io.tracemine.config.DecimalText;
import java.io.Serializable;

/**
 * A minimum support: either an absolute count or a fraction of a population (a library's trace
 * instances). Text form: an integer ({@code "2"}) is absolute; a number with a decimal point
 * ({@code "0.01"}) or a percentage ({@code "1%"}) is a fraction.
 *
 * @param absolute the count, or 0 when this is a fraction
 * @param fraction the fraction in (0, 1], or 0 when this is absolute
 */
public record MinSupport(long absolute, double fraction) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The config key this value is read from, named in error messages. */
  public static final String KEY = "mine.min-support";

  public MinSupport {
    boolean abs = absolute >= 1 && fraction == 0;
    boolean frac = absolute == 0 && fraction > 0 && fraction <= 1;
    if (!abs && !frac) {
      throw new IllegalArgumentException(
          String.format(
              "Cannot use '%s' = %s: it must be an integer >= 1 (absolute) or a fraction in (0, 1]",
              KEY,
              absolute != 0 || fraction == 0
                  ? Long.toString(absolute)
                  : Double.toString(fraction)));
    }
  }

  public static MinSupport absolute(long count) {
    return new MinSupport(count, 0);
  }

  public static MinSupport fraction(double share) {
    return new MinSupport(0, share);
  }

  /** Parses {@code "2"}, {@code "0.05"} or {@code "5%"}. */
  public static MinSupport parse(String text) {
    String s = text == null ? "" : text.trim();
    try {
      if (s.endsWith("%")) {
        return fraction(DecimalText.parse(s.substring(0, s.length() - 1).trim()) / 100.0);
      }
      if (s.contains(".") || s.contains("e") || s.contains("E")) {
        return fraction(DecimalText.parse(s));
      }
      return absolute(Long.parseLong(s));
    } catch (NumberFormatException e) {
      if (s.matches("\\d+")) {
        throw new IllegalArgumentException(
            String.format(
                "Cannot use '%s' = '%s': a count must be at most %d (a fraction like 0.01 or 1%%"
                    + " scales with the data)",
                KEY, text, Long.MAX_VALUE));
      }
      throw new IllegalArgumentException(
          String.format(
              "Cannot use '%s' = '%s': not a number (use an integer count like 2, or a fraction"
                  + " like 0.01 or 1%%)",
              KEY, text));
    }
  }

  /** The absolute threshold for a population of {@code population} instances: ceil, at least 1. */
  public long resolve(long population) {
    if (absolute > 0) {
      return absolute;
    }
    return Math.max(1L, (long) Math.ceil(fraction * population - 1e-9));
  }

  @Override
  public String toString() {
    return absolute > 0 ? Long.toString(absolute) : Double.toString(fraction);
  }
}
