package io.tracemine.jobs;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The commands jobs/tracemine_dag.py issues for one logical date and the local profile, rendered by
 * jobs/test_dag.py and executed once per test JVM (the pipeline is expensive: ~15 s of JVM and
 * Spark start-up per stage), so that AirflowDagTest and NotebookTest share one output.
 */
final class DagRun {
  static final String DS = "2024-01-07";
  static final String PROFILE = "local";
  static final Duration STAGE_TIMEOUT = Duration.ofMinutes(15);
  static final Path HOME = Path.of("").toAbsolutePath();

  /** One task: its id and the exact shell command line the DAG would run. */
  record Task(String taskId, String command) {}

  /** What running the DAG's tasks in order produced. */
  record Outcome(Path outputRoot, List<Task> tasks, List<Processes.Result> results, boolean reportInCli) {
    Path outputDir() {
      return outputRoot.resolve(DS);
    }
  }

  private static Outcome outcome;

  private DagRun() {}

  /** The DAG's tasks for {@link #DS} and {@link #PROFILE}, output under {@code outputRoot}. */
  static List<Task> render(Path outputRoot) throws IOException, InterruptedException {
    Processes.Result r = Processes.run(
        List.of(Processes.PYTHON.toString(), "jobs/test_dag.py", "--print", "--ds", DS, "--profile", PROFILE,
            "--home", HOME.toString(), "--output-root", outputRoot.toString(), "--spark-args=", "--extra-args="),
        HOME, Map.of(), Duration.ofMinutes(1));
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return r.stdout().lines().filter(l -> !l.isBlank()).map(l -> {
      String[] parts = l.split("\t", 2);
      assertThat(parts).as("line '%s' of test_dag.py --print must be TASK<TAB>COMMAND", l).hasSize(2);
      return new Task(parts[0], parts[1]);
    }).toList();
  }

  /**
   * Runs the DAG's tasks in order, as Airflow would: stops at the first failing task. The report
   * task runs only when {@code submit.sh --help} lists a report command (it is being added).
   */
  static synchronized Outcome run() throws IOException, InterruptedException {
    if (outcome == null) {
      Path root = Files.createTempDirectory("tracemine-dag-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
      boolean report = cliCommands().contains("report");
      List<Task> tasks = render(root);
      List<Processes.Result> results = new ArrayList<>();
      for (Task task : tasks) {
        if (task.taskId().equals("report") && !report) {
          continue;
        }
        Processes.Result r = Processes.bash(task.command(), STAGE_TIMEOUT);
        results.add(r);
        if (r.exitCode() != 0) {
          break;
        }
      }
      outcome = new Outcome(root, tasks, List.copyOf(results), report);
    }
    return outcome;
  }

  /** The subcommands {@code ./submit.sh --help} lists. */
  static List<String> cliCommands() throws IOException, InterruptedException {
    Processes.Result help = Processes.run(List.of("./submit.sh", "--help"), HOME, Map.of(), STAGE_TIMEOUT);
    assertThat(help.exitCode()).as(help.describe()).isZero();
    return help.stdout().lines()
        .dropWhile(l -> !l.strip().equals("Commands:"))
        .skip(1)
        // a command starts at column 2; wrapped descriptions are indented further
        .filter(l -> l.startsWith("  ") && !l.startsWith("   "))
        .map(l -> l.strip().split("\\s+", 2)[0])
        .toList();
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
