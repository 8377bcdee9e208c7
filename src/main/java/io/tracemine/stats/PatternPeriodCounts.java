package io.tracemine.stats;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pattern's support per period, from its list of trace instances: the distinct trace ids that
 * reach a period through the {@link TracePeriodIndex}, and the distinct non-null question ids of
 * those links. The list is read as {@code explode(arrays_zip(trace_ids, question_ids))} reads it:
 * the longer list sets the length, a missing element is null, and a null list gives no link.
 */
final class PatternPeriodCounts {
  private PatternPeriodCounts() {}

  /** A period's distinct traces and questions. */
  record Support(long traces, long questions) {}

  /**
   * Per period the pattern's traces reach, in the order the list first reaches it: its support. A
   * null trace id joins nothing.
   */
  static Map<String, Support> of(
      TracePeriodIndex index, String library, List<String> traceIds, List<Long> questionIds) {
    Map<String, Set<String>> traces = new LinkedHashMap<>();
    Map<String, Set<Long>> questions = new LinkedHashMap<>();
    if (traceIds != null && questionIds != null) {
      int links = Math.max(traceIds.size(), questionIds.size());
      for (int i = 0; i < links; i++) {
        String trace = i < traceIds.size() ? traceIds.get(i) : null;
        Long question = i < questionIds.size() ? questionIds.get(i) : null;
        if (trace == null) {
          continue;
        }
        for (String period : index.periods(library, trace)) {
          traces.computeIfAbsent(period, p -> new HashSet<>()).add(trace);
          Set<Long> qs = questions.computeIfAbsent(period, p -> new HashSet<>());
          if (question != null) {
            qs.add(question);
          }
        }
      }
    }
    Map<String, Support> out = new LinkedHashMap<>();
    traces.forEach((p, ts) -> out.put(p, new Support(ts.size(), questions.get(p).size())));
    return out;
  }
}
