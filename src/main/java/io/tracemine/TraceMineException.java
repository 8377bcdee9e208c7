package io.tracemine;

/**
 * Root of TraceMine's exceptions. Serializable (as every {@link RuntimeException}), so a failure
 * raised on an executor reaches the driver intact; foreign causes are kept as their message only.
 */
public class TraceMineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TraceMineException(String message) {
    super(message);
  }

  public TraceMineException(String message, Throwable cause) {
    super(message + describe(cause));
  }

  private static String describe(Throwable cause) {
    return cause == null ? "" : " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
  }
}
