package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import io.tracemine.MalformedInputException;
import io.tracemine.config.TestSettings;
import io.tracemine.spark.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** PostLinks ingest: the duplicate links of selected questions, bad rows quarantined. */
@ExtendWith(SharedSpark.class)
class DuplicateLinksTest {
  static final String LINKS = "src/test/resources/ingest/PostLinks-small.xml";
  private final SparkSession spark = SharedSpark.session();

  private static Map<String, String> settings(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    m.put("source.type", "xml");
    m.put("source.path", IngestStageTest.SMALL);
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private static PostLinksConfig linksConfig(Map<String, String> overrides) {
    var settings = TestSettings.withOverrides(null, overrides);
    return PostLinksConfig.from(settings, IngestConfig.from(settings, Map.of()));
  }

  private DuplicateLinks.Result ingest(PostLinksConfig links) {
    IngestConfig posts = IngestStageTest.config("xml", IngestStageTest.SMALL, 0);
    var result = new IngestStage(spark, posts).run(new PostsSource(spark, posts).read());
    return new DuplicateLinks(spark, links).run(result.posts());
  }

  @Test
  void keepsSelectedQuestionsDuplicateLinksAndQuarantinesBadRows() {
    DuplicateLinks.Result r =
        ingest(
            linksConfig(settings("source.postlinks.type", "xml", "source.postlinks.path", LINKS)));
    assertThat(r.links().collectAsList())
        .extracting(Row::toString)
        .containsExactly(
            "[6,1,2019-01-02 03:04:05.678,true]", "[11,2,2019-02-02 03:04:05.678,false]");
    assertThat(idsAndReasons(r))
        .containsExactly(
            "105 bad PostId 'abc'",
            "106 missing RelatedPostId",
            "107 links a post to itself",
            "108 malformed XML row: invalid XML: Unexpected end of input block in start tag"
                + "  at [row,col {unknown-source}]: [1,57] (the row does not end on its line: cut"
                + " off, or broken over lines where a dump holds one <row .../> per line)");
    assertThat(r.rejects().collectAsList()).allMatch(x -> x.getString(1).equals("postlinks"));
    // every row read is in exactly one count
    assertThat(r.counts())
        .containsExactly(
            Map.entry("postlinks_read", 8L),
            Map.entry("postlinks_rejected", 4L),
            Map.entry("postlinks_other_type", 1L),
            Map.entry("duplicate_links_unselected", 1L),
            Map.entry("duplicate_links", 2L));
    assertThat(r.note()).isNull();
  }

  @Test
  void absentInputGivesAnEmptyTableAndANote(@TempDir Path dir) throws IOException {
    Path posts = Files.copy(Path.of(IngestStageTest.SMALL), dir.resolve("Posts.xml"));
    PostLinksConfig none = linksConfig(settings("source.path", posts.toString()));
    assertThat(none.type()).isEqualTo(PostLinksConfig.Type.NONE);
    DuplicateLinks.Result r = ingest(none);
    assertThat(r.links().count()).isZero();
    assertThat(r.links().schema()).isEqualTo(io.tracemine.spark.Schemas.DUPLICATE_LINKS);
    assertThat(r.counts()).containsEntry("postlinks_read", 0L).containsEntry("duplicate_links", 0L);
    assertThat(r.note())
        .isEqualTo(
            "no PostLinks input (no PostLinks.xml[.gz|.bz2] beside "
                + posts
                + "): duplicate_links is empty");
  }

  @Test
  void autoFindsPostLinksBesideThePostsFile(@TempDir Path dir) throws IOException {
    Path posts = Files.copy(Path.of(IngestStageTest.SMALL), dir.resolve("Posts.xml"));
    Files.copy(Path.of(LINKS), dir.resolve("PostLinks.xml"));
    PostLinksConfig auto = linksConfig(settings("source.path", posts.toString()));
    assertThat(auto)
        .isEqualTo(
            new PostLinksConfig(
                PostLinksConfig.Type.XML, dir.resolve("PostLinks.xml").toString(), null));
    assertThat(
            linksConfig(settings("source.path", posts.toString(), "source.postlinks.type", "none"))
                .note())
        .isEqualTo("'source.postlinks.type' is none");

    // two PostLinks files beside the posts: before, the .gz was silently not read
    Files.copy(Path.of(LINKS), dir.resolve("PostLinks.xml.gz"));
    assertThatThrownBy(() -> linksConfig(settings("source.path", posts.toString())))
        .isInstanceOf(io.tracemine.MalformedInputException.class)
        .hasMessage(
            "Cannot read PostLinks: '"
                + dir.toAbsolutePath()
                + "' holds PostLinks.xml and PostLinks.xml.gz, and one PostLinks file is read"
                + " beside the posts; set 'source.postlinks.path' to the one to read, or remove"
                + " the other");
    assertThat(
            linksConfig(
                    settings(
                        "source.path",
                        posts.toString(),
                        "source.postlinks.path",
                        dir.resolve("PostLinks.xml").toString()))
                .location())
        .isEqualTo(dir.resolve("PostLinks.xml").toString());
  }

  @Test
  void badConfigurationFailsNamingTheKey() {
    assertThatThrownBy(() -> linksConfig(settings("source.postlinks.type", "xml")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'source.postlinks.path' must be set when 'source.postlinks.type' is xml");
    assertThatThrownBy(
            () ->
                linksConfig(
                    settings(
                        "source.postlinks.type",
                        "parquet",
                        "source.postlinks.path",
                        "/no/such/postlinks")))
        .isInstanceOf(io.tracemine.MalformedInputException.class)
        .hasMessage(
            "Cannot read PostLinks: 'source.postlinks.path' is '/no/such/postlinks',"
                + " which does not exist");
  }

  @Test
  void aPostLinksDirectoryReadsItsPostLinksXmlNotPostsAndGivesEachLinkOnce(@TempDir Path dir)
      throws IOException {
    Path twice = Files.createDirectories(dir.resolve("links"));
    Files.copy(Path.of(LINKS), twice.resolve("PostLinks.xml"));
    Files.copy(Path.of(LINKS), twice.resolve("PostLinks-copy.xml"));
    Files.copy(Path.of(IngestStageTest.SMALL), twice.resolve("Posts.xml"));
    Files.writeString(
        twice.resolve("PostLinks-changed.xml"),
        "<row Id=\"102\" CreationDate=\"2019-02-02T03:04:05.678\" PostId=\"11\""
            + " RelatedPostId=\"2\" LinkTypeId=\"5\" />\n");

    DuplicateLinks.Result r =
        ingest(
            linksConfig(
                settings(
                    "source.postlinks.type", "xml", "source.postlinks.path", twice.toString())));

    assertThat(r.links().collectAsList())
        .extracting(Row::toString)
        .containsExactly(
            "[6,1,2019-01-02 03:04:05.678,true]", "[11,2,2019-02-02 03:04:05.678,false]");
    assertThat(r.rejects().collectAsList())
        .filteredOn(x -> x.getString(3).equals("duplicate Id"))
        .extracting(x -> x.getString(2) + " " + x.getString(4))
        .containsExactlyInAnyOrder(
            "101 identical to the kept copy",
            "102 differs from the kept copy in: LinkTypeId",
            "102 identical to the kept copy",
            "103 identical to the kept copy",
            "104 identical to the kept copy");
    assertThat(r.counts())
        .containsExactly(
            Map.entry("postlinks_read", 17L),
            Map.entry("postlinks_rejected", 13L),
            Map.entry("postlinks_other_type", 1L),
            Map.entry("duplicate_links_unselected", 1L),
            Map.entry("duplicate_links", 2L));
  }

  @Test
  void aPostLinksXmlOnOneLineGivesTheLinksOfOneRowPerLine(@TempDir Path dir) throws IOException {
    List<String> rows =
        Files.readAllLines(Path.of(LINKS)).stream()
            .map(String::strip)
            .filter(l -> l.startsWith("<row") && l.endsWith("/>"))
            .toList();
    Path perLine = Files.writeString(dir.resolve("PostLinks.xml"), String.join("\n", rows) + "\n");
    Path oneLine =
        Files.writeString(
            dir.resolve("PostLinks-one-line.xml"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><postlinks>"
                + String.join("", rows)
                + "</postlinks>");

    DuplicateLinks.Result expected = linksOf(perLine);
    DuplicateLinks.Result actual = linksOf(oneLine);

    assertThat(actual.links().collectAsList())
        .isEqualTo(expected.links().collectAsList())
        .hasSize(2);
    assertThat(actual.rejects().collectAsList()).isEqualTo(expected.rejects().collectAsList());
    assertThat(actual.counts()).isEqualTo(expected.counts()).containsEntry("postlinks_read", 7L);
  }

  /**
   * A link's CreationDate outside years 1 to 9999 is rejected as a post's is, in a PostLinks.xml
   * and in a Parquet table (before, it was kept as {@code link_date}, a year of an era or 10000).
   */
  @Test
  void aLinkDateOutsideYearsOneTo9999IsRejectedAsAPostsIs(@TempDir Path dir) throws IOException {
    String[] dates = {"2020-01-01T00:00:00.000", "0000-01-01T00:00:00", "+10000-01-01T00:00:00"};
    StringBuilder xml = new StringBuilder("<postlinks>\n");
    for (int i = 0; i < dates.length; i++) {
      xml.append(
          String.format(
              "  <row Id=\"%d\" CreationDate=\"%s\" PostId=\"%d\" RelatedPostId=\"1\""
                  + " LinkTypeId=\"3\" />%n",
              i + 1, dates[i], i + 10));
    }
    DuplicateLinks.Result fromXml =
        linksOf(Files.writeString(dir.resolve("PostLinks.xml"), xml.append("</postlinks>\n")));
    assertThat(idsAndReasons(fromXml))
        .containsExactly(
            "2 bad CreationDate '0000-01-01T00:00:00' (a year before 1)",
            "3 bad CreationDate '+10000-01-01T00:00:00' (a year after 9999)");

    Dataset<Row> table =
        spark.sql(
            "SELECT id AS Id, CASE id WHEN 1 THEN TIMESTAMP'2020-01-01 00:00:00'"
                + " WHEN 2 THEN timestamp_micros(-62167219200000000)"
                + " ELSE timestamp_micros(253402300800000000) END AS CreationDate,"
                + " id + 9 AS PostId, 1L AS RelatedPostId, 3 AS LinkTypeId FROM range(1, 4)");
    spark.conf().set("spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED");
    DuplicateLinks.Result fromParquet;
    try {
      fromParquet = parquetLinks(table, dir.resolve("postlinks"));
    } finally {
      spark.conf().unset("spark.sql.parquet.int96RebaseModeInWrite");
    }
    assertThat(idsAndReasons(fromParquet))
        .containsExactly(
            "2 bad CreationDate '0000-01-01 00:00:00' (a year before 1)",
            "3 bad CreationDate '+10000-01-01 00:00:00' (a year after 9999)");
    assertThat(fromParquet.counts())
        .containsEntry("postlinks_read", 3L)
        .containsEntry("postlinks_rejected", 2L);
  }

  /** Each reject of {@code result} as "record_id reason". */
  private static List<String> idsAndReasons(DuplicateLinks.Result result) {
    return result.rejects().collectAsList().stream()
        .map(x -> x.getString(2) + " " + x.getString(3))
        .toList();
  }

  private DuplicateLinks.Result linksOf(Path file) {
    return ingest(
        linksConfig(
            settings("source.postlinks.type", "xml", "source.postlinks.path", file.toString())));
  }

  @Test
  void theSnakeCaseColumnsOfBigQuerysPublicPostLinksTableAreRead() {
    var table =
        spark
            .createDataFrame(
                List.of(RowFactory.create(1L, null, 6L, 1L, 3)),
                io.tracemine.spark.Schemas.SOTORRENT_POSTLINKS)
            .toDF("id", "creation_date", "post_id", "related_post_id", "link_type_id");
    assertThat(DuplicateLinks.conform(table, "parquet 'p'", java.util.Set.of()).collectAsList())
        .extracting(Row::toString)
        .containsExactly("[1,null,6,1,3,null,null]");
  }

  @Test
  void parquetPostLinksAreConformedAndAMissingColumnIsNamed(@TempDir Path dir) {
    StructType wide =
        io.tracemine.spark.Schemas.SOTORRENT_POSTLINKS.add("Extra", DataTypes.StringType);
    var table =
        spark.createDataFrame(
            List.of(
                RowFactory.create(1L, null, 6L, 1L, 3, "x"),
                RowFactory.create(2L, null, 6L, null, 3, "y")),
            wide);
    DuplicateLinks.Result r = parquetLinks(table, dir.resolve("postlinks"));
    assertThat(r.links().collectAsList())
        .extracting(Row::toString)
        .containsExactly("[6,1,null,true]");
    assertThat(r.rejects().collectAsList())
        .extracting(x -> x.getString(3))
        .containsExactly("missing RelatedPostId");
    var narrow = table.drop("LinkTypeId");
    assertThatThrownBy(() -> DuplicateLinks.conform(narrow, "parquet 'p'", java.util.Set.of()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read PostLinks from parquet 'p': missing column 'LinkTypeId'"
                + " (found: 'Id', 'CreationDate', 'PostId', 'RelatedPostId', 'Extra')");
  }

  /**
   * A Parquet PostLinks value wider than its column (an int64 {@code LinkTypeId} of 4294967299, an
   * unsigned int64 {@code PostId}) rejects its row, naming it, instead of wrapping around (to a
   * duplicate link, 3); a file with {@code Id} and {@code id} is refused naming both before any
   * work; a column of a type that is no integer is named.
   */
  @Test
  void parquetPostLinksValuesBeyondTheirColumnAreRejectedAndCaseClashesRefused(@TempDir Path dir) {
    StructType wide =
        new StructType()
            .add("Id", DataTypes.LongType)
            .add("CreationDate", DataTypes.TimestampType)
            .add("PostId", DataTypes.createDecimalType(20, 0))
            .add("RelatedPostId", DataTypes.LongType)
            .add("LinkTypeId", DataTypes.LongType);
    var table =
        spark.createDataFrame(
            List.of(
                RowFactory.create(1L, null, new java.math.BigDecimal(6), 1L, 3L),
                RowFactory.create(2L, null, new java.math.BigDecimal(6), 2L, 4294967299L),
                RowFactory.create(
                    3L, null, new java.math.BigDecimal("18446744073709551615"), 1L, 3L)),
            wide);
    DuplicateLinks.Result r = parquetLinks(table, dir.resolve("postlinks"));
    assertThat(r.links().collectAsList())
        .extracting(Row::toString)
        .containsExactly("[6,1,null,true]");
    assertThat(idsAndReasons(r))
        .containsExactly(
            "2 bad LinkTypeId '4294967299' (out of range)",
            "3 bad PostId '18446744073709551615' (out of range)");
    assertThat(r.counts())
        .containsEntry("postlinks_read", 3L)
        .containsEntry("postlinks_rejected", 2L);

    String clash = dir.resolve("clash").toString();
    spark.conf().set("spark.sql.caseSensitive", "true");
    try {
      table.withColumn("id", functions.col("Id")).write().parquet(clash);
    } finally {
      spark.conf().unset("spark.sql.caseSensitive");
    }
    assertThatThrownBy(
            () ->
                ingest(
                    linksConfig(
                        settings(
                            "source.postlinks.type", "parquet", "source.postlinks.path", clash))))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("Cannot read PostLinks from parquet '")
        .hasMessageContaining("its columns 'Id' and 'id' differ only in case");

    var text = table.withColumn("LinkTypeId", functions.lit("3"));
    assertThatThrownBy(() -> DuplicateLinks.conform(text, "parquet 'p'", java.util.Set.of()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read PostLinks from parquet 'p': column 'LinkTypeId' has type string but"
                + " must be an integer type");
  }

  /** Ingests {@code table}, written as Parquet to {@code path}, as the PostLinks input. */
  private DuplicateLinks.Result parquetLinks(Dataset<Row> table, Path path) {
    table.write().parquet(path.toString());
    return ingest(
        linksConfig(
            settings(
                "source.postlinks.type", "parquet", "source.postlinks.path", path.toString())));
  }

  /** Bytes read from local files through Hadoop so far, in this JVM (driver and executors). */
  @SuppressWarnings("deprecation")
  private static long localBytesRead() {
    return org.apache.hadoop.fs.FileSystem.getAllStatistics().stream()
        .filter(st -> "file".equals(st.getScheme()))
        .mapToLong(org.apache.hadoop.fs.FileSystem.Statistics::getBytesRead)
        .sum();
  }

  @Test
  void anXmlPostLinksInputIsReadAndParsedOnceForTheTableAndEveryCount(@TempDir Path dir)
      throws Exception {
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<postlinks>\n");
    for (int id = 1; id <= 2000; id++) {
      xml.append("  <row Id=\"")
          .append(id)
          .append("\" CreationDate=\"2019-01-02T03:04:05.678\" PostId=\"6\" RelatedPostId=\"")
          .append(100_000 + id)
          .append("\" LinkTypeId=\"3\" />\n");
    }
    Path links = Files.writeString(dir.resolve("PostLinks.xml"), xml.append("</postlinks>\n"));
    long size = Files.size(links);
    var questions =
        spark.createDataFrame(
            List.of(RowFactory.create(6L), RowFactory.create(11L)),
            new StructType().add(DuplicateLinks.QUESTION, DataTypes.LongType, false));
    var config = new PostLinksConfig(PostLinksConfig.Type.XML, links.toString(), null);

    long before = localBytesRead();
    DuplicateLinks.Result r = new DuplicateLinks(spark, config).runOnQuestions(questions);
    long read = localBytesRead() - before;

    assertThat(r.counts())
        .containsEntry("postlinks_read", 2000L)
        .containsEntry("duplicate_links", 2000L);
    assertThat(r.links().count()).isEqualTo(2000);
    // once by Spark, plus the driver's look at the first 64 KiB (row per line or not); before, the
    // duplicated Ids were counted before the rows were persisted, and the file was read twice
    assertThat(size).isGreaterThan(2 * 65536);
    // (and its last bytes, whether it closes the root element it opens: one more 4 KiB buffer)
    assertThat(read).isBetween(size, size + 65536 + 4096 + 4096);
  }
}
