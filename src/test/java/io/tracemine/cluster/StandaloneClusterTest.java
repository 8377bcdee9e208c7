package io.tracemine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.SharedSpark;
import io.tracemine.testing.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline through {@code submit.sh}, once on {@code local[*]} and once on a real
 * standalone cluster (master and two workers in their own JVMs): every table must be equal. This
 * catches what local mode hides: closures that do not serialize, static state, classpath gaps.
 *
 * <p>Fault (b) of issue 9 rides on the same cluster run: as soon as the driver announces the
 * extract stage, and again the mine stage, one executor JVM is killed with SIGKILL ({@code kill
 * -9}). Spark reruns the lost tasks on the other executor (and the worker starts a new one); the
 * run must still exit 0 with tables equal to the local run's.
 */
@IntegrationTest
@ExtendWith(SharedSpark.class)
class StandaloneClusterTest {

  @Test
  void clusterRunEqualsLocalRun(@TempDir Path dir) throws Exception {
    Path local = dir.resolve("local");
    Path cluster = dir.resolve("cluster");
    submit(dir, "local", List.of(), local);
    String classpath = Files.readString(Path.of("target/classpath.txt")).trim();
    List<String> javaOptions =
        List.of(Files.readString(Path.of(".mvn/jvm.config")).trim().split("\\s+"));
    List<String> killed = new ArrayList<>();
    try (StandaloneCluster spark = new StandaloneCluster(dir, classpath, javaOptions, 2)) {
      Process run =
          start(
              dir,
              "cluster",
              List.of("--master", spark.masterUrl(), "--conf", "spark.executor.memory=1g"),
              cluster,
              false);
      Path log = dir.resolve("cluster-submit.log");
      for (String stage : List.of("[2/6] extract:", "[3/6] mine:")) {
        ProcessHandle executor = awaitStageAndExecutor(run, log, stage, spark);
        executor.destroyForcibly(); // SIGKILL, as kill -9
        killed.add(stage + " pid " + executor.pid());
      }
      await(run, log, "cluster");
      assertThat(Files.readString(log))
          .as("the driver saw the executors die")
          .contains("Lost executor");
    }
    assertThat(killed).hasSize(2);
    List<String> tables = tables(local);
    assertThat(tables).contains("posts", "questions", "traces", "rejects", "counts");
    assertThat(tables(cluster)).isEqualTo(tables);
    for (String table : tables) {
      Dataset<Row> a = SharedSpark.session().read().parquet(local.resolve(table).toString());
      Dataset<Row> b = SharedSpark.session().read().parquet(cluster.resolve(table).toString());
      assertThat(b.schema()).as(table).isEqualTo(a.schema());
      assertThat(b.count()).as(table).isEqualTo(a.count());
      assertThat(a.exceptAll(b).count()).as(table + " rows only in the local run").isZero();
      assertThat(b.exceptAll(a).count()).as(table + " rows only in the cluster run").isZero();
    }
    assertThat(Files.readAllBytes(cluster.resolve("match_index/index.tmm")))
        .as("the match index is the same file")
        .isEqualTo(Files.readAllBytes(local.resolve("match_index/index.tmm")));
  }

  private static void submit(Path dir, String name, List<String> sparkOptions, Path outputDir)
      throws Exception {
    await(start(dir, name, sparkOptions, outputDir, true), dir.resolve(name + "-submit.log"), name);
  }

  private static Process start(
      Path dir, String name, List<String> sparkOptions, Path outputDir, boolean quiet)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("./submit.sh"));
    command.addAll(sparkOptions);
    command.addAll(List.of("run", "--output", outputDir.toString()));
    if (quiet) {
      command.add("--quiet");
    }
    Path log = dir.resolve(name + "-submit.log");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Waits until the run's log shows {@code stage} started, then returns a live executor. */
  private static ProcessHandle awaitStageAndExecutor(
      Process run, Path log, String stage, StandaloneCluster spark) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
    while (System.nanoTime() < deadline && run.isAlive()) {
      if (Files.readString(log).contains(stage)) {
        List<ProcessHandle> executors = spark.executors();
        if (!executors.isEmpty()) {
          return executors.get(0);
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "No executor to kill at '" + stage + "'; output:\n" + Files.readString(log));
  }

  private static void await(Process p, Path log, String name) throws Exception {
    boolean finished = p.waitFor(15, TimeUnit.MINUTES);
    String output = Files.readString(log);
    assertThat(finished).as("submit.sh %s finished in time; output:%n%s", name, output).isTrue();
    assertThat(p.exitValue()).as("submit.sh %s exit code; output:%n%s", name, output).isZero();
  }

  /** Directories holding Parquet data (a table, or a table partitioned by stage). */
  private static List<String> tables(Path root) throws IOException {
    try (Stream<Path> entries = Files.list(root)) {
      return entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(
              n ->
                  !n.startsWith(".")
                      && !n.startsWith("_")
                      && !n.equals("report")
                      && !n.equals("match_index"))
          .sorted()
          .toList();
    }
  }
}
