package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import io.tracemine.config.TestSettings;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The creation-date window of a dated run (ingest --since/--until), without Spark. */
class CreationWindowTest {
  static CreationWindow window(String since, String until) {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("source.since", since);
    overrides.put("source.until", until);
    return CreationWindow.from(TestSettings.withOverrides(null, overrides));
  }

  @Test
  void datesAreMidnightUtcAndDateTimesKeepTheirOffset() {
    CreationWindow w = window("2024-01-01", "2024-01-08T02:00:00+02:00");
    assertThat(w.since()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(w.until()).isEqualTo(Instant.parse("2024-01-08T00:00:00Z"));
    assertThat(window("", "")).isEqualTo(CreationWindow.ALL);
  }

  @Test
  void theUpperBoundIsExclusive() {
    CreationWindow w = window("2024-01-01", "2024-01-08");
    assertThat(w.contains(Instant.parse("2024-01-01T00:00:00Z"))).isTrue();
    assertThat(w.contains(Instant.parse("2024-01-07T23:59:59.999Z"))).isTrue();
    assertThat(w.contains(Instant.parse("2024-01-08T00:00:00Z"))).isFalse();
    assertThat(w.contains(Instant.parse("2023-12-31T23:59:59.999Z"))).isFalse();
    assertThat(w.contains(null)).as("an undated question is outside a bounded window").isFalse();
    assertThat(CreationWindow.ALL.contains(null)).isTrue();
  }

  @Test
  void aBadDateFailsNamingTheKeyAndTheForms() {
    assertThatThrownBy(() -> window("2024-13-01", ""))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "'source.since' is '2024-13-01' but must be an ISO date (2024-01-31) or"
                + " date-time with offset (2024-01-31T00:00:00+00:00): Invalid value for"
                + " MonthOfYear (valid values 1 - 12): 13");
    assertThatThrownBy(() -> window("2020-02-30", ""))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageEndingWith("(2024-01-31T00:00:00+00:00): Invalid date 'FEBRUARY 30'");
    assertThatThrownBy(() -> window("", "last week"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("'source.until' is 'last week' but must be an ISO date");
  }

  @Test
  void anEmptyOrReversedWindowFails() {
    assertThatThrownBy(() -> window("2024-01-08", "2024-01-08"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "'source.since' (2024-01-08T00:00:00Z) must be before 'source.until'"
                + " (2024-01-08T00:00:00Z): the window is since <= CreationDate < until");
  }

  @Test
  void bigQueryConditionIsHalfOpenInUtc() {
    assertThat(window("2024-01-01", "2024-01-08").bigQueryCondition())
        .isEqualTo(
            "CreationDate >= TIMESTAMP '2024-01-01 00:00:00.000000+00'"
                + " AND CreationDate < TIMESTAMP '2024-01-08 00:00:00.000000+00'");
    assertThat(window("", "2024-01-08").bigQueryCondition())
        .isEqualTo("CreationDate < TIMESTAMP '2024-01-08 00:00:00.000000+00'");
    assertThat(CreationWindow.ALL.bigQueryCondition()).isEqualTo("TRUE");
  }

  @Test
  void bigQueryReadsOnlyTheWindowsQuestionsAndTheirAnswers() {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("source.type", "bigquery");
    overrides.put("source.bigquery.materialization-dataset", "scratch");
    IngestConfig config = IngestConfig.from(TestSettings.withOverrides(null, overrides), Map.of());
    CreationWindow w = window("2024-01-01", "2024-01-08");
    String unbounded = BigQueryPushdown.query(config.bigQuery().table(), config.selector());
    String filter = BigQueryPushdown.questionFilter(config.selector());

    String query = BigQueryPushdown.query(config.bigQuery().table(), config.selector(), w);

    String windowed = filter + " AND " + w.bigQueryCondition();
    assertThat(query).isEqualTo(unbounded.replace(filter, windowed));
    assertThat(query.split(java.util.regex.Pattern.quote(windowed), -1))
        .as("the question clause and the answers' parent subquery are both bounded")
        .hasSize(3);
    assertThat(BigQueryPushdown.options(config.bigQuery(), config.selector(), w))
        .containsEntry("query", query);
    assertThat(
            BigQueryPushdown.query(
                config.bigQuery().table(), config.selector(), CreationWindow.ALL))
        .isEqualTo(unbounded);
  }

  @Property
  void consecutiveWindowsPartitionTime(
      @ForAll @LongRange(min = 0, max = 4_000_000_000L) long a,
      @ForAll @LongRange(min = 1, max = 100_000_000L) long width1,
      @ForAll @LongRange(min = 1, max = 100_000_000L) long width2,
      @ForAll @LongRange(min = -10_000_000L, max = 4_300_000_000L) long t) {
    Instant start = Instant.ofEpochSecond(a);
    Instant middle = start.plusSeconds(width1);
    Instant end = middle.plusSeconds(width2);
    Instant created = Instant.ofEpochSecond(t);
    boolean first = new CreationWindow(start, middle).contains(created);
    boolean second = new CreationWindow(middle, end).contains(created);
    assertThat(first && second).as("no instant is in two consecutive windows").isFalse();
    assertThat(first || second)
        .as("backfilled windows cover their union exactly")
        .isEqualTo(new CreationWindow(start, end).contains(created))
        .isEqualTo(!created.isBefore(start) && created.isBefore(end));
  }
}
