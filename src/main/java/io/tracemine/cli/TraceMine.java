package io.tracemine.cli;

import io.tracemine.InvalidConfigException;
import io.tracemine.MalformedInputException;
import io.tracemine.OutputLockedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * TraceMine's command line: one subcommand per stage, plus {@code run} for the whole pipeline.
 *
 * <p>Exit codes: 0 success; 1 a stage failed; 2 bad configuration or usage (including an output
 * target that is a file or cannot be written); 3 unreadable input (including an upstream stage's
 * output that is not committed); 4 the output directory is locked by another run.
 *
 * <p>Help, version, {@code generate} (xml), {@code mine --spmf} and {@code match} of one trace run
 * without Spark (submit.sh starts them in a plain JVM). Picocli reflects on every command class,
 * so their fields and method signatures (lambdas included) must not name a Spark or Scala type;
 * Spark code lives in methods of other classes (LazySparkTest checks this).
 */
@Command(
    name = "tracemine",
    mixinStandardHelpOptions = true,
    version = "TraceMine 0.1.0",
    description = "Mines the Python stack traces of Stack Overflow ML questions with Spark.",
    subcommands = {
      RunCommand.class,
      IngestCommand.class,
      ExtractCommand.class,
      MineCommand.class,
      StatsCommand.class,
      ReportCommand.class,
      GenerateCommand.class,
      BenchmarkCommand.class,
      IndexCommand.class,
      MatchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TraceMine {
  public static final int EXIT_STAGE_FAILED = 1;
  public static final int EXIT_BAD_CONFIG = 2;
  public static final int EXIT_BAD_INPUT = 3;
  public static final int EXIT_OUTPUT_LOCKED = 4;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return withErrorHandling(new CommandLine(new TraceMine()));
  }

  /** One red line per error (the stack trace with --debug) and the exit codes above. */
  static CommandLine withErrorHandling(CommandLine cl) {
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          var command = parseResult.subcommand() != null ? parseResult.subcommand() : parseResult;
          boolean debug = command.hasMatchedOption("--debug");
          commandLine.getErr().println(
              commandLine.getColorScheme().errorText("tracemine: " + describe(e)));
          if (debug) {
            e.printStackTrace(commandLine.getErr());
          }
          return exitCode(e);
        });
    return cl;
  }

  static int exitCode(Throwable e) {
    if (e instanceof InvalidConfigException) {
      return EXIT_BAD_CONFIG;
    }
    if (e instanceof MalformedInputException) {
      return EXIT_BAD_INPUT;
    }
    if (e instanceof OutputLockedException) {
      return EXIT_OUTPUT_LOCKED;
    }
    return EXIT_STAGE_FAILED;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
