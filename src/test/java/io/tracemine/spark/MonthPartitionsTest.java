package io.tracemine.spark;

import static io.tracemine.testing.Serialization.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.ingest.CreationWindow;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Month of a creation date, and which months a window overlaps or covers (against brute force). */
class MonthPartitionsTest {
  private static final LocalDate ORIGIN = LocalDate.of(2018, 11, 1);

  @Test
  void monthIsTheUtcMonthAndSurvivesSerialization() throws Exception {
    var monthOf = roundTrip(new MonthPartitions.MonthOf());
    assertThat(monthOf.call(Timestamp.from(Instant.parse("2019-04-30T23:59:59Z"))))
        .isEqualTo("2019-04");
    assertThat(monthOf.call(Timestamp.from(Instant.parse("2019-05-01T00:00:00Z"))))
        .isEqualTo("2019-05");
    assertThat(monthOf.call(SparkTimestamps.of(Instant.parse("0001-01-01T00:00:00Z"))))
        .as("a Spark timestamp before 1582 keeps its date (toInstant() gave 0000-12)")
        .isEqualTo("0001-01");
    assertThat(SparkTimestamps.instantOf(SparkTimestamps.of(Instant.parse("1500-06-15T12:30:00Z"))))
        .isEqualTo(Instant.parse("1500-06-15T12:30:00Z"));
    assertThat(monthOf.call(null)).isEqualTo(CreationWindow.NO_MONTH);
    assertThat(MonthPartitions.directory("2019-04")).isEqualTo("creation_month=2019-04");
  }

  /** Overlaps: some hour of the month is in the window; covers: every hour is (brute force). */
  @Property(tries = 300)
  void overlapsAndCoversAgreeWithCheckingEveryHour(
      @ForAll @IntRange(min = 0, max = 120) int sinceDay,
      @ForAll @IntRange(min = 1, max = 90) int days,
      @ForAll @IntRange(min = 0, max = 23) int sinceHour,
      @ForAll boolean openEnded,
      @ForAll @IntRange(min = 0, max = 6) int monthOffset) {
    Instant since =
        ORIGIN
            .plusDays(sinceDay)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .plus(sinceHour, ChronoUnit.HOURS);
    CreationWindow window =
        new CreationWindow(since, openEnded ? null : since.plus(days, ChronoUnit.DAYS));
    YearMonth month = YearMonth.from(ORIGIN).plusMonths(monthOffset);
    boolean any = false;
    boolean all = true;
    for (Instant t = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        t.isBefore(month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        t = t.plus(1, ChronoUnit.HOURS)) {
      boolean in = window.contains(t);
      any |= in;
      all &= in;
    }
    assertThat(window.overlapsMonth(month.toString())).isEqualTo(any);
    assertThat(window.coversMonth(month.toString())).isEqualTo(all);
    assertThat(window.overlapsMonth(CreationWindow.NO_MONTH)).isFalse();
    assertThat(CreationWindow.ALL.coversMonth(CreationWindow.NO_MONTH)).isTrue();
  }
}
