package io.tracemine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What one stage read, wrote and rejected, and how long it took. */
public record StageSummary(String stage, Map<String, Long> counts, List<String> outputs, double seconds) {
  private static final int OUTPUTS_SHOWN = 3;

  public String oneLine() {
    String c =
        counts.entrySet().stream()
            .map(e -> e.getKey() + "=" + String.format("%,d", e.getValue()))
            .collect(Collectors.joining(" "));
    String shown = outputs.size() <= OUTPUTS_SHOWN
        ? String.join(", ", outputs)
        : String.join(", ", outputs.subList(0, OUTPUTS_SHOWN))
            + String.format(", … (%d outputs in all)", outputs.size());
    return String.format("%-8s %6.1fs  %s  -> %s", stage, seconds, c, shown);
  }

  /** This stage in the {@code --json} document (docs/CLI-JSON.md). */
  ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode node = mapper.createObjectNode();
    node.put("stage", stage);
    node.put("seconds", Math.round(seconds * 1000) / 1000.0);
    ObjectNode c = node.putObject("counts");
    counts.forEach(c::put);
    outputs.forEach(node.putArray("outputs")::add);
    return node;
  }
}
