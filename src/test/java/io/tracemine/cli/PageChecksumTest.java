package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.SharedSpark;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A byte changed inside a data page of an input table, its footer kept (so its row count and the
 * manifest agree), is caught by the page's CRC: exit 3 naming the table and the file, not a run on
 * another value.
 */
@ExtendWith(SharedSpark.class)
class PageChecksumTest {
  private final CliRunner cli = new CliRunner();

  @Test
  void aByteFlippedInADataPageOfAnInputTableIsNamedWithItsTableAndFile(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out");
    cli.ingestAndExtractSmallPosts(out);
    Path file;
    try (Stream<Path> files = Files.walk(out.resolve("traces"))) {
      file = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().get();
    }
    // a disk or object store without Hadoop's .crc files (HDFS keeps its own; GCS, S3 do not)
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    long offset = middleOfFirstDataPage(file, "function");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      int b = raf.read();
      raf.seek(offset);
      raf.write(b ^ 0x01);
    }

    int code = cli.execute("mine", "--output", out.toString(), "--quiet");

    assertThat(code).as(cli.err()).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(cli.err())
        .contains(
            "Cannot read table 'traces': its file '"
                + file
                + "' is damaged (ParquetDecodingException: could not verify page integrity, CRC"
                + " checksum verification failed); rerun 'extract', the stage that writes table"
                + " 'traces' (./submit.sh extract --output "
                + out
                + ", with the run's other options)");
    assertThat(out.resolve("_COMMITTED-mine.json")).doesNotExist();
  }

  /** The file offset of the middle of the first data page of the column named {@code leaf}. */
  private static long middleOfFirstDataPage(Path file, String leaf) throws Exception {
    var in =
        HadoopInputFile.fromPath(
            new org.apache.hadoop.fs.Path(file.toUri()),
            new org.apache.hadoop.conf.Configuration());
    try (ParquetFileReader reader = ParquetFileReader.open(in);
        var stream = in.newStream()) {
      for (var column : reader.getFooter().getBlocks().get(0).getColumns()) {
        String[] path = column.getPath().toArray();
        if (!path[path.length - 1].equals(leaf)) {
          continue;
        }
        long pos = column.getStartingPos();
        while (pos < column.getStartingPos() + column.getTotalSize()) {
          stream.seek(pos);
          PageHeader header = Util.readPageHeader(stream);
          assertThat(header.isSetCrc()).as("the writer stored the page's CRC").isTrue();
          if (header.getType() == PageType.DATA_PAGE || header.getType() == PageType.DATA_PAGE_V2) {
            return stream.getPos() + header.getCompressed_page_size() / 2;
          }
          pos = stream.getPos() + header.getCompressed_page_size();
        }
      }
    }
    throw new AssertionError("no data page of column '" + leaf + "' in " + file);
  }
}
