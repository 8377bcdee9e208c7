package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands submit.sh starts without Spark (help, version, xml generate, mine --spmf, match of
 * one trace) load no Spark or Scala class: the CLI runs in a class loader that has no such class.
 */
class LazySparkTest {
  @TempDir Path dir;

  /** Loads the project's classes itself (child first) and refuses Spark and Scala. */
  static final class WithoutSpark extends URLClassLoader {
    final List<String> refused = new ArrayList<>();

    WithoutSpark() throws Exception {
      super(classPath(), ClassLoader.getPlatformClassLoader());
    }

    private static URL[] classPath() throws Exception {
      List<URL> urls = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        urls.add(Path.of(entry).toUri().toURL());
      }
      return urls.toArray(URL[]::new);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("org.apache.spark.") || name.startsWith("scala.")) {
        refused.add(name);
        throw new ClassNotFoundException(name + " (refused: this command must not need Spark)");
      }
      return super.loadClass(name, resolve);
    }
  }

  private static int run(WithoutSpark loader, String... args) throws Exception {
    Class<?> main = Class.forName("io.tracemine.cli.TraceMine", true, loader);
    Method commandLine = main.getMethod("commandLine");
    Object cl = commandLine.invoke(null);
    Method execute = cl.getClass().getMethod("execute", String[].class);
    return (Integer) execute.invoke(cl, (Object) args);
  }

  @Test
  void helpVersionGenerateSpmfMiningAndMatchOfOneTraceLoadNoSparkClass() throws Exception {
    Path db = Files.writeString(dir.resolve("db.txt"), "1 2 3\n1 2\n");
    Path kb = dir.resolve("kb");
    io.tracemine.match.MatchCliTest.writeKnowledge(kb);
    Path trace = Files.writeString(dir.resolve("crash.txt"), io.tracemine.match.MatchCliTest.FIT);
    try (WithoutSpark loader = new WithoutSpark()) {
      assertThat(run(loader, "--help")).isZero();
      assertThat(run(loader, "--version")).isZero();
      for (String command :
          List.of(
              "run",
              "ingest",
              "extract",
              "mine",
              "stats",
              "report",
              "generate",
              "benchmark",
              "index",
              "match")) {
        assertThat(run(loader, command, "--help")).as(command).isZero();
      }
      assertThat(run(loader, "mine", "--spmf", db.toString())).isZero();
      assertThat(run(loader, "generate", "--questions", "2", "--out", dir.resolve("c").toString()))
          .isZero();
      assertThat(run(loader, "match", "--trace", trace.toString(), "--knowledge", kb.toString()))
          .isZero();
      assertThat(loader.refused).isEmpty();
    }
    assertThat(Files.readString(Path.of(db + ".patterns.txt"))).isEqualTo("1 2 #SUP: 2\n");
    assertThat(dir.resolve("c/Posts.xml")).isRegularFile();
  }

  @Test
  void theLoaderReallyRefusesSpark() throws Exception {
    try (WithoutSpark loader = new WithoutSpark()) {
      assertThatThrownBy(() -> Class.forName("org.apache.spark.sql.Dataset", false, loader))
          .isInstanceOf(ClassNotFoundException.class)
          .hasMessage("org.apache.spark.sql.Dataset (refused: this command must not need Spark)");
      // a Spark command does need it: it fails here instead of silently passing
      assertThatThrownBy(() -> run(loader, "mine", "--output", dir.resolve("none").toString()))
          .isInstanceOf(InvocationTargetException.class)
          .hasCauseInstanceOf(NoClassDefFoundError.class);
      assertThat(loader.refused).anyMatch(name -> name.startsWith("org.apache.spark."));
    }
  }
}
