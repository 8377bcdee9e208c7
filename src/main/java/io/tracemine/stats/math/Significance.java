package io.tracemine.stats.math;

/** The paper's significance marks: o p >= .05, * p < .05, ** p < .01, *** p < .001. */
public final class Significance {
  private Significance() {}

  /** The mark for {@code p}; "n/a" when no test was possible (null or NaN p). */
  public static String mark(Double p) {
    if (p == null || p.isNaN()) {
      return "n/a";
    }
    if (p < 0.001) {
      return "***";
    }
    if (p < 0.01) {
      return "**";
    }
    return p < 0.05 ? "*" : "o";
  }
}
