package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.config.TestSettings;
import io.tracemine.spark.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Duplicates, invalid UTF-8 and oversized bodies: each row accounted for, nothing altered. */
@ExtendWith(SharedSpark.class)
class IngestIntegrityTest {
  private static final String KERAS = PostsFixtures.KERAS;

  private final SparkSession spark = SharedSpark.session();

  IngestStage.IngestResult ingest(Path input, int partitions, Map<String, String> extra) {
    Map<String, String> overrides = new HashMap<>(extra);
    overrides.put("source.type", "xml");
    overrides.put("source.path", input.toString());
    overrides.put("source.partitions", Integer.toString(partitions));
    IngestConfig config = IngestConfig.from(TestSettings.withOverrides(null, overrides), Map.of());
    return new IngestStage(spark, config).run(new PostsSource(spark, config).read());
  }

  @Test
  void keepsOneRowPerIdAndCountsEveryTermFromItsOwnRows(@TempDir Path dir) throws IOException {
    var result =
        ingest(PostsFixtures.write(dir, "Posts.xml", PostsFixtures.duplicatedRows()), 0, Map.of());

    assertThat(result.counts())
        .containsEntry("rows_read", 13L)
        .containsEntry("questions_selected", 2L)
        .containsEntry("answers_selected", 3L)
        .containsEntry("not_selected", 2L)
        .containsEntry("rejected", 6L)
        .containsEntry("rejected_duplicate_id", 4L)
        .containsEntry("rejected_duplicate_identical", 3L)
        .containsEntry("rejected_invalid_utf8", 0L)
        .containsEntry("rejected_body_too_large", 0L);
    PostsFixtures.assertEveryRowAccounted(result.counts());

    List<Row> posts = result.posts().collectAsList();
    assertThat(posts).extracting(r -> r.getLong(0)).containsExactly(100L, 101L, 102L, 103L, 300L);
    assertThat(posts.get(0).getInt(posts.get(0).fieldIndex("Score")))
        .as("smallest copy kept")
        .isEqualTo(1);

    List<String> rejects =
        result.rejects().collectAsList().stream()
            .map(r -> r.getString(2) + " | " + r.getString(3) + " | " + r.getString(4))
            .filter(s -> s.contains("duplicate Id"))
            .toList();
    assertThat(rejects)
        .containsExactly(
            "100 | duplicate Id | differs from the kept copy in: Score",
            "100 | duplicate Id | identical to the kept copy",
            "103 | duplicate Id | identical to the kept copy",
            "200 | duplicate Id | identical to the kept copy");
  }

  @Test
  void aDumpWrittenOnOneLineOrOverLinesGivesTheSameTablesAsOneRowPerLine(@TempDir Path dir)
      throws IOException {
    Path lines = PostsFixtures.write(dir, "Posts.xml", PostsFixtures.duplicatedRows());
    var byLines = ingest(lines, 0, Map.of());
    Path other = Files.createDirectories(dir.resolve("other"));
    String oneLine =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><posts>"
            + String.join("", PostsFixtures.duplicatedRows().subList(0, 6))
            + "</posts>";
    Files.writeString(other.resolve("a.xml"), oneLine);
    Files.writeString(
        other.resolve("b.xml"),
        "<?xml version=\"1.0\"?>\n<posts>\n"
            + String.join("\n", PostsFixtures.duplicatedRows().subList(6, 13))
                .replace("\" ", "\"\n    ")
            + "\n</posts>\n");
    var whole = ingest(other, 3, Map.of());

    assertThat(whole.counts()).isEqualTo(byLines.counts());
    assertThat(whole.posts().drop(RawPosts.SOURCE_FILE).collectAsList())
        .isEqualTo(byLines.posts().drop(RawPosts.SOURCE_FILE).collectAsList());
    assertThat(rejectRows(whole)).isEqualTo(rejectRows(byLines));
  }

  /** Before, a dump with CR line ends was read whole, and its cut-off row took three rows along. */
  @Test
  void aDumpWithCrOrCrLfLineEndsGivesTheSameTablesAsWithLf(@TempDir Path dir) throws IOException {
    List<String> rows = new java.util.ArrayList<>(PostsFixtures.duplicatedRows());
    rows.add(4, "  <row Id=\"400\" PostTypeId=\"1\" Body=\"&lt;p&gt;cut off here");
    Path lf = PostsFixtures.write(dir, "Posts.xml", rows);
    var withLf = ingest(lf, 0, Map.of());
    for (String end : List.of("\r", "\r\n")) {
      Path other = Files.createDirectories(dir.resolve(end.length() + "-ends"));
      Files.writeString(other.resolve("Posts.xml"), Files.readString(lf).replace("\n", end));
      var result = ingest(other, 0, Map.of());
      assertThat(result.counts()).isEqualTo(withLf.counts());
      assertThat(result.posts().drop(RawPosts.SOURCE_FILE).collectAsList())
          .isEqualTo(withLf.posts().drop(RawPosts.SOURCE_FILE).collectAsList());
      assertThat(rejectRows(result)).isEqualTo(rejectRows(withLf));
    }
  }

  private static List<String> rejectRows(IngestStage.IngestResult result) {
    return result.rejects().collectAsList().stream()
        .map(r -> r.getString(2) + " | " + r.getString(3) + " | " + r.getString(4))
        .sorted()
        .toList();
  }

  @Test
  void theKeptCopyDoesNotDependOnInputOrderOrPartitioning(@TempDir Path dir) throws IOException {
    List<String> rows = new ArrayList<>(PostsFixtures.duplicatedRows());
    var forward = ingest(PostsFixtures.write(dir, "a.xml", rows), 1, Map.of());
    Collections.reverse(rows);
    var backward = ingest(PostsFixtures.write(dir, "b.xml", rows), 7, Map.of());
    assertThat(backward.posts().collectAsList()).isEqualTo(forward.posts().collectAsList());
    assertThat(backward.rejects().collectAsList()).isEqualTo(forward.rejects().collectAsList());
    assertThat(backward.counts()).isEqualTo(forward.counts());
  }

  @Test
  void invalidUtf8IsQuarantinedWithItsIdAndAValidReplacementCharacterIsKept(@TempDir Path dir)
      throws IOException {
    byte[] bad =
        (PostsFixtures.question(7, KERAS, 1).replace("q7", "q7 \u0001BAD") + "\n")
            .getBytes(StandardCharsets.UTF_8);
    int at = new String(bad, StandardCharsets.UTF_8).indexOf('\u0001');
    bad[at] = (byte) 0xff;
    Path file = dir.resolve("Posts.xml");
    Files.write(
        file,
        (PostsFixtures.question(8, KERAS, 1).replace("q8", "q8 \uFFFD ok") + "\n")
            .getBytes(StandardCharsets.UTF_8));
    Files.write(file, bad, java.nio.file.StandardOpenOption.APPEND);

    var result = ingest(file, 0, Map.of());

    assertThat(result.counts())
        .containsEntry("rows_read", 2L)
        .containsEntry("questions_selected", 1L)
        .containsEntry("rejected", 1L)
        .containsEntry("rejected_invalid_utf8", 1L);
    Row reject = result.rejects().collectAsList().get(0);
    assertThat(reject.getString(2)).isEqualTo("7");
    assertThat(reject.getString(3)).isEqualTo("invalid UTF-8");
    assertThat(reject.getString(4))
        .startsWith("malformed byte sequence at byte " + at + " (ff 42 41 44) of: <row Id=\"7\"");
    Row kept = result.posts().collectAsList().get(0);
    assertThat(kept.getString(kept.fieldIndex("Body"))).isEqualTo("<p>q8 \uFFFD ok</p>");
  }

  @Test
  void theBodyLimitIsTheSameInXmlAndParquetAndTheXmlParserNoLongerHasItsOwn(@TempDir Path dir)
      throws IOException {
    String huge = "x".repeat(2_000_000);
    List<String> rows =
        List.of(
            PostsFixtures.question(1, KERAS, 1).replace("q1", huge),
            PostsFixtures.question(2, KERAS, 1).replace("q2", "y".repeat(150_001)),
            PostsFixtures.question(3, KERAS, 1));
    Path xml = PostsFixtures.write(dir, "Posts.xml", rows);

    var generous = ingest(xml, 0, Map.of("ingest.max-body-chars", "3000000"));
    assertThat(generous.counts())
        .containsEntry("questions_selected", 3L)
        .containsEntry("rejected", 0L);

    var byDefault = ingest(xml, 0, Map.of());
    assertThat(byDefault.counts())
        .containsEntry("questions_selected", 2L)
        .containsEntry("rejected_body_too_large", 1L);
    assertThat(byDefault.rejects().collectAsList())
        .extracting(r -> r.getString(2) + " | " + r.getString(3) + " | " + r.getString(4))
        .containsExactly(
            "1 | body too large | Body has 2000007 characters, more than"
                + " ingest.max-body-chars=1048576");

    Path parquet = dir.resolve("posts-parquet");
    new PostsSource(spark, IngestStageTest.config("xml", xml.toString(), 0))
        .read()
        .drop(RawPosts.REJECT_REASON, RawPosts.REJECT_DETAIL, RawPosts.SOURCE_FILE)
        .write()
        .parquet(parquet.toString());
    // a bound under both bodies, whose rows still fit the bound on a row it implies (8 x 150,000
    // bytes + 1 MiB; a longer row in a dump is rejected as longer than that, by ParseXmlLines)
    Map<String, String> small = Map.of("ingest.max-body-chars", "150000");
    var fromXml = ingest(xml, 0, small);
    Map<String, String> overrides = new HashMap<>(small);
    overrides.put("source.type", "parquet");
    overrides.put("source.path", parquet.toString());
    IngestConfig config = IngestConfig.from(TestSettings.withOverrides(null, overrides), Map.of());
    var fromParquet = new IngestStage(spark, config).run(new PostsSource(spark, config).read());
    assertThat(fromParquet.counts())
        .isEqualTo(fromXml.counts())
        .containsEntry("rejected_body_too_large", 2L);
    assertThat(fromParquet.rejects().drop("source").collectAsList())
        .isEqualTo(fromXml.rejects().drop("source").collectAsList());
  }
}
