package io.tracemine.match;

import java.util.List;

/**
 * The mined closed pattern that a user's traceback and a question's trace both contain, the one
 * that gave the question its score.
 *
 * @param patternId as in the patterns table
 * @param frames the pattern's frames, {@code file:function}, outermost first
 * @param weight sum of the frames' rarity in the library (docs/MATCH.md)
 */
public record SharedPattern(
    String patternId,
    String library,
    List<String> frames,
    int traceSupport,
    int questionSupport,
    double weight) {}
