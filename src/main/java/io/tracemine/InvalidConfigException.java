package io.tracemine;

/** A configuration key, value or command-line option is wrong; nothing has been written yet. */
public final class InvalidConfigException extends TraceMineException {
  private static final long serialVersionUID = 1L;

  public InvalidConfigException(String message) {
    super(message);
  }
}
