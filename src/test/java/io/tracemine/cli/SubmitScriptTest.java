package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit.sh with a real spark-submit on PATH (a stand-in that records its arguments): Spark
 * options pass through unchanged wherever they stand, TraceMine's options reach the application,
 * and no arguments means the whole pipeline on local[*].
 */
@IntegrationTest
class SubmitScriptTest {
  @TempDir Path dir;

  private List<String> submit(String... args) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path record = dir.resolve("args.txt");
    Path fake = bin.resolve("spark-submit");
    Files.writeString(fake, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > '" + record + "'\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> command = new ArrayList<>(List.of("./submit.sh"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().remove("SPARK_HOME");
    Process p = pb.start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
    return Files.readAllLines(record);
  }

  private static String jar() {
    return Path.of("target/tracemine-0.1.0-SNAPSHOT-cluster.jar").toAbsolutePath().toString();
  }

  @Test
  void sparkOptionsPassThroughUnchangedToARealSparkSubmit() throws Exception {
    assertThat(submit("--master", "yarn", "--deploy-mode", "cluster", "--conf", "spark.executor.memory=8g",
            "run", "--profile", "cluster", "--conf", "spark.dynamicAllocation.enabled=true", "--json"))
        .containsExactly("--class", "io.tracemine.cli.TraceMine", "--master", "yarn", "--deploy-mode", "cluster",
            "--conf", "spark.executor.memory=8g", "--conf", "spark.dynamicAllocation.enabled=true",
            jar(), "run", "--profile", "cluster", "--json");
    assertThat(submit("--master", "k8s://https://10.0.0.1:6443", "ingest", "--source", "xml", "--input", "/d/Posts.xml"))
        .containsExactly("--class", "io.tracemine.cli.TraceMine", "--master", "k8s://https://10.0.0.1:6443",
            jar(), "ingest", "--source", "xml", "--input", "/d/Posts.xml");
  }

  @Test
  void noArgumentsRunsTheWholePipelineLocally() throws Exception {
    assertThat(submit())
        .containsExactly("--class", "io.tracemine.cli.TraceMine", "--master", "local[*]", jar(), "run");
  }
}
