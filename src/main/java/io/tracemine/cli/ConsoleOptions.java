package io.tracemine.cli;

import picocli.CommandLine.Option;

/**
 * How a command talks: every command takes these, including those that do not run the pipeline
 * ({@code generate}). Holds the invocation's {@link RunReport}, which {@code --json} prints.
 */
public class ConsoleOptions {
  @Option(
      names = {"-q", "--quiet"},
      description = "Print only errors and one summary line per stage (no progress).")
  boolean quiet;

  @Option(
      names = "--json",
      description =
          "Print one JSON document on stdout when the command ends, also when it fails "
              + "(docs/CLI-JSON.md); nothing else on stdout.")
  boolean json;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show Spark's INFO logging.")
  boolean verbose;

  @Option(names = "--debug", description = "Print full stack traces of errors.")
  boolean debug;

  RunReport report = new RunReport();
}
