package io.tracemine.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the report shows, as plain Java values: the run settings (already stripped of secrets
 * by {@link ReportConfig}), the {@code counts} table per stage, rejected rows per stage and reason,
 * every stats table by name, the top (Python) patterns and exception templates per library, the RQ1
 * distributions, and the JVM traces of PySpark errors per library with their top patterns. Built by
 * {@link ReportStage} from a run's output, or by hand in tests.
 */
public record ReportData(
    Map<String, String> settings,
    Map<String, Map<String, Long>> counts,
    Map<String, Long> rejects,
    Map<String, DataTable> tables,
    List<TopPattern> topPatterns,
    List<TemplateCount> templates,
    List<Distribution> distributions,
    List<JvmSummary> jvm,
    List<TopPattern> jvmPatterns) {

  /** A report without JVM traces. */
  public ReportData(
      Map<String, String> settings,
      Map<String, Map<String, Long>> counts,
      Map<String, Long> rejects,
      Map<String, DataTable> tables,
      List<TopPattern> topPatterns,
      List<TemplateCount> templates,
      List<Distribution> distributions) {
    this(
        settings,
        counts,
        rejects,
        tables,
        topPatterns,
        templates,
        distributions,
        List.of(),
        List.of());
  }

  public ReportData {
    settings = copy(settings);
    Map<String, Map<String, Long>> c = new LinkedHashMap<>();
    counts.forEach((stage, metrics) -> c.put(stage, copy(metrics)));
    counts = java.util.Collections.unmodifiableMap(c);
    rejects = copy(rejects);
    tables = copy(tables);
    topPatterns = List.copyOf(topPatterns);
    templates = List.copyOf(templates);
    distributions = List.copyOf(distributions);
    jvm = List.copyOf(jvm);
    jvmPatterns = List.copyOf(jvmPatterns);
  }

  private static <K, V> Map<K, V> copy(Map<K, V> map) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** The stats table {@code name}, or null when the run did not write it. */
  public DataTable table(String name) {
    return tables.get(name);
  }

  /** A counts metric of a stage, or null. */
  public Long count(String stage, String metric) {
    Map<String, Long> m = counts.get(stage);
    return m == null ? null : m.get(metric);
  }
}
