package io.tracemine.stats;

import io.tracemine.InvalidConfigException;
import io.tracemine.config.Settings;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Settings of the per-period tables (docs/TABLES-stats.md, "Per-period tables"): the {@link #KEYS},
 * defaults in {@code conf/tracemine.properties} (year, 10, 2).
 *
 * @param period {@code year} or {@code quarter}: the calendar period (UTC) of a question's creation
 *     date that groups it
 * @param top exception types, templates and rising rows kept per period and library (>= 1)
 * @param risingMinSupport the least support a pattern or template needs in a period to rise in it
 *     (>= 1)
 */
public record PeriodConfig(String period, int top, int risingMinSupport) implements Serializable {
  public static final String PERIOD = "stats.period";
  public static final String TOP = "stats.period-top";
  public static final String RISING_MIN_SUPPORT = "stats.rising-min-support";
  public static final String YEAR = "year";
  public static final String QUARTER = "quarter";
  public static final List<String> PERIODS = List.of(YEAR, QUARTER);
  public static final List<String> KEYS = List.of(PERIOD, TOP, RISING_MIN_SUPPORT);

  public PeriodConfig {
    if (!PERIODS.contains(period)) {
      throw new InvalidConfigException(
          "'"
              + PERIOD
              + "' is set to '"
              + period
              + "' (valid: "
              + String.join(", ", PERIODS)
              + ")");
    }
    if (top < 1) {
      throw new InvalidConfigException("'" + TOP + "' is set to " + top + " but must be >= 1");
    }
    if (risingMinSupport < 1) {
      throw new InvalidConfigException(
          "'" + RISING_MIN_SUPPORT + "' is set to " + risingMinSupport + " but must be >= 1");
    }
  }

  /** The packaged defaults ({@code conf/tracemine.properties}). */
  public static PeriodConfig defaults() {
    return from(Settings.packagedDefaults());
  }

  /** The one factory: reads {@link #KEYS}. */
  public static PeriodConfig from(Settings settings) {
    return new PeriodConfig(
        settings.choice(PERIOD, PERIODS),
        settings.intValue(TOP, 1),
        settings.intValue(RISING_MIN_SUPPORT, 1));
  }

  /** The period of an instant (UTC): {@code 2019} or {@code 2019-Q2}; null for null. */
  public String periodOf(Instant created) {
    if (created == null) {
      return null;
    }
    ZonedDateTime t = created.atZone(ZoneOffset.UTC);
    return label(t.getYear(), (t.getMonthValue() - 1) / 3 + 1);
  }

  /** A year of four digits at least (0001), so that labels sort as their periods do. */
  private String label(int year, int quarter) {
    String y = String.format(java.util.Locale.ROOT, "%04d", year);
    return period.equals(YEAR) ? y : y + "-Q" + quarter;
  }

  /**
   * The period before {@code period}: {@code 2019} → {@code 2018}, {@code 2019-Q1} → {@code
   * 2018-Q4}.
   */
  public String previous(String period) {
    if (this.period.equals(YEAR)) {
      return label(Integer.parseInt(period) - 1, 0);
    }
    int year = Integer.parseInt(period.substring(0, period.length() - 3));
    int quarter = period.charAt(period.length() - 1) - '0';
    return quarter == 1 ? label(year - 1, 4) : label(year, quarter - 1);
  }
}
