package io.tracemine.jobs;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs external programs (/usr/bin/python3, jupyter; submit.sh through them) for these tests. */
final class Processes {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final String APT_PACKAGES =
      "jupyter-nbconvert python3-nbformat python3-ipykernel python3-pandas python3-matplotlib"
          + " jupyter-client python3-jinja2 python3-jsonschema";

  private Processes() {}

  /** What a finished program printed and returned. */
  record Result(List<String> command, int exitCode, String stdout, String stderr) {
    String describe() {
      return String.format(
          "%s exited %d%n--- stdout (tail) ---%n%s%n--- stderr (tail) ---%n%s",
          String.join(" ", command), exitCode, tail(stdout), tail(stderr));
    }

    private static String tail(String s) {
      return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    }
  }

  /**
   * Runs {@code command} in {@code dir} with extra environment variables; kills it after {@code
   * timeout}.
   */
  static Result run(List<String> command, Path dir, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    return run(new ProcessBuilder(command).directory(dir.toFile()), env, timeout);
  }

  private static Result run(ProcessBuilder builder, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = builder.command();
    File out = Files.createTempFile("tracemine-proc-", ".out").toFile();
    File err = Files.createTempFile("tracemine-proc-", ".err").toFile();
    try {
      builder.redirectOutput(out);
      if (!builder.redirectErrorStream()) {
        builder.redirectError(err);
      }
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        fail(
            "%s did not finish within %s; stderr so far:%n%s",
            command, timeout, Files.readString(err.toPath()));
      }
      return new Result(
          List.copyOf(command),
          process.exitValue(),
          Files.readString(out.toPath()),
          Files.readString(err.toPath()));
    } finally {
      out.delete();
      err.delete();
    }
  }

  /**
   * Skips the calling test when /usr/bin/python3 lacks one of {@code modules}, or fails it when the
   * environment variable {@code CI} is set: on CI a missing tool must never look like a pass.
   */
  static void requirePython(String... modules) throws IOException, InterruptedException {
    String missing;
    if (!Files.isExecutable(PYTHON)) {
      missing = PYTHON + " is not installed";
    } else {
      String probe =
          "import importlib.util, sys\n"
              + "missing = [m for m in sys.argv[1:] if importlib.util.find_spec(m) is None]\n"
              + "print(' '.join(missing))";
      List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), "-c", probe));
      command.addAll(List.of(modules));
      Result r = run(command, Path.of("").toAbsolutePath(), Map.of(), Duration.ofMinutes(1));
      String names = r.stdout().strip();
      missing =
          r.exitCode() != 0
              ? "python3 failed: " + r.describe()
              : names.isEmpty() ? null : "python3 modules missing: " + names;
    }
    if (missing == null) {
      return;
    }
    String message =
        "Cannot run the scheduling/notebook checks: "
            + missing
            + ". Install the Debian packages: apt-get install -y "
            + APT_PACKAGES
            + " (.ci/run does)";
    if (System.getenv("CI") != null) {
      fail(message + " [CI is set, so this fails instead of skipping]");
    }
    Assumptions.abort(message);
  }
}
