package io.tracemine.cli;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one stage read, wrote and rejected, and how long it took; {@code inputs} are the files the
 * stage read directly (ingest), shown in full in JSON and abbreviated on the console.
 */
public record StageSummary(
    String stage,
    Map<String, Long> counts,
    List<String> outputs,
    double seconds,
    List<String> inputs) {
  private static final int INPUTS_SHOWN = 3;

  public StageSummary(
      String stage, Map<String, Long> counts, List<String> outputs, double seconds) {
    this(stage, counts, outputs, seconds, List.of());
  }

  public String oneLine() {
    String c =
        counts.entrySet().stream()
            .map(e -> e.getKey() + "=" + String.format("%,d", e.getValue()))
            .collect(Collectors.joining(" "));
    String line =
        String.format("%-8s %6.1fs  %s  -> %s", stage, seconds, c, String.join(", ", outputs));
    if (inputs.isEmpty()) {
      return line;
    }
    String shown = String.join(", ", inputs.subList(0, Math.min(INPUTS_SHOWN, inputs.size())));
    if (inputs.size() > INPUTS_SHOWN) {
      shown += String.format(", … (%,d files in all, listed in input_files)", inputs.size());
    }
    return line + "  <- " + shown;
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
    if (!inputs.isEmpty()) {
      sb.append("],\"inputs\":[");
      sb.append(inputs.stream().map(o -> "\"" + escape(o) + "\"").collect(Collectors.joining(",")));
    }
    return sb.append("]}").toString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
