package io.tracemine.report;

/**
 * Five-number summary of one RQ1 variable for one library and group (e.g. views of questions with
 * vs without a trace): percentiles 5, 25, 50, 75 and 95 of the {@code n} non-null values.
 */
public record Distribution(
    String variable,
    String library,
    String group,
    long n,
    double p05,
    double q1,
    double median,
    double q3,
    double p95) {
  public static final String WITH_TRACE = "with trace";
  public static final String WITHOUT_TRACE = "without trace";
}
