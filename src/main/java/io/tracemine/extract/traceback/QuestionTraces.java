package io.tracemine.extract.traceback;

import java.io.Serializable;
import java.util.List;

/**
 * All tracebacks of one question.
 *
 * @param traces tracebacks in document order
 * @param os {@code "unix"}, {@code "windows"}, {@code "mixed"} or {@code "none"}: the styles of the
 *     frames that have one (all UNIX, all WINDOWS, both, no styled frame)
 */
public record QuestionTraces(List<FoundTrace> traces, String os) implements Serializable {
  public QuestionTraces {
    traces = List.copyOf(traces);
  }
}
