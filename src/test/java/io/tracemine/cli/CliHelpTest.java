package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Help that can be read and examples that can be copied. */
class CliHelpTest {
  /** spark-submit options submit.sh takes off the command line before TraceMine sees it. */
  private static final Set<String> SPARK_SUBMIT_OPTIONS =
      Set.of("--master", "--conf", "--deploy-mode");

  private static String help(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cl = TraceMine.commandLine();
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute(args)).isZero();
    return out.toString();
  }

  /** The option list of a command's help (not its description or examples). */
  private static List<String> optionLines(String help) {
    return help.lines().filter(l -> l.matches("^ {2,6}(-\\w, )?--?\\w.*")).toList();
  }

  /**
   * The TraceMine arguments of an example line: words after ./submit.sh, no spark-submit options.
   */
  static List<String> exampleArgs(String line) {
    String command = line.strip().replaceFirst("\\s+#.*$", "");
    List<String> words = new ArrayList<>(Arrays.asList(command.split("\\s+")));
    assertThat(words.remove(0)).isEqualTo("./submit.sh");
    List<String> args = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      if (SPARK_SUBMIT_OPTIONS.contains(words.get(i))) {
        i++;
      } else {
        args.add(words.get(i));
      }
    }
    return args;
  }

  @Test
  void everyCommandsHelpFormatsWithoutAPicocliWarning() {
    List<CommandLine> commands = new ArrayList<>();
    java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>();
    todo.add(TraceMine.commandLine());
    while (!todo.isEmpty()) {
      CommandLine c = todo.poll();
      commands.add(c);
      todo.addAll(c.getSubcommands().values());
    }
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    try {
      System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
      commands.forEach(CommandLine::getUsageMessage);
    } finally {
      System.setErr(saved);
    }
    assertThat(commands).hasSizeGreaterThan(10);
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "run",
        "ingest",
        "extract",
        "mine",
        "index",
        "stats",
        "report",
        "generate",
        "match"
      })
  void everyExampleLineIsACompleteCommand(String command) {
    String text = help(command, "--help");
    List<String> lines = text.lines().toList();
    int heading =
        lines.indexOf(
            lines.stream().filter(l -> l.startsWith("Example")).findFirst().orElseThrow());
    List<String> examples =
        lines.subList(heading + 1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
    assertThat(examples).as(text).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("  "));
    // each ./submit.sh command of a line, also after a pipe (pbpaste | ./submit.sh ...)
    List<String> commands =
        examples.stream()
            .flatMap(l -> Arrays.stream(l.split("\\|")))
            .map(String::strip)
            .filter(l -> l.startsWith("./submit.sh"))
            .toList();
    assertThat(commands).as("examples of %s", command).isNotEmpty();
    assertThat(commands)
        .as("examples of %s", command)
        .anySatisfy(l -> assertThat(exampleArgs(l)).contains(command));
    for (String example : commands) {
      List<String> args = exampleArgs(example);
      assertThatCode(() -> TraceMine.commandLine().parseArgs(args.toArray(String[]::new)))
          .as(example)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void aWrappedExampleWouldNotParse() {
    assertThatCode(
            () ->
                TraceMine.commandLine()
                    .parseArgs(
                        exampleArgs("./submit.sh run --source parquet --input")
                            .toArray(String[]::new)))
        .isInstanceOf(CommandLine.MissingParameterException.class);
  }

  @Test
  void commandListShowsOneCompleteSentencePerCommand() {
    String text = help("--help");
    List<String> commands = text.lines().dropWhile(l -> !l.equals("Commands:")).skip(1).toList();
    assertThat(commands)
        .hasSize(12)
        .allSatisfy(
            l ->
                assertThat(l)
                    .matches("  [a-z]+ +[A-Z].*\\.")
                    .hasSizeLessThanOrEqualTo(TraceMine.USAGE_WIDTH));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "run",
        "ingest",
        "extract",
        "mine",
        "index",
        "stats",
        "report",
        "generate",
        "match",
        "evaluate"
      })
  void helpFitsItsWidth(String command) {
    assertThat(help(command, "--help").lines())
        .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(TraceMine.USAGE_WIDTH));
  }

  @Test
  void generateListsOneOutputOptionAndNoPipelineOptions() {
    String text = String.join("\n", optionLines(help("generate", "--help")));
    assertThat(text)
        .contains("-o, --output=DIR")
        .doesNotContain("--out=", "--out ", "--profile", "--set", "--master", "--conf-dir");
    var parsed =
        TraceMine.commandLine().parseArgs("generate", "--questions", "5", "--out", "/tmp/g");
    GenerateCommand generate = (GenerateCommand) parsed.subcommand().commandSpec().userObject();
    assertThat(generate.corpus.out()).hasToString("/tmp/g");
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "ingest", "extract", "mine", "stats", "report"})
  void masterIsLeftToSparkSubmitButStillParses(String command) {
    assertThat(optionLines(help(command, "--help")))
        .isNotEmpty()
        .noneSatisfy(l -> assertThat(l).contains("--master"));
    var parsed = TraceMine.commandLine().parseArgs(command, "--master", "local[2]");
    assertThat(parsed.subcommand().hasMatchedOption("--master")).isTrue();
  }
}
