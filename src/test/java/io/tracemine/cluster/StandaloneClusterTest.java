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
 * standalone cluster (master and worker in their own JVMs): every table must be equal. This
 * catches what local mode hides: closures that do not serialize, static state, classpath gaps.
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
    List<String> javaOptions = List.of(Files.readString(Path.of(".mvn/jvm.config")).trim().split("\\s+"));
    try (StandaloneCluster spark = new StandaloneCluster(dir, classpath, javaOptions)) {
      submit(dir, "cluster", List.of("--master", spark.masterUrl(), "--conf", "spark.executor.memory=1g"), cluster);
    }
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
  }

  private static void submit(Path dir, String name, List<String> sparkOptions, Path outputDir) throws Exception {
    List<String> command = new ArrayList<>(List.of("./submit.sh"));
    command.addAll(sparkOptions);
    command.addAll(List.of("run", "--quiet", "--output", outputDir.toString()));
    Path log = dir.resolve(name + "-submit.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
          .filter(n -> !n.startsWith(".") && !n.startsWith("_") && !n.equals("report"))
          .sorted()
          .toList();
    }
  }
}
