package io.tracemine.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark standalone master and {@code workers} workers, each a separate JVM on 127.0.0.1, started
 * from the Maven classpath. Executors find Spark through a SPARK_HOME whose {@code jars/} links to
 * the same jars, which is all the layout a worker needs to launch them.
 */
final class StandaloneCluster implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final List<Process> workerProcesses = new ArrayList<>();
  final int port;
  private final int webUiPort;

  StandaloneCluster(Path workDir, String classpath, List<String> javaOptions, int workers)
      throws Exception {
    port = freePort();
    webUiPort = freePort();
    Path sparkHome = workDir.resolve("spark-home");
    Files.createDirectories(sparkHome.resolve("jars"));
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (entry.endsWith(".jar") && Files.exists(jar)) {
        Path link = sparkHome.resolve("jars").resolve(jar.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, jar);
        }
      }
    }
    start(
        workDir,
        sparkHome,
        classpath,
        javaOptions,
        "master",
        List.of(
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            "" + port,
            "--webui-port",
            "" + webUiPort));
    for (int i = 1; i <= workers; i++) {
      start(
          workDir,
          sparkHome,
          classpath,
          javaOptions,
          "worker" + i,
          List.of(
              "org.apache.spark.deploy.worker.Worker",
              "--host",
              "127.0.0.1",
              "--cores",
              "2",
              "--memory",
              "3g",
              "--webui-port",
              "" + freePort(),
              "--work-dir",
              workDir.resolve("worker" + i).toString(),
              masterUrl()));
      workerProcesses.add(processes.get(processes.size() - 1));
    }
    awaitAliveWorkers(workers, Duration.ofSeconds(90));
  }

  /** The executor JVMs the workers have launched and that are alive now. */
  List<ProcessHandle> executors() {
    return workerProcesses.stream()
        .flatMap(Process::descendants)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
        .toList();
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + port;
  }

  private void start(
      Path workDir,
      Path sparkHome,
      String classpath,
      List<String> javaOptions,
      String name,
      List<String> mainAndArgs)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(javaOptions);
    command.add("-cp");
    command.add(classpath);
    command.addAll(mainAndArgs);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("SPARK_SCALA_VERSION", "2.12");
    processes.add(pb.start());
  }

  private void awaitAliveWorkers(int workers, Duration timeout) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        String json =
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webUiPort + "/json/"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        if (json.replace(" ", "").contains("\"aliveworkers\":" + workers)) {
          return;
        }
      } catch (IOException notYet) {
        // master still starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("The standalone workers did not register within " + timeout);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
