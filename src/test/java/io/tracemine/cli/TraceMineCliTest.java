package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class TraceMineCliTest {
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    return cl.execute(args);
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
  void everyCommandExplainsItsOptions(String command) {
    StringWriter out = new StringWriter();
    CommandLine cl = TraceMine.commandLine();
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute(command, "--help")).isZero();
    assertThat(out.toString()).contains("Usage: tracemine " + command, "--output", "Example");
    if (!command.equals("generate")) { // generate takes no configuration profile
      assertThat(out.toString()).contains("--profile");
    }
  }

  @Test
  void optionsMapToConfigurationKeys() {
    CommandLine cl = TraceMine.commandLine();
    var parsed =
        cl.parseArgs(
            "run",
            "--source",
            "xml",
            "--input",
            "/d/Posts.xml",
            "--min-support",
            "3",
            "--support",
            "questions",
            "--extract-profile",
            "paper",
            "--set",
            "stats.seed=7",
            "--output",
            "/tmp/x");
    RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
    var overrides = new java.util.TreeMap<String, String>();
    run.source.addTo(overrides);
    run.extract.addTo(overrides);
    run.mine.addTo(overrides);
    assertThat(overrides)
        .containsEntry("source.type", "xml")
        .containsEntry("source.path", "/d/Posts.xml")
        .containsEntry("mine.min-support", "3")
        .containsEntry("mine.support", "questions")
        .containsEntry("extract.profile", "paper");
    var settings = run.common.settings(overrides);
    assertThat(settings.string("stats.seed")).isEqualTo("7");
    assertThat(settings.string("output.dir")).isEqualTo("/tmp/x");
  }

  @Test
  void usageErrorsAndBadConfigurationExitWith2() {
    assertThat(execute("run", "--no-such-option")).isEqualTo(2);
    assertThat(execute("ingest", "--set", "mine.minsup=2")).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(err.toString()).contains("tracemine: Unknown configuration key 'mine.minsup'");
    assertThat(execute("ingest", "--profile", "nope")).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
  }

  /**
   * Settings that would be ignored or that Spark refuses at its start exit 2 naming the setting,
   * before anything is written and before Spark starts (before, session 38: exit 0 silently for the
   * first three, the last --set winning; exit 1 and a 37-line stack trace for the last).
   */
  @Test
  void settingsThatWouldBeIgnoredOrRefusedBySparkExitWith2BeforeAnyWork(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    String out = dir.resolve("out").toString();
    assertThat(
            execute(
                "mine",
                "--output",
                out,
                "--set",
                "mine.min-support=3",
                "--set",
                "mine.min-support=4"))
        .isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(err.toString())
        .contains(
            "tracemine: Cannot use --set: key 'mine.min-support' is set twice ('3', then '4');"
                + " give it once");
    for (String setting :
        List.of(
            "spark.conf.spark.SQL.Shuffle.Partitions=1",
            "spark.conf.spark.driver.memory=64m",
            "spark.conf.spark.executor.memory=32m")) {
      assertThat(
              execute(
                  "ingest", "--input", CliRunner.SMALL_POSTS, "--output", out, "--set", setting))
          .as(setting)
          .isEqualTo(TraceMine.EXIT_BAD_CONFIG);
      assertThat(err.toString())
          .contains("tracemine: '" + setting.substring(0, setting.indexOf('=')) + "' is ");
    }
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void stemsOfALibraryNotListedAreATypoNotIgnored(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    assertThat(
            execute(
                "ingest",
                "--set",
                "library.kears.stems=keras,tf.keras",
                "--output",
                dir.resolve("out").toString()))
        .isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(err.toString())
        .contains(
            "tracemine: 'library.kears.stems' gives the tag stems of library 'kears', which"
                + " 'libraries' does not list (it lists: tensorflow, keras, scikit-learn, pytorch,"
                + " nltk, huggingface, spark-ml): a typo, or add 'kears' to 'libraries'");
    assertThat(dir.resolve("out")).doesNotExist();
    // narrowing 'libraries' leaves the packaged stems of the others unused, which is fine
    RunCommand narrowed =
        (RunCommand)
            TraceMine.commandLine()
                .parseArgs("run", "--set", "libraries=keras", "--set", "library.keras.stems=keras")
                .subcommand()
                .commandSpec()
                .userObject();
    assertThat(narrowed.common.settings(java.util.Map.of()).string("libraries")).isEqualTo("keras");
  }

  @Test
  void aMissingCodebookStopsRunBeforeAnyStage(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.nio.file.Path codebook = dir.resolve("codebook.csv");
    assertThat(
            execute(
                "run",
                "--set",
                "stats.codebook=" + codebook,
                "--output",
                dir.resolve("out").toString(),
                "--quiet"))
        .isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(err.toString())
        .contains(
            "tracemine: Cannot read the codebook '"
                + codebook
                + "' (stats.codebook): NoSuchFileException; point stats.codebook at a CSV with"
                + " columns category,category_name,type,description,example_post");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void unreadableInputExitsWith3BeforeWritingAnything(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    assertThat(
            execute(
                "ingest",
                "--source",
                "xml",
                "--input",
                dir.resolve("missing.xml").toString(),
                "--output",
                dir.resolve("out").toString(),
                "--quiet"))
        .isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains(
            "tracemine: Cannot read posts: '" + dir.resolve("missing.xml") + "' does not exist");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void exitCodesAreDistinct() {
    assertThat(
            List.of(
                0,
                TraceMine.EXIT_STAGE_FAILED,
                TraceMine.EXIT_BAD_CONFIG,
                TraceMine.EXIT_BAD_INPUT))
        .doesNotHaveDuplicates();
  }
}
