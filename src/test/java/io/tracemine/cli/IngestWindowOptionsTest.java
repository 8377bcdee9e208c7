package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** ingest/run --since and --until: mapped to source.since/source.until, checked before Spark. */
class IngestWindowOptionsTest {
  @Test
  void optionsSetTheWindowKeysAndEmptyMeansUnbounded() {
    CommandLine cl = TraceMine.commandLine();
    cl.parseArgs("ingest", "--since=2024-01-01", "--until=2024-01-08T00:00:00+00:00");
    Map<String, String> overrides = new TreeMap<>();
    ((IngestCommand) cl.getSubcommands().get("ingest").getCommand()).source.addTo(overrides);
    assertThat(overrides)
        .containsEntry("source.since", "2024-01-01")
        .containsEntry("source.until", "2024-01-08T00:00:00+00:00");

    CommandLine run = TraceMine.commandLine();
    run.parseArgs("run", "--since=", "--until=");
    Map<String, String> empty = new TreeMap<>();
    ((RunCommand) run.getSubcommands().get("run").getCommand()).source.addTo(empty);
    assertThat(empty).containsEntry("source.since", "").containsEntry("source.until", "");
  }

  @Test
  void aBadDateExitsWithTheConfigurationCodeNamingTheKey(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));

    int code = cl.execute("ingest", "--until=next week", "--output", dir.toString(), "--quiet");

    assertThat(code).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(err.toString())
        .contains(
            "tracemine: 'source.until' is 'next week' but must be an ISO"
                + " date (2024-01-31) or date-time with offset (2024-01-31T00:00:00+00:00)");
  }
}
