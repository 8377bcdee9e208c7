package io.tracemine.cli;

import picocli.CommandLine;

/**
 * {@code tracemine match} without Spark on the classpath: submit.sh starts this class on a plain
 * JVM for single-trace matching. {@link TraceMine}'s command line cannot be built without Spark
 * (picocli inspects every subcommand's methods, and the stages' signatures name Spark types).
 */
public final class MatchMain {
  private MatchMain() {}

  /** {@code args}: {@code match} and its options, as for {@link TraceMine}. */
  public static void main(String[] args) {
    JvmDefaults.install();
    System.exit(JvmDefaults.wired(commandLine()).execute(dropCommandName(args)));
  }

  static CommandLine commandLine() {
    return TraceMine.withErrorHandling(new CommandLine(new MatchCommand()));
  }

  static String[] dropCommandName(String[] args) {
    if (args.length > 0 && args[0].equals("match")) {
      return java.util.Arrays.copyOfRange(args, 1, args.length);
    }
    return args;
  }
}
