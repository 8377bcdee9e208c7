package io.tracemine.match;

/** What a written match index holds, and its size in bytes. */
public record IndexSummary(int questions, int traces, int patterns, int items, long bytes) {}
