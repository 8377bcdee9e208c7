package io.tracemine.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * notebooks/explore_results.ipynb: stored clean in git, and executed headless by nbconvert on the
 * output of the DAG run that {@link DagRun} shares with AirflowDagTest, it draws Figs. 4-7.
 */
@IntegrationTest
class NotebookTest {
  static final Path NOTEBOOK = Path.of("notebooks/explore_results.ipynb");
  static final String[] MODULES = {"jupyter", "nbconvert", "nbformat", "ipykernel", "jupyter_client", "pandas",
    "matplotlib"};
  // Counts an executed notebook's outputs; JSON is parsed by Python, which these tests need anyway.
  private static final String SUMMARY = String.join("\n",
      "import json, sys",
      "outputs = [o for c in json.load(open(sys.argv[1]))['cells'] for o in c.get('outputs', [])]",
      "print('images', sum('image/png' in o.get('data', {}) for o in outputs))",
      "print('tables', sum('text/html' in o.get('data', {}) for o in outputs))",
      "print('errors', [o['ename'] + ': ' + o['evalue'] for o in outputs if o['output_type'] == 'error'])");

  @Test
  void storedWithoutOutputs() throws Exception {
    String nb = Files.readString(NOTEBOOK);
    long codeCells = count(nb, "\"cell_type\"\\s*:\\s*\"code\"");
    assertThat(codeCells).as("code cells").isGreaterThanOrEqualTo(12);
    assertThat(count(nb, "\"outputs\"\\s*:\\s*\\[\\s*\\]"))
        .as("code cells saved without outputs (clear them before committing)").isEqualTo(codeCells);
    assertThat(count(nb, "\"execution_count\"\\s*:\\s*null"))
        .as("code cells saved unexecuted").isEqualTo(codeCells);
    assertThat(nb).contains("\"name\": \"python3\"");
  }

  @Test
  void executesHeadlessAndDrawsTheFigures(@TempDir Path tmp) throws Exception {
    Processes.requirePython(MODULES);
    DagRun.Outcome run = DagRun.run();
    assertThat(run.results()).allSatisfy(r -> assertThat(r.exitCode()).as(r.describe()).isZero());
    Path executed = tmp.resolve("executed.ipynb");

    Processes.Result r = nbconvert(run.outputDir(), executed);

    assertThat(r.exitCode()).as(r.describe()).isZero();
    Processes.Result summary = Processes.run(List.of(Processes.PYTHON.toString(), "-c", SUMMARY, executed.toString()),
        DagRun.HOME, Map.of(), DagRun.STAGE_TIMEOUT);
    assertThat(summary.exitCode()).as(summary.describe()).isZero();
    List<String> lines = summary.stdout().lines().toList();
    assertThat(lines.get(2)).as("error outputs").isEqualTo("errors []");
    assertThat(lines.get(0)).as("figures drawn (Figs. 4, 5, 6, 7)").isEqualTo("images 4");
    assertThat(Integer.parseInt(lines.get(1).substring("tables ".length())))
        .as("tables shown (Tables 1-7 and the RQ3 sheets)").isGreaterThanOrEqualTo(12);
    assertThat(Files.readString(executed)).contains("TraceMine output: " + run.outputDir().toRealPath());
  }

  @Test
  void missingOutputFailsWithAMessageSayingWhatToRun(@TempDir Path tmp) throws Exception {
    Processes.requirePython(MODULES);
    Path missing = tmp.resolve("no-such-run");

    Processes.Result r = nbconvert(missing, tmp.resolve("executed.ipynb"));

    assertThat(r.exitCode()).as(r.describe()).isNotZero();
    assertThat(r.stderr()).contains("FileNotFoundError: Cannot read TraceMine results: " + missing
        + " is not a directory. Run ./submit.sh run --output " + missing
        + " first, or set TRACEMINE_OUTPUT to a run's output directory.");
  }

  private static long count(String text, String regex) {
    return Pattern.compile(regex).matcher(text).results().count();
  }

  private static Processes.Result nbconvert(Path output, Path executed) throws Exception {
    return Processes.run(
        List.of(Processes.PYTHON.toString(), "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
            "--ExecutePreprocessor.timeout=300", "--output", executed.toString(), NOTEBOOK.toString()),
        DagRun.HOME,
        Map.of("TRACEMINE_OUTPUT", output.toString(), "PYDEVD_DISABLE_FILE_VALIDATION", "1"),
        DagRun.STAGE_TIMEOUT);
  }
}
