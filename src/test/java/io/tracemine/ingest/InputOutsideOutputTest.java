package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An input in an entry of the output directory that a stage replaces is refused before any work.
 */
class InputOutsideOutputTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "posts/Posts.xml",
        "posts",
        "report/dump/Posts.xml",
        "counts/stage=ingest/x.xml",
        "rejects/a.xml",
        "questions/q.parquet",
        "match_index/x.xml",
        "table3_popularity/x.xml",
        "._staging-posts/x.xml",
        "_failed/x.xml"
      })
  void anInputInAnEntryTheStagesReplaceIsRefusedNamingIt(String below) {
    Path out = dir.resolve("out");
    String input = out.resolve(below).toString();
    String entry = below.substring(0, below.contains("/") ? below.indexOf('/') : below.length());
    assertThatThrownBy(
            () -> InputOutsideOutput.require("posts", "source.path", input, out.toString()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("Cannot read posts: '" + input + "' (source.path) lies in '")
        .hasMessageContaining(out.resolve(entry) + "', an entry of the output directory that")
        .hasMessageContaining("move the input out of it");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Posts.xml", "dumps/Posts.xml", "posts-2024/Posts.xml", "postsx/a.xml"})
  void anInputElsewhereInTheOutputIsRead(String below) {
    Path out = dir.resolve("out");
    InputOutsideOutput.require(
        "posts", "source.path", out.resolve(below).toString(), out.toString());
    assertThat(InputOutsideOutput.entryBelow(out.resolve(below).toString(), out.toString()))
        .isEqualTo(below.substring(0, below.contains("/") ? below.indexOf('/') : below.length()));
  }

  /**
   * The output directory given as the input (or reached through a link, or another file system's
   * URI) is refused before any work: the tables would be written among the input's files and read
   * as input by every later run (hostile sweep 9).
   */
  @Test
  void theOutputDirectoryAsTheInputIsRefused() throws IOException {
    Path out = Files.createDirectories(dir.resolve("in"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), out);
    for (String[] pair :
        new String[][] {
          {out.toString(), out.toString()},
          {out + "/", out.toString()},
          {"file:" + out, link.toString()},
          {"hdfs://nn/data/in/", "hdfs://nn/data/in"}
        }) {
      assertThatThrownBy(() -> InputOutsideOutput.require("posts", "source.path", pair[0], pair[1]))
          .as(pair[0] + " into " + pair[1])
          .isInstanceOf(InvalidConfigException.class)
          .hasMessage(
              "Cannot read posts: '"
                  + pair[0]
                  + "' (source.path) is the output directory, where the stages write their"
                  + " tables among the input's files (the next run would read them as input);"
                  + " choose another output directory");
    }
  }

  @Test
  void pathsOutsideTheOutputOrOnAnotherFileSystemHaveNoEntry() {
    Path out = dir.resolve("out");
    assertThat(InputOutsideOutput.entryBelow(dir.resolve("posts/P.xml").toString(), out.toString()))
        .isNull();
    assertThat(InputOutsideOutput.entryBelow(out.toString(), out.toString())).isNull();
    assertThat(InputOutsideOutput.entryBelow(dir.resolve("out2/posts").toString(), out.toString()))
        .isNull();
    assertThat(InputOutsideOutput.entryBelow("hdfs://nn/data/out/posts/P.xml", out.toString()))
        .isNull();
    assertThat(
            InputOutsideOutput.entryBelow("hdfs://nn/data/out/posts/P.xml", "hdfs://nn/data/out"))
        .isEqualTo("posts");
    assertThat(InputOutsideOutput.entryBelow("hdfs://nn/data/out2/posts", "hdfs://nn/data/out/"))
        .isNull();
    assertThat(InputOutsideOutput.entryBelow("hdfs://other/data/out/posts", "hdfs://nn/data/out"))
        .isNull();
  }

  @Test
  void relativeFileAndLinkedPathsAreComparedAsTheyResolve() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.createDirectories(out.resolve("report"));
    assertThat(InputOutsideOutput.entryBelow("file:" + out.resolve("report/P.xml"), out.toString()))
        .isEqualTo("report");
    Path link = Files.createSymbolicLink(dir.resolve("link"), out.resolve("report"));
    assertThat(InputOutsideOutput.entryBelow(link.resolve("P.xml").toString(), out.toString()))
        .isEqualTo("report");
    Path outLink = Files.createSymbolicLink(dir.resolve("outlink"), out);
    assertThat(
            InputOutsideOutput.entryBelow(
                out.resolve("posts/P.xml").toString(), outLink.toString()))
        .isEqualTo("posts");
    Path cwd = Path.of("").toAbsolutePath();
    assertThat(InputOutsideOutput.entryBelow("posts/P.xml", cwd.toString())).isEqualTo("posts");
    assertThat(InputOutsideOutput.entryBelow("posts/P.xml", ".")).isEqualTo("posts");
  }
}
