package io.tracemine.corpus;

/** Shared run {@code runId} occurs in a planted trace's frames from index {@code start} on. */
public record RunOccurrence(int runId, int start) {}
