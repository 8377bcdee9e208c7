package io.tracemine.extract.traceback;

import io.tracemine.extract.html.HtmlBlocks;
import java.util.List;

/** What the paste tests read off a parse: frames as (file, line, function), tracebacks of HTML. */
final class PasteFixtures {
  private static final TraceExtractor DEFAULTS = TraceExtractors.forProfile("default");

  private PasteFixtures() {}

  static List<Object[]> frames(Traceback t) {
    return t.frames().stream().map(f -> new Object[] {f.file(), f.line(), f.function()}).toList();
  }

  /** The default profile's tracebacks of a Stack Overflow body. */
  static List<Traceback> inHtml(String html) {
    return DEFAULTS.extract(HtmlBlocks.parse(html)).traces().stream()
        .map(FoundTrace::traceback)
        .toList();
  }
}
