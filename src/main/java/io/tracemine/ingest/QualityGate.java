package io.tracemine.ingest;

import static io.tracemine.ingest.IngestConfig.INGEST_MAX_REJECTED_FRACTION;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether the ingest stage may pass its output on. It fails when more than {@code
 * ingest.max-rejected-fraction} of the rows read were rejected (a binary file, a text file or a
 * foreign XML given as a dump), and when a non-empty input yields no row at all (not when a dated
 * run's window holds none of its rows: {@code outside_window}, {@code outside_window_undated}).
 * Extra copies identical to a kept row ({@code rejected_duplicate_identical}: a file given twice,
 * overlapping exports) lose nothing, so they count neither as read nor as rejected here. Of an
 * input of several files, each file must give a usable row ({@link #unusableFile}): a failed
 * download beside good parts is too small a share of the rows to fail the gate over the whole.
 */
public final class QualityGate {
  private static final String IDENTICAL_COPIES = "rejected_duplicate_identical";

  private QualityGate() {}

  /**
   * The reason to fail, or empty.
   *
   * @param counts the stage's counts ({@code rows_read}, {@code rejected}, optionally {@code
   *     rejected_duplicate_identical} and {@code outside_window})
   * @param inputBytes bytes of the input files, or -1 when unknown (BigQuery)
   * @param input the input as the summaries name it, e.g. {@code xml /data/Posts.xml}
   */
  public static Optional<String> failure(
      Map<String, Long> counts, double maxRejectedFraction, long inputBytes, String input) {
    long read = counts.get("rows_read");
    long rejected = counts.get("rejected");
    long identicalCopies = counts.getOrDefault(IDENTICAL_COPIES, 0L);
    if (read == 0) {
      // a dated run whose window holds no post read rows all the same: they are outside it
      boolean readOutsideWindow =
          counts.getOrDefault("outside_window", 0L)
                  + counts.getOrDefault("outside_window_undated", 0L)
              > 0;
      if (inputBytes == 0) {
        // no dump, table or archive is empty: a download or copy that failed
        return Optional.of(
            "Cannot read posts from "
                + input
                + ": the input is empty (0 bytes: a download or copy that failed?)");
      }
      return inputBytes > 0 && !readOutsideWindow
          ? Optional.of(
              String.format(
                  Locale.ROOT,
                  "Cannot read posts from %s: no row read from %,d bytes of input (%s)",
                  input,
                  inputBytes,
                  input.startsWith("xml")
                      ? "wrong --source, or a dump without <row .../> lines?"
                      : "wrong --source, or files without rows?"))
          : Optional.empty();
    }
    long unusable = rejected - identicalCopies;
    long distinct = read - identicalCopies;
    if (unusable > maxRejectedFraction * distinct) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "Cannot accept posts from %s: %,d of %,d rows read were rejected (%.1f%%%s), more"
                  + " than %s=%s allows",
              input,
              unusable,
              distinct,
              100.0 * unusable / distinct,
              identicalCopies == 0
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      "; %,d identical copies of kept rows not counted",
                      identicalCopies),
              INGEST_MAX_REJECTED_FRACTION,
              stripZeros(maxRejectedFraction)));
    }
    return Optional.empty();
  }

  /**
   * The reason to fail on the PostLinks input, or empty: more than {@code maxRejectedFraction} of
   * the link rows read were rejected (a failed download's HTML page saved as {@code PostLinks.xml},
   * {@code source.postlinks.path} naming {@code Posts.xml} or {@code Comments.xml}). Before
   * (hostile sweep 6) such an input was accepted and the stored {@code duplicate_links} replaced by
   * none.
   *
   * @param counts the stage's counts ({@code postlinks_read}, {@code postlinks_rejected})
   * @param links the PostLinks input as the summaries name it
   */
  public static Optional<String> postLinksFailure(
      Map<String, Long> counts, double maxRejectedFraction, String links) {
    long read = counts.getOrDefault("postlinks_read", 0L);
    long rejected = counts.getOrDefault("postlinks_rejected", 0L);
    if (read == 0 || rejected <= maxRejectedFraction * read) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "Cannot accept PostLinks from %s: %,d of %,d rows read were rejected (%.1f%%), more"
                + " than %s=%s allows (a failed download, or another table of the dump?)",
            links,
            rejected,
            read,
            100.0 * rejected / read,
            INGEST_MAX_REJECTED_FRACTION,
            stripZeros(maxRejectedFraction)));
  }

  /**
   * An input file with the rows read from it and those of them rejected (copies of a row of the
   * same Id not counted: they are rejected for the other row).
   */
  public record FileRows(String path, long bytes, long read, long rejected) {}

  /**
   * The reason to fail when one file of an input of several gave no usable row: every row read from
   * it was rejected (an HTML error page saved as a dump part: its lines are no {@code <row>}
   * elements), or, for a Posts.xml dump, none was read at all (a 0-byte part, a header without
   * rows) when the run reads every date; empty otherwise. A dated run reads no row of a file whose
   * posts are all outside its window, and Spark writes Parquet part files without rows, so those
   * pass.
   *
   * @param xml whether the files are Posts.xml dumps
   * @param undated whether the run reads every creation date (no --since/--until)
   */
  public static Optional<String> unusableFile(
      List<FileRows> files, boolean xml, boolean undated, String input) {
    if (files.size() < 2) {
      return Optional.empty(); // the whole input's checks above name a single file's problem
    }
    for (FileRows f : files) {
      String why = null;
      if (f.read() > 0 && f.rejected() >= f.read()) {
        why = String.format(Locale.ROOT, "all %,d rows read from it were rejected", f.read());
      } else if (f.read() == 0 && xml && (undated || f.bytes() == 0)) {
        why =
            f.bytes() == 0
                ? "it is empty (0 bytes)"
                : String.format(Locale.ROOT, "no <row> was read from its %,d bytes", f.bytes());
      }
      if (why != null) {
        return Optional.of(
            "Cannot accept posts from "
                + input
                + ": its file '"
                + f.path()
                + "' gave no usable row ("
                + why
                + ": a download or copy that failed, or not a part of the dump?); replace it or"
                + " leave it out of the input");
      }
    }
    return Optional.empty();
  }

  private static String stripZeros(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
