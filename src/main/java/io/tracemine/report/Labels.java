package io.tracemine.report;

import java.util.Map;

/** Readable column headers from {@code report/column-labels.properties}, with a fallback. */
final class Labels {
  private Labels() {}

  /** The label of a column: listed, else its name with "_" as spaces and "pct" as "(%)". */
  static String column(String name) {
    return label(ReportResources.COLUMN_LABELS, name);
  }

  /** The label of a Mann-Whitney sub-column ({@code n_trace}, {@code u}, ...). */
  static String mannWhitney(String part) {
    String listed = ReportResources.COLUMN_LABELS.get("mw." + part);
    return listed != null ? listed : label(Map.of(), part);
  }

  static String label(Map<String, String> labels, String name) {
    String listed = labels.get(name);
    if (listed != null) {
      return listed;
    }
    String text = name.replace('_', ' ').trim();
    if (text.endsWith(" pct")) {
      text = text.substring(0, text.length() - 4) + " (%)";
    }
    if (text.isEmpty()) {
      return name;
    }
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
