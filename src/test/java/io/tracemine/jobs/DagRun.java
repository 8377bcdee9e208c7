package io.tracemine.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The tasks of jobs/tracemine_dag.py for one data interval, rendered and executed by the model of
 * Airflow in jobs/test_dag.py. The pipeline runs once per test JVM (five stage JVMs with Spark
 * start-up), so that AirflowDagTest and NotebookTest share one output.
 */
final class DagRun {
  /** An interval covering the whole bundled corpus: --since/--until select every question. */
  static final String START = "2008-01-01";

  static final String END = "2027-01-01";
  static final String SPARK_DAG = "tracemine";
  static final String SUBMIT_SH_DAG = "tracemine_submit_sh";
  static final Duration STAGE_TIMEOUT = Duration.ofMinutes(15);
  static final Path HOME = Path.of("").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One rendered task: its id and the program and arguments it runs. */
  record Task(String taskId, List<String> argv) {}

  /** One executed task: its XCom value (the stage's --json summary) or the exception it raised. */
  record TaskResult(String taskId, JsonNode xcom, String error) {}

  /** What running the DAG's tasks in order produced. */
  record Outcome(Path outputRoot, List<TaskResult> results, Processes.Result process) {
    Path outputDir() {
      return outputRoot.resolve(START + "_" + END);
    }
  }

  private static Outcome outcome;

  private DagRun() {}

  /** The tasks of {@code dagId} for [{@link #START}, {@link #END}), output under {@code root}. */
  static List<Task> render(String dagId, Path root, String conf)
      throws IOException, InterruptedException {
    Processes.Result r = model("--print", dagId, root, conf, List.of(), Duration.ofMinutes(2));
    assertThat(r.exitCode()).as(r.describe()).isZero();
    List<Task> tasks = new ArrayList<>();
    for (JsonNode line : jsonLines(r)) {
      List<String> argv = new ArrayList<>();
      line.get("argv").forEach(a -> argv.add(a.asText()));
      tasks.add(new Task(line.get("task_id").asText(), argv));
    }
    return tasks;
  }

  /** Runs the submit.sh DAG's tasks in order under the model, as a worker would. */
  static synchronized Outcome run() throws IOException, InterruptedException {
    if (outcome == null) {
      Path root = Files.createTempDirectory("tracemine-dag-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
      outcome = execute(root, List.of());
    }
    return outcome;
  }

  /** Executes the submit.sh DAG's tasks (all, or only {@code tasks}) with output under root. */
  static Outcome execute(Path root, List<String> tasks) throws IOException, InterruptedException {
    Processes.Result r =
        model("--run", SUBMIT_SH_DAG, root, "{}", tasks, STAGE_TIMEOUT.multipliedBy(5));
    List<TaskResult> results = new ArrayList<>();
    StringBuilder timing = new StringBuilder("DAG tasks run (wall seconds, JVM start included):");
    for (JsonNode line : jsonLines(r)) {
      results.add(
          new TaskResult(
              line.get("task_id").asText(),
              line.get("xcom"),
              line.has("error") ? line.get("error").asText() : null));
      timing
          .append(' ')
          .append(line.get("task_id").asText())
          .append(' ')
          .append(line.path("seconds").asText());
    }
    System.out.println(timing);
    return new Outcome(root, List.copyOf(results), r);
  }

  private static Processes.Result model(
      String mode, String dagId, Path root, String conf, List<String> tasks, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Processes.PYTHON.toString(),
                "jobs/test_dag.py",
                mode,
                "--dag",
                dagId,
                "--start",
                START,
                "--end",
                END,
                "--conf",
                conf,
                "--var",
                "tracemine_home=" + HOME,
                "--var",
                "tracemine_output_root=" + root));
    if (!tasks.isEmpty()) {
      command.add("--tasks");
      command.addAll(tasks);
    }
    return Processes.run(command, HOME, Map.of(), timeout);
  }

  private static List<JsonNode> jsonLines(Processes.Result r) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : r.stdout().lines().filter(l -> l.startsWith("{")).toList()) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
