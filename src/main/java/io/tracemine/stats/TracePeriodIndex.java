package io.tracemine.stats;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The distinct periods of each (library, trace_id), from the trace rows (period, library,
 * trace_id): what an inner join of a trace's links with the trace rows on (library, trace_id)
 * reaches. Rows with a null library or trace id join nothing and are not held; a null period is a
 * period like any other (as the join keeps it). Built on the driver and broadcast to the tasks that
 * count the pattern lists ({@link PatternPeriodCounts}).
 */
final class TracePeriodIndex implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String[] NONE = new String[0];

  private final Map<String, Map<String, String[]>> periodsByLibrary = new HashMap<>();
  // one array per distinct period, shared by every trace with that period alone
  private final Map<String, String[]> singles = new HashMap<>();

  /** Adds a trace row; a repeated (period, library, trace_id) changes nothing. */
  void add(String period, String library, String traceId) {
    if (library == null || traceId == null) {
      return;
    }
    Map<String, String[]> traces = periodsByLibrary.computeIfAbsent(library, l -> new HashMap<>());
    String[] periods = traces.get(traceId);
    if (periods == null) {
      traces.put(traceId, singles.computeIfAbsent(period, p -> new String[] {p}));
    } else if (Arrays.stream(periods).noneMatch(p -> Objects.equals(p, period))) {
      String[] more = Arrays.copyOf(periods, periods.length + 1);
      more[periods.length] = period;
      traces.put(traceId, more);
    }
  }

  /** The distinct periods of the trace rows of (library, traceId): empty when it has none. */
  String[] periods(String library, String traceId) {
    Map<String, String[]> traces = periodsByLibrary.get(library);
    String[] periods = traces == null ? null : traces.get(traceId);
    return periods == null ? NONE : periods;
  }
}
