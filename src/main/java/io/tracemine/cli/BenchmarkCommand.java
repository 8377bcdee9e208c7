package io.tracemine.cli;

import io.tracemine.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description = {
      "Measures the Spark stages against their pure floors, in one run.",
      "The mine stage (read traces, mine, write both tables) against the pure miner on the same",
      "synthetic traces, and ingest and",
      "extract against the bare jsoup parse of the same generated posts. Prints time, CPU use",
      "(100%% = one core busy) and peak heap per step, and the ratios. Inputs are generated into",
      "--work once and reused."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./submit.sh --master 'local[2]' --driver-memory 2g benchmark --traces 100000,1000000",
      "  ./submit.sh benchmark --traces 0 --questions 470000 --work /tmp/tm-bench"
    })
final class BenchmarkCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--traces",
      split = ",",
      defaultValue = "100000",
      paramLabel = "N",
      description =
          "Synthetic trace counts for the mining benchmark (0: skip it). Default:"
              + " ${DEFAULT-VALUE}.")
  List<Integer> traces;

  @Option(
      names = "--questions",
      defaultValue = "20000",
      paramLabel = "N",
      description =
          "Generated questions for the ingest/extract benchmark (about 2.1 posts each; 0: skip it)."
              + " Default: ${DEFAULT-VALUE}.")
  long questions;

  @Option(
      names = "--work",
      defaultValue = "/tmp/tracemine-bench",
      paramLabel = "DIR",
      description = "Where inputs and outputs go. Default: ${DEFAULT-VALUE}.")
  Path work;

  @Override
  public Integer call() throws Exception {
    for (int n : traces) {
      if (n < 0) {
        throw new InvalidConfigException(
            "Cannot benchmark: '--traces' has " + n + " but must be >= 0");
      }
    }
    if (questions < 0) {
      throw new InvalidConfigException(
          "Cannot benchmark: '--questions' is " + questions + " but must be >= 0");
    }
    requireWritableDirectory(work);
    try (Invocation invocation = new Invocation(common, Map.of(), System.out)) {
      Runs.run(invocation, traces, questions, work, common);
    }
    return 0;
  }

  /** Fails before Spark starts when {@code --work} is a file or cannot be created or written. */
  static void requireWritableDirectory(Path work) {
    if (Files.exists(work) && !Files.isDirectory(work)) {
      throw new InvalidConfigException(
          "Cannot benchmark: '--work' " + work + " is a file; give a directory");
    }
    try {
      Files.createDirectories(work);
    } catch (IOException | UnsupportedOperationException e) {
      throw new InvalidConfigException(
          "Cannot benchmark: cannot create '--work' " + work + " (" + e + ")");
    }
    if (!Files.isWritable(work)) {
      throw new InvalidConfigException("Cannot benchmark: '--work' " + work + " is not writable");
    }
  }

  /** The Spark part, in its own class so that --help loads no Spark class. */
  private static final class Runs {
    static void run(
        Invocation invocation,
        List<Integer> traces,
        long questions,
        Path work,
        CommonOptions common)
        throws Exception {
      var bench = new io.tracemine.bench.Benchmark(invocation.spark(), work, System.out);
      bench.header();
      for (int n : traces) {
        if (n > 0) {
          bench.mining(n);
        }
      }
      if (questions > 0) {
        bench.pipeline(questions, common::settings);
      }
    }
  }
}
