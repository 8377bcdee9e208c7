package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.ingest.InputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchMatchFormatTest {
  /**
   * {@code --format auto} on a directory goes by its files' names: before, a directory of
   * JSON-lines files was read as Parquet and called damaged ("rerun the stage that writes the
   * table", hostile sweep 7, F7).
   */
  @Test
  void autoReadsADirectoryByItsFilesNames(@TempDir Path dir) throws Exception {
    Path json = Files.createDirectories(dir.resolve("json"));
    Files.writeString(json.resolve("a.jsonl"), "{}\n");
    Files.writeString(json.resolve("b.jsonl.gz"), "");
    Files.writeString(json.resolve("_SUCCESS"), "");
    assertThat(BatchMatch.format(json.toString(), "auto", listed(json.toString())))
        .isEqualTo("json");
    Path csv = Files.createDirectories(dir.resolve("csv"));
    Files.writeString(csv.resolve("part-0.csv"), "id,text\n");
    assertThat(BatchMatch.format(csv.toString(), "auto", listed(csv.toString()))).isEqualTo("csv");
    Path mixed = Files.createDirectories(dir.resolve("mixed"));
    Files.writeString(mixed.resolve("a.csv"), "");
    Files.writeString(mixed.resolve("b.jsonl"), "");
    assertThat(BatchMatch.format(mixed.toString(), "auto", listed(mixed.toString())))
        .isEqualTo("parquet");
    assertThat(BatchMatch.format("/d/logs.csv.gz", "auto", listed("/d/logs.csv.gz")))
        .isEqualTo("csv");
    assertThat(BatchMatch.format("/d/none/table", "auto", listed("/d/none/table")))
        .isEqualTo("parquet");
    assertThat(BatchMatch.format(json.toString(), "csv", listed(json.toString()))).isEqualTo("csv");
  }

  private static List<String> listed(String path) {
    return InputFiles.filesSparkLists("--input", path, new Configuration());
  }
}
