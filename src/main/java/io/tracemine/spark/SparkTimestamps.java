package io.tracemine.spark;

import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;

/**
 * Converts between instants and the {@link Timestamp}s of Spark's rows without shifting dates
 * before 1582. Spark stores timestamps in the proleptic Gregorian calendar but reads and writes a
 * {@code java.sql.Timestamp} in the hybrid Julian one, so {@code Timestamp.from(instant)} and
 * {@code timestamp.toInstant()} move such a date by days (0001-01-01 became 0000-12-30). Going
 * through Spark's own conversion keeps every instant exact.
 */
public final class SparkTimestamps {
  private SparkTimestamps() {}

  /** The Timestamp that Spark stores as exactly {@code instant}. */
  public static Timestamp of(Instant instant) {
    return DateTimeUtils.toJavaTimestamp(DateTimeUtils.instantToMicros(instant));
  }

  /** The instant Spark stores for {@code timestamp} (a value read from a Spark row). */
  public static Instant instantOf(Timestamp timestamp) {
    return DateTimeUtils.microsToInstant(DateTimeUtils.fromJavaTimestamp(timestamp));
  }
}
