package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SourceGuessTest {
  @TempDir Path dir;

  @Test
  void xmlFilesAndDirectoriesOfThem() throws Exception {
    assertThat(SourceGuess.of("/data/Posts.xml")).isEqualTo(SourceOptions.Source.xml);
    assertThat(SourceGuess.of("gs://bucket/dump/Posts.XML.gz")).isEqualTo(SourceOptions.Source.xml);
    assertThat(SourceGuess.of("/data/Posts.xml.bz2")).isEqualTo(SourceOptions.Source.xml);
    Path dump = Files.createDirectories(dir.resolve("dump/2024"));
    Files.writeString(dump.resolve("Posts-1.xml.gz"), "");
    Files.writeString(dir.resolve("dump/README"), "");
    assertThat(SourceGuess.of(dir.resolve("dump").toString())).isEqualTo(SourceOptions.Source.xml);
  }

  @Test
  void parquetFilesAndTables() throws Exception {
    assertThat(SourceGuess.of("hdfs://nn/sotorrent/part-0.parquet"))
        .isEqualTo(SourceOptions.Source.parquet);
    Path table = Files.createDirectories(dir.resolve("Posts"));
    Files.writeString(table.resolve("part-00000-abc.snappy.parquet"), "");
    assertThat(SourceGuess.of(table.toString())).isEqualTo(SourceOptions.Source.parquet);
    Path empty = Files.createDirectories(dir.resolve("Empty"));
    Files.writeString(empty.resolve("_SUCCESS"), "");
    assertThat(SourceGuess.of("file:" + empty)).isEqualTo(SourceOptions.Source.parquet);
  }

  @Test
  void anythingElseIsRefusedInOneLine() throws Exception {
    Path csv = Files.writeString(dir.resolve("posts.csv"), "");
    assertThatThrownBy(() -> SourceGuess.of(csv.toString()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot tell what kind of input '"
                + csv
                + "' is (not a .xml/.xml.gz/.xml.bz2 file, nor "
                + "Parquet, nor a directory of them): add --source=xml or --source=parquet");
    assertThatThrownBy(() -> SourceGuess.of("gs://bucket/posts"))
        .hasMessageContaining("add --source=xml");
    assertThatThrownBy(() -> SourceGuess.of(dir.resolve("missing").toString()))
        .hasMessageContaining("Cannot tell what kind of input");
  }

  @Test
  void anExplicitSourceWinsAndNoInputKeepsTheConfiguredSource() {
    var overrides = new TreeMap<String, String>();
    options("--source", "parquet", "--input", "/d/Posts.xml").addTo(overrides);
    assertThat(overrides).containsEntry("source.type", "parquet");
    overrides.clear();
    options("--input", "/d/Posts.xml").addTo(overrides);
    assertThat(overrides).containsEntry("source.type", "xml");
    overrides.clear();
    options().addTo(overrides);
    assertThat(overrides).doesNotContainKey("source.type");
  }

  @Test
  void aWrongSourceIsOneLineListingTheValidOnes() {
    StringWriter err = new StringWriter();
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute("ingest", "--source", "bq")).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(err.toString())
        .isEqualTo(
            "tracemine: Invalid value for option '--source': expected one of [sample, xml, parquet,"
                + " bigquery] (case-sensitive) but was 'bq' (see 'tracemine ingest --help')"
                + System.lineSeparator());
  }

  @Test
  void anInputOfUnknownKindFailsWithExit2BeforeAnyWork() throws Exception {
    StringWriter err = new StringWriter();
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err));
    Path csv = Files.writeString(dir.resolve("posts.csv"), "");
    assertThat(
            cl.execute(
                "ingest", "--input", csv.toString(), "--output", dir.resolve("out").toString()))
        .isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("tracemine: Cannot tell what kind");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  private static SourceOptions options(String... args) {
    SourceOptions options = new SourceOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }
}
