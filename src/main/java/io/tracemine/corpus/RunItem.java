package io.tracemine.corpus;

/** One item of a mined sequence: the normalised (file, function) pair of a frame. */
public record RunItem(String file, String function) {}
