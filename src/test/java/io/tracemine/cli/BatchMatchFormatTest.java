package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
    assertThat(BatchMatch.format(json.toString(), "auto")).isEqualTo("json");
    Path csv = Files.createDirectories(dir.resolve("csv"));
    Files.writeString(csv.resolve("part-0.csv"), "id,text\n");
    assertThat(BatchMatch.format(csv.toString(), "auto")).isEqualTo("csv");
    Path mixed = Files.createDirectories(dir.resolve("mixed"));
    Files.writeString(mixed.resolve("a.csv"), "");
    Files.writeString(mixed.resolve("b.jsonl"), "");
    assertThat(BatchMatch.format(mixed.toString(), "auto")).isEqualTo("parquet");
    assertThat(BatchMatch.format("/d/logs.csv.gz", "auto")).isEqualTo("csv");
    assertThat(BatchMatch.format("/d/none/table", "auto")).isEqualTo("parquet");
    assertThat(BatchMatch.format(json.toString(), "csv")).isEqualTo("csv");
  }
}
