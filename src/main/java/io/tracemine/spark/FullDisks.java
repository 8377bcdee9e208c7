package io.tracemine.spark;

import java.util.Optional;

/**
 * A write that failed because the disk is full or over quota, or because the file outgrew the
 * process's file-size limit, as its causes say.
 */
public final class FullDisks {
  public static final String NO_SPACE = "No space left on device";
  public static final String QUOTA = "Disk quota exceeded";

  /** EFBIG: a file outgrew the process's file-size limit ({@code ulimit -f}). */
  public static final String FILE_SIZE_LIMIT = "File too large";

  private FullDisks() {}

  /**
   * {@value #NO_SPACE}, {@value #QUOTA} or {@value #FILE_SIZE_LIMIT} when a message in {@code
   * failure}'s causes says so.
   */
  public static Optional<String> of(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (message.contains(NO_SPACE)) {
        return Optional.of(NO_SPACE);
      }
      if (message.contains(QUOTA)) {
        return Optional.of(QUOTA);
      }
      if (message.contains(FILE_SIZE_LIMIT)) {
        return Optional.of(FILE_SIZE_LIMIT);
      }
    }
    return Optional.empty();
  }

  /** What frees the write of {@code cause} (one of {@link #of}'s): space, or a higher limit. */
  public static String remedy(String cause) {
    return cause.equals(FILE_SIZE_LIMIT)
        ? "a file outgrew this process's file-size limit: raise it (ulimit -f unlimited) and rerun"
        : "free space and rerun";
  }
}
