package io.tracemine.report;

/**
 * JVM frames of one library (docs/EXTRACT.md, "JVM traces of PySpark errors"): questions with a JVM
 * trace that has a frame, JVM trace instances, their frames, and how many of those instances a
 * Python {@code Py4JJavaError} carries.
 */
public record JvmSummary(
    String library, long questions, long instances, long frames, long carried) {}
