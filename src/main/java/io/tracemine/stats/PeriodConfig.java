package io.tracemine.stats;

import io.tracemine.InvalidConfigException;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the per-period tables (docs/TABLES-stats.md, "Per-period tables"), from the
 * {@code stats.*} keys of a plain map over the defaults (year, 10, 2).
 *
 * @param period {@code year} or {@code quarter}: the calendar period (UTC) of a question's
 *     creation date that groups it
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

  public PeriodConfig {
    if (!period.equals(YEAR) && !period.equals(QUARTER)) {
      throw new InvalidConfigException(
          "'" + PERIOD + "' is '" + period + "' but must be one of: year, quarter");
    }
    if (top < 1) {
      throw new InvalidConfigException("'" + TOP + "' is set to " + top + " but must be >= 1");
    }
    if (risingMinSupport < 1) {
      throw new InvalidConfigException(
          "'" + RISING_MIN_SUPPORT + "' is set to " + risingMinSupport + " but must be >= 1");
    }
  }

  public static PeriodConfig defaults() {
    return new PeriodConfig(YEAR, 10, 2);
  }

  public static PeriodConfig from(Map<String, String> properties) {
    PeriodConfig d = defaults();
    String period = properties.getOrDefault(PERIOD, d.period()).strip().toLowerCase(Locale.ROOT);
    return new PeriodConfig(period.isEmpty() ? d.period() : period,
        integer(properties, TOP, d.top()), integer(properties, RISING_MIN_SUPPORT,
            d.risingMinSupport()));
  }

  private static int integer(Map<String, String> properties, String key, int fallback) {
    String v = properties.get(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new InvalidConfigException("'" + key + "' is set to '" + v + "' but must be an integer");
    }
  }

  /** The period of an instant (UTC): {@code 2019} or {@code 2019-Q2}; null for null. */
  public String periodOf(Instant created) {
    if (created == null) {
      return null;
    }
    ZonedDateTime t = created.atZone(ZoneOffset.UTC);
    return period.equals(YEAR)
        ? String.valueOf(t.getYear())
        : t.getYear() + "-Q" + ((t.getMonthValue() - 1) / 3 + 1);
  }

  /** The period before {@code period} ({@code 2019} → {@code 2018}, {@code 2019-Q1} → {@code 2018-Q4}). */
  public String previous(String period) {
    if (this.period.equals(YEAR)) {
      return String.valueOf(Integer.parseInt(period) - 1);
    }
    int year = Integer.parseInt(period.substring(0, period.length() - 3));
    int quarter = period.charAt(period.length() - 1) - '0';
    return quarter == 1 ? (year - 1) + "-Q4" : year + "-Q" + (quarter - 1);
  }
}
