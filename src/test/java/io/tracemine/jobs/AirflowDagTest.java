package io.tracemine.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.cli.TraceMine;
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
import picocli.CommandLine.ParseResult;

/**
 * jobs/tracemine_dag.py without Airflow: its checks against a model of Airflow (jobs/test_dag.py);
 * the argument lists both DAGs render, parsed by TraceMine's own command line (no Spark); and one
 * real run of the submit.sh DAG's six tasks on the bundled corpus, which must write every table.
 */
@IntegrationTest
class AirflowDagTest {
  static final List<String> STAGES =
      List.of("ingest", "extract", "mine", "index", "stats", "report");
  static final String INTERVAL = DagRun.START + "_" + DagRun.END;

  /**
   * What each stage must leave behind: its manifest, Parquet directories (with _SUCCESS; the
   * month-partitioned posts, questions and traces have one per partition) or files.
   */
  static final Map<String, List<String>> OUTPUTS = new LinkedHashMap<>();

  static {
    OUTPUTS.put(
        "ingest",
        List.of("_COMMITTED-ingest.json", "posts", "rejects/stage=ingest", "counts/stage=ingest"));
    OUTPUTS.put(
        "extract",
        List.of("_COMMITTED-extract.json", "questions", "traces", "counts/stage=extract"));
    OUTPUTS.put(
        "mine", List.of("patterns/_SUCCESS", "pattern_traces/_SUCCESS", "counts/stage=mine"));
    OUTPUTS.put("index", List.of("match_index/index.tmm"));
    List<String> stats = new ArrayList<>();
    for (String table :
        List.of(
            "table1_population",
            "table2_lengths",
            "table3_popularity",
            "table4_answers",
            "table5_instances",
            "table6_coverage",
            "table7_shared",
            "fig4_support_distribution",
            "fig5_length_distribution",
            "fig6_topk_coverage",
            "fig7_library_pairs",
            "rq3_round1",
            "rq3_round2")) {
      stats.add(table + "/_SUCCESS");
      stats.add(table + ".csv");
    }
    OUTPUTS.put("stats", stats);
    OUTPUTS.put("report", List.of("report/index.html"));
  }

  @BeforeEach
  void python() throws Exception {
    Processes.requirePython("jinja2", "jsonschema");
  }

  @Test
  void checksAgainstTheModelOfAirflowPass() throws Exception {
    Processes.Result r =
        Processes.run(
            List.of(Processes.PYTHON.toString(), "jobs/test_dag.py"),
            DagRun.HOME,
            Map.of(),
            DagRun.STAGE_TIMEOUT);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stderr()).as(r.describe()).contains("Ran 12 tests").contains("\nOK");
  }

  @Test
  void sparkDagSubmitsTheClusterJarWithArgumentsTheCliAccepts(@TempDir Path root) throws Exception {
    List<DagRun.Task> tasks = DagRun.render(DagRun.SPARK_DAG, root, "{}");

    assertThat(tasks).extracting(DagRun.Task::taskId).containsExactlyElementsOf(STAGES);
    for (DagRun.Task task : tasks) {
      List<String> argv = task.argv();
      assertThat(argv.get(0)).isEqualTo("spark-submit");
      int jar = argv.indexOf("--class") + 2;
      assertThat(argv.get(jar - 1)).isEqualTo(TraceMine.class.getName());
      assertThat(argv.get(jar))
          .as("the default jar is the one `mvn -Pcluster package` builds")
          .endsWith("/tracemine-0.1.0-SNAPSHOT-cluster.jar");
      ParseResult stage = parse(task.taskId(), argv.subList(jar + 1, argv.size()));
      assertThat(stage.<String>matchedOptionValue("--profile", "")).isEqualTo("cluster");
      assertThat(stage.<String>matchedOptionValue("--output", "")).isEqualTo(root + "/" + INTERVAL);
      assertThat(stage.hasMatchedOption("--json")).isTrue();
    }
    ParseResult ingest = parse("ingest", appArgs(tasks.get(0)));
    assertThat((Object) ingest.matchedOptionValue("--source", null)).hasToString("bigquery");
    assertThat(ingest.<String>matchedOptionValue("--since", "")).isEqualTo(DagRun.START);
    assertThat(ingest.<String>matchedOptionValue("--until", "")).isEqualTo(DagRun.END);
  }

  @Test
  void submitShDagRunsTheCheckoutsScriptWithArgumentsTheCliAccepts(@TempDir Path root)
      throws Exception {
    List<DagRun.Task> tasks =
        DagRun.render(
            DagRun.SUBMIT_SH_DAG,
            root,
            "{\"window\": \"all\", \"profile\": \"paper\", \"settings\":"
                + " [\"mine.min-support=3\"]}");

    assertThat(tasks).extracting(DagRun.Task::taskId).containsExactlyElementsOf(STAGES);
    for (DagRun.Task task : tasks) {
      assertThat(task.argv().get(0)).isEqualTo(DagRun.HOME.resolve("submit.sh").toString());
      ParseResult stage = parse(task.taskId(), task.argv().subList(1, task.argv().size()));
      assertThat(stage.<String>matchedOptionValue("--profile", "")).isEqualTo("paper");
    }
    List<String> ingestArgv = tasks.get(0).argv();
    ParseResult ingest = parse("ingest", ingestArgv.subList(1, ingestArgv.size()));
    assertThat((Object) ingest.matchedOptionValue("--source", null)).hasToString("sample");
    assertThat(ingest.<String>matchedOptionValue("--since", "x"))
        .as("window=all: unbounded")
        .isEmpty();
    assertThat(ingest.<String>matchedOptionValue("--until", "x")).isEmpty();
  }

  @Test
  void dagTasksRunInOrderAndWriteEveryTable() throws Exception {
    DagRun.Outcome run = DagRun.run();
    assertThat(run.results())
        .extracting(DagRun.TaskResult::taskId)
        .as(run.process().describe())
        .containsExactlyElementsOf(STAGES);
    for (DagRun.TaskResult result : run.results()) {
      String stage = result.taskId();
      assertThat(result.error()).as("task %s: %s", stage, run.process().describe()).isNull();
      assertThat(result.xcom().get("command").asText())
          .as("task %s's XCom: its --json summary", stage)
          .isEqualTo(stage);
      assertThat(result.xcom().get("status").asText()).isEqualTo("succeeded");
      assertThat(result.xcom().get("stages").get(0).get("stage").asText()).isEqualTo(stage);
      for (String output : OUTPUTS.get(stage)) {
        assertThat(run.outputDir().resolve(output)).as("output of task %s", stage).exists();
      }
    }
  }

  @Test
  void retryingATaskRewritesTheSameTables() throws Exception {
    DagRun.Outcome run = DagRun.run();
    assertThat(run.results())
        .allSatisfy(r -> assertThat(r.error()).as(run.process().describe()).isNull());
    Map<String, List<String>> before = statsCsvs(run.outputDir());

    DagRun.Outcome retry = DagRun.execute(run.outputRoot(), List.of("stats"));

    assertThat(retry.results()).extracting(DagRun.TaskResult::taskId).containsExactly("stats");
    assertThat(retry.results().get(0).error()).as(retry.process().describe()).isNull();
    assertThat(statsCsvs(run.outputDir())).isEqualTo(before);
  }

  private static List<String> appArgs(DagRun.Task sparkTask) {
    int jar = sparkTask.argv().indexOf("--class") + 2;
    return sparkTask.argv().subList(jar + 1, sparkTask.argv().size());
  }

  /** Parses like TraceMine's main would, without running anything; returns the stage's result. */
  private static ParseResult parse(String stage, List<String> args) {
    ParseResult parsed = TraceMine.commandLine().parseArgs(args.toArray(String[]::new));
    assertThat(parsed.subcommand()).as("subcommand of %s", args).isNotNull();
    assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(stage);
    return parsed.subcommand();
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
