package io.tracemine.report;

import io.tracemine.match.KnowledgeSlice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a complete report into an (empty) directory: one SVG per chart and {@code index.html}.
 * Pure: no Spark. Sets {@code java.awt.headless=true} before drawing.
 */
public final class ReportRenderer {
  public static final String INDEX = "index.html";

  private ReportRenderer() {}

  /**
   * Renders {@code data} into {@code dir}; returns counts: charts, tables, top_patterns, templates.
   */
  public static Map<String, Long> render(ReportData data, Path dir) {
    return render(data, null, dir);
  }

  /**
   * {@link #render(ReportData, Path)} with the "paste your traceback" box answering from {@code
   * search} (null: the page says the run has no match index); counts also search_patterns.
   */
  public static Map<String, Long> render(ReportData data, KnowledgeSlice.Slice search, Path dir) {
    System.setProperty("java.awt.headless", "true");
    try {
      Files.createDirectories(dir);
      HtmlReport probe = new HtmlReport(data, List.of());
      List<ChartImage> charts = new Charts(probe.libraries()).writeAll(data, dir);
      HtmlReport page = new HtmlReport(data, charts, search);
      Files.writeString(dir.resolve(INDEX), page.render(), StandardCharsets.UTF_8);
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("charts", (long) charts.size());
      counts.put("tables", (long) page.renderedTables().size());
      counts.put("top_patterns", (long) data.topPatterns().size());
      counts.put("templates", (long) data.templates().size());
      counts.put("search_patterns", search == null ? 0L : search.patternsIncluded());
      return counts;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the report into " + dir + ": " + e.getMessage(), e);
    }
  }
}
