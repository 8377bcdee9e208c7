package io.tracemine;

/** Another run holds the lock of the output directory; nothing has been written. */
public final class OutputLockedException extends TraceMineException {
  private static final long serialVersionUID = 1L;

  public OutputLockedException(String message) {
    super(message);
  }
}
