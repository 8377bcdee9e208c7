package io.tracemine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link PatternPeriodCounts} over a {@link TracePeriodIndex} against a brute-force inner join of
 * the zipped links with the trace rows on (library, trace_id) and distinct counts in sets, on
 * seeded random small inputs: null and repeated trace ids, null question ids, lists of different
 * lengths and null lists, trace rows with two periods, a null period, null libraries and trace ids,
 * repeated trace rows.
 */
class PatternPeriodCountsTest {
  private static final String[] PERIODS = {"2018", "2019", "2020", null};
  private static final String[] LIBRARIES = {"a", "b", null};

  private record TraceRow(String period, String library, String traceId) {}

  @Property(tries = 300)
  void equalsTheJoinCountedInSets(@ForAll long seed) {
    Random rnd = new Random(seed);
    List<TraceRow> rows = new ArrayList<>();
    for (int i = rnd.nextInt(12); i > 0; i--) {
      rows.add(new TraceRow(pick(rnd, PERIODS), pick(rnd, LIBRARIES), traceId(rnd)));
    }
    if (!rows.isEmpty() && rnd.nextBoolean()) {
      rows.add(rows.get(rnd.nextInt(rows.size()))); // a repeated trace row
    }
    TracePeriodIndex index = new TracePeriodIndex();
    rows.forEach(r -> index.add(r.period(), r.library(), r.traceId()));
    String library = rnd.nextBoolean() ? "a" : "b";
    List<String> traces = rnd.nextInt(10) == 0 ? null : new ArrayList<>();
    List<Long> questions = rnd.nextInt(10) == 0 ? null : new ArrayList<>();
    int n = rnd.nextInt(8);
    for (int i = 0; i < n; i++) {
      if (traces != null && rnd.nextInt(6) != 0) {
        traces.add(traceId(rnd));
      }
      if (questions != null && rnd.nextInt(6) != 0) {
        questions.add(rnd.nextInt(5) == 0 ? null : (long) rnd.nextInt(4));
      }
    }
    Map<String, PatternPeriodCounts.Support> counted =
        PatternPeriodCounts.of(index, library, traces, questions);
    assertThat(new HashMap<>(counted))
        .as(
            "seed %d: rows %s, library %s, traces %s, questions %s",
            seed, rows, library, traces, questions)
        .isEqualTo(bruteForce(rows, library, traces, questions));
  }

  @Test
  void aTraceInTwoPeriodsCountsInBothAndARepeatedTraceOnce() {
    TracePeriodIndex index = new TracePeriodIndex();
    index.add("2019", "a", "1-0-0");
    index.add("2020", "a", "1-0-0");
    index.add("2019", "a", "1-0-0");
    index.add("2019", "a", "2-0-0");
    index.add("2019", "b", "3-0-0");
    assertThat(index.periods("a", "1-0-0")).containsExactly("2019", "2020");
    assertThat(index.periods("a", "3-0-0")).isEmpty();
    assertThat(index.periods("c", "1-0-0")).isEmpty();
    Map<String, PatternPeriodCounts.Support> counted =
        PatternPeriodCounts.of(
            index,
            "a",
            Arrays.asList("1-0-0", "1-0-0", "2-0-0", "3-0-0", null),
            Arrays.asList(1L, 1L, 2L, 3L, 9L));
    assertThat(counted)
        .containsExactly(
            Map.entry("2019", new PatternPeriodCounts.Support(2, 2)),
            Map.entry("2020", new PatternPeriodCounts.Support(1, 1)));
  }

  private static Map<String, PatternPeriodCounts.Support> bruteForce(
      List<TraceRow> rows, String library, List<String> traces, List<Long> questions) {
    Map<String, Set<String>> traceSets = new HashMap<>();
    Map<String, Set<Long>> questionSets = new HashMap<>();
    if (traces != null && questions != null) {
      for (int i = 0; i < Math.max(traces.size(), questions.size()); i++) {
        String trace = i < traces.size() ? traces.get(i) : null;
        Long question = i < questions.size() ? questions.get(i) : null;
        for (TraceRow r : rows) {
          if (trace != null && trace.equals(r.traceId()) && library.equals(r.library())) {
            traceSets.computeIfAbsent(r.period(), p -> new HashSet<>()).add(trace);
            Set<Long> qs = questionSets.computeIfAbsent(r.period(), p -> new HashSet<>());
            if (question != null) {
              qs.add(question);
            }
          }
        }
      }
    }
    Map<String, PatternPeriodCounts.Support> out = new HashMap<>();
    traceSets.forEach(
        (p, ts) ->
            out.put(
                p,
                new PatternPeriodCounts.Support(
                    ts.size(), Objects.requireNonNull(questionSets.get(p)).size())));
    return out;
  }

  private static String traceId(Random rnd) {
    return rnd.nextInt(8) == 0 ? null : rnd.nextInt(5) + "-0-0";
  }

  private static <T> T pick(Random rnd, T[] values) {
    return values[rnd.nextInt(values.length)];
  }
}
