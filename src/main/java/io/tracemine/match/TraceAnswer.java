package io.tracemine.match;

import java.util.List;

/**
 * The answer for one traceback of the user's input.
 *
 * @param traceback 1-based position of the traceback in the input
 * @param exceptionType as parsed, or null
 * @param template the message's template, or null
 * @param frames frames parsed
 * @param knownFrames frames that occur in some trace of the knowledge base
 * @param matchedPatterns mined patterns contained in the traceback
 * @param note why there is no hit, or what was left out of a huge traceback; null otherwise
 * @param hits best first; empty when no known pattern matches
 */
public record TraceAnswer(
    int traceback,
    String exceptionType,
    String message,
    String template,
    int frames,
    int knownFrames,
    int matchedPatterns,
    String note,
    List<Hit> hits) {
  public TraceAnswer {
    hits = List.copyOf(hits);
  }
}
