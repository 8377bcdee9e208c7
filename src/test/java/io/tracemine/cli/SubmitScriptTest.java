package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.testing.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit.sh with a real spark-submit on PATH (a stand-in that records its arguments): Spark options
 * pass through unchanged wherever they stand, TraceMine's options reach the application, and no
 * arguments means the whole pipeline on local[*].
 */
@IntegrationTest
class SubmitScriptTest {
  @TempDir Path dir;

  /**
   * Runs submit.sh (asserting exit 0) with a stand-in for {@code program} first on PATH that
   * records its arguments, and {@code env} added to the environment; returns the recorded
   * arguments.
   */
  private List<String> recordedBy(String program, Map<String, String> env, String... args)
      throws Exception {
    assertThat(run(program, env, args)).as(Files.readString(dir.resolve("out.txt"))).isZero();
    return Files.readAllLines(record(program));
  }

  private Path record(String program) {
    return dir.resolve(program.equals("java") ? "java-args.txt" : "args.txt");
  }

  /**
   * Runs submit.sh with a stand-in for {@code program} first on PATH that records its arguments,
   * and {@code env} added to the environment; returns its exit code (its output is in out.txt).
   */
  private int run(String program, Map<String, String> env, String... args) throws Exception {
    Path bin = Files.createDirectories(dir.resolve(program + "-bin"));
    Path record = record(program);
    Path fake = bin.resolve(program);
    Files.writeString(fake, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > '" + record + "'\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> command = new ArrayList<>(List.of("./submit.sh"));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.txt").toFile());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    // when java is the stand-in, Maven (if it must build) keeps the real one
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("TRACEMINE_GC");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    return p.exitValue();
  }

  /** The arguments submit.sh gives a real spark-submit (a recording stand-in). */
  private List<String> submit(String... args) throws Exception {
    return recordedBy("spark-submit", Map.of(), args);
  }

  /** Runs submit.sh with the recording spark-submit; returns its output, asserting exit 0. */
  private String output(String... args) throws Exception {
    Files.deleteIfExists(dir.resolve("args.txt"));
    submitAllowingNoSparkSubmit(args);
    return Files.readString(dir.resolve("out.txt"));
  }

  private void submitAllowingNoSparkSubmit(String... args) throws Exception {
    try {
      submit(args);
    } catch (java.nio.file.NoSuchFileException e) {
      // spark-submit was not called: the stand-in never wrote its record
    }
  }

  /**
   * The arguments submit.sh gives its own {@code java} (a recording stand-in) when no spark-submit
   * is installed, with {@code env} added to its environment.
   */
  private List<String> javaArguments(Map<String, String> env, String... args) throws Exception {
    return recordedBy("java", env, args);
  }

  @Test
  void driverMemoryIsTheHeapWhenSparksLauncherRunsInTheSameJvm() throws Exception {
    for (String memory : List.of("--driver-memory 1536m", "--driver-memory=3g")) {
      List<String> args = new ArrayList<>(List.of(memory.split(" ")));
      args.addAll(List.of("ingest", "--input", "posts.xml"));
      assertThat(javaArguments(Map.of(), args.toArray(String[]::new)))
          .contains(
              "-Xmx" + memory.replaceAll(".*[ =]", ""), "org.apache.spark.deploy.SparkSubmit");
    }
    // spark-submit's --conf spark.driver.memory too, below --driver-memory (before: ignored in
    // this JVM, whose heap was already set; session 38)
    assertThat(javaArguments(Map.of(), "--conf", "spark.driver.memory=3g", "mine"))
        .contains("-Xmx3g")
        .doesNotContain("-Xmx4g");
    assertThat(
            javaArguments(
                Map.of("TRACEMINE_DRIVER_MEMORY", "1g"),
                "--conf=spark.driver.memory=3g",
                "--driver-memory",
                "2g",
                "mine"))
        .contains("-Xmx2g")
        .doesNotContain("-Xmx3g", "-Xmx1g");
  }

  /**
   * Without a spark-submit the driver is the JVM submit.sh starts, so the driver's Java options,
   * class path and heap from the command line, --conf or --properties-file go on that JVM's command
   * line, as spark-submit's launcher puts them (before: all ignored but the heap; the no-Spark path
   * ignored --driver-memory too; session 39).
   */
  @Test
  void theDriversJavaOptionsAndClassPathReachTheJvmThatRunsTheDriver() throws Exception {
    List<String> java =
        javaArguments(
            Map.of(),
            "--driver-java-options",
            "-Dtracemine.a=1 '-Dtracemine.b=two words'",
            "--driver-class-path=/opt/extra.jar",
            "mine");
    assertThat(java).contains("-Dtracemine.a=1", "-Dtracemine.b=two words");
    assertThat(java.get(java.indexOf("-cp") + 1)).startsWith("/opt/extra.jar:");
    // the last of an option and its --conf key wins; a collector of the driver's own replaces
    // submit.sh's for the driver alone
    java =
        javaArguments(
            Map.of(),
            "--driver-java-options=-Dtracemine.a=1",
            "--conf",
            "spark.driver.extraJavaOptions=-Dtracemine.a=2 -XX:+UseG1GC",
            "mine");
    assertThat(java)
        .contains("-Dtracemine.a=2", "-XX:+UseG1GC")
        .doesNotContain("-Dtracemine.a=1", "-XX:+UseParallelGC")
        .contains("spark.executor.defaultJavaOptions=-XX:+UseParallelGC");
    // a properties file, below the command line
    Path properties =
        Files.writeString(
            dir.resolve("driver.properties"),
            "# driver\nspark.driver.memory   3g\nspark.driver.extraJavaOptions=-Dtracemine.c=3\n");
    assertThat(javaArguments(Map.of(), "--properties-file", properties.toString(), "mine"))
        .contains("-Xmx3g", "-Dtracemine.c=3", "--properties-file");
    assertThat(
            javaArguments(
                Map.of(), "--driver-memory", "2g", "--properties-file=" + properties, "mine"))
        .contains("-Xmx2g")
        .doesNotContain("-Xmx3g");
    // commands that need no Spark run in a JVM of their own: the same settings reach it
    assertThat(
            javaArguments(
                Map.of(), "--driver-memory=1g", "--driver-java-options=-Dtracemine.d=4", "--help"))
        .contains("-Xmx1g", "-Dtracemine.d=4", "io.tracemine.cli.TraceMine")
        .doesNotContain("-Xmx4g");
    // the heap is --driver-memory's, as spark-submit requires; unclosed quotes are named
    assertThat(refusedBeforeJava(Map.of(), "--driver-java-options=-Xmx8g", "mine"))
        .endsWith(
            "submit.sh: spark.driver.extraJavaOptions is '-Xmx8g': the driver's heap is set with"
                + " --driver-memory or spark.driver.memory, not with Java options (as spark-submit"
                + " requires)\n");
    assertThat(refusedBeforeJava(Map.of(), "--driver-java-options", "-Da='b", "mine"))
        .endsWith(
            "submit.sh: spark.driver.extraJavaOptions is '-Da='b': its quotes do not close\n");
  }

  /**
   * Two commands started together after a source change build the jar once, one after the other,
   * and a command still running from the old jar keeps reading it whole: the build writes a new
   * file instead of rewriting the old one in place (before: both rebuilt at once into target/, and
   * Maven rewrote the jar under a running command; session 39). Runs a copy of submit.sh in a
   * project of stand-ins, with a stand-in Maven that writes the jar as Maven does, in place.
   */
  @Test
  void aRebuildWaitsForAnotherAndLeavesARunningCommandsJarWhole() throws Exception {
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.copy(Path.of("submit.sh"), project.resolve("submit.sh"));
    Files.createDirectories(project.resolve(".mvn"));
    Files.copy(Path.of(".mvn/jvm.config"), project.resolve(".mvn/jvm.config"));
    Files.writeString(project.resolve("pom.xml"), "<project/>");
    Path target = Files.createDirectories(project.resolve("target"));
    Path jar = target.resolve("tracemine-0.1.0-SNAPSHOT-cluster.jar");
    Files.writeString(jar, "old jar");
    Files.writeString(
        target.resolve("classpath.txt"), "/m2/jackson-core-2.15.2.jar:/m2/spark-core_2.12.jar");
    Path source = Files.createDirectories(project.resolve("src/main")).resolve("Changed.java");
    Files.writeString(source, "class Changed {}");
    long now = System.currentTimeMillis();
    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(now - 60_000));
    Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(now - 30_000));
    Path bin = Files.createDirectories(dir.resolve("stand-ins"));
    Path builds = dir.resolve("builds.txt");
    standIn(
        bin.resolve("mvn"),
        "echo \"start $$ $(date +%s%N)\" >> '"
            + builds
            + "'\nsleep 2\nprintf 'new jar' > '"
            + jar
            + "'\necho \"end $$ $(date +%s%N)\" >> '"
            + builds
            + "'\n");
    standIn(bin.resolve("java"), "exit 0\n");
    try (var running = Files.newByteChannel(jar)) {
      List<Process> commands = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        ProcessBuilder pb =
            new ProcessBuilder(project.resolve("submit.sh").toString(), "--version")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out" + i + ".txt").toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().remove("SPARK_HOME");
        commands.add(pb.start());
      }
      for (int i = 0; i < 2; i++) {
        assertThat(commands.get(i).waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(commands.get(i).exitValue())
            .as(Files.readString(dir.resolve("out" + i + ".txt")))
            .isZero();
      }
      List<String> log = Files.readAllLines(builds);
      assertThat(log).as("one build, not two at once").hasSize(2);
      assertThat(log.get(0)).startsWith("start");
      assertThat(log.get(1)).startsWith("end");
      var old = java.nio.ByteBuffer.allocate(16);
      running.read(old);
      assertThat(new String(old.array(), 0, old.position())).isEqualTo("old jar");
    }
    assertThat(Files.readString(jar)).isEqualTo("new jar");
  }

  private static void standIn(Path program, String body) throws IOException {
    Files.writeString(program, "#!/usr/bin/env bash\n" + body);
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void theParallelCollectorRunsDriverAndExecutorsUnlessAnotherIsChosen() throws Exception {
    String executors = "spark.executor.defaultJavaOptions=-XX:+UseParallelGC";
    assertThat(javaArguments(Map.of(), "mine"))
        .contains("-XX:+UseParallelGC", executors)
        .doesNotContain("-XX:+UseG1GC");
    assertThat(javaArguments(Map.of("TRACEMINE_GC", ""), "mine"))
        .noneMatch(a -> a.contains("UseParallelGC"));
    assertThat(javaArguments(Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseG1GC"), "mine"))
        .noneMatch(a -> a.contains("UseParallelGC"));
    // the JVM refuses two collectors: the fast path's serial one yields too
    assertThat(javaArguments(Map.of(), "--version")).contains("-XX:+UseSerialGC");
    assertThat(javaArguments(Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseG1GC"), "--version"))
        .noneMatch(a -> a.contains("UseSerialGC"));
    List<String> own =
        javaArguments(Map.of(), "--conf", "spark.executor.defaultJavaOptions=-XX:+UseZGC", "mine");
    // a user's --conf comes later and wins (spark-submit keeps the last value of a key)
    assertThat(own.indexOf("spark.executor.defaultJavaOptions=-XX:+UseZGC"))
        .isGreaterThan(own.indexOf(executors));
  }

  /**
   * Documented environment variables with a value the JVM cannot use are refused in one line naming
   * the variable, with exit 2, before any Java starts (before: TRACEMINE_GC=garbage gave the JVM's
   * "Could not find or load main class garbage" and TRACEMINE_DRIVER_MEMORY=lots its "Invalid
   * maximum heap size: -Xmxlots", exit 1; TRACEMINE_CDS=false kept class-data sharing on; session
   * 38).
   */
  @Test
  void aBadValueOfAnEnvironmentVariableIsRefusedNamingItBeforeJavaStarts() throws Exception {
    assertThat(refusedBeforeJava(Map.of("TRACEMINE_GC", "garbage"), "mine"))
        .isEqualTo(
            "submit.sh: TRACEMINE_GC is 'garbage': it takes options of the JVM's collector, each"
                + " starting with -XX: (e.g. -XX:+UseG1GC), or nothing for the JVM's default\n");
    assertThat(refusedBeforeJava(Map.of("TRACEMINE_GC", "-XX:+UseGarbageGC"), "mine"))
        .isEqualTo(
            "submit.sh: TRACEMINE_GC is '-XX:+UseGarbageGC': -XX:+UseGarbageGC is no collector of"
                + " the JVM (valid: Serial, Parallel, G1, Z, Shenandoah, Epsilon)\n");
    assertThat(refusedBeforeJava(Map.of("TRACEMINE_DRIVER_MEMORY", "lots"), "--version"))
        .isEqualTo(
            "submit.sh: TRACEMINE_DRIVER_MEMORY is 'lots': it takes the driver's heap size as"
                + " java -Xmx does, a whole number with an optional unit k, m, g or t (e.g. 4g)\n");
    assertThat(refusedBeforeJava(Map.of("TRACEMINE_CDS", "false"), "mine"))
        .isEqualTo("submit.sh: TRACEMINE_CDS is 'false': it takes on or off (default: on)\n");
    // the heap of the driver submit.sh runs itself, when no spark-submit is installed
    assertThat(refusedBeforeJava(Map.of(), "--driver-memory=lots", "mine"))
        .endsWith(
            "submit.sh: --driver-memory is 'lots': it takes the driver's heap size as java -Xmx"
                + " does, a whole number with an optional unit k, m, g or t (e.g. 4g)\n");
    // what they take still runs
    assertThat(
            javaArguments(
                Map.of(
                    "TRACEMINE_GC",
                    "-XX:+UseG1GC -XX:G1HeapRegionSize=8m",
                    "TRACEMINE_DRIVER_MEMORY",
                    "1536M",
                    "TRACEMINE_CDS",
                    "on"),
                "mine"))
        .contains("-Xmx1536M", "-XX:+UseG1GC", "-XX:G1HeapRegionSize=8m");
  }

  /**
   * Runs submit.sh with a stand-in {@code java} that records its arguments and {@code env} added;
   * asserts exit 2 and that java never ran; returns the output.
   */
  private String refusedBeforeJava(Map<String, String> env, String... args) throws Exception {
    Files.deleteIfExists(record("java"));
    int exit = run("java", env, args);
    String out = Files.readString(dir.resolve("out.txt"));
    assertThat(exit).as(out).isEqualTo(2);
    assertThat(record("java")).as("java ran").doesNotExist();
    return out;
  }

  @Test
  void sparksJvmSharesTheClassDataOfItsClasspathUnlessTurnedOff() throws Exception {
    Path archive = Path.of("target/spark-cds.jsa").toAbsolutePath();
    // the stand-in java writes no archive: this run records (or maps one a real run recorded)
    assertThat(javaArguments(Map.of(), "mine"))
        .contains("-Xshare:auto", "-Xlog:cds=off:stderr")
        .anyMatch(
            a ->
                a.startsWith("-XX:ArchiveClassesAtExit=" + archive + ".")
                    || a.equals("-XX:SharedArchiveFile=" + archive));
    assertThat(javaArguments(Map.of("TRACEMINE_CDS", "off"), "mine"))
        .noneMatch(a -> a.contains("spark-cds") || a.contains("Xshare"));
    // class-data options of the user's own win
    assertThat(javaArguments(Map.of("JAVA_TOOL_OPTIONS", "-Xshare:off"), "mine"))
        .noneMatch(a -> a.contains("spark-cds"));
  }

  @Test
  void anAgentOrAFlightRecordingRunsWithoutAClassDataArchive() throws Exception {
    // JDK 17 crashed (SIGSEGV, exit 134) mapping the Spark archive under a flight recording
    for (Map<String, String> env :
        List.of(
            Map.of("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=profile"),
            Map.of("JDK_JAVA_OPTIONS", "-javaagent:/opt/apm/agent.jar"),
            Map.of("JAVA_TOOL_OPTIONS", "-agentpath:/opt/profiler/libasyncProfiler.so"))) {
      assertThat(javaArguments(env, "mine"))
          .as("%s", env)
          .noneMatch(a -> a.contains("Xshare") || a.contains(".jsa"));
      assertThat(javaArguments(env, "--version"))
          .as("the fast path, %s", env)
          .noneMatch(a -> a.contains("Xshare") || a.contains(".jsa"));
    }
    assertThat(javaArguments(Map.of(), "--version")).contains("-Xshare:auto");
  }

  @Test
  void commandsWithoutSparkRunInAPlainJvmWithoutSparkSubmit() throws Exception {
    assertThat(output("--help")).contains("Usage: tracemine", "mine", "generate");
    assertThat(dir.resolve("args.txt")).doesNotExist();
    assertThat(output("--master", "local[2]", "mine", "--help")).contains("Usage: tracemine mine");
    assertThat(dir.resolve("args.txt")).doesNotExist();
    assertThat(output("--version")).contains("TraceMine");
    Path spmf = Files.writeString(dir.resolve("db.txt"), "1 -1 2 -1 3 -1 -2\n1 -1 2 -1 -2\n");
    assertThat(output("mine", "--spmf", spmf.toString()))
        .contains("1 closed contiguous patterns written to " + spmf + ".patterns.txt");
    assertThat(Files.readString(Path.of(spmf + ".patterns.txt"))).isEqualTo("1 2 #SUP: 2\n");
    assertThat(dir.resolve("args.txt")).doesNotExist();
    Path corpus = dir.resolve("corpus");
    assertThat(output("generate", "--questions", "3", "--out", corpus.toString()))
        .contains("done: generate", "questions=3");
    assertThat(corpus.resolve("Posts.xml")).isRegularFile();
    assertThat(dir.resolve("args.txt")).doesNotExist();
    // a failure outside TraceMine's own errors, without Hadoop on the classpath: one line
    Path aFile = Files.writeString(dir.resolve("a-file"), "");
    Process failing =
        new ProcessBuilder("./submit.sh", "generate", "--questions", "3", "--out", aFile.toString())
            .redirectErrorStream(true)
            .start();
    String failed = new String(failing.getInputStream().readAllBytes());
    assertThat(failing.waitFor()).as(failed).isNotZero();
    assertThat(failed)
        .contains("tracemine: Cannot write the corpus to " + aFile)
        .doesNotContain("Exception in thread", "NoClassDefFoundError");
    assertThat(Path.of("target/cli.jsa"))
        .as("the class-data archive of the fast path")
        .isRegularFile();
  }

  @Test
  void commandsThatNeedSparkStillGoThroughSparkSubmit() throws Exception {
    assertThat(submit("generate", "--format", "parquet", "--questions", "3", "--out", "/tmp/x"))
        .containsExactly(
            "--class",
            "io.tracemine.cli.TraceMine",
            "--master",
            "local[*]",
            jar(),
            "generate",
            "--format",
            "parquet",
            "--questions",
            "3",
            "--out",
            "/tmp/x");
    assertThat(submit("mine", "--min-support", "3"))
        .containsExactly(
            "--class",
            "io.tracemine.cli.TraceMine",
            "--master",
            "local[*]",
            jar(),
            "mine",
            "--min-support",
            "3");
  }

  private static String jar() {
    return Path.of("target/tracemine-0.1.0-SNAPSHOT-cluster.jar").toAbsolutePath().toString();
  }

  @Test
  void sparkOptionsPassThroughUnchangedToARealSparkSubmit() throws Exception {
    assertThat(
            submit(
                "--master",
                "yarn",
                "--deploy-mode",
                "cluster",
                "--conf",
                "spark.executor.memory=8g",
                "run",
                "--profile",
                "cluster",
                "--conf",
                "spark.dynamicAllocation.enabled=true",
                "--json"))
        .containsExactly(
            "--class",
            "io.tracemine.cli.TraceMine",
            "--master",
            "yarn",
            "--deploy-mode",
            "cluster",
            "--conf",
            "spark.executor.memory=8g",
            "--conf",
            "spark.dynamicAllocation.enabled=true",
            jar(),
            "run",
            "--profile",
            "cluster",
            "--json");
    assertThat(
            submit(
                "--master",
                "k8s://https://10.0.0.1:6443",
                "ingest",
                "--source",
                "xml",
                "--input",
                "/d/Posts.xml"))
        .containsExactly(
            "--class",
            "io.tracemine.cli.TraceMine",
            "--master",
            "k8s://https://10.0.0.1:6443",
            jar(),
            "ingest",
            "--source",
            "xml",
            "--input",
            "/d/Posts.xml");
    // every option spark-submit takes also as --opt=value (before, only five were: the others
    // reached TraceMine, which refused them with exit 2)
    assertThat(
            submit(
                "--executor-cores=4",
                "mine",
                "--num-executors=3",
                "--driver-java-options=-Dx=1",
                "--name=nightly"))
        .containsExactly(
            "--class",
            "io.tracemine.cli.TraceMine",
            "--master",
            "local[*]",
            "--executor-cores=4",
            "--num-executors=3",
            "--driver-java-options=-Dx=1",
            "--name=nightly",
            jar(),
            "mine");
  }

  @Test
  void matchOfOneTraceRunsWithoutSparkAndBatchMatchThroughIt() throws Exception {
    Path kb = dir.resolve("kb");
    io.tracemine.match.MatchCliTest.writeKnowledge(kb);
    Path trace = Files.writeString(dir.resolve("crash.txt"), io.tracemine.match.MatchCliTest.FIT);
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path fake = bin.resolve("spark-submit");
    Files.writeString(fake, "#!/usr/bin/env bash\necho spark-submit was called >&2; exit 9\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb =
        new ProcessBuilder(
                "./submit.sh", "match", "--trace", trace.toString(), "--knowledge", kb.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("match.txt").toFile());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process p = pb.start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    String out = Files.readString(dir.resolve("match.txt"));
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("https://stackoverflow.com/q/11").doesNotContain("spark-submit");

    // with standard input closed, the JVM's first file would be read as the paste (sweep 6, F11)
    Process closedInput =
        new ProcessBuilder(
                "bash", "-c", "exec ./submit.sh match --trace - --knowledge '" + kb + "' <&-")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("closed.txt").toFile())
            .start();
    assertThat(closedInput.waitFor(10, TimeUnit.MINUTES)).isTrue();
    String closed = Files.readString(dir.resolve("closed.txt"));
    assertThat(closedInput.exitValue()).as(closed).isEqualTo(3);
    assertThat(closed)
        .contains("Cannot read --trace standard input: it is empty (nothing was piped in, or");

    assertThat(submit("match", "--input", "/d/ci.parquet", "--text-column", "log"))
        .containsExactly(
            "--class",
            "io.tracemine.cli.TraceMine",
            "--master",
            "local[*]",
            jar(),
            "match",
            "--input",
            "/d/ci.parquet",
            "--text-column",
            "log");
  }

  /**
   * Under a JVM whose default charset is not UTF-8, {@code match --json} still prints UTF-8:
   * before, every character outside ISO-8859-1 was a {@code ?} and the rest single bytes (hostile
   * sweep 9).
   */
  @Test
  void matchPrintsUtf8WhateverTheJvmsDefaultCharset() throws Exception {
    Path kb = dir.resolve("kb-utf8");
    io.tracemine.match.MatchCliTest.writeKnowledge(kb);
    String message = "Girdi boyutu uyuşmuyor: 'İ' ≠ 'ı' (模型 😀)";
    Path trace =
        Files.writeString(
            dir.resolve("crash-utf8.txt"),
            io.tracemine.match.MatchCliTest.FIT.replaceFirst(
                "(?m)^ValueError: .*$", "ValueError: " + message));
    ProcessBuilder pb =
        new ProcessBuilder(
                "./submit.sh",
                "match",
                "--trace",
                trace.toString(),
                "--knowledge",
                kb.toString(),
                "--json")
            .redirectError(dir.resolve("match-utf8.err").toFile())
            .redirectOutput(dir.resolve("match-utf8.json").toFile());
    pb.environment().put("JAVA_TOOL_OPTIONS", "-Dfile.encoding=ISO-8859-1");
    Process p = pb.start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    byte[] out = Files.readAllBytes(dir.resolve("match-utf8.json"));
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("match-utf8.err"))).isZero();
    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .decode(java.nio.ByteBuffer.wrap(out))
            .toString(); // throws on a byte that is not UTF-8
    assertThat(text).contains("\"" + message + "\"");
  }

  /**
   * Under an Egyptian Arabic locale the console's counts are still written with Latin digits and
   * {@code ,} grouping (before: {@code questions=١٬٥٠٠}; the charts' axes alike).
   */
  @Test
  void countsAreWrittenWithLatinDigitsWhateverTheLocale() throws Exception {
    Path out = dir.resolve("generated-ar");
    ProcessBuilder pb =
        new ProcessBuilder(
                "./submit.sh", "generate", "--questions", "1500", "--out", out.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("generate-ar.txt").toFile());
    pb.environment().put("JAVA_TOOL_OPTIONS", "-Duser.language=ar -Duser.country=EG");
    Process p = pb.start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    String text = Files.readString(dir.resolve("generate-ar.txt"));
    assertThat(p.exitValue()).as(text).isZero();
    assertThat(text).contains("questions=1,500 posts=");
  }

  @Test
  void noArgumentsRunsTheWholePipelineLocally() throws Exception {
    assertThat(submit())
        .containsExactly(
            "--class", "io.tracemine.cli.TraceMine", "--master", "local[*]", jar(), "run");
  }
}
