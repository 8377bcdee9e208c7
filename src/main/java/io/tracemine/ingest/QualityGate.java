package io.tracemine.ingest;

import static io.tracemine.ingest.IngestConfig.INGEST_MAX_REJECTED_FRACTION;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether the ingest stage may pass its output on. It fails when more than {@code
 * ingest.max-rejected-fraction} of the rows read were rejected (a binary file, a text file or a
 * foreign XML given as a dump), and when a non-empty input yields no row at all.
 */
public final class QualityGate {
  private QualityGate() {}

  /**
   * The reason to fail, or empty.
   *
   * @param counts the stage's counts ({@code rows_read}, {@code rejected})
   * @param inputBytes bytes of the input files, or -1 when unknown (BigQuery)
   * @param input the input as the summaries name it, e.g. {@code xml /data/Posts.xml}
   */
  public static Optional<String> failure(
      Map<String, Long> counts, double maxRejectedFraction, long inputBytes, String input) {
    long read = counts.get("rows_read");
    long rejected = counts.get("rejected");
    if (read == 0) {
      return inputBytes > 0
          ? Optional.of(
              String.format(
                  Locale.ROOT,
                  "Cannot read posts from %s: no row read from %,d bytes of input (wrong"
                      + " --source, or a dump without <row .../> lines?)",
                  input,
                  inputBytes))
          : Optional.empty();
    }
    if (rejected > maxRejectedFraction * read) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "Cannot accept posts from %s: %,d of %,d rows read were rejected (%.1f%%), more than"
                  + " %s=%s allows",
              input,
              rejected,
              read,
              100.0 * rejected / read,
              INGEST_MAX_REJECTED_FRACTION,
              stripZeros(maxRejectedFraction)));
    }
    return Optional.empty();
  }

  private static String stripZeros(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
