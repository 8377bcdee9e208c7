package io.tracemine.cli;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What one stage read, wrote and rejected, and how long it took. */
public record StageSummary(String stage, Map<String, Long> counts, List<String> outputs, double seconds) {

  public String oneLine() {
    String c =
        counts.entrySet().stream()
            .map(e -> e.getKey() + "=" + String.format("%,d", e.getValue()))
            .collect(Collectors.joining(" "));
    return String.format("%-8s %6.1fs  %s  -> %s", stage, seconds, c, String.join(", ", outputs));
  }

  public String json() {
    StringBuilder sb = new StringBuilder("{\"stage\":\"").append(stage).append("\",\"seconds\":");
    sb.append(String.format(java.util.Locale.ROOT, "%.3f", seconds)).append(",\"counts\":{");
    sb.append(
        counts.entrySet().stream()
            .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
            .collect(Collectors.joining(",")));
    sb.append("},\"outputs\":[");
    sb.append(outputs.stream().map(o -> "\"" + escape(o) + "\"").collect(Collectors.joining(",")));
    return sb.append("]}").toString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
