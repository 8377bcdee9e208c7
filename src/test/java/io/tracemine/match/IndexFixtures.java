package io.tracemine.match;

import io.tracemine.extract.template.MessageTemplates;
import io.tracemine.extract.traceback.Frame;
import io.tracemine.extract.traceback.Traceback;
import java.util.List;

/** Builds small knowledge indexes from parsed tracebacks for the match tests. */
final class IndexFixtures {
  private IndexFixtures() {}

  /** Adds {@code t} as trace {@code id} of question {@code q}, with {@code message}'s template. */
  static void addTrace(
      IndexBuilder b, String id, long q, String library, Traceback t, String message) {
    b.addTrace(
        id,
        q,
        library,
        t.exceptionType(),
        MessageTemplates.template(message),
        t.frames().stream().map(Frame::file).toList(),
        t.frames().stream().map(Frame::function).toList());
  }

  static String[] files(List<Frame> frames) {
    return frames.stream().map(Frame::file).toArray(String[]::new);
  }

  static String[] functions(List<Frame> frames) {
    return frames.stream().map(Frame::function).toArray(String[]::new);
  }
}
