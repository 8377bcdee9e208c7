package io.tracemine.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@code local[2]} SparkSession per test JVM (UI off, 2 shuffle partitions, loopback driver).
 * Use with {@code @ExtendWith(SharedSpark.class)} and {@link #session()}. The session is stopped
 * once, when the JVM's root extension store closes.
 */
public final class SharedSpark implements BeforeAllCallback {
  private static SparkSession session;

  public static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("tracemine-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.session.timeZone", "UTC")
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    session();
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(SharedSpark.class.getName(), key -> new Stopper(), Stopper.class);
  }

  private static final class Stopper
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      synchronized (SharedSpark.class) {
        if (session != null) {
          session.stop();
          SparkSession.clearActiveSession();
          SparkSession.clearDefaultSession();
          session = null;
        }
      }
    }
  }
}
