package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.InvalidConfigException;
import io.tracemine.TraceMineException;
import io.tracemine.spark.SharedSpark;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output that refuses writes while a stage stages its tables (its permission taken away, its
 * file system remounted read-only) is one line naming the directory and the cause, exit 2 as an
 * unwritable output found before any work; nothing is committed and a rerun succeeds.
 */
@ExtendWith(SharedSpark.class)
class UnwritableOutputTest {

  /**
   * The local file system, refusing to create anything at or under {@link #refused} with an {@link
   * AccessDeniedException} (as a directory whose write permission was taken away does: the tests
   * run as root, whom {@code chmod a-w} does not stop).
   */
  public static final class RefusingLocalFileSystem extends LocalFileSystem {
    static volatile String refused;

    /**
     * Renames and deletes of entries at or under this prefix are refused with an {@link
     * AccessDeniedException}, as HDFS refuses them (Hadoop's local file system answers false; the
     * commit then asks the directory why, which root's permissions do not stop).
     */
    static volatile String refusedChanges;

    private static void checkChange(org.apache.hadoop.fs.Path p) throws AccessDeniedException {
      String prefix = refusedChanges;
      if (prefix != null && p.toUri().getPath().startsWith(prefix)) {
        throw new AccessDeniedException(p.toUri().getPath(), null, "Permission denied");
      }
    }

    @Override
    public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst)
        throws IOException {
      checkChange(src);
      checkChange(dst);
      return super.rename(src, dst);
    }

    @Override
    public boolean delete(org.apache.hadoop.fs.Path f, boolean recursive) throws IOException {
      checkChange(f);
      return super.delete(f, recursive);
    }

    private static void check(org.apache.hadoop.fs.Path p) throws AccessDeniedException {
      String prefix = refused;
      if (prefix != null && p.toUri().getPath().startsWith(prefix)) {
        throw new AccessDeniedException(p.toUri().getPath());
      }
    }

    @Override
    public boolean mkdirs(org.apache.hadoop.fs.Path f) throws IOException {
      check(f); // FilterFileSystem's goes to the raw file system directly (a committer's job setup)
      return super.mkdirs(f);
    }

    @Override
    public boolean mkdirs(org.apache.hadoop.fs.Path f, FsPermission permission) throws IOException {
      check(f);
      return super.mkdirs(f, permission);
    }

    @Override
    public FSDataOutputStream create(
        org.apache.hadoop.fs.Path f,
        FsPermission permission,
        boolean overwrite,
        int bufferSize,
        short replication,
        long blockSize,
        Progressable progress)
        throws IOException {
      check(f);
      return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }
  }

  @Test
  void anOutputThatRefusesWritesMidStageIsOneLineNothingIsCommittedAndARerunSucceeds(
      @TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    CliRunner cli = new CliRunner();
    cli.ingestAndExtractSmallPosts(out);
    assertThat(cli.execute("mine", "--output", out.toString(), "--quiet")).as(cli.err()).isZero();
    Map<String, String> before = digests(out);
    Map<String, List<String>> rowsBefore = rows(out);

    // mine stages 'patterns', then its second table's staging directory cannot be made
    RefusingLocalFileSystem.refused = out + "/._staging-pattern_items-";
    int code;
    try {
      code =
          cli.executeOn(
              RefusingLocalFileSystem.class, "mine", "--output", out.toString(), "--quiet");
    } finally {
      RefusingLocalFileSystem.refused = null;
    }

    assertThat(code).as(cli.err()).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(cli.err().strip())
        .isEqualTo(
            "tracemine: Cannot write output: '"
                + out
                + "' could not be written (Permission denied) while 'mine' staged table"
                + " 'pattern_items': it refused a write while the stage ran; nothing was"
                + " committed, the output is as before; make it writable and rerun 'mine' (the"
                + " rerun removes what this run left)");
    assertThat(digests(out)).isEqualTo(before);

    cli.rerunLeavesNoStagingOrLock(out, "mine");
    assertThat(rows(out)).isEqualTo(rowsBefore);
  }

  /**
   * A table directory refusing its rename while stats commits (the output's write permission taken
   * away after staging): exit 2, one line naming the directory, the cause, the stage and what the
   * output holds (some tables replaced, no manifest, so the report refuses it); once writable, the
   * rerun commits. Before: exit 1, {@code Cannot replace '…/table3_popularity'
   * (AccessDeniedException: …)}, saying nothing of the tables already replaced.
   */
  @Test
  void aRenameRefusedWhileAStageCommitsSaysWhatTheOutputHoldsAndARerunCommits(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out");
    CliRunner cli = new CliRunner();
    cli.ingestAndExtractSmallPosts(out);
    assertThat(cli.execute("mine", "--output", out.toString(), "--quiet")).as(cli.err()).isZero();
    assertThat(cli.execute("stats", "--output", out.toString(), "--quiet")).as(cli.err()).isZero();

    int code = withChangesRefusedUnder(out + "/table3_popularity", cli, "stats", out);

    assertThat(code).as(cli.err()).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(cli.err().strip())
        .matches(
            java.util.regex.Pattern.quote(
                    "tracemine: Cannot write output: '"
                        + out
                        + "' could not be written (Permission denied) while 'stats' committed its"
                        + " tables (renaming 'table3_popularity' into place): the output's 'stats'"
                        + " tables are partly replaced (4 of ")
                + "\\d+"
                + java.util.regex.Pattern.quote(
                    " renamed into place) and it has no _COMMITTED-stats.json (removed before the"
                        + " renames), so the stages that read them refuse them until 'stats' is"
                        + " rerun; make it writable and rerun 'stats' (the rerun removes what this"
                        + " run left)"));
    assertThat(out.resolve("_COMMITTED-stats.json")).doesNotExist();
    assertThat(cli.execute("report", "--output", out.toString(), "--quiet"))
        .isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(cli.err()).contains("the 'stats' output is not committed").contains("rerun 'stats'");

    cli.rerunLeavesNoStagingOrLock(out, "stats");
    assertThat(out.resolve("_COMMITTED-stats.json")).exists();
  }

  /**
   * The output directory refusing the removal of the stage's manifest, the commit's first change:
   * exit 2, nothing committed, every file as before. Before: exit 1, {@code Cannot commit stage
   * 'stats' in '…' (AccessDeniedException: …)}.
   */
  @Test
  void aManifestThatCannotBeRemovedStopsTheCommitBeforeAnyRename(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out");
    CliRunner cli = new CliRunner();
    cli.ingestAndExtractSmallPosts(out);
    assertThat(cli.execute("mine", "--output", out.toString(), "--quiet")).as(cli.err()).isZero();
    Map<String, String> before = digests(out);

    int code = withChangesRefusedUnder(out + "/_COMMITTED-mine.json", cli, "mine", out);

    assertThat(code).as(cli.err()).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(cli.err().strip())
        .isEqualTo(
            "tracemine: Cannot write output: '"
                + out
                + "' could not be written (Permission denied) while 'mine' committed its tables"
                + " (removing _COMMITTED-mine.json): nothing was committed, the output is as"
                + " before; make it writable and rerun 'mine' (the rerun removes what this run"
                + " left)");
    assertThat(digests(out)).isEqualTo(before);
    cli.rerunLeavesNoStagingOrLock(out, "mine");
  }

  /**
   * The report's page folder refusing its replacement (the output's write permission taken away
   * once the page was staged): exit 2, one line naming the directory, the cause and that the
   * previous report stands; every file of the report as before, no staging left; once writable, the
   * rerun replaces it. Before: exit 1, {@code Cannot write the report into …/report: …/report} (the
   * AccessDeniedException's path alone).
   */
  @Test
  void aReportFolderThatCannotBeReplacedIsOneLineAndThePreviousReportStands(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out");
    CliRunner cli = new CliRunner();
    cli.ingestAndExtractSmallPosts(out);
    for (String stage : List.of("mine", "stats", "index", "report")) {
      assertThat(cli.execute(stage, "--output", out.toString(), "--quiet")).as(cli.err()).isZero();
    }
    Map<String, String> before = digests(out.resolve("report"));

    int code = withChangesRefusedUnder(out + "/report", cli, "report", out);

    assertThat(code).as(cli.err()).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(cli.err().strip())
        .isEqualTo(
            "tracemine: Cannot write output: '"
                + out
                + "' could not be written (Permission denied) while 'report' committed its"
                + " tables (renaming 'report' into place): no table was replaced, but its"
                + " manifest _COMMITTED-report.json is removed, so the stages that read the"
                + " 'report' tables refuse them until 'report' is rerun; make it writable and"
                + " rerun 'report' (the rerun removes what this run left)");
    assertThat(digests(out.resolve("report"))).isEqualTo(before);
    try (var names = Files.list(out)) {
      assertThat(names.map(p -> p.getFileName().toString()))
          .noneMatch(
              name -> name.startsWith("._staging-report") || name.startsWith("._old-report"));
    }
    assertThat(cli.execute("report", "--output", out.toString(), "--quiet")).as(cli.err()).isZero();
  }

  /** Runs {@code stage} with renames and deletes under {@code prefix} refused; its exit code. */
  private static int withChangesRefusedUnder(String prefix, CliRunner cli, String stage, Path out) {
    RefusingLocalFileSystem.refusedChanges = prefix;
    try {
      return cli.executeOn(
          RefusingLocalFileSystem.class, stage, "--output", out.toString(), "--quiet");
    } finally {
      RefusingLocalFileSystem.refusedChanges = null;
    }
  }

  /** The chain of a real run (mine, {@code chmod a-w} on the output as 'patterns' was staged). */
  @Test
  void sparksMkdirsFailureNamesTheNearestDirectoryThatExists(@TempDir Path out) {
    String attempt =
        "file:"
            + out
            + "/._staging-pattern_items-0a1a2436-f5da-4343-b7f9-7fed532c2a53/_temporary/0/_temporary"
            + "/attempt_202612060251343554741429519697944_0006_m_000000_37";
    IOException mkdirs =
        new IOException(
            "Mkdirs failed to create " + attempt + " (exists=false, cwd=file:/tmp/h40-nb)");
    SparkException job =
        new SparkException(
            "Job aborted due to stage failure: Task 0 in stage 6.0 failed 1 times, most recent"
                + " failure: Lost task 0.0 in stage 6.0 (TID 37) (192.0.2.2 executor driver):"
                + " java.io.IOException: Mkdirs failed to create "
                + attempt
                + " (exists=false, cwd=file:/tmp/h40-nb)",
            mkdirs);
    Throwable translated = DamagedTables.translate(job);
    assertThat(translated).isInstanceOf(InvalidConfigException.class).hasCause(job);
    // as root the directory is writable again by now, so the cause stays Hadoop's; a user whose
    // output lost its permission reads "(Permission denied)" (docs/RELIABILITY.md)
    assertThat(translated.getMessage())
        .matches(
            "Cannot write output: '"
                + java.util.regex.Pattern.quote(out.toString())
                + "' could not be written \\((Mkdirs failed|Permission denied)\\) while 'mine'"
                + " staged table 'pattern_items': it refused a write while the stage ran;"
                + " nothing was committed, the output is as before; make it writable and rerun"
                + " 'mine' \\(the rerun removes what this run left\\)");
  }

  @Test
  void theCauseIsFoundAmongSuppressedExceptionsAndDriverWrites() {
    // a read-only file system, suppressed under the write's own failure
    RuntimeException write = new RuntimeException("Job aborted");
    write.addSuppressed(
        new FileSystemException(
            "/nfs/out/counts/._staging-stage=ingest-0ab35081-97e8-4327-acb6-ead0e5f5db28/part-0",
            null,
            "Read-only file system"));
    assertThat(DamagedTables.translate(write).getMessage())
        .startsWith(
            "Cannot write output: '/nfs/out/counts' could not be written (Read-only file system)"
                + " while 'ingest'"
                + " staged table 'counts': its file system turned read-only while the stage ran;");

    // stats' driver-side CSV copy (DriverFiles), already TraceMine's own failure
    String csv = "/o/._staging-table1_population.csv-a5f01a1e-36b7-4629-8a11-ac8bcc1f2a1c";
    TraceMineException driver =
        new TraceMineException(
            "Cannot write '" + csv + "'", new FileNotFoundException(csv + " (Permission denied)"));
    Throwable translated = DamagedTables.translate(driver);
    assertThat(translated).isInstanceOf(InvalidConfigException.class).hasCause(driver);
    assertThat(translated.getMessage())
        .startsWith(
            "Cannot write output: '/o' could not be written (Permission denied) while 'stats'"
                + " staged table 'table1_population':");
    assertThat(TraceMine.exitCode(translated)).isEqualTo(TraceMine.EXIT_BAD_CONFIG);

    // a refusal that names no staging path (an input, Spark's local directories) is left alone
    RuntimeException input =
        new RuntimeException("Job aborted", new AccessDeniedException("/data/Posts.xml"));
    assertThat(DamagedTables.translate(input)).isSameAs(input);
    TraceMineException own = new TraceMineException("Cannot write '/x/report.html'");
    assertThat(DamagedTables.translate(own)).isSameAs(own);
  }

  /** Every visible file of {@code out} (tables, manifests) by its digest: the committed output. */
  private static Map<String, String> digests(Path out) throws Exception {
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = out.relativize(f).toString();
        if (!name.startsWith(".") && !name.equals("_LOCK.json")) {
          digests.put(
              name,
              HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
        }
      }
    }
    return digests;
  }

  /** The sorted rows of mine's tables. */
  private static Map<String, List<String>> rows(Path out) {
    SparkSession spark = SharedSpark.session();
    Map<String, List<String>> rows = new TreeMap<>();
    for (String table : List.of("patterns", "pattern_items", "pattern_traces")) {
      rows.put(
          table,
          spark.read().parquet(out.resolve(table).toString()).collectAsList().stream()
              .map(Row::toString)
              .sorted()
              .toList());
    }
    return rows;
  }
}
