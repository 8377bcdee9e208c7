package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracemine.spark.SharedSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Stage manifests, the output lock and the checks done before any work, through the CLI. */
@ExtendWith(SharedSpark.class)
class StageCommitCliTest {
  private static final String INPUT =
      Path.of("src/test/resources/ingest/Posts-small.xml").toString();
  private static final ObjectMapper JSON = new ObjectMapper();
  private StringWriter err = new StringWriter();

  private int execute(Path out, String... args) {
    err = new StringWriter();
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--output", out.toString(), "--quiet"));
    if (args[0].equals("ingest") || args[0].equals("run")) {
      all.addAll(List.of("--source", "xml", "--input", INPUT));
    }
    return cl.execute(all.toArray(String[]::new));
  }

  private static JsonNode manifest(Path out, String stage) throws IOException {
    return JSON.readTree(out.resolve("_COMMITTED-" + stage + ".json").toFile());
  }

  @Test
  void stagesCommitManifestsAndRefuseUpstreamOutputThatIsNotCommittedOrFromAnotherRun(
      @TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    assertThat(execute(out, "ingest")).isZero();
    Files.delete(out.resolve("_COMMITTED-ingest.json")); // as an interrupted commit leaves it
    assertThat(execute(out, "extract")).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo(
            "tracemine: Cannot run 'extract' on '"
                + out
                + "': the 'ingest' output is not committed (no _COMMITTED-ingest.json: never run,"
                + " or interrupted); rerun 'ingest'"
                + System.lineSeparator());
    assertThat(out.resolve("questions")).doesNotExist();

    assertThat(execute(out, "ingest")).isZero();
    assertThat(execute(out, "extract")).as(err.toString()).isZero();
    JsonNode ingest = manifest(out, "ingest");
    JsonNode extract = manifest(out, "extract");
    assertThat(ingest.get("stage").asText()).isEqualTo("ingest");
    assertThat(ingest.get("input").get("source").asText()).isEqualTo("xml");
    assertThat(ingest.get("input").get("files").asLong()).isEqualTo(1);
    assertThat(ingest.get("input").get("bytes").asLong()).isEqualTo(Files.size(Path.of(INPUT)));
    assertThat(ingest.get("tables").get("posts").asLong()).isPositive();
    assertThat(extract.get("upstream").get("ingest").asText())
        .isEqualTo(ingest.get("run_id").asText());
    assertThat(extract.get("run_id").asText()).isNotEqualTo(ingest.get("run_id").asText());
    assertThat(iterable(extract.get("tables").fieldNames()))
        .containsExactly("questions", "traces", "rejects/stage=extract", "counts/stage=extract");
    assertThat(extract.get("tables").get("traces").asLong())
        .isEqualTo(SharedSpark.session().read().parquet(out.resolve("traces").toString()).count());
    assertThat(ingest.get("tables").get("counts/stage=ingest").asLong())
        .isEqualTo(
            SharedSpark.session()
                .read()
                .parquet(out.resolve("counts/stage=ingest").toString())
                .count())
        .isPositive();
    assertThat(out.resolve(io.tracemine.spark.OutputLock.FILE)).as("lock released").doesNotExist();

    assertThat(execute(out, "mine")).isZero();
    String firstExtract = extract.get("run_id").asText();
    assertThat(execute(out, "extract")).isZero();
    String secondExtract = manifest(out, "extract").get("run_id").asText();
    assertThat(execute(out, "stats")).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo(
            "tracemine: Cannot run 'stats' on '"
                + out
                + "': the 'mine' output"
                + " was made from another 'extract' run ("
                + firstExtract
                + "; the current one is "
                + secondExtract
                + "); rerun 'mine'"
                + System.lineSeparator());
    assertThat(out.resolve("table1_population")).doesNotExist();

    // the report shows the ingest counts beside the tables: one chain of runs, or refused
    assertThat(execute(out, "mine")).isZero();
    assertThat(execute(out, "stats")).as(err.toString()).isZero();
    assertThat(execute(out, "ingest")).isZero();
    assertThat(execute(out, "report")).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains(
            "Cannot run 'report' on '"
                + out
                + "': the 'extract' output was made from another"
                + " 'ingest' run")
        .contains("rerun 'extract'");
    assertThat(out.resolve("report")).doesNotExist();
  }

  /**
   * A report run on its own shows the settings each stage ran with, recorded in its manifest:
   * before, it showed its own defaults ({@code extract.profile default} under a paper extraction).
   */
  @Test
  void theReportShowsTheSettingsEachStageRanWithNotItsOwn(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    assertThat(execute(out, "ingest", "--set", "ingest.max-body-chars=900000")).isZero();
    assertThat(execute(out, "extract", "--extract-profile", "paper")).as(err.toString()).isZero();
    assertThat(execute(out, "mine", "--set", "mine.min-support=3")).as(err.toString()).isZero();
    assertThat(execute(out, "stats", "--set", "stats.seed=7")).as(err.toString()).isZero();
    assertThat(
            execute(
                out,
                "report",
                "--set",
                "mine.min-support=9",
                "--set",
                "source.bigquery.credentials-file=/k.json"))
        .as(err.toString())
        .isZero();

    assertThat(
            manifest(out, "extract").get("input").get("settings").get("extract.profile").asText())
        .isEqualTo("paper");
    assertThat(
            manifest(out, "ingest")
                .get("input")
                .get("settings")
                .has("source.bigquery.credentials-file"))
        .isFalse();
    String page = Files.readString(out.resolve("report/index.html"));
    assertThat(page)
        .contains(setting("extract.profile", "paper"))
        .contains(setting("mine.min-support", "3"))
        .contains(setting("stats.seed", "7"))
        .contains(setting("ingest.max-body-chars", "900000"))
        .contains(setting("source.type", "xml"))
        .doesNotContain(setting("mine.min-support", "9"))
        .doesNotContain("/k.json");
  }

  /**
   * The report checks the files of the stats tables and of each stage's counts and rejects against
   * their manifests, as every stage checks what it reads: a file replaced by one with other values
   * and the same rows (another output's) is refused naming it. Before, the page showed the other
   * run's Table 1 and counts, exit 0.
   */
  /**
   * An evaluation made from an ingest and extract that were rerun since (on other posts) is left
   * out of the report, its counts too; before, the page showed the old posts' recall beside the new
   * run's tables, with nothing to tell them apart.
   */
  @Test
  void theReportLeavesOutAnEvaluationMadeFromEarlierRuns(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    for (String stage : List.of("ingest", "extract", "mine", "stats", "evaluate", "report")) {
      assertThat(execute(out, stage)).as(stage + ": " + err).isZero();
    }
    assertThat(Files.readString(out.resolve("report/index.html"))).contains("t-match_evaluation");
    for (String stage : List.of("ingest", "extract", "mine", "stats", "report")) {
      assertThat(execute(out, stage)).as(stage + ": " + err).isZero();
    }
    assertThat(Files.readString(out.resolve("report/index.html")))
        .doesNotContain("t-match_evaluation");
    var report =
        new io.tracemine.report.ReportStage(
            SharedSpark.session(), io.tracemine.report.ReportConfig.defaults());
    assertThat(report.outdatedSideStages(out.toString()))
        .containsOnlyKeys("evaluate")
        .hasValueSatisfying(
            new org.assertj.core.api.Condition<>(
                why -> why.startsWith("it was made from another 'extract' run ("), "the reason"));
    assertThat(out.resolve("match_evaluation")).exists();
  }

  /**
   * A {@code _minsup1} table the committed {@code mine} run made and that was deleted since is
   * refused by name; before (hostile sweep 6) {@code stats} read it as "not mined", exit 0, and
   * Table 6's coverage went blank. A stale {@code _minsup1} folder the committed run did not make
   * is not read.
   */
  @Test
  void statsRefusesAMinSupport1TableTheMineRunCommittedAndThatIsGone(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out");
    for (String stage : List.of("ingest", "extract")) {
      assertThat(execute(out, stage)).as(stage + ": " + err).isZero();
    }
    assertThat(execute(out, "mine")).as(err.toString()).isZero(); // mine.with-minsup1 = true
    assertThat(manifest(out, "mine").get("tables").has("patterns_minsup1")).isTrue();
    org.apache.commons.io.FileUtils.deleteDirectory(out.resolve("patterns_minsup1").toFile());
    assertThat(execute(out, "stats")).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("patterns_minsup1");

    assertThat(execute(out, "mine", "--set", "mine.with-minsup1=false"))
        .as(err.toString())
        .isZero();
    assertThat(manifest(out, "mine").get("tables").has("patterns_minsup1")).isFalse();
    Files.createDirectories(out.resolve("patterns_minsup1"));
    Files.createDirectories(out.resolve("pattern_traces_minsup1"));
    assertThat(execute(out, "stats")).as(err.toString()).isZero();
  }

  @Test
  void theReportRefusesAStatsTableOrCountsFileReplacedSinceItsStageCommitted(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out");
    for (String stage : List.of("ingest", "extract", "mine", "stats")) {
      assertThat(execute(out, stage)).as(err.toString()).isZero();
    }
    replaceWithOtherValues(out.resolve("table1_population"), dir.resolve("t1"));
    assertThat(execute(out, "report")).isEqualTo(3);
    assertThat(err.toString())
        .contains("Cannot use table 'table1_population': its file '")
        .contains("is not the one the 'stats' stage committed under that name")
        .contains("rerun 'stats'");

    assertThat(execute(out, "stats")).isZero();
    // a part of a stage that committed nothing here: another stage's copied under its name (before:
    // shown as that stage's counts, exit 0; session 39)
    copyDirectory(out.resolve("counts/stage=mine"), out.resolve("counts/stage=evaluate"));
    assertThat(execute(out, "report")).isEqualTo(3);
    assertThat(err.toString())
        .contains(
            "Cannot use table 'counts': its part 'stage=evaluate' was committed by no stage of"
                + " this output (there is no _COMMITTED-evaluate.json)")
        .contains("remove '")
        .doesNotContain("Exception");
    assertThat(out.resolve("report/index.html")).doesNotExist();
    deleteDirectory(out.resolve("counts/stage=evaluate"));

    replaceWithOtherValues(out.resolve("counts").resolve("stage=ingest"), dir.resolve("c"));
    assertThat(execute(out, "report")).isEqualTo(3);
    assertThat(err.toString())
        .contains("Cannot use table 'counts/stage=ingest'")
        .contains("rerun 'ingest'");
  }

  private static void deleteDirectory(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  private static void copyDirectory(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  /** The table's one Parquet file replaced, under its name, by one of the same rows doubled. */
  private static void replaceWithOtherValues(Path table, Path scratch) throws IOException {
    Path file;
    try (Stream<Path> files = Files.list(table)) {
      file = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    var spark = SharedSpark.session();
    var rows = spark.read().parquet(file.toString());
    String column =
        java.util.Arrays.stream(rows.schema().fields())
            .filter(f -> f.dataType() instanceof org.apache.spark.sql.types.LongType)
            .map(org.apache.spark.sql.types.StructField::name)
            .findFirst()
            .orElseThrow();
    rows.withColumn(column, rows.col(column).multiply(2))
        .coalesce(1)
        .write()
        .parquet(scratch.toString());
    Path other;
    try (Stream<Path> files = Files.list(scratch)) {
      other = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Files.copy(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
  }

  private static String setting(String key, String value) {
    return "<tr><td><code>" + key + "</code></td><td><code>" + value + "</code></td></tr>";
  }

  @Test
  void aSecondRunOnALockedOutputFailsAtOnceNamingTheFirst(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    long livePid = ProcessHandle.current().parent().orElseThrow().pid();
    String host = InetAddress.getLocalHost().getHostName();
    // taken now, by a live process older than the lock: its holder (a pid that started after the
    // lock was taken would be a reused one, and the lock stale)
    String lockedAt =
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    Files.writeString(
        out.resolve("_LOCK.json"),
        "{\"run_id\":\"r-1\",\"host\":\""
            + host
            + "\",\"pid\":"
            + livePid
            + ",\"started_at\":\""
            + lockedAt
            + "\",\"command\":\"run\"}");
    assertThat(execute(out, "ingest")).isEqualTo(TraceMine.EXIT_OUTPUT_LOCKED);
    assertThat(err.toString())
        .isEqualTo(
            "tracemine: Cannot write output directory '"
                + out
                + "': it is"
                + " locked by run r-1 (run, pid "
                + livePid
                + " on "
                + host
                + ", started "
                + lockedAt
                + ");"
                + " wait for that run to finish, or if it is gone pass --force-unlock (lock file "
                + out.resolve("_LOCK.json")
                + ")"
                + System.lineSeparator());
    assertThat(out.resolve("posts")).doesNotExist();

    // --force-unlock does not take the lock of a run still alive on this host (hostile sweep 5,
    // F8: before, it did without a word, and both runs wrote the output)
    assertThat(execute(out, "ingest", "--force-unlock")).isEqualTo(TraceMine.EXIT_OUTPUT_LOCKED);
    assertThat(err.toString())
        .endsWith(
            "which is still running on this host; --force-unlock takes over only the lock of a"
                + " run that is gone: wait for it to finish, or stop it first (kill "
                + livePid
                + "); if pid "
                + livePid
                + " here is not that run (it ran on another machine of the same name), delete "
                + out.resolve("_LOCK.json")
                + System.lineSeparator());
    assertThat(out.resolve("posts")).doesNotExist();

    // a run on another host cannot be seen from here: --force-unlock takes its lock over, and
    // staging left by a killed run goes with the next run
    Files.writeString(
        out.resolve("_LOCK.json"),
        "{\"run_id\":\"r-1\",\"host\":\"elsewhere\",\"pid\":"
            + livePid
            + ",\"started_at\":\""
            + lockedAt
            + "\",\"command\":\"run\"}");
    Files.createDirectories(out.resolve("._staging-posts-0000"));
    Files.writeString(out.resolve("._staging-posts-0000/part-0.parquet"), "half");
    Files.createDirectories(out.resolve("rejects/._staging-stage=ingest-0000"));
    Files.createDirectories(out.resolve("._old-traces-0000"));
    assertThat(execute(out, "ingest", "--force-unlock")).as(err.toString()).isZero();
    assertThat(out.resolve("posts")).isDirectory();
    assertThat(out.resolve("_LOCK.json")).doesNotExist();
    assertThat(leftovers(out)).isEmpty();
    assertThat(leftovers(out.resolve("rejects"))).isEmpty();
  }

  @Test
  void everySettingOfEveryStageIsCheckedBeforeAnythingIsWritten(@TempDir Path dir) {
    Path out = dir.resolve("out");
    assertThat(execute(out, "run", "--set", "mine.with-minsup1=maybe"))
        .isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(err.toString())
        .isEqualTo(
            "tracemine: 'mine.with-minsup1' is set to 'maybe' but must be true or false"
                + System.lineSeparator());
    assertThat(out).doesNotExist();
    assertThat(execute(out, "run", "--labels", dir.resolve("nope.csv").toString()))
        .isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(out).doesNotExist();
    assertThat(execute(out, "run", "--labels", dir.toString()))
        .isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(err.toString())
        .contains(
            "tracemine: Cannot read labels '"
                + dir
                + "': it is a directory; give each sheet's CSV file");
    assertThat(out).doesNotExist();
  }

  @Test
  void anOutputThatIsAFileOrCannotBeCreatedFailsWith2BeforeAnyWork(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThat(execute(file, "ingest")).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(err.toString())
        .isEqualTo(
            "tracemine: Cannot write output: '"
                + file
                + "' (output.dir) is a"
                + " file, not a directory"
                + System.lineSeparator());
    assertThat(execute(file.resolve("sub"), "run")).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(err.toString())
        .startsWith(
            "tracemine: Cannot write output: cannot create directory '"
                + file.resolve("sub")
                + "' (output.dir)");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  private static List<String> leftovers(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("._staging") || n.startsWith("._old"))
          .toList();
    }
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> list = new ArrayList<>();
    it.forEachRemaining(list::add);
    return list;
  }
}
