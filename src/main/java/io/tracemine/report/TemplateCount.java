package io.tracemine.report;

/**
 * One of a library's most frequent exception-message templates ({@code traces.template}): how many
 * trace instances and distinct questions carry it, and its most frequent exception type.
 */
public record TemplateCount(
    String library,
    int rank,
    String exceptionType,
    String template,
    long instances,
    long questions) {}
