package io.tracemine.ingest;

import static io.tracemine.ingest.IngestConfig.SOURCE_SINCE;
import static io.tracemine.ingest.IngestConfig.SOURCE_UNTIL;

import io.tracemine.InvalidConfigException;
import io.tracemine.config.Settings;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The questions a dated run reads: those created in {@code [since, until)} (UTC), each bound
 * optional. Answers are not dated: a selected question keeps all its answers, whenever written.
 * Rows that are rejected are kept whatever their date, so nothing is lost silently.
 */
public record CreationWindow(Instant since, Instant until) implements Serializable {
  /** No bound: every question. */
  public static final CreationWindow ALL = new CreationWindow(null, null);

  /** The partition of questions without a creation date (only an undated run writes it). */
  public static final String NO_MONTH = "none";

  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter BIGQUERY_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  public CreationWindow {
    if (since != null && until != null && !since.isBefore(until)) {
      throw new InvalidConfigException(
          "'"
              + SOURCE_SINCE
              + "' ("
              + since
              + ") must be before '"
              + SOURCE_UNTIL
              + "' ("
              + until
              + "): the window is since <= CreationDate < until");
    }
  }

  /** From {@code source.since} and {@code source.until}; either may be empty (unbounded). */
  public static CreationWindow from(Settings settings) {
    return new CreationWindow(
        parse(SOURCE_SINCE, settings.stringOr(SOURCE_SINCE, null)),
        parse(SOURCE_UNTIL, settings.stringOr(SOURCE_UNTIL, null)));
  }

  /**
   * An ISO date ({@code 2024-01-31}, midnight UTC) or an ISO date-time with offset ({@code
   * 2024-01-31T00:00:00+00:00}, as Airflow renders {@code data_interval_start}).
   */
  static Instant parse(String key, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      return v.length() == 10
          ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
          : OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      String reason = e.getMessage().replaceFirst("^Text '.*' could not be parsed: ", "");
      boolean wellFormed = v.matches("\\d{4}-\\d{2}-\\d{2}.*") && !reason.equals(e.getMessage());
      throw new InvalidConfigException(
          "'"
              + key
              + "' is '"
              + value
              + "' but must be an ISO date (2024-01-31) or date-time with"
              + " offset (2024-01-31T00:00:00+00:00)"
              + (wellFormed ? ": " + reason : ""));
    }
  }

  public boolean isAll() {
    return since == null && until == null;
  }

  /** Whether a question created at {@code created} is in it (an undated one: only if unbounded). */
  public boolean contains(Instant created) {
    if (created == null) {
      return isAll();
    }
    return (since == null || !created.isBefore(since))
        && (until == null || created.isBefore(until));
  }

  /** The window as a BigQuery condition on {@code CreationDate}, or {@code TRUE} when unbounded. */
  public String bigQueryCondition() {
    List<String> parts = new ArrayList<>();
    if (since != null) {
      parts.add("CreationDate >= TIMESTAMP '" + BIGQUERY_TIMESTAMP.format(since) + "+00'");
    }
    if (until != null) {
      parts.add("CreationDate < TIMESTAMP '" + BIGQUERY_TIMESTAMP.format(until) + "+00'");
    }
    return parts.isEmpty() ? "TRUE" : String.join(" AND ", parts);
  }

  /**
   * The creation month partition of a post created at {@code created} ({@code 2019-04}, UTC), or
   * {@value #NO_MONTH} for an undated one.
   */
  public static String monthOf(Instant created) {
    return created == null ? NO_MONTH : MONTH.format(created);
  }

  /** Whether some instant of {@code month} ({@code yyyy-MM}) is in the window. */
  public boolean overlapsMonth(String month) {
    if (month.equals(NO_MONTH)) {
      return isAll();
    }
    Instant start = monthStart(month);
    Instant end = monthStart(YearMonth.parse(month).plusMonths(1).toString());
    return (since == null || since.isBefore(end)) && (until == null || until.isAfter(start));
  }

  /** Whether every instant of {@code month} is in the window (its partition is wholly replaced). */
  public boolean coversMonth(String month) {
    if (month.equals(NO_MONTH)) {
      return isAll();
    }
    Instant start = monthStart(month);
    Instant end = monthStart(YearMonth.parse(month).plusMonths(1).toString());
    return (since == null || !since.isAfter(start)) && (until == null || !until.isBefore(end));
  }

  private static Instant monthStart(String month) {
    return YearMonth.parse(month).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** For progress lines: {@code , questions created in [2024-01-01T00:00:00Z, +inf)}. */
  public String describe() {
    return isAll()
        ? ""
        : ", questions created in ["
            + (since == null ? "-inf" : since)
            + ", "
            + (until == null ? "+inf" : until)
            + ")";
  }
}
