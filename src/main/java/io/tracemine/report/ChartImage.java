package io.tracemine.report;

/** A chart written as SVG: its file name (relative to the report directory), title and caption. */
public record ChartImage(
    String id, String file, String title, String caption, int width, int height) {}
