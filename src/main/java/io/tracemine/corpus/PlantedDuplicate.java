package io.tracemine.corpus;

import java.time.Instant;

/**
 * Ground truth for one planted duplicate question: {@code questionId} was closed as a duplicate of
 * {@code originalId} at {@code linkDate} (a {@code PostLinks} row with {@code LinkTypeId = 3}). The
 * duplicate shows the original's failure (the same library-internal runs) through another user
 * script, other paths and another message filling; {@code variant} is its traceback's ({@code
 * plain}, {@code chained}, {@code truncated} or {@code partial}), {@code format} and {@code os} as
 * in {@link PlantedTrace}; {@code library} is the library whose scenario both show.
 */
public record PlantedDuplicate(
    long questionId,
    long originalId,
    Instant linkDate,
    String library,
    String variant,
    String format,
    String os) {}
