package io.tracemine.stats;

/** One trace instance (TRACES) or one pattern-in-trace link (PATTERN_TRACES, with pattern id). */
public record TraceLink(String library, String patternId, String traceId, long questionId) {}
