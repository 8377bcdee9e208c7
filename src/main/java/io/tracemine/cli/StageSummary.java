package io.tracemine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
  private static final int OUTPUTS_SHOWN = 3;

  public StageSummary(
      String stage, Map<String, Long> counts, List<String> outputs, double seconds) {
    this(stage, counts, outputs, seconds, List.of());
  }

  /** The summary of a stage that started at {@code startNanos} ({@link System#nanoTime()}). */
  static StageSummary since(
      String stage, long startNanos, Map<String, Long> counts, List<String> outputs) {
    return new StageSummary(stage, counts, outputs, (System.nanoTime() - startNanos) / 1e9);
  }

  public String oneLine() {
    String c =
        counts.entrySet().stream()
            .map(e -> e.getKey() + "=" + String.format("%,d", e.getValue()))
            .collect(Collectors.joining(" "));
    String written =
        outputs.size() <= OUTPUTS_SHOWN
            ? String.join(", ", outputs)
            : String.join(", ", outputs.subList(0, OUTPUTS_SHOWN))
                + String.format(", … (%d outputs in all)", outputs.size());
    String line = String.format("%-8s %6.1fs  %s  -> %s", stage, seconds, c, written);
    if (inputs.isEmpty()) {
      return line;
    }
    String shown = String.join(", ", inputs.subList(0, Math.min(INPUTS_SHOWN, inputs.size())));
    if (inputs.size() > INPUTS_SHOWN) {
      shown += String.format(", … (%,d files in all, listed in input_files)", inputs.size());
    }
    return line + "  <- " + shown;
  }

  /** This stage in the {@code --json} document (docs/CLI-JSON.md). */
  ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode node = mapper.createObjectNode();
    node.put("stage", stage);
    node.put("seconds", Math.round(seconds * 1000) / 1000.0);
    ObjectNode c = node.putObject("counts");
    counts.forEach(c::put);
    outputs.forEach(node.putArray("outputs")::add);
    if (!inputs.isEmpty()) {
      inputs.forEach(node.putArray("inputs")::add);
    }
    return node;
  }
}
