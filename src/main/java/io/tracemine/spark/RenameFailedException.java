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

  RenameFailedException(String message, String directory, String reason, Throwable cause) {
    super(message, cause);
    this.directory = directory;
    this.reason = reason;
  }

  RenameFailedException(String message, String directory, String reason) {
    super(message);
    this.directory = directory;
    this.reason = reason;
  }

  /** The directory the rename had to change (the target's parent). */
  public String directory() {
    return directory;
  }

  /** {@link WriteRefusals#PERMISSION_DENIED}, {@link WriteRefusals#READ_ONLY}, or null: unknown. */
  public String reason() {
    return reason;
  }
}
