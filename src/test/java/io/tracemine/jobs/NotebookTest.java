package io.tracemine.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracemine.report.Charts;
import io.tracemine.testing.IntegrationTest;
import java.awt.Color;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * notebooks/explore_results.ipynb: stored clean in git, with a papermill-style {@code parameters}
 * cell and the report's palette; executed headless by nbconvert on the output of the DAG run that
 * {@link DagRun} shares with AirflowDagTest (the output directory injected as papermill does), it
 * draws Figs. 4-7.
 */
@IntegrationTest
class NotebookTest {
  static final Path NOTEBOOK = Path.of("notebooks/explore_results.ipynb");
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String[] MODULES = {
    "jupyter", "nbconvert", "nbformat", "ipykernel", "jupyter_client", "pandas", "matplotlib"
  };
  // Counts an executed notebook's outputs; JSON is parsed by Python, which these tests need anyway.
  private static final String SUMMARY =
      String.join(
          "\n",
          "import json, sys",
          "outputs = [o for c in json.load(open(sys.argv[1]))['cells'] for o in c.get('outputs',"
              + " [])]",
          "print('images', sum('image/png' in o.get('data', {}) for o in outputs))",
          "print('tables', sum('text/html' in o.get('data', {}) for o in outputs))",
          "print('errors', [o['ename'] + ': ' + o['evalue'] for o in outputs if o['output_type'] =="
              + " 'error'])");

  @Test
  void storedWithoutOutputs() throws Exception {
    String nb = Files.readString(NOTEBOOK);
    long codeCells = count(nb, "\"cell_type\"\\s*:\\s*\"code\"");
    assertThat(codeCells).as("code cells").isGreaterThanOrEqualTo(12);
    assertThat(count(nb, "\"outputs\"\\s*:\\s*\\[\\s*\\]"))
        .as("code cells saved without outputs (clear them before committing)")
        .isEqualTo(codeCells);
    assertThat(count(nb, "\"execution_count\"\\s*:\\s*null"))
        .as("code cells saved unexecuted")
        .isEqualTo(codeCells);
    assertThat(nb).contains("\"name\": \"python3\"");
  }

  @Test
  void outputDirectoryIsAPapermillParameterNotAnEnvironmentVariable() throws Exception {
    JsonNode cells = JSON.readTree(NOTEBOOK.toFile()).get("cells");
    List<JsonNode> parameters = new ArrayList<>();
    cells.forEach(
        c -> {
          if (c.path("metadata").path("tags").toString().contains("\"parameters\"")) {
            parameters.add(c);
          }
        });
    assertThat(parameters).as("cells tagged 'parameters'").hasSize(1);
    assertThat(source(parameters.get(0))).contains("output_dir = \"../output/run\"");
    assertThat(Files.readString(NOTEBOOK)).doesNotContain("os.environ", "TRACEMINE_OUTPUT");
  }

  @Test
  void usesTheReportsPalette() throws Exception {
    Field field = Charts.class.getDeclaredField("PALETTE");
    field.setAccessible(true);
    List<String> report = new ArrayList<>();
    for (Color c : (Color[]) field.get(null)) {
      report.add(String.format("\"#%06X\"", c.getRGB() & 0xFFFFFF));
    }
    StringBuilder code = new StringBuilder();
    JSON.readTree(NOTEBOOK.toFile()).get("cells").forEach(c -> code.append(source(c)));
    assertThat(code).contains("PALETTE = [" + String.join(", ", report) + "]");
  }

  @Test
  void executesHeadlessAndDrawsTheFigures(@TempDir Path tmp) throws Exception {
    Processes.requirePython(MODULES);
    DagRun.Outcome run = DagRun.run();
    assertThat(run.results())
        .hasSize(AirflowDagTest.STAGES.size())
        .allSatisfy(r -> assertThat(r.error()).as(run.process().describe()).isNull());
    Path executed = tmp.resolve("executed.ipynb");

    Processes.Result r = nbconvert(run.outputDir(), executed);

    assertThat(r.exitCode()).as(r.describe()).isZero();
    Processes.Result summary =
        Processes.run(
            List.of(Processes.PYTHON.toString(), "-c", SUMMARY, executed.toString()),
            DagRun.HOME,
            Map.of(),
            DagRun.STAGE_TIMEOUT);
    assertThat(summary.exitCode()).as(summary.describe()).isZero();
    List<String> lines = summary.stdout().lines().toList();
    assertThat(lines.get(2)).as("error outputs").isEqualTo("errors []");
    assertThat(lines.get(0)).as("figures drawn (Figs. 4, 5, 6, 7)").isEqualTo("images 4");
    assertThat(Integer.parseInt(lines.get(1).substring("tables ".length())))
        .as("tables shown (Tables 1-7 and the RQ3 sheets)")
        .isGreaterThanOrEqualTo(12);
    assertThat(Files.readString(executed))
        .contains("TraceMine output: " + run.outputDir().toRealPath());
  }

  @Test
  void missingOutputFailsWithAMessageSayingWhatToRun(@TempDir Path tmp) throws Exception {
    Processes.requirePython(MODULES);
    Path missing = tmp.resolve("no-such-run");

    Processes.Result r = nbconvert(missing, tmp.resolve("executed.ipynb"));

    assertThat(r.exitCode()).as(r.describe()).isNotZero();
    assertThat(r.stderr())
        .contains(
            "FileNotFoundError: Cannot read TraceMine results: "
                + missing
                + " is not a directory. Run ./submit.sh run --output "
                + missing
                + " first, or set output_dir in the parameters cell (papermill -p output_dir"
                + " DIR).");
  }

  private static long count(String text, String regex) {
    return Pattern.compile(regex).matcher(text).results().count();
  }

  /** Executes the notebook with {@code output_dir} set as papermill would, then nbconvert. */
  private static Processes.Result nbconvert(Path output, Path executed) throws Exception {
    Path parameterized = executed.resolveSibling("parameterized.ipynb");
    Files.writeString(
        parameterized, injectParameters(Files.readString(NOTEBOOK), output.toString()));
    return Processes.run(
        List.of(
            Processes.PYTHON.toString(),
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--ExecutePreprocessor.timeout=300",
            "--output",
            executed.toString(),
            parameterized.toString()),
        NOTEBOOK.toAbsolutePath().getParent(),
        Map.of("PYDEVD_DISABLE_FILE_VALIDATION", "1"),
        DagRun.STAGE_TIMEOUT);
  }

  /**
   * Papermill's parameterisation: a code cell tagged {@code injected-parameters} right after the
   * cell tagged {@code parameters}, assigning each parameter (here {@code output_dir}).
   */
  static String injectParameters(String notebook, String outputDir) throws Exception {
    ObjectNode nb = (ObjectNode) JSON.readTree(notebook);
    ArrayNode cells = (ArrayNode) nb.get("cells");
    int at = -1;
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i).path("metadata").path("tags").toString().contains("\"parameters\"")) {
        at = i;
      }
    }
    assertThat(at).as("a cell tagged 'parameters'").isNotNegative();
    ObjectNode injected = JSON.createObjectNode();
    injected.put("cell_type", "code");
    injected.putNull("execution_count");
    injected.putObject("metadata").putArray("tags").add("injected-parameters");
    injected.putArray("outputs");
    injected.put("id", "injected-parameters");
    injected
        .putArray("source")
        .add("# Parameters\n")
        .add("output_dir = " + JSON.writeValueAsString(outputDir) + "\n");
    cells.insert(at + 1, injected);
    return JSON.writeValueAsString(nb);
  }

  private static String source(JsonNode cell) {
    StringBuilder s = new StringBuilder();
    cell.get("source").forEach(line -> s.append(line.asText()));
    return s.toString();
  }
}
