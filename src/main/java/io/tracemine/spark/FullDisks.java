package io.tracemine.spark;

import java.util.Optional;

/** A write that failed because the disk is full or over quota, as its causes say. */
public final class FullDisks {
  public static final String NO_SPACE = "No space left on device";
  public static final String QUOTA = "Disk quota exceeded";

  private FullDisks() {}

  /** {@value #NO_SPACE} or {@value #QUOTA} when a message in {@code failure}'s causes says so. */
  public static Optional<String> of(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (message.contains(NO_SPACE)) {
        return Optional.of(NO_SPACE);
      }
      if (message.contains(QUOTA)) {
        return Optional.of(QUOTA);
      }
    }
    return Optional.empty();
  }
}
