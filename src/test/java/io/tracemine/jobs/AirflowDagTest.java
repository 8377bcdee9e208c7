package io.tracemine.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.testing.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/tracemine_dag.py without Airflow: its own stub-based checks (jobs/test_dag.py), the exact
 * commands it renders, that submit.sh accepts each stage with the DAG's options, and that running
 * the commands in task order (the bundled corpus, local profile) exits 0 and writes every table.
 */
@IntegrationTest
class AirflowDagTest {
  static final List<String> STAGES = List.of("ingest", "extract", "mine", "stats", "report");

  /** Tables each stage must leave behind: Parquet directories (with _SUCCESS) or files. */
  static final Map<String, List<String>> OUTPUTS = new LinkedHashMap<>();

  static {
    OUTPUTS.put("ingest", List.of("posts/_SUCCESS", "rejects/stage=ingest", "counts/stage=ingest"));
    OUTPUTS.put("extract", List.of("questions/_SUCCESS", "traces/_SUCCESS", "counts/stage=extract"));
    OUTPUTS.put("mine", List.of("patterns/_SUCCESS", "pattern_traces/_SUCCESS", "counts/stage=mine"));
    List<String> stats = new ArrayList<>();
    for (String table : List.of("table1_population", "table2_lengths", "table3_popularity", "table4_answers",
        "table5_instances", "table6_coverage", "table7_shared", "fig4_support_distribution",
        "fig5_length_distribution", "fig6_topk_coverage", "fig7_library_pairs", "rq3_round1", "rq3_round2")) {
      stats.add(table + "/_SUCCESS");
      stats.add(table + ".csv");
    }
    OUTPUTS.put("stats", stats);
    OUTPUTS.put("report", List.of("report/index.html"));
  }

  @BeforeEach
  void python() throws Exception {
    Processes.requirePython();
  }

  @Test
  void stubbedAirflowChecksPass() throws Exception {
    Processes.Result r = Processes.run(List.of(Processes.PYTHON.toString(), "jobs/test_dag.py"),
        DagRun.HOME, Map.of(), DagRun.STAGE_TIMEOUT);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stderr()).as(r.describe()).contains("Ran 7 tests").contains("\nOK");
  }

  @Test
  void rendersOneCommandPerStageInTaskOrder(@TempDir Path root) throws Exception {
    List<DagRun.Task> tasks = DagRun.render(root);
    assertThat(tasks).extracting(DagRun.Task::taskId).containsExactlyElementsOf(STAGES);
    for (DagRun.Task task : tasks) {
      assertThat(task.command()).isEqualTo(String.format(
          "cd %s && ./submit.sh %s --profile local --output \"%s/2024-01-07\" --json",
          DagRun.HOME, task.taskId(), root));
    }
  }

  @Test
  void submitShAcceptsEveryStageWithTheDagOptions() throws Exception {
    List<String> cli = DagRun.cliCommands();
    assertThat(cli).as("./submit.sh --help commands").containsAll(STAGES.subList(0, 4));
    for (String stage : STAGES) {
      if (!cli.contains(stage)) {
        continue; // report is being added; the run test then leaves its task out
      }
      Processes.Result help = Processes.bash("./submit.sh " + stage + " --help", DagRun.STAGE_TIMEOUT);
      assertThat(help.exitCode()).as(help.describe()).isZero();
      assertThat(help.stdout()).as("options of %s", stage).contains("--profile=", "--output=", "--json");
    }
  }

  @Test
  void dagTasksRunInOrderAndWriteEveryTable() throws Exception {
    DagRun.Outcome run = DagRun.run();
    List<String> ran = new ArrayList<>(run.reportInCli() ? STAGES : STAGES.subList(0, 4));
    assertThat(run.results()).as("tasks run (stops at the first failure)").hasSameSizeAs(ran);
    for (int i = 0; i < ran.size(); i++) {
      String stage = ran.get(i);
      Processes.Result r = run.results().get(i);
      assertThat(r.exitCode()).as("task %s: %s", stage, r.describe()).isZero();
      assertThat(r.lastStdoutLine()).as("task %s's --json summary (its XCom value)", stage)
          .startsWith("{\"stage\":\"" + stage + "\"");
      for (String output : OUTPUTS.get(stage)) {
        assertThat(run.outputDir().resolve(output)).as("output of task %s", stage).exists();
      }
    }
  }

  @Test
  void retryingATaskRewritesTheSameTables() throws Exception {
    DagRun.Outcome run = DagRun.run();
    assertThat(run.results()).allSatisfy(r -> assertThat(r.exitCode()).as(r.describe()).isZero());
    Map<String, List<String>> before = statsCsvs(run.outputDir());
    DagRun.Task stats = run.tasks().stream().filter(t -> t.taskId().equals("stats")).findFirst().orElseThrow();
    Processes.Result retry = Processes.bash(stats.command(), DagRun.STAGE_TIMEOUT);
    assertThat(retry.exitCode()).as(retry.describe()).isZero();
    assertThat(statsCsvs(run.outputDir())).isEqualTo(before);
  }

  /** Every CSV copy, its lines sorted (Spark writes partitions in no fixed order). */
  private static Map<String, List<String>> statsCsvs(Path dir) throws IOException {
    Map<String, List<String>> csvs = new LinkedHashMap<>();
    for (String output : OUTPUTS.get("stats")) {
      if (output.endsWith(".csv")) {
        csvs.put(output, Files.readAllLines(dir.resolve(output)).stream().sorted().toList());
      }
    }
    assertThat(csvs).hasSize(13);
    return csvs;
  }
}
