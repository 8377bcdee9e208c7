package io.tracemine;

/** An input table or file cannot be read as expected: a missing or mistyped column, a bad file. */
public final class MalformedInputException extends TraceMineException {
  private static final long serialVersionUID = 1L;

  public MalformedInputException(String message) {
    super(message);
  }

  public MalformedInputException(String message, Throwable cause) {
    super(message, cause);
  }

  private MalformedInputException(String message, Throwable cause, Throwable described) {
    super(message, cause, described);
  }

  /** The message names the innermost cause of {@code cause}, not the wrappers around it. */
  public static MalformedInputException namingRootCause(String message, Throwable cause) {
    return new MalformedInputException(message, cause, rootCause(cause));
  }

  /** What is wrong with a CSV file whose quoted field opened on {@code line} never closes. */
  public static String unclosedCsvQuote(long line) {
    return "line " + line + ": a quoted field starts here and is never closed (a missing '\"')";
  }
}
