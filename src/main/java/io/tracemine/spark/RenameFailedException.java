package io.tracemine.spark;

import io.tracemine.TraceMineException;

/**
 * A rename that replaces a table, a partition or a file failed ({@link TableWriter#replace}): names
 * the directory whose entries it could not change and, when known, why ({@link WriteRefusals}).
 */
public final class RenameFailedException extends TraceMineException {
  private static final long serialVersionUID = 1L;

  private final String directory;
  private final String reason;
  private final String keptAside;

  RenameFailedException(String message, String directory, String reason, Throwable cause) {
    this(message, directory, reason, null, cause);
  }

  RenameFailedException(String message, String directory, String reason) {
    this(message, directory, reason, (String) null);
  }

  RenameFailedException(
      String message, String directory, String reason, String keptAside, Throwable cause) {
    super(message, cause);
    this.directory = directory;
    this.reason = reason;
    this.keptAside = keptAside;
  }

  RenameFailedException(String message, String directory, String reason, String keptAside) {
    super(message);
    this.directory = directory;
    this.reason = reason;
    this.keptAside = keptAside;
  }

  /** The directory the rename had to change (the target's parent). */
  public String directory() {
    return directory;
  }

  /** {@link WriteRefusals#PERMISSION_DENIED}, {@link WriteRefusals#READ_ONLY}, or null: unknown. */
  public String reason() {
    return reason;
  }

  /**
   * Where the replaced entry is kept ({@code ._old-*}) when it could not be put back after the
   * staged one was refused; null when what was there still stands.
   */
  public String keptAside() {
    return keptAside;
  }
}
