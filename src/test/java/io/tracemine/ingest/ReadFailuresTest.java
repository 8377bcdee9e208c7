package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadFailuresTest {
  @Test
  void findsTheFileInEveryFormSparkAndHadoopNameIt() {
    assertThat(
            ReadFailures.fileNamedIn(
                "Encountered error while reading file file:///d/t/part-0.parquet. Details:"))
        .isEqualTo("file:///d/t/part-0.parquet");
    assertThat(
            ReadFailures.fileNamedIn(
                "[CANNOT_READ_FILE_FOOTER] Could not read footer for file: file:/d/t/p.parquet."
                    + " Please ensure that the file is in either ORC or Parquet format."))
        .isEqualTo("file:/d/t/p.parquet");
    assertThat(ReadFailures.fileNamedIn("Checksum error: file:/d/t/p.parquet at 0 exp: 1 got: 2"))
        .isEqualTo("file:/d/t/p.parquet");
    assertThat(
            ReadFailures.fileNamedIn(
                "java.lang.RuntimeException: file:/d/links/part-1.snappy.parquet is not a Parquet"
                    + " file. Expected magic number at tail, but found [15, 13, 8, 0]"))
        .isEqualTo("file:/d/links/part-1.snappy.parquet");
    assertThat(
            ReadFailures.fileNamedIn(
                "org.apache.spark.SparkException: Parquet column cannot be converted in file"
                    + " file:///d/mixed/b.parquet. Column: [CreationDate], Expected: timestamp,"
                    + " Found: INT64."))
        .as("before: the run ended with Spark's 'Job aborted …' line")
        .isEqualTo("file:///d/mixed/b.parquet");
  }

  @Test
  void aMessageNamingNoFileGivesNull() {
    assertThat(ReadFailures.fileNamedIn("Job aborted due to stage failure: OutOfMemoryError"))
        .isNull();
    assertThat(ReadFailures.fileNamedIn(null)).isNull();
  }
}
