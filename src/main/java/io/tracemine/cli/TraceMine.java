package io.tracemine.cli;

import io.tracemine.InvalidConfigException;
import io.tracemine.MalformedInputException;
import io.tracemine.OutputLockedException;
import java.time.Instant;
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
 * without Spark (submit.sh starts them in a plain JVM). Picocli reflects on every command class, so
 * their fields and method signatures (lambdas included) must not name a Spark or Scala type; Spark
 * code lives in methods of other classes (LazySparkTest checks this).
 */
@Command(
    name = "tracemine",
    mixinStandardHelpOptions = true,
    version = "TraceMine " + TraceMine.VERSION,
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
      EvaluateMatchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TraceMine {
  public static final String VERSION = "0.1.0";

  /** Help is this wide, or as wide as the terminal when that is wider. */
  static final int USAGE_WIDTH = 100;

  public static final int EXIT_STAGE_FAILED = 1;
  public static final int EXIT_BAD_CONFIG = 2;
  public static final int EXIT_BAD_INPUT = 3;
  public static final int EXIT_OUTPUT_LOCKED = 4;

  public static void main(String[] args) {
    JvmDefaults.install();
    System.exit(JvmDefaults.wired(commandLine()).execute(args));
  }

  public static CommandLine commandLine() {
    return withErrorHandling(new CommandLine(new TraceMine()));
  }

  /**
   * {@link DamagedTables#translate}, or {@code thrown} itself in a command that runs without Spark:
   * there Hadoop's classes are not on the classpath, and no failure can be a damaged table's.
   */
  private static Throwable translated(Throwable thrown) {
    try {
      return DamagedTables.translate(thrown);
    } catch (LinkageError withoutHadoop) {
      return thrown;
    }
  }

  /**
   * One red line per error (the stack trace with --debug) and the exit codes above; help as wide as
   * {@link #USAGE_WIDTH} with examples printed as written; with --json, one document at the end.
   */
  static CommandLine withErrorHandling(CommandLine cl) {
    cl.setUsageHelpWidth(USAGE_WIDTH);
    cl.setUsageHelpAutoWidth(true);
    verbatimExamples(cl);
    cl.setExecutionStrategy(
        parseResult -> {
          int code;
          try {
            code = new CommandLine.RunLast().execute(parseResult);
          } catch (Error e) {
            if (!isFileSystemError(e)) {
              throw e;
            }
            // picocli hands only Exceptions to the handler: a full disk raised as an Error by
            // Hadoop's local file system would print a stack trace and no JSON document
            CommandLine.ParseResult last = parseResult;
            while (last.subcommand() != null) {
              last = last.subcommand();
            }
            throw new CommandLine.ExecutionException(
                last.commandSpec().commandLine(),
                e.getMessage(),
                new IllegalStateException(e.getMessage(), e));
          }
          printJson(parseResult, code, null);
          return code;
        });
    cl.setExecutionExceptionHandler(
        (thrown, commandLine, parseResult) -> {
          Throwable e = translated(thrown);
          if (Interruption.signalled()) {
            return EXIT_STAGE_FAILED; // the shutdown cancelled the jobs; Interruption said so
          }
          var command = parseResult.subcommand() != null ? parseResult.subcommand() : parseResult;
          boolean debug = command.hasMatchedOption("--debug");
          commandLine
              .getErr()
              .println(commandLine.getColorScheme().errorText("tracemine: " + describe(e)));
          if (debug) {
            e.printStackTrace(commandLine.getErr());
          }
          int code = exitCode(e);
          printJson(parseResult, code, describe(e));
          return code;
        });
    cl.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine failed = e.getCommandLine();
          failed
              .getErr()
              .println(
                  failed
                      .getColorScheme()
                      .errorText(
                          "tracemine: "
                              + describe(e)
                              + " (see '"
                              + failed.getCommandSpec().qualifiedName()
                              + " --help')"));
          return EXIT_BAD_CONFIG;
        });
    return cl;
  }

  /** Examples (the footer) are printed as written: a wrapped command line cannot be copied. */
  private static void verbatimExamples(CommandLine cl) {
    cl.getHelpSectionMap()
        .put(
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
            help -> {
              StringBuilder sb = new StringBuilder();
              for (String line : help.commandSpec().usageMessage().footer()) {
                sb.append(String.format(line)).append(System.lineSeparator());
              }
              return sb.toString();
            });
    cl.getSubcommands().values().forEach(TraceMine::verbatimExamples);
  }

  /** With --json, the invocation's one JSON document on stdout (docs/CLI-JSON.md). */
  private static void printJson(CommandLine.ParseResult parseResult, int exitCode, String error) {
    CommandLine.ParseResult last = parseResult;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    if (last.isUsageHelpRequested()
        || last.isVersionHelpRequested()
        || (last.commandSpec().userObject() instanceof MatchCommand match
            && match.answersInJson(exitCode))) {
      return;
    }
    CommandLine.Model.CommandSpec mixin = last.commandSpec().mixins().get("common");
    if (mixin == null || !(mixin.userObject() instanceof ConsoleOptions console) || !console.json) {
      return;
    }
    if (Interruption.signalled()) {
      return; // the invocation printed the signal's document (Invocation, at shutdown)
    }
    String doc = console.report.json(last.commandSpec().name(), exitCode, error, Instant.now());
    if (doc != null) {
      System.out.println(doc);
      System.out.flush();
    }
  }

  /**
   * Hadoop's {@code FSError} (named, not referenced: commands without Spark run without Hadoop on
   * the class path), an I/O failure of its local file system such as a full disk.
   */
  static boolean isFileSystemError(Error e) {
    return e.getClass().getName().equals("org.apache.hadoop.fs.FSError");
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
