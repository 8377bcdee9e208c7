package io.tracemine.spark;

/**
 * A failed Spark action's checked {@code SparkException}, carried unchecked with the first line of
 * its message. Not a {@link io.tracemine.TraceMineException}: the CLI still reads its causes (a
 * full disk, a damaged file) to say what failed.
 */
public final class SparkJobFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SparkJobFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
