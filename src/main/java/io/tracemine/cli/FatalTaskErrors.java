package io.tracemine.cli;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The error that makes Spark end the JVM. A task that throws a fatal error (an {@code
 * OutOfMemoryError}, a {@code StackOverflowError}) is handed to Spark's {@code
 * SparkUncaughtExceptionHandler}, which logs it and calls {@code System.exit} (52 for an
 * out-of-memory error, 50 otherwise); the shutdown that follows looks like a signal's unless the
 * error is kept. It is kept from that log line, the only place Spark gives it.
 */
final class FatalTaskErrors {
  /** The logger Spark's handler writes the error to, with its stack trace, before it exits. */
  static final String HANDLER_LOGGER = "org.apache.spark.util.SparkUncaughtExceptionHandler";

  /** Spark's exit codes (SparkExitCode): an out-of-memory error, any other uncaught error. */
  static final int EXIT_OOM = 52;

  static final int EXIT_UNCAUGHT = 50;

  private static final AtomicReference<Throwable> first = new AtomicReference<>();
  private static boolean capturing;

  private FatalTaskErrors() {}

  /**
   * From here on keeps the first error Spark's handler logs. With {@code echo} the log line and its
   * stack trace still reach the console; without, the one line the shutdown prints replaces them.
   * Once per JVM.
   */
  static synchronized void capture(boolean echo) {
    if (capturing) {
      return;
    }
    capturing = true;
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    AbstractAppender keeper =
        new AbstractAppender(
            "tracemine-fatal-task-errors", null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            if (event.getThrown() != null) {
              first.compareAndSet(null, event.getThrown());
            }
          }
        };
    keeper.start();
    config.addAppender(keeper);
    LoggerConfig handler =
        LoggerConfig.newBuilder()
            .withLoggerName(HANDLER_LOGGER)
            .withLevel(Level.ERROR)
            .withAdditivity(echo)
            .withConfig(config)
            .build();
    handler.addAppender(keeper, null, null);
    config.addLogger(HANDLER_LOGGER, handler);
    context.updateLoggers();
  }

  /** The first fatal error a task threw, or null. */
  static Throwable first() {
    return first.get();
  }

  /** The error itself: Spark wraps some in a {@code SparkFatalException}. */
  static Throwable unwrapped(Throwable error) {
    return error instanceof org.apache.spark.util.SparkFatalException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  /** The exit code Spark gives the JVM for {@code error}. */
  static int exitCode(Throwable error) {
    return unwrapped(error) instanceof OutOfMemoryError ? EXIT_OOM : EXIT_UNCAUGHT;
  }
}
