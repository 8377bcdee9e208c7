package io.tracemine.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made report data for the pure tests, with Stack Overflow-style hostile text everywhere. */
final class ReportSamples {
  static final String EVIL = "<script>alert('x')</script>\"'><img src=x onerror=alert(1)>&amp;";
  static final String EVIL_LIB = "keras\"><b>";

  private ReportSamples() {}

  static List<Object> row(Object... values) {
    return new ArrayList<>(Arrays.asList(values));
  }

  static ReportData hostile() {
    Map<String, DataTable> tables = new LinkedHashMap<>();
    tables.put(
        "table1_population",
        new DataTable(
            "table1_population",
            List.of(
                "library",
                "questions",
                "with_code",
                "with_code_pct",
                "with_trace",
                "with_trace_pct"),
            List.of(
                row("tensorflow", 10L, 8L, 80.0, 3L, 30.0),
                row("all", 12L, 9L, 75.0, 4L, 33.333333333333336),
                row(EVIL_LIB, 2L, 1L, 50.0, 1L, 50.0))));
    tables.put(
        "table3_popularity",
        new DataTable(
            "table3_popularity",
            List.of(
                "library",
                "views_n_trace",
                "views_n_no_trace",
                "views_median_trace",
                "views_median_no_trace",
                "views_u",
                "views_z",
                "views_p",
                "views_mark"),
            List.of(
                row("tensorflow", 3L, 5L, 120.5, 80.0, 11.0, 2.3456, 0.0004, "***"),
                row("all", 4L, 5L, 100.0, 80.0, 12.0, 0.5, 0.61749, "o"))));
    tables.put(
        "table5_instances",
        new DataTable(
            "table5_instances",
            List.of("library", "instances", "questions_with_trace", "ratio"),
            List.of(row("all", 5L, 4L, 1.25))));
    tables.put(
        "table6_coverage",
        new DataTable("table6_coverage", List.of("library", "patterns"), List.of(row("all", 2L))));
    tables.put(
        "fig4_support_distribution",
        new DataTable(
            "fig4_support_distribution",
            List.of(
                "library",
                "min_support",
                "support",
                "patterns",
                "cumulative_patterns",
                "cumulative_pct"),
            List.of(
                row("tensorflow", 1L, 1L, 3L, 3L, 60.0),
                row("tensorflow", 1L, 4L, 2L, 5L, 100.0),
                row(EVIL_LIB, 1L, 2L, 1L, 1L, 100.0))));
    tables.put(
        "fig7_library_pairs",
        new DataTable(
            "fig7_library_pairs",
            List.of("library_a", "library_b", "shared_exactly_two", "shared_by_both"),
            List.of(row(EVIL_LIB, "tensorflow", 7L, 9L))));
    tables.put(
        "rq3_round1",
        new DataTable(
            "rq3_round1",
            List.of("pattern_id", "pattern", "example_urls"),
            List.of(
                row(
                    "p1",
                    EVIL,
                    "https://stackoverflow.com/q/42 javascript:alert(1)"
                        + " https://evil.example/q/1"))));
    tables.put("custom_" + "x", new DataTable("custom_x", List.of(EVIL), List.of(row(EVIL))));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("source.type", "xml");
    settings.put("source.path", "/data/" + EVIL);
    settings.put("source.bigquery.credentials-file", "/keys/sa.json");
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    counts.put("ingest", Map.of("rows_read", 1234567L));
    return new ReportData(
        new ReportConfig(10, settings).settings(),
        counts,
        Map.of("ingest: " + EVIL, 2L),
        tables,
        List.of(
            new TopPattern(
                "tensorflow",
                1,
                "tf-0001",
                List.of("training:fit", EVIL + ":" + EVIL),
                4,
                "traces",
                4,
                3,
                5,
                List.of(11L, 12L))),
        List.of(new TemplateCount("tensorflow", 1, EVIL, "Error: " + EVIL, 3, 2)),
        List.of(
            new Distribution("views", "tensorflow", Distribution.WITH_TRACE, 3, 10, 20, 30, 40, 50),
            new Distribution(
                "views", "tensorflow", Distribution.WITHOUT_TRACE, 5, 0, 2, 5, 9, 20)));
  }

  static ReportData empty() {
    return new ReportData(Map.of(), Map.of(), Map.of(), Map.of(), List.of(), List.of(), List.of());
  }
}
