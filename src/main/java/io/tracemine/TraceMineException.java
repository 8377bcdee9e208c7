package io.tracemine;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * Root of TraceMine's exceptions. A failure raised on an executor must reach the driver intact, so
 * the cause is kept as it is when it serializes, and otherwise replaced by a {@link ForeignCause}
 * that keeps its class name, message and stack trace (and, recursively, its own causes).
 */
public class TraceMineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TraceMineException(String message) {
    super(message);
  }

  public TraceMineException(String message, Throwable cause) {
    super(message + describe(cause), serializable(cause));
  }

  /**
   * Describes {@code described} (e.g. the root of {@code cause}) in the message while keeping the
   * whole {@code cause} chain for {@code --debug}.
   */
  protected TraceMineException(String message, Throwable cause, Throwable described) {
    super(message + describe(described), serializable(cause));
  }

  private static String describe(Throwable cause) {
    return cause == null
        ? ""
        : " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
  }

  /**
   * The innermost cause, which says what went wrong where the wrappers around it only say where (a
   * dependency-injection "Unable to provision" around "credentials were not found").
   */
  public static Throwable rootCause(Throwable thrown) {
    Throwable root = thrown;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /** The first line of {@code message}, or {@code whenAbsent} when it has none. */
  public static String firstLine(String message, String whenAbsent) {
    return message == null ? whenAbsent : message.lines().findFirst().orElse(whenAbsent);
  }

  static Throwable serializable(Throwable cause) {
    if (cause == null || serializes(cause)) {
      return cause;
    }
    return new ForeignCause(cause);
  }

  private static boolean serializes(Throwable cause) {
    try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
      out.writeObject(cause);
      return true;
    } catch (NotSerializableException e) {
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Stands in for a cause that cannot be serialized: its class name, message and stack. */
  public static final class ForeignCause extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String originalClass;

    ForeignCause(Throwable original) {
      super(
          original.getClass().getName() + ": " + original.getMessage(),
          serializable(original.getCause()));
      this.originalClass = original.getClass().getName();
      setStackTrace(original.getStackTrace());
    }

    /** The fully qualified class name of the cause this stands in for. */
    public String originalClass() {
      return originalClass;
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}
