package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.TraceMineException;
import io.tracemine.ingest.ReadFailures;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/** A write on a full disk is one line naming the table, not Spark's job-failure line. */
class FullDiskTest {
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
}
