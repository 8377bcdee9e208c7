package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.SharedSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import picocli.CommandLine;

/** Runs the CLI in this JVM (on the shared Spark session), keeping each run's stderr. */
final class CliRunner {
  static final String SMALL_POSTS = Path.of("src/test/resources/ingest/Posts-small.xml").toString();

  private StringWriter err = new StringWriter();

  /** Runs {@code args}; {@link #err()} then holds this run's stderr only. */
  int execute(String... args) {
    err = new StringWriter();
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    return cl.execute(args);
  }

  /**
   * Runs {@code args} with Hadoop's local file system replaced by {@code fileSystem} in the shared
   * session (a test double refusing or failing some writes), then restores it.
   */
  int executeOn(Class<? extends FileSystem> fileSystem, String... args) {
    Configuration hadoop = SharedSpark.session().sparkContext().hadoopConfiguration();
    hadoop.set("fs.file.impl", fileSystem.getName());
    hadoop.setBoolean("fs.file.impl.disable.cache", true);
    try {
      return execute(args);
    } finally {
      hadoop.unset("fs.file.impl");
      hadoop.unset("fs.file.impl.disable.cache");
    }
  }

  /** {@code ingest --quiet} of the small test dump into {@code out}. */
  int ingestSmallPosts(Path out) {
    return execute(
        "ingest", "--source", "xml", "--input", SMALL_POSTS, "--output", out.toString(), "--quiet");
  }

  /**
   * {@code ingest} then {@code extract} of the small test dump into {@code out}, both succeeding.
   */
  void ingestAndExtractSmallPosts(Path out) {
    assertThat(ingestSmallPosts(out)).as(err()).isZero();
    assertThat(execute("extract", "--output", out.toString(), "--quiet")).as(err()).isZero();
  }

  /**
   * Reruns {@code stage} on {@code out} after a run that did not finish: it succeeds, and leaves no
   * staging, no replaced tables and no lock behind.
   */
  void rerunLeavesNoStagingOrLock(Path out, String stage) throws IOException {
    assertThat(execute(stage, "--output", out.toString(), "--quiet")).as(err()).isZero();
    assertThat(names(out))
        .noneMatch(
            n -> n.startsWith("._staging") || n.startsWith("._old") || n.startsWith("._trash"))
        .doesNotContain("_LOCK.json");
  }

  String err() {
    return err.toString();
  }

  /** The run id in {@code stage}'s commit manifest in {@code out}. */
  static String runIdOf(Path out, String stage) throws IOException {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(out.resolve("_COMMITTED-" + stage + ".json").toFile())
        .get("run_id")
        .asText();
  }

  /** The names of the files and directories in {@code dir}. */
  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }
}
