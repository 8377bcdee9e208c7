package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.TraceMineException;
import io.tracemine.ingest.ReadFailures;
import io.tracemine.spark.SharedSpark;
import io.tracemine.spark.StageCommit;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A write on a full disk is one line naming the table, not Spark's job-failure line. */
@ExtendWith(SharedSpark.class)
class FullDiskTest {
  /**
   * The local file system, where a file whose path holds {@link #full} can be created but not
   * written: its bytes fail with "No space left on device", as a full disk fails them.
   */
  public static final class FullLocalFileSystem extends LocalFileSystem {
    static volatile String full;

    /**
     * Fail as Hadoop's own local file system does: a full disk raised as an {@code FSError} (an
     * {@link Error}), not as an {@link IOException}; also where a folder is copied in.
     */
    static volatile boolean asFsError;

    /**
     * The job commit's {@code _SUCCESS} marker of a staging whose path holds this fails on close
     * with an {@code FSError}, as the driver's last write of a table fails on a full disk.
     */
    static volatile String commitMarkerOf;

    @Override
    public void copyFromLocalFile(
        boolean delSrc,
        boolean overwrite,
        org.apache.hadoop.fs.Path src,
        org.apache.hadoop.fs.Path dst)
        throws IOException {
      String marker = full;
      if (asFsError && marker != null && dst.toUri().getPath().contains(marker)) {
        mkdirs(dst); // the copy had begun
        throw FileSystemErrorTest.fsError(new IOException("No space left on device"));
      }
      super.copyFromLocalFile(delSrc, overwrite, src, dst);
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
      FSDataOutputStream created =
          super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
      String marker = full;
      String closing = commitMarkerOf;
      if (closing != null
          && f.toUri().getPath().contains(closing)
          && f.getName().equals("_SUCCESS")) {
        return new FSDataOutputStream(
            new OutputStream() {
              @Override
              public void write(int b) {}

              @Override
              public void close() throws IOException {
                created.close();
                throw FileSystemErrorTest.fsError(new IOException("No space left on device"));
              }
            },
            null);
      }
      if (marker == null || !f.toUri().getPath().contains(marker)) {
        return created;
      }
      return new FSDataOutputStream(
          new OutputStream() {
            @Override
            public void write(int b) throws IOException {
              IOException noSpace = new IOException("No space left on device");
              if (asFsError) {
                throw FileSystemErrorTest.fsError(noSpace);
              }
              throw noSpace;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              write(0);
            }

            @Override
            public void close() throws IOException {
              created.close();
            }
          },
          null);
    }
  }

  /**
   * A file the driver writes, the match index, on a full disk: one line naming the file, the
   * output, the cause and the stage to rerun, and no staging left (hostile sweep 9). Before: {@code
   * Cannot write: No space left on device (the output directory, or Spark's local directories:
   * spark.local.dir): free space and rerun}, which names none of them.
   */
  @Test
  void aFullDiskUnderADriverWrittenFileNamesTheFileAndTheStage(@TempDir Path out)
      throws IOException {
    StageCommit commit =
        new StageCommit(SharedSpark.session(), out.toString(), "index", "run-1", Map.of());
    assertThatThrownBy(
            () ->
                commit.writeFile(
                    "match_index/index.tmm",
                    file -> {
                      Files.writeString(file, "half an index");
                      throw new UncheckedIOException(
                          "Cannot write the match index " + file,
                          new IOException("No space left on device"));
                    },
                    file -> "digest"))
        .isInstanceOf(TraceMineException.class)
        .hasMessageStartingWith("Cannot write 'match_index/index.tmm' in '")
        .hasMessageEndingWith(
            "': No space left on device while the driver wrote it; the stage did not commit (the"
                + " previous files stand; its staging is removed): free space and rerun 'index'");
    try (Stream<Path> left = Files.walk(out)) {
      assertThat(left.filter(Files::isRegularFile)).isEmpty();
    }
  }

  /**
   * Stats writes a small table's CSV copy on the driver; a full disk there is one line naming the
   * table, its CSV copy, the cause and the stage to rerun, exit 1 as a full disk under a Spark
   * task's write. The copy was staged, so no file of the output changed and no staging is left;
   * with room again the rerun commits. Before: exit 1, {@code Cannot write: No space left on device
   * (the output directory, or Spark's local directories: spark.local.dir): free space and rerun}
   * (univocity's close wrapped the error, so DriverFiles did not name the file), on a real full
   * disk too.
   */
  @Test
  void aFullDiskUnderADriverWrittenCsvCopyNamesTheFileAndTheStage(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out");
    CliRunner cli = new CliRunner();
    cli.ingestAndExtractSmallPosts(out);
    assertThat(cli.execute("mine", "--output", out.toString(), "--quiet")).as(cli.err()).isZero();
    assertThat(cli.execute("stats", "--output", out.toString(), "--quiet")).as(cli.err()).isZero();
    Map<String, Long> before = sizes(out);

    FullLocalFileSystem.full = "/._staging-table3_popularity.csv-";
    int code;
    try {
      code =
          cli.executeOn(FullLocalFileSystem.class, "stats", "--output", out.toString(), "--quiet");
    } finally {
      FullLocalFileSystem.full = null;
    }

    assertThat(code).as(cli.err()).isEqualTo(TraceMine.EXIT_STAGE_FAILED);
    assertThat(cli.err().strip())
        .isEqualTo(
            "tracemine: Cannot write table 'table3_popularity' in '"
                + out
                + "': No space left on device while the driver wrote its CSV copy"
                + " 'table3_popularity.csv'; the stage did not commit (the previous tables stand;"
                + " its staging is removed): free space and rerun 'stats'");
    assertThat(sizes(out)).isEqualTo(before);
    assertThat(CliRunner.names(out)).noneMatch(n -> n.startsWith("._staging"));
    cli.rerunLeavesNoStagingOrLock(out, "stats");
  }

  /**
   * The report's pages are copied into the output by Hadoop's file system, whose local one raises a
   * full disk as an {@code FSError}. Before: exit 1 with a 43-line Java stack trace, as a helper
   * measured on a 9 MB tmpfs; now one line, and the previous report stands.
   */
  @Test
  void aFullDiskUnderTheReportsPagesIsOneLineAndThePreviousReportStands(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out");
    CliRunner cli = new CliRunner();
    cli.ingestAndExtractSmallPosts(out);
    for (String stage : List.of("mine", "index", "stats", "report")) {
      assertThat(cli.execute(stage, "--output", out.toString(), "--quiet")).as(cli.err()).isZero();
    }
    Map<String, Long> before = sizes(out);

    FullLocalFileSystem.full = "/._staging-report-";
    FullLocalFileSystem.asFsError = true;
    int code;
    try {
      code =
          cli.executeOn(FullLocalFileSystem.class, "report", "--output", out.toString(), "--quiet");
    } finally {
      FullLocalFileSystem.full = null;
      FullLocalFileSystem.asFsError = false;
    }

    assertThat(code).as(cli.err()).isEqualTo(TraceMine.EXIT_STAGE_FAILED);
    assertThat(cli.err().strip())
        .startsWith("tracemine: Cannot write the report into " + out)
        .contains("No space left on device")
        .doesNotContain("\tat ", "Exception in thread");
    assertThat(cli.err().strip().lines()).hasSize(1);
    assertThat(sizes(out)).isEqualTo(before);
    assertThat(CliRunner.names(out)).noneMatch(n -> n.startsWith("._staging"));
    cli.rerunLeavesNoStagingOrLock(out, "report");
  }

  /**
   * A table's job commit writes its {@code _SUCCESS} marker on the driver, where Hadoop's local
   * file system raises a full disk as an {@code FSError}. Before: exit 1 with an 80-line Java stack
   * trace from any stage (a helper measured it on a tmpfs filled to within 12 KB); now the line a
   * task's full disk gives, naming the table.
   */
  @Test
  void aFullDiskAtATablesJobCommitIsOneLineNamingTheTable(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    CliRunner cli = new CliRunner();
    cli.ingestAndExtractSmallPosts(out);
    Map<String, Long> before = sizes(out);

    FullLocalFileSystem.commitMarkerOf = "/._staging-patterns-";
    int code;
    try {
      code =
          cli.executeOn(FullLocalFileSystem.class, "mine", "--output", out.toString(), "--quiet");
    } finally {
      FullLocalFileSystem.commitMarkerOf = null;
    }

    assertThat(code).as(cli.err()).isEqualTo(TraceMine.EXIT_STAGE_FAILED);
    assertThat(cli.err().strip())
        .isEqualTo(
            "tracemine: Cannot write table 'patterns' in '"
                + out
                + "': No space left on device; the stage did not commit (the previous tables"
                + " stand; its staging is removed): free space and rerun");
    assertThat(sizes(out)).isEqualTo(before);
    assertThat(CliRunner.names(out)).noneMatch(n -> n.startsWith("._staging"));
    cli.rerunLeavesNoStagingOrLock(out, "mine");
  }

  /** Each visible file of {@code out} by its size and time: a file rewritten shows. */
  private static Map<String, Long> sizes(Path out) throws IOException {
    Map<String, Long> sizes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = out.relativize(f).toString();
        if (!name.startsWith(".") && !name.contains("/.") && !name.equals("_LOCK.json")) {
          sizes.put(name, Files.size(f) * 31 + Files.getLastModifiedTime(f).toMillis());
        }
      }
    }
    return sizes;
  }

  private static RuntimeException sparkWriteFailure(String path, String errno) {
    IOException io = new IOException(errno);
    RuntimeException task =
        new RuntimeException(
            "[TASK_WRITE_FAILED] Task failed while writing rows to file:" + path + ".", io);
    return new RuntimeException(
        "Job aborted due to stage failure: Task 1 in stage 8.0 failed 1 times, most recent"
            + " failure: Lost task 1.0 in stage 8.0 (TID 39) (localhost executor driver):"
            + " org.apache.spark.SparkException: [TASK_WRITE_FAILED] Task failed while writing rows"
            + " to file:"
            + path
            + ".",
        task);
  }

  @Test
  void aWriteOnAFullDiskNamesTheTableAndSaysTheStageDidNotCommit() {
    RuntimeException failure =
        sparkWriteFailure(
            "/mnt/full/c/._staging-pattern_traces-7b5edd2e-d031-490d-b50e-59ef25961995",
            "No space left on device");
    Throwable translated = DamagedTables.translate(failure);
    assertThat(translated).isInstanceOf(TraceMineException.class).hasCause(failure);
    assertThat(translated.getMessage())
        .isEqualTo(
            "Cannot write table 'pattern_traces' in '/mnt/full/c': No space left on device; the"
                + " stage did not commit (the previous tables stand; its staging is removed): free"
                + " space and rerun");
    assertThat(TraceMine.exitCode(translated)).isEqualTo(TraceMine.EXIT_STAGE_FAILED);
  }

  /**
   * Ingest's write goes through the input's translation first ({@link ReadFailures}), which carries
   * Spark's checked exception unchecked; the full disk under it (a Hadoop {@code FSError} in a real
   * run) is still what the user reads, once.
   */
  @Test
  void aFullDiskUnderIngestsWriteIsNamedAfterTheInputsTranslation() {
    String staging = "/o/._staging-posts-5c6b854b-9b8a-47cd-92af-dbedaf4a73e2";
    Error fsError = new Error(new IOException("No space left on device"));
    SparkException task =
        new SparkException(
            "[TASK_WRITE_FAILED] Task failed while writing rows to file:" + staging + ".", fsError);
    SparkException job =
        new SparkException(
            "Job aborted due to stage failure: Task 0 in stage 87.0 failed 1 times, most recent"
                + " failure: Lost task 0.0 in stage 87.0 (TID 864) (localhost executor driver):"
                + " org.apache.spark.SparkException: [TASK_WRITE_FAILED] Task failed while writing"
                + " rows to file:"
                + staging
                + ".",
            task);
    RuntimeException fromIngest = ReadFailures.translate(job, List.of(), new Configuration());
    assertThat(fromIngest).isNotInstanceOf(TraceMineException.class).hasCause(job);
    assertThat(DamagedTables.translate(fromIngest).getMessage())
        .isEqualTo(
            "Cannot write table 'posts' in '/o': No space left on device; the stage did not commit"
                + " (the previous tables stand; its staging is removed): free space and rerun");
    RuntimeException other =
        ReadFailures.translate(
            new SparkException("Job aborted due to stage failure: boom\nat x"),
            List.of(),
            new Configuration());
    assertThat(DamagedTables.translate(other).getMessage())
        .isEqualTo("Job aborted due to stage failure: boom");
  }

  @Test
  void aQuotaOrASparkLocalDirectoryIsNamedToo() {
    Throwable rejects =
        DamagedTables.translate(
            sparkWriteFailure(
                "/o/rejects/._staging-stage=ingest-0ab35081-97e8-4327-acb6-ead0e5f5db28",
                "Disk quota exceeded"));
    assertThat(rejects.getMessage())
        .startsWith("Cannot write table 'rejects' in '/o': Disk quota exceeded;");
    Throwable shuffle =
        DamagedTables.translate(
            new RuntimeException("Job aborted", new IOException("No space left on device")));
    assertThat(shuffle.getMessage())
        .isEqualTo(
            "Cannot write: No space left on device (the output directory, or Spark's local"
                + " directories: spark.local.dir): free space and rerun");
    RuntimeException other = new RuntimeException("Job aborted", new IOException("Broken pipe"));
    assertThat(DamagedTables.translate(other)).isSameAs(other);
  }

  /**
   * A per-process file-size limit ({@code ulimit -f}) fails a write with EFBIG. Before: Spark's
   * start, copying the application jar, ended with {@code tracemine: File too large} and no hint of
   * the limit (hostile sweep 6, F10).
   */
  @Test
  void aFileSizeLimitIsNamedWithTheLimitToRaise() {
    Throwable atStart =
        DamagedTables.translate(
            new IllegalStateException(
                "Error initializing SparkContext", new IOException("File too large")));
    assertThat(atStart.getMessage())
        .isEqualTo(
            "Cannot write: File too large (the output directory, or Spark's local directories:"
                + " spark.local.dir): a file outgrew this process's file-size limit: raise it"
                + " (ulimit -f unlimited) and rerun");
    Throwable staged =
        DamagedTables.translate(
            sparkWriteFailure(
                "/o/._staging-traces-7b5edd2e-d031-490d-b50e-59ef25961995", "File too large"));
    assertThat(staged.getMessage())
        .startsWith("Cannot write table 'traces' in '/o': File too large; the stage did not commit")
        .endsWith("raise it (ulimit -f unlimited) and rerun");
  }
}
