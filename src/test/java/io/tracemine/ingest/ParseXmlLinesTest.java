package io.tracemine.ingest;

import static io.tracemine.ingest.PostsFixtures.KERAS;
import static io.tracemine.testing.Serialization.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.ingest.InputFiles.InputFile;
import io.tracemine.ingest.ParseXmlLines.LineRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a dump by lines in ranges, without Spark: the tasks' function called directly. */
class ParseXmlLinesTest {
  private static final int BOUND = 1 << 10;
  @TempDir Path dir;

  private static String dump() {
    StringBuilder sb =
        new StringBuilder("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<posts>\n");
    for (int i = 1; i <= 40; i++) {
      String row =
          i % 2 == 1 ? PostsFixtures.question(i, KERAS, i) : PostsFixtures.answer(i, i - 1);
      sb.append(i == 17 ? row.replace("q17", "y".repeat(2 * BOUND)) : row);
      sb.append(i % 3 == 0 ? "\r\n" : i % 5 == 0 ? "\r" : "\n");
    }
    return sb.append("  <row Id=\"41\" cut").toString();
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static InputFile input(Path file) throws IOException {
    return new InputFile(file.toUri().toString(), Files.size(file));
  }

  /** Every row the tasks give, each as "Id | reject reason". */
  private static List<String> read(
      ParseXmlDocuments.Table table, List<InputFile> files, long splitBytes) throws Exception {
    Configuration conf = new Configuration();
    ParseXmlLines function = roundTrip(new ParseXmlLines(conf, BOUND, table));
    List<String> rows = new ArrayList<>();
    for (List<LineRange> task :
        ParseXmlLines.tasks(ParseXmlLines.ranges(files, conf, splitBytes), splitBytes, 4)) {
      function.call(task).forEachRemaining(r -> rows.add(describe(r)));
    }
    rows.sort(null);
    return rows;
  }

  private static String describe(Row row) {
    return row.get(0) + " | " + row.get(RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON));
  }

  @Test
  void theRowsAreTheSameWhateverTheRangesAndEachLineOverTheBoundIsOneReject() throws Exception {
    List<InputFile> files = List.of(input(file("Posts.xml", dump())));
    List<String> whole = read(ParseXmlDocuments.Table.POSTS, files, Long.MAX_VALUE);
    assertThat(whole).hasSize(41);
    assertThat(whole)
        .contains(
            "17 | malformed XML row: the row is longer than 1024 bytes (its line, at byte 2311,"
                + " has 2204 bytes)",
            "40 | null");
    assertThat(whole).anyMatch(r -> r.startsWith("41 | malformed XML row: invalid XML"));
    for (long split : List.of(1L, 2L, 7L, 64L, 100L, 1000L, 2500L)) {
      assertThat(read(ParseXmlDocuments.Table.POSTS, files, split))
          .as("split " + split)
          .isEqualTo(whole);
    }
  }

  @Test
  void aCompressedFileIsOneRangeAndReadsAsThePlainOne() throws Exception {
    Path gz = dir.resolve("Posts.xml.gz");
    try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(dump().getBytes(StandardCharsets.UTF_8));
    }
    List<InputFile> compressed = List.of(input(gz));
    assertThat(ParseXmlLines.ranges(compressed, new Configuration(), 100))
        .extracting(LineRange::compressed)
        .containsExactly(true);
    assertThat(read(ParseXmlDocuments.Table.POSTS, compressed, 100))
        .isEqualTo(
            read(ParseXmlDocuments.Table.POSTS, List.of(input(file("Posts.xml", dump()))), 100));
  }

  @Test
  void postLinksLinesAreReadAsLinks() throws Exception {
    Path links =
        file(
            "PostLinks.xml",
            "<postlinks>\n  <row Id=\"1\" PostId=\"5\" RelatedPostId=\"4\" LinkTypeId=\"3\" />\n"
                + "  <row Id=\"2\" PostId=\"x\" />\n</postlinks>\n");
    List<String> rows = new ArrayList<>();
    new ParseXmlLines(new Configuration(), BOUND, ParseXmlDocuments.Table.POSTLINKS)
        .call(ParseXmlLines.ranges(List.of(input(links)), new Configuration(), 1 << 20))
        .forEachRemaining(r -> rows.add(r.toString()));
    assertThat(rows)
        .containsExactly(
            "[1,null,5,4,3,null,null]",
            "[2,null,null,null,null,bad PostId 'x',<row Id=\"2\" PostId=\"x\" />]");
  }

  /** Ranges cover each file's bytes once, and tasks hold each range once, largest first. */
  @Test
  void rangesCoverEachFileOnceAndTasksAreFilledAsSparkFillsThem() {
    List<InputFile> files =
        List.of(
            new InputFile("file:/d/a.xml", 250),
            new InputFile("file:/d/b.xml", 0),
            new InputFile("file:/d/c.xml", 40),
            new InputFile("file:/d/d.xml.gz", 300));
    List<LineRange> ranges = ParseXmlLines.ranges(files, new Configuration(), 100);
    assertThat(ranges)
        .extracting(r -> r.file().substring(8) + " " + r.start() + "-" + r.end())
        .containsExactly(
            "a.xml 0-100",
            "a.xml 100-200",
            "a.xml 200-250",
            "b.xml 0-0",
            "c.xml 0-40",
            "d.xml.gz 0-300");
    List<List<LineRange>> tasks = ParseXmlLines.tasks(ranges, 100, 4);
    assertThat(tasks.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(ranges);
    assertThat(tasks)
        .extracting(t -> t.stream().map(r -> r.file().substring(8) + "@" + r.start()).toList())
        .containsExactly(
            List.of("d.xml.gz@0"),
            List.of("a.xml@0"),
            List.of("a.xml@100"),
            List.of("a.xml@200", "c.xml@0", "b.xml@0"));
  }

  /** A task runs where the block holding most of its first range is, as Spark places a split. */
  @Test
  void aRangeIsPlacedOnTheHostsOfTheBlockHoldingMostOfIt() {
    BlockLocation[] blocks = {
      new BlockLocation(null, new String[] {"a1", "a2"}, 0, 100),
      new BlockLocation(null, new String[] {"b1", "b2"}, 100, 100),
      new BlockLocation(null, new String[] {"c1"}, 200, 100)
    };
    assertThat(ParseXmlLines.hostsHolding(new LineRange("f", 90, 180, false), blocks))
        .containsExactly("b1", "b2");
    assertThat(ParseXmlLines.hostsHolding(new LineRange("f", 0, 300, true), blocks))
        .containsExactly("a1", "a2");
    assertThat(
            ParseXmlLines.hostsHolding(
                new LineRange("f", 0, 10, false),
                new BlockLocation[] {new BlockLocation(null, new String[] {"localhost"}, 0, 10)}))
        .isEmpty();
    assertThat(ParseXmlLines.hostsHolding(new LineRange("f", 0, 10, false), new BlockLocation[0]))
        .isEmpty();
  }

  @Test
  void theSplitSizeIsSparksFromTheInputsSize() {
    List<InputFile> files = List.of(new InputFile("a", 1000), new InputFile("b", 3000));
    assertThat(ParseXmlLines.splitBytes(files, 1 << 27, 4, 2)).isEqualTo((1000L + 3000 + 8) / 2);
    assertThat(ParseXmlLines.splitBytes(files, 1000, 4, 2)).isEqualTo(1000L);
    assertThat(ParseXmlLines.splitBytes(files, 1 << 27, 4 << 20, 2))
        .isEqualTo((4000L + 2 * (4L << 20)) / 2);
    assertThat(ParseXmlLines.splitBytes(List.of(new InputFile("c", 10)), 1 << 27, 4 << 20, 2))
        .isEqualTo(4L << 20);
    // no open cost and fewer bytes than cores: still a byte per range, never an endless cut
    assertThat(ParseXmlLines.splitBytes(List.of(new InputFile("d", 1)), 1 << 27, 0, 2))
        .isEqualTo(1L);
  }
}
