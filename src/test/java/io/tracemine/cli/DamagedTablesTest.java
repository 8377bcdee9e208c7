package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tracemine.MalformedInputException;
import io.tracemine.TraceMineException;
import io.tracemine.spark.SharedSpark;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A damaged file of an output table fails as one line naming the table and the file (exit 3). */
@ExtendWith(SharedSpark.class)
class DamagedTablesTest {

  /**
   * A non-ASCII path under the C locale: before, exit 1 with Java's "Malformed input or input
   * contains unmappable characters: /d/donn??es/Posts.xml" (hostile sweep 7, F4).
   */
  @Test
  void aPathTheFileNameEncodingCannotHoldNamesTheLocale() {
    RuntimeException failure =
        new RuntimeException(
            new java.nio.file.InvalidPathException(
                "/d/donn??es/Posts.xml",
                "Malformed input or input contains unmappable characters"));
    Throwable translated = DamagedTables.translate(failure);
    assertThat(translated)
        .isInstanceOf(io.tracemine.InvalidConfigException.class)
        .hasMessage(
            "Cannot use the path '/d/donn??es/Posts.xml': it cannot be written in this JVM's"
                + " file-name encoding (sun.jnu.encoding="
                + System.getProperty("sun.jnu.encoding")
                + ", from the locale); run under a UTF-8 locale (LANG=C.UTF-8; submit.sh chooses"
                + " one when the locale's encoding is not UTF-8)");
    assertThat(TraceMine.exitCode(translated)).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
  }

  @Test
  void aTruncatedFileOfAPartitionedTableIsNamedWithItsTable(@TempDir Path dir) throws IOException {
    SparkSession spark = SharedSpark.session();
    Path table = dir.resolve("traces");
    Path file = halvedFileOfAPartitionedTable(spark, table);
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));

    Throwable failure = catchThrowable(() -> spark.read().parquet(table.toString()).count());
    assertThat(failure).isNotNull().isNotInstanceOf(TraceMineException.class);
    Throwable translated = DamagedTables.translate(failure);

    assertThat(translated).isInstanceOf(MalformedInputException.class).hasCause(failure);
    assertThat(translated.getMessage())
        .startsWith("Cannot read table 'traces': its file '" + file + "' is damaged (")
        .endsWith(
            "); rerun 'extract', the stage that writes table 'traces' (./submit.sh extract"
                + " --output "
                + dir
                + ", with the run's other options)")
        .doesNotContain("\n");
    assertThat(TraceMine.exitCode(translated)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
  }

  @Test
  void aFileChangedBesideItsStaleChecksumIsNamedWithItsTable(@TempDir Path dir) throws IOException {
    SparkSession spark = SharedSpark.session();
    Path table = dir.resolve("traces");
    Path file = halvedFileOfAPartitionedTable(spark, table);
    // Hadoop's local file system checks the file against its .crc, which is now stale: Spark's
    // failure is then a ChecksumException without its "error while reading file" wrapper
    assertThat(file.resolveSibling("." + file.getFileName() + ".crc")).exists();

    Throwable failure = catchThrowable(() -> spark.read().parquet(table.toString()).count());
    assertThat(failure).isNotNull().isNotInstanceOf(TraceMineException.class);
    Throwable translated = DamagedTables.translate(failure);

    assertThat(translated).isInstanceOf(MalformedInputException.class).hasCause(failure);
    assertThat(translated.getMessage())
        .startsWith(
            "Cannot read table 'traces': its file '"
                + file
                + "' is damaged (ChecksumException: Checksum error: ")
        .endsWith(
            "); rerun 'extract', the stage that writes table 'traces' (./submit.sh extract"
                + " --output "
                + dir
                + ", with the run's other options)")
        .doesNotContain("\n");
    assertThat(TraceMine.exitCode(translated)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
  }

  @Test
  void otherFailuresAndTranslatedOnesAreKept() {
    var plain = new IllegalStateException("boom");
    assertThat(DamagedTables.translate(plain)).isSameAs(plain);
    var translated =
        new MalformedInputException(
            "Cannot read posts: 'x' cannot be read",
            new RuntimeException("Encountered error while reading file file:/x. Details: "));
    assertThat(DamagedTables.translate(translated)).isSameAs(translated);
  }

  /** A task that fails as mine does on a trace id listed twice. */
  private static final class DuplicateTraceId
      implements org.apache.spark.api.java.function.ForeachPartitionFunction<Long> {
    @Override
    public void call(java.util.Iterator<Long> rows) {
      throw new MalformedInputException(
          "Cannot mine library 'nltk': trace_id '1-0-0' appears in two rows");
    }
  }

  @Test
  void aStagesOwnErrorRaisedInATaskIsTheErrorNotSparksJobFailure() {
    SparkSession spark = SharedSpark.session();
    Throwable failure =
        catchThrowable(() -> spark.range(4).coalesce(1).foreachPartition(new DuplicateTraceId()));
    assertThat(failure).isNotNull().isNotInstanceOf(TraceMineException.class);
    assertThat(failure.getMessage()).startsWith("Job aborted due to stage failure");

    Throwable translated = DamagedTables.translate(failure);

    assertThat(translated)
        .isInstanceOf(MalformedInputException.class)
        .hasMessage("Cannot mine library 'nltk': trace_id '1-0-0' appears in two rows");
    assertThat(TraceMine.exitCode(translated)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
  }

  @Test
  void theTableIsTheNearestFolderThatIsNotAPartition() {
    assertThat(DamagedTables.table("/out/rejects/stage=ingest/part-0.parquet"))
        .isEqualTo("rejects");
    assertThat(DamagedTables.table("/out/table1_population/part-0.parquet"))
        .isEqualTo("table1_population");
    assertThat(DamagedTables.table("/out/posts/creation_month=2020-01/part-0.parquet"))
        .isEqualTo("posts");
  }

  /** Writes a month-partitioned table at {@code table} and cuts its first file in half. */
  private static Path halvedFileOfAPartitionedTable(SparkSession spark, Path table)
      throws IOException {
    spark
        .sql("SELECT id, CAST(id % 2 AS STRING) AS creation_month FROM range(100)")
        .write()
        .partitionBy("creation_month")
        .parquet(table.toString());
    Path file;
    try (Stream<Path> files = Files.walk(table)) {
      file =
          files
              .filter(p -> p.getFileName().toString().endsWith(".parquet"))
              .sorted()
              .findFirst()
              .orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    return file;
  }
}
