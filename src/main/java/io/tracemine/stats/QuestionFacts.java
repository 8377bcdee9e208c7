package io.tracemine.stats;

/**
 * The columns of one QUESTIONS row (io.tracemine.spark.Schemas#QUESTIONS) that the statistics read.
 * Nullable columns are boxed.
 */
public record QuestionFacts(
    long questionId,
    String library,
    int wordCount,
    boolean hasCode,
    int codeLines,
    int traceCodeLines,
    boolean hasTrace,
    String os,
    Integer score,
    Long views,
    Integer comments,
    Integer answerCount,
    Double hoursToFirstAnswer,
    Double hoursToAcceptedAnswer,
    boolean hasAcceptedAnswer) {}
