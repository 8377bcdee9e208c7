package io.tracemine.match;

/**
 * One question answering a traceback, and why.
 *
 * @param rank 1 for the best
 * @param score pattern weight plus the exception weight (docs/MATCH.md)
 * @param link the question's Stack Overflow address
 * @param acceptedAnswerId the accepted answer's id, or null when none is accepted
 * @param questionScore the question's Stack Overflow score (votes)
 * @param shared the heaviest mined pattern both traces contain
 * @param typeAgrees the exception's simple type name is the same
 * @param templateAgrees the type agrees and the message template is the same
 */
public record Hit(
    int rank,
    long questionId,
    String title,
    String link,
    String library,
    double score,
    int questionScore,
    Long acceptedAnswerId,
    SharedPattern shared,
    boolean typeAgrees,
    boolean templateAgrees) {}
