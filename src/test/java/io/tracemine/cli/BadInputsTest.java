package io.tracemine.cli;

import static io.tracemine.ingest.PostsFixtures.KERAS;
import static io.tracemine.ingest.PostsFixtures.answer;
import static io.tracemine.ingest.PostsFixtures.duplicatedRows;
import static io.tracemine.ingest.PostsFixtures.question;
import static io.tracemine.ingest.PostsFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bad-input regression suite (docs/RELIABILITY.md, "Inputs"): each case runs {@code ingest}
 * in-process and checks the exit code, the single error line and the exact row accounting.
 */
@ExtendWith(SharedSpark.class)
class BadInputsTest {
  private final SparkSession spark = SharedSpark.session();
  @TempDir Path dir;
  private Path out;
  private StringWriter err;

  @BeforeEach
  void setUp() {
    out = dir.resolve("out");
    err = new StringWriter();
  }

  /** A Posts.xml of {@code rows(6)} with {@code tail} before its end tag. */
  private Path sixRowsThen(String tail) throws IOException {
    return Files.writeString(
        dir.resolve("Posts.xml"), rows(6).replace("</posts>", tail + "</posts>"));
  }

  /** {@link #ingest} with the input's files read in splits of {@code bytes}. */
  private int ingestInSplitsOf(int bytes, String source, Path input, String... extra) {
    String before = spark.conf().get("spark.sql.files.maxPartitionBytes");
    spark.conf().set("spark.sql.files.maxPartitionBytes", String.valueOf(bytes));
    try {
      return ingest(source, input, extra);
    } finally {
      spark.conf().set("spark.sql.files.maxPartitionBytes", before);
    }
  }

  private int ingest(String source, Path input, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "ingest",
                "--quiet",
                "--source",
                source,
                "--input",
                input.toString(),
                "--output",
                out.toString()));
    args.addAll(Arrays.asList(extra));
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter()));
    return cl.execute(args.toArray(String[]::new));
  }

  /** The one line printed on stderr (the test fails if there are more). */
  private String errorLine() {
    List<String> lines = err.toString().lines().toList();
    assertThat(lines).hasSize(1);
    return lines.get(0);
  }

  private Map<String, Long> counts() {
    return counts(out);
  }

  /** Where a run that failed the quality gate set its tables aside (nothing is committed). */
  private Path failed() {
    return out.resolve(IngestCommand.FAILED);
  }

  private Map<String, Long> counts(Path root) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row r :
        spark.read().parquet(root.resolve("counts/stage=ingest").toString()).collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    return counts;
  }

  /** Each post of the output as "Id, CreationDate in {@code format} (UTC), creation_month". */
  /** The Ids in the committed {@code posts} table, in order. */
  private List<Long> postIds() {
    return spark
        .read()
        .parquet(out.resolve("posts").toString())
        .orderBy("Id")
        .select("Id")
        .as(Encoders.LONG())
        .collectAsList();
  }

  private List<String> postDates(String format) {
    return spark
        .read()
        .parquet(out.resolve("posts").toString())
        .selectExpr(
            "concat(Id, ' ', date_format(CreationDate, '" + format + "'), ' ', creation_month)")
        .orderBy("Id")
        .as(Encoders.STRING())
        .collectAsList();
  }

  private List<String> rejects() {
    return rejects(out);
  }

  private List<String> rejects(Path root) {
    return spark
        .read()
        .parquet(root.resolve("rejects/stage=ingest").toString())
        .orderBy("record_id", "reason", "detail")
        .collectAsList()
        .stream()
        .map(r -> r.getAs("record_id") + " | " + r.getAs("reason"))
        .toList();
  }

  private static Path gzip(Path file, byte[] content) throws IOException {
    try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
      gz.write(content);
    }
    return file;
  }

  private static String rows(int n) {
    StringBuilder sb = new StringBuilder("<posts>\n");
    for (int i = 1; i <= n; i++) {
      sb.append(i % 2 == 1 ? question(i, KERAS, 1) : answer(i, i - 1)).append('\n');
    }
    return sb.append("</posts>\n").toString();
  }

  /**
   * A dump cut short in a pre-allocated file ends in a run of NUL bytes on one line, and a damaged
   * one may hold any long line: a line over a row's bound (8 x ingest.max-body-chars + 1 MiB) is
   * one reject, read past in every split it spans without being held, and the rows around it are
   * read. Before, the line was held whole, several times over, before any bound applied: a line of
   * some gigabytes ended the job out of memory.
   */
  @Test
  void aLineLongerThanAnyRowCanBeIsOneRejectInEverySplitLayout() throws IOException {
    int bound = 8 * 1000 + (1 << 20);
    String head = rows(6).replace("</posts>\n", "");
    byte[] nuls = new byte[2 * bound];
    String tail = "\n" + question(7, KERAS, 1) + "\n</posts>\n";
    Path file = dir.resolve("Posts.xml");
    try (var w = Files.newOutputStream(file)) {
      w.write(head.getBytes(StandardCharsets.UTF_8));
      w.write("<row Id=\"99\" Body=\"".getBytes(StandardCharsets.UTF_8));
      w.write(nuls);
      w.write(tail.getBytes(StandardCharsets.UTF_8));
    }
    for (int split : List.of(1 << 18, 128 << 20)) {
      assertThat(ingestInSplitsOf(split, "xml", file, "--set", "ingest.max-body-chars=1000"))
          .as(err.toString())
          .isZero();
      assertThat(counts())
          .containsEntry("rows_read", 8L)
          .containsEntry("questions_selected", 4L)
          .containsEntry("rejected", 1L);
      assertThat(
              spark.read().parquet(out.resolve("rejects/stage=ingest").toString()).collectAsList())
          .extracting(r -> r.getAs("record_id") + " | " + r.getAs("reason"))
          .containsExactly(
              "99 | malformed XML row: the row is longer than "
                  + bound
                  + " bytes (its line, at byte "
                  + head.length()
                  + ", has "
                  + (nuls.length + "<row Id=\"99\" Body=\"".length())
                  + " bytes)");
    }
    // a split size below a byte cut ranges without end until the driver ran out of memory
    err = new StringWriter();
    assertThat(ingestInSplitsOf(0, "xml", file)).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(errorLine())
        .isEqualTo("tracemine: 'spark.sql.files.maxPartitionBytes' is 0 but must be 1 or more");
  }

  @Test
  void aBinaryFileGivenAsPostsXmlFailsTheQualityGateAfterWritingItsRejects() throws IOException {
    // 200 "lines" of UTF-8 continuation bytes without a lead byte: never text, never blank
    byte[] binary = new byte[200 * 100];
    Random random = new Random(7);
    for (int i = 0; i < binary.length; i++) {
      binary[i] = i % 100 == 99 ? (byte) '\n' : (byte) (0x80 + random.nextInt(0x40));
    }
    Path file = Files.write(dir.resolve("Posts.xml"), binary);
    long lines = 200;

    assertThat(ingest("xml", file)).isEqualTo(TraceMine.EXIT_BAD_INPUT);

    assertThat(errorLine())
        .isEqualTo(
            String.format(
                "tracemine: Cannot accept posts from xml %s: %,d of %,d rows read were rejected"
                    + " (100.0%%), more than ingest.max-rejected-fraction=0.5 allows; '%s' is"
                    + " not a Posts.xml dump: it holds binary data, not text; see %s"
                    + " (nothing committed: the output is unchanged)",
                file, lines, lines, file, failed().resolve("rejects/stage=ingest")));
    assertThat(counts(failed()))
        .containsEntry("rows_read", lines)
        .containsEntry("rejected", lines)
        .containsEntry("questions_selected", 0L)
        .containsEntry("not_selected", 0L);
    assertThat(rejects(failed())).hasSize(200).allMatch(r -> r.equals("null | invalid UTF-8"));
    assertThat(out.resolve("posts")).doesNotExist();
    assertThat(out.resolve("_COMMITTED-ingest.json")).doesNotExist();
  }

  @Test
  void aTextFileFailsTheGateUnlessTheThresholdIsRaised() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "Dear diary,\nno posts here.\n\nBye\n");

    assertThat(ingest("xml", file)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .contains(
            ": 3 of 3 rows read were rejected (100.0%), more than"
                + " ingest.max-rejected-fraction=0.5 allows");
    assertThat(rejects(failed()))
        .containsExactly(
            "null | malformed XML row: not a <row> element: Bye",
            "null | malformed XML row: not a <row> element: Dear diary,",
            "null | malformed XML row: not a <row> element: no posts here.");

    err.getBuffer().setLength(0);
    assertThat(ingest("xml", file, "--set", "ingest.max-rejected-fraction=1")).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(counts()).containsEntry("rows_read", 3L).containsEntry("rejected", 3L);

    assertThat(ingest("xml", file, "--set", "ingest.max-rejected-fraction=2"))
        .isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(err.toString())
        .contains(
            "tracemine: 'ingest.max-rejected-fraction' is set to 2 but must be between 0 and 1");
  }

  @Test
  void noRowFromANonEmptyInputIsAnError() throws IOException {
    Path file =
        Files.writeString(dir.resolve("Posts.xml"), "<?xml version=\"1.0\"?>\n<posts>\n</posts>\n");
    assertThat(ingest("xml", file)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .startsWith(
            "tracemine: Cannot read posts from xml "
                + file
                + ": no row read from 39 bytes of input");
    assertThat(counts(failed())).containsEntry("rows_read", 0L).containsEntry("files_read", 1L);
  }

  /**
   * A dump kept in the output's {@code posts/} folder (or {@code report/}) would be deleted by the
   * commit of the stage that replaces that folder: refused before any work, the dump kept. Before:
   * exit 0 and the dump gone. A dump elsewhere in the output directory is read, once no folder of
   * the user's is named like a table.
   */
  @Test
  void anInputInAFolderOfTheOutputThatAStageReplacesIsRefusedAndKept() throws IOException {
    for (String folder : List.of("posts", "report")) {
      String stage = folder.equals("posts") ? "ingest" : "report";
      err = new StringWriter();
      Path input = Files.createDirectories(out.resolve(folder)).resolve("Posts.xml");
      Files.writeString(input, rows(6));
      assertThat(ingest("xml", out.resolve(folder))).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
      assertThat(errorLine())
          .isEqualTo(
              "tracemine: Cannot read posts: '"
                  + out.resolve(folder)
                  + "' (source.path) lies in '"
                  + out.resolve(folder)
                  + "', an entry of the output directory that the '"
                  + stage
                  + "' stage replaces whole, so the run would delete it; move the input out of it,"
                  + " or choose another output directory");
      assertThat(input).hasContent(rows(6));
      assertThat(out.resolve("_COMMITTED-ingest.json")).doesNotExist();
    }
    // the folders now hold the user's dumps, which a commit would delete: refused before any work
    // (before session 46: exit 0, and out/posts/Posts.xml replaced by the posts table)
    Path beside = Files.writeString(out.resolve("Posts.xml"), rows(6));
    err = new StringWriter();
    assertThat(ingest("xml", beside)).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(errorLine())
        .isEqualTo(
            "tracemine: Cannot write into '"
                + out
                + "': its folder 'posts' was not written by TraceMine (the directory is not yet a"
                + " TraceMine output), and a stage would replace it; move it, or choose another"
                + " --output");
    assertThat(out.resolve("posts/Posts.xml")).hasContent(rows(6));
    for (String folder : List.of("posts", "report")) {
      Files.move(out.resolve(folder).resolve("Posts.xml"), dir.resolve(folder + ".xml"));
      Files.delete(out.resolve(folder));
    }
    assertThat(ingest("xml", beside)).as(err.toString()).isZero();
    assertThat(beside).hasContent(rows(6));
  }

  /**
   * A 0-byte input (a failed download) is refused and the stored posts stand. Before: exit 0 and
   * {@code posts} replaced by an empty table.
   */
  @Test
  void anEmptyInputFileIsRefusedAndTheStoredPostsStand() throws IOException {
    Path good = Files.writeString(dir.resolve("Posts.xml"), rows(6));
    assertThat(ingest("xml", good)).as(err.toString()).isZero();
    long stored = spark.read().parquet(out.resolve("posts").toString()).count();
    Path empty = Files.writeString(dir.resolve("empty.xml"), "");
    err = new StringWriter();
    assertThat(ingest("xml", empty)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .startsWith(
            "tracemine: Cannot read posts from xml "
                + empty
                + ": the input is empty (0 bytes: a download or copy that failed?)");
    assertThat(stored).isPositive();
    assertThat(spark.read().parquet(out.resolve("posts").toString()).count()).isEqualTo(stored);
  }

  /**
   * One part of a dump of several that a download or copy failed to give (an HTML error page, an
   * empty file, a header without rows) is refused naming it, and the stored posts stand. Before,
   * its few rejected lines were too small a share of the rows read for the gate: exit 0, the part's
   * posts missing without a word.
   */
  @Test
  void aFailedPartBesideGoodPartsIsRefusedNamingIt() throws IOException {
    Path good = Files.writeString(dir.resolve("Posts.xml"), rows(6));
    assertThat(ingest("xml", good)).as(err.toString()).isZero();
    long stored = spark.read().parquet(out.resolve("posts").toString()).count();
    Map<String, String> failedParts =
        Map.of(
            "<!DOCTYPE html>\n<html>\n<head><title>404 Not Found</title></head>\n<body>\n"
                + "<h1>Not Found</h1>\n</body>\n</html>\n",
            "all 2 rows read from it were rejected",
            "",
            "it is empty (0 bytes)",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n</posts>\n",
            "no <row> was read from its 56 bytes");
    for (var part : failedParts.entrySet()) {
      Path input = Files.createDirectories(dir.resolve("parts-" + part.getValue().length()));
      Files.writeString(input.resolve("Posts-1.xml"), rows(10));
      Path failedPart = Files.writeString(input.resolve("Posts-2.xml"), part.getKey());
      err = new StringWriter();
      assertThat(ingest("xml", input)).as(err.toString()).isEqualTo(TraceMine.EXIT_BAD_INPUT);
      assertThat(errorLine())
          .startsWith(
              "tracemine: Cannot accept posts from xml "
                  + input
                  + ": its file '"
                  + failedPart
                  + "' gave no usable row ("
                  + part.getValue()
                  + ": a download or copy that failed, or not a part of the dump?); replace it or"
                  + " leave it out of the input");
      assertThat(spark.read().parquet(out.resolve("posts").toString()).count()).isEqualTo(stored);
    }
  }

  /**
   * Parts that give no usable row for a good reason pass: every row a copy of another part's, or,
   * in a dated run, every post outside its window.
   */
  @Test
  void partsWithoutUsableRowsForAGoodReasonPass() throws IOException {
    Path copies = Files.createDirectories(dir.resolve("copies"));
    Files.writeString(copies.resolve("Posts-1.xml"), rows(6));
    Files.writeString(copies.resolve("Posts-2.xml"), rows(4));
    assertThat(ingest("xml", copies)).as(err.toString()).isZero();
    assertThat(counts()).containsEntry("rows_read", 10L).containsEntry("rejected", 4L);

    Path dated = Files.createDirectories(dir.resolve("dated"));
    Files.writeString(dated.resolve("Posts-2020.xml"), rows(6));
    Files.writeString(
        dated.resolve("Posts-2030.xml"),
        rows(1).replace("<row Id=\"", "<row Id=\"9").replace("2020-01-0", "2030-06-0"));
    err = new StringWriter();
    assertThat(ingest("xml", dated, "--since", "2020-01-01", "--until", "2020-02-01"))
        .as(err.toString())
        .isZero();
    assertThat(counts()).containsEntry("rows_read", 6L).containsEntry("outside_window", 1L);
  }

  @Test
  void directoriesAreReadRecursivelySkippingHiddenAndUnderscoreNames() throws IOException {
    Path input = dir.resolve("dump");
    Files.createDirectories(input.resolve("part one/deeper"));
    Files.createDirectories(input.resolve(".hidden"));
    Files.createDirectories(input.resolve("_temporary"));
    Files.writeString(input.resolve("part one/deeper/Posts.xml"), rows(4));
    gzip(input.resolve("part one/b.xml.gz"), rows(2).getBytes(StandardCharsets.UTF_8));
    Files.writeString(input.resolve(".hidden/Posts.xml"), rows(6));
    Files.writeString(input.resolve("_temporary/Posts.xml"), rows(6));
    Files.writeString(input.resolve("_SUCCESS"), "");

    assertThat(ingest("xml", input)).isZero();

    assertThat(counts())
        .containsEntry("files_read", 2L)
        .containsEntry("rows_read", 6L)
        .containsEntry("rejected", 2L)
        .containsEntry("rejected_duplicate_id", 2L);
    assertThat(
            spark
                .read()
                .parquet(out.resolve("input_files").toString())
                .orderBy("path")
                .collectAsList())
        .extracting(r -> r.getString(0).replaceFirst("^.*/dump/", "") + " " + r.getLong(2))
        .containsExactly("part one/b.xml.gz 2", "part one/deeper/Posts.xml 4");
  }

  @Test
  void duplicatesAreAccountedTermByTermInTheCountsTable() throws IOException {
    Path file = write(dir, "Posts.xml", duplicatedRows());
    assertThat(ingest("xml", file)).isZero();
    assertThat(counts())
        .containsEntry("rows_read", 13L)
        .containsEntry("questions_selected", 2L)
        .containsEntry("answers_selected", 3L)
        .containsEntry("not_selected", 2L)
        .containsEntry("rejected", 6L)
        .containsEntry("rejected_duplicate_id", 4L);
    assertThat(spark.read().parquet(out.resolve("posts").toString()).count()).isEqualTo(5L);
  }

  @Test
  void aDumpGivenThreeTimesPassesTheGateWithTheTablesOfOneCopy() throws IOException {
    String dump = rows(10).replace("</posts>", "<row Id=\"11\" PostTypeId=\"1\n</posts>");
    Path once = Files.createDirectories(dir.resolve("once"));
    Files.writeString(once.resolve("Posts.xml"), dump);
    assertThat(ingest("xml", once)).isZero();
    List<String> postsOfOneCopy = postDates("yyyy-MM-dd HH:mm:ss");
    Map<String, Long> countsOfOneCopy = counts();

    Path thrice = Files.createDirectories(dir.resolve("thrice"));
    for (String name : List.of("Posts.xml", "Posts-copy.xml", "Posts-again.xml")) {
      Files.writeString(thrice.resolve(name), dump);
    }
    assertThat(ingest("xml", thrice)).as(err.toString()).isZero();

    assertThat(postDates("yyyy-MM-dd HH:mm:ss")).isEqualTo(postsOfOneCopy).hasSize(10);
    assertThat(countsOfOneCopy).containsEntry("rows_read", 11L).containsEntry("rejected", 1L);
    assertThat(counts())
        .containsEntry("rows_read", 33L)
        .containsEntry("rejected", 23L)
        .containsEntry("rejected_duplicate_id", 20L)
        .containsEntry("rejected_duplicate_identical", 20L);
    assertThat(rejects()).filteredOn(r -> r.startsWith("11 | malformed XML row")).hasSize(3);

    err.getBuffer().setLength(0);
    assertThat(ingest("xml", thrice, "--set", "ingest.max-rejected-fraction=0.05"))
        .isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .contains(
            ": 3 of 13 rows read were rejected (23.1%; 20 identical copies of kept rows not"
                + " counted), more than ingest.max-rejected-fraction=0.05 allows");
  }

  @Test
  void aTruncatedGzipIsNamedInOneLine() throws IOException {
    Path input = Files.createDirectories(dir.resolve("dump"));
    Files.writeString(input.resolve("a.xml"), rows(2));
    byte[] whole =
        Files.readAllBytes(
            gzip(dir.resolve("whole.gz"), rows(5000).getBytes(StandardCharsets.UTF_8)));
    Path cut = Files.write(input.resolve("b.xml.gz"), Arrays.copyOf(whole, whole.length / 2));

    assertThat(ingest("xml", input)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .isEqualTo(
            "tracemine: Cannot read posts: '"
                + cut
                + "' is truncated: its compressed stream ends early (Unexpected end of input"
                + " stream)");
  }

  /** Bytes after a gzip's compressed data (a padded copy): Spark said only "not a gzip file". */
  @Test
  void aGzipWithBytesAfterItsDataIsNamedInOneLine() throws IOException {
    Path input = Files.createDirectories(dir.resolve("padded"));
    Files.writeString(input.resolve("a.xml"), rows(2));
    byte[] whole =
        Files.readAllBytes(
            gzip(dir.resolve("whole-padded.gz"), rows(50).getBytes(StandardCharsets.UTF_8)));
    byte[] padded = Arrays.copyOf(whole, whole.length + 512);
    Path file = Files.write(input.resolve("b.xml.gz"), padded);

    assertThat(ingest("xml", input)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .isEqualTo(
            "tracemine: Cannot read posts: '"
                + file
                + "' cannot be decompressed (IOException: not a gzip file): bytes after its"
                + " compressed data or a damaged stream; check it with 'gzip -t' or 'bzip2 -t'");
  }

  /**
   * A PostLinks input whose rows are mostly rejected (a failed download's HTML page saved as the
   * dump's {@code PostLinks.xml}, or {@code source.postlinks.path} naming {@code Posts.xml}) fails
   * the gate posts have, and nothing is committed. Before (hostile sweep 6): exit 0, and the stored
   * {@code duplicate_links} were replaced by none.
   */
  @Test
  void aPostLinksInputOfRejectedRowsFailsTheGate() throws IOException {
    Path posts = Files.writeString(dir.resolve("Posts.xml"), rows(4));
    assertThat(ingest("xml", posts)).as(err.toString()).isZero();
    Map<String, Long> before = counts();
    Path page =
        Files.writeString(
            Files.createDirectories(dir.resolve("links")).resolve("PostLinks.xml"),
            "<html>\n<head><title>404 Not Found</title></head>\n<body>\n"
                + "<h1>Not Found</h1>\n</body>\n</html>\n");
    assertThat(ingest("xml", posts, "--set", "source.postlinks.path=" + page))
        .isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .startsWith("tracemine: Cannot accept PostLinks from postlinks xml " + page)
        .contains("rows read were rejected (100.0%), more than ingest.max-rejected-fraction=")
        .endsWith("(nothing committed: the output is unchanged)");
    assertThat(counts()).isEqualTo(before);

    err.getBuffer().setLength(0);
    assertThat(ingest("xml", posts, "--set", "source.postlinks.path=" + posts))
        .isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine()).contains("Cannot accept PostLinks from postlinks xml " + posts);
  }

  @Test
  void anUnreadablePostLinksInputIsNamedAsPostLinksNotPosts() throws IOException {
    Path posts = Files.writeString(dir.resolve("Posts.xml"), rows(4));
    StringBuilder links = new StringBuilder("<postlinks>\n");
    for (int i = 1; i <= 5000; i++) {
      links.append(
          String.format(
              "  <row Id=\"%d\" CreationDate=\"2020-01-01T00:00:00.000\" PostId=\"%d\""
                  + " RelatedPostId=\"1\" LinkTypeId=\"3\" />%n",
              i, i + 1));
    }
    byte[] whole =
        Files.readAllBytes(
            gzip(dir.resolve("whole.gz"), links.append("</postlinks>\n").toString().getBytes()));
    Path cut =
        Files.write(
            Files.createDirectories(dir.resolve("links")).resolve("PostLinks.xml.gz"),
            Arrays.copyOf(whole, whole.length / 2));

    assertThat(ingest("xml", posts, "--set", "source.postlinks.path=" + cut))
        .isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .isEqualTo(
            "tracemine: Cannot read PostLinks: '"
                + cut
                + "' is truncated: its compressed stream ends early (Unexpected end of input"
                + " stream)");

    err.getBuffer().setLength(0);
    Path table = dir.resolve("postlinks");
    spark
        .sql(
            "SELECT id AS Id, TIMESTAMP'2020-01-01 00:00:00' AS CreationDate, id + 1 AS PostId,"
                + " 1L AS RelatedPostId, 3 AS LinkTypeId FROM range(1000)")
        .repartition(2)
        .write()
        .parquet(table.toString());
    List<Path> files;
    try (var found = Files.list(table)) {
      files = found.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
    Path damaged = files.get(files.size() - 1);
    Files.write(damaged, Arrays.copyOf(Files.readAllBytes(damaged), 100));
    Files.deleteIfExists(damaged.resolveSibling("." + damaged.getFileName() + ".crc"));

    assertThat(
            ingest(
                "xml",
                posts,
                "--set",
                "source.postlinks.type=parquet",
                "--set",
                "source.postlinks.path=" + table))
        .as("stderr: %s", err)
        .isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .isEqualTo(
            "tracemine: Cannot read PostLinks: '"
                + damaged
                + "' is not a Parquet file (it does not start and end with the magic number"
                + " PAR1)");
    assertThat(out.resolve("posts")).doesNotExist();
  }

  @Test
  void filesThatCannotBeWhatTheSourceExpectsFailBeforeAnySparkWork() throws IOException {
    Path notGzip = Files.writeString(dir.resolve("Posts.xml.gz"), rows(1));
    assertThat(ingest("xml", notGzip)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .isEqualTo(
            "tracemine: Cannot read posts: '"
                + notGzip
                + "' is named .gz but is not gzip-compressed (it starts with 3c 70 6f 73, gzip with"
                + " 1f 8b)");

    err.getBuffer().setLength(0);
    Path hidden = Files.writeString(dir.resolve("_Posts.xml"), rows(1));
    assertThat(ingest("xml", hidden)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .isEqualTo(
            "tracemine: Cannot read posts: '"
                + hidden
                + "' has a name Spark skips as hidden (it starts with '_'); rename the file, or"
                + " copy it to a name that does not start with '.' or '_'");

    err.getBuffer().setLength(0);
    Path emptyParquet = Files.createDirectories(dir.resolve("empty-table"));
    Files.writeString(emptyParquet.resolve("_SUCCESS"), "");
    assertThat(ingest("parquet", emptyParquet)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .isEqualTo(
            "tracemine: Cannot read posts: directory '"
                + emptyParquet
                + "' holds no Parquet files (names starting with '.' or '_' are skipped)");

    err.getBuffer().setLength(0);
    Path xml = Files.writeString(dir.resolve("Posts.xml"), rows(1));
    assertThat(ingest("parquet", xml)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .isEqualTo(
            "tracemine: Cannot read posts: '"
                + xml
                + "' is not a Parquet file (it does not start and end with the magic number PAR1);"
                + " it looks like a Posts.xml dump: read it with --source xml");

    err.getBuffer().setLength(0);
    Path missing = dir.resolve("no/such/Posts.xml");
    assertThat(ingest("xml", missing)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .isEqualTo("tracemine: Cannot read posts: '" + missing + "' does not exist");

    assertThat(out).doesNotExist();
  }

  @Test
  void aParquetTableWithoutARequiredColumnIsNamed() {
    Path table = dir.resolve("table");
    spark.sql("SELECT 1L AS Id, 1 AS PostTypeId").write().parquet(table.toString());
    assertThat(ingest("parquet", table)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .isEqualTo(
            "tracemine: Cannot read posts from parquet '"
                + table
                + "': missing column 'ParentId' (found: 'Id', 'PostTypeId')");
    assertThat(out.resolve("posts")).doesNotExist();

    err.getBuffer().setLength(0);
    Path partitioned = dir.resolve("partitioned");
    spark
        .sql("SELECT 1L AS Id, 1 AS post_type_id")
        .write()
        .partitionBy("post_type_id")
        .parquet(partitioned.toString());
    assertThat(ingest("parquet", partitioned)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .as("a column only in directory names")
        .isEqualTo(
            "tracemine: Cannot read posts from parquet '"
                + partitioned
                + "': missing column 'PostTypeId' (found: 'Id'); the files' directories name it"
                + " ('post_type_id=1'): a partition column kept in directory names is not read,"
                + " write it into the files (or read the table with Spark and write it out whole)");
  }

  /**
   * Before, a value too large for its column wrapped around with ANSI mode off: PostTypeId 2^32 + 1
   * became 1 (a selected question), Score 2^32 + 7 became 7 and the unsigned Id 2^64 - 1 became -1,
   * all kept. Now each such row is quarantined naming the column and the value, as a Posts.xml row
   * is, and the values at the ends of the ranges are kept.
   */
  /**
   * A damaged page in a Parquet input whose writer stored no page checksums (pyarrow's default):
   * Spark's column reader fails without naming the file. It is found by reading the files one by
   * one on this error path: exit 3 naming it (before, hostile sweep 6: exit 1 with Spark's
   * job-abort line, which Airflow retries).
   */
  @Test
  void aDamagedParquetPageWithoutAChecksumIsNamedWithItsFile() throws IOException {
    Path input = Files.createDirectories(dir.resolve("damaged"));
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message posts { optional int64 Id; optional int64 PostTypeId; optional int64 ParentId;"
                + " optional int64 AcceptedAnswerId; optional int64 CreationDate"
                + " (TIMESTAMP(MICROS,true)); optional int64 Score; optional int64 ViewCount;"
                + " optional int32 AnswerCount; optional int32 CommentCount;"
                + " optional binary Title (STRING); optional binary Tags (STRING);"
                + " optional binary Body (STRING); }");
    SimpleGroupFactory rows = new SimpleGroupFactory(schema);
    for (String name : List.of("a.parquet", "b.parquet")) {
      try (ParquetWriter<Group> writer =
          ExampleParquetWriter.builder(
                  new org.apache.hadoop.fs.Path(input.resolve(name).toString()))
              .withType(schema)
              .withConf(new org.apache.hadoop.conf.Configuration())
              .withCompressionCodec(org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY)
              .withPageWriteChecksumEnabled(false)
              .build()) {
        for (int i = 1; i <= 400; i++) {
          writer.write(
              rows.newGroup()
                  .append("Id", (name.equals("a.parquet") ? 0L : 1000L) + i)
                  .append("PostTypeId", 1L)
                  .append("CreationDate", 1_588_327_200_000_000L)
                  .append("Score", 1L)
                  .append("Title", "q" + i)
                  .append("Tags", "<python><keras>")
                  .append("Body", "<p>a question body " + (i % 7) + " about keras</p>"));
        }
      }
    }
    Path damaged = input.resolve("b.parquet");
    var footer =
        org.apache.parquet.hadoop.ParquetFileReader.readFooter(
            new org.apache.hadoop.conf.Configuration(),
            new org.apache.hadoop.fs.Path(damaged.toString()));
    var body =
        footer.getBlocks().get(0).getColumns().stream()
            .filter(c -> c.getPath().toDotString().equals("Body"))
            .findFirst()
            .orElseThrow();
    try (var file = new java.io.RandomAccessFile(damaged.toFile(), "rw")) {
      file.seek(body.getStartingPos() + 16);
      file.write(new byte[(int) Math.min(64, body.getTotalSize() - 20)], 0, 0);
      byte[] junk = new byte[(int) Math.min(64, body.getTotalSize() - 20)];
      java.util.Arrays.fill(junk, (byte) 0xFF);
      file.write(junk);
    }
    Files.deleteIfExists(input.resolve(".b.parquet.crc"));
    // here Spark names the file itself
    assertThat(ingest("parquet", input)).as(err.toString()).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .startsWith("tracemine: Cannot read posts: '" + damaged + "' cannot be read: ");
    // the sweep's failure, from a dictionary page: Spark's column reader names no file
    var conf = spark.sparkContext().hadoopConfiguration();
    Exception unnamed =
        new org.apache.spark.SparkException(
            "Job aborted due to stage failure: Task 0 in stage 1.0 failed 1 times, most recent"
                + " failure: java.io.IOException: could not decode the dictionary for [Body]",
            new IOException("could not decode the dictionary for [Body] optional binary Body"));
    var inputs =
        List.of(
            new io.tracemine.ingest.ReadFailures.Input(
                "posts",
                input.toString(),
                io.tracemine.ingest.InputFiles.list(
                    input.toString(), io.tracemine.ingest.IngestConfig.SourceType.PARQUET, conf)));
    assertThat(io.tracemine.ingest.ReadFailures.translate(unnamed, inputs, conf))
        .isInstanceOf(io.tracemine.MalformedInputException.class)
        .hasMessage(
            "Cannot read posts: '"
                + damaged
                + "' cannot be read: IOException: could not decode the dictionary for [Body]"
                + " optional binary Body (a damaged Parquet file: its writer stored no page"
                + " checksums, so Spark could not name it)");
  }

  @Test
  void aParquetValueOutOfItsColumnsRangeIsQuarantinedNotWrappedAround() throws IOException {
    Path file = dir.resolve("posts.parquet");
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message posts { optional int64 Id (INTEGER(64,false)); optional int64 PostTypeId;"
                + " optional int64 ParentId; optional int64 AcceptedAnswerId;"
                + " optional int64 CreationDate (TIMESTAMP(MILLIS,true)); optional int64 Score;"
                + " optional int64 ViewCount; optional int32 AnswerCount;"
                + " optional int32 CommentCount; optional binary Title (STRING);"
                + " optional binary Tags (STRING); optional binary Body (STRING); }");
    SimpleGroupFactory rows = new SimpleGroupFactory(schema);
    long twoTo32 = 1L << 32;
    try (ParquetWriter<Group> writer = parquetWriter(file, schema)) {
      // Id, PostTypeId, Score, Tags; an unsigned Id is written as its two's complement
      long[][] posts = {
        {1, 1, 1},
        {3, twoTo32 + 1, 1},
        {4, 1, twoTo32 + 7},
        {-1, 1, 1}, // 2^64 - 1
        {Long.MIN_VALUE + 1000, 1, 1}, // 2^63 + 1000
        {6, Integer.MIN_VALUE - 1L, Integer.MAX_VALUE + 1L},
        {Long.MAX_VALUE, 1, Integer.MIN_VALUE},
        {8, 1, Integer.MAX_VALUE},
        {9, Integer.MAX_VALUE, 1} // a post type ingest does not select
      };
      for (long[] post : posts) {
        writer.write(
            rows.newGroup()
                .append("Id", post[0])
                .append("PostTypeId", post[1])
                .append("CreationDate", 1_588_327_200_000L)
                .append("Score", post[2])
                .append("Title", "q")
                .append("Tags", "<python><keras>")
                .append("Body", "<p>q</p>"));
      }
      writer.write(
          rows.newGroup()
              .append("Id", 2L)
              .append("PostTypeId", 2L)
              .append("ParentId", 1L)
              .append("Body", "<p>a</p>"));
    }

    assertThat(ingest("parquet", file, "--set", "ingest.max-rejected-fraction=1"))
        .as(err.toString())
        .isZero();
    Map<String, Long> counts = counts();
    assertThat(counts)
        .containsEntry("rows_read", 10L)
        .containsEntry("questions_selected", 3L)
        .containsEntry("answers_selected", 1L)
        .containsEntry("not_selected", 1L)
        .containsEntry("rejected", 5L);
    io.tracemine.ingest.PostsFixtures.assertEveryRowAccounted(counts);
    assertThat(rejects())
        .containsExactly(
            "null | bad Id '18446744073709551615' (out of range)",
            "null | bad Id '9223372036854776808' (out of range)",
            "3 | bad PostTypeId '4294967297' (out of range)",
            "4 | bad Score '4294967303' (out of range)",
            "6 | bad PostTypeId '-2147483649' (out of range); bad Score '2147483648' (out of"
                + " range)");
    assertThat(
            spark
                .read()
                .parquet(out.resolve("posts").toString())
                .orderBy("Id")
                .collectAsList()
                .stream()
                .map(r -> r.getAs("Id") + " " + r.getAs("PostTypeId") + " " + r.getAs("Score"))
                .toList())
        .containsExactly(
            "1 1 1", "2 2 null", "8 1 2147483647", "9223372036854775807 1 -2147483648");
  }

  /**
   * Before, Spark refused the read with {@code [COLUMN_ALREADY_EXISTS] The column `id` already
   * exists} (exit 1), naming neither the file nor the other column.
   */
  @Test
  void aParquetFileWithTwoColumnsDifferingOnlyInCaseIsRefusedNamingFileAndColumns()
      throws IOException {
    Path file = Files.createDirectories(dir.resolve("table")).resolve("part-0.parquet");
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message posts { optional int64 Id; optional int32 PostTypeId; optional int64 ParentId;"
                + " optional int64 AcceptedAnswerId;"
                + " optional int64 CreationDate (TIMESTAMP(MILLIS,true)); optional int32 Score;"
                + " optional int64 ViewCount; optional int32 AnswerCount;"
                + " optional int32 CommentCount; optional binary Title (STRING);"
                + " optional binary Tags (STRING); optional binary Body (STRING);"
                + " optional int64 id; }");
    try (ParquetWriter<Group> writer = parquetWriter(file, schema)) {
      writer.write(
          new SimpleGroupFactory(schema)
              .newGroup()
              .append("Id", 1L)
              .append("PostTypeId", 1)
              .append("id", 8L));
    }

    assertThat(ingest("parquet", file.getParent())).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .isEqualTo(
            "tracemine: Cannot read posts from parquet '"
                + file
                + "': its columns 'Id' and 'id' differ only in case, and column names are matched"
                + " ignoring case; rename or drop one of them");
    assertThat(out.resolve("posts")).doesNotExist();
  }

  /**
   * Spark's Parquet reader keeps a string's bytes as stored, invalid UTF-8 included; before session
   * 24 ingest copied them into {@code posts} (exit 0, {@code rejected_invalid_utf8=0}) and extract
   * read U+FFFD where they were. Now such a post is quarantined naming the column; a valid U+FFFD
   * and other non-ASCII text pass unchanged.
   */
  @Test
  void invalidUtf8InAParquetStringColumnIsQuarantinedNamingTheColumn() {
    Path table = dir.resolve("posts-parquet");
    spark
        .sql(
            "SELECT Id, PostTypeId, ParentId, CAST(NULL AS BIGINT) AS AcceptedAnswerId,"
                + " TIMESTAMP'2020-05-01 10:00:00' AS CreationDate, 1 AS Score,"
                + " CAST(NULL AS BIGINT) AS ViewCount, 0 AS AnswerCount, 0 AS CommentCount,"
                + " CAST(Title AS STRING) AS Title, CAST(Tags AS STRING) AS Tags,"
                + " CAST(Body AS STRING) AS Body FROM VALUES"
                // caf\xe9 (Latin-1), cut off before a space
                + " (1L, 1, CAST(NULL AS BIGINT), X'636166E9206F6B',"
                + " X'3C707974686F6E3E3C6B657261733E', X'3C703E713C2F703E'),"
                // a valid U+FFFD, Latin e-acute and an emoji: kept as they are
                + " (2L, 1, NULL, X'EFBFBD20C3A920F09F9880', X'3C707974686F6E3E3C6B657261733E',"
                + " X'3C703E71EFBFBD3C2F703E'),"
                + " (3L, 2, 1L, NULL, NULL, X'3C703E613C2F703E'),"
                // C3 28: a lead byte without its continuation, in the Body
                + " (4L, 1, NULL, X'71', X'3C707974686F6E3E3C6B657261733E', X'3C703EC3283C2F703E'),"
                // an encoded surrogate (ED A0 80) in the Tags
                + " (5L, 1, NULL, X'71', X'3C707974686F6E3E3C6B657261733EEDA080',"
                + " X'3C703E713C2F703E'), (6L, 2, 2L, NULL, NULL, X'3C703E613C2F703E') AS t(Id,"
                + " PostTypeId, ParentId, Title, Tags, Body)")
        .coalesce(1)
        .write()
        .parquet(table.toString());

    assertThat(ingest("parquet", table)).as(err.toString()).isZero();
    assertThat(counts())
        .containsEntry("rows_read", 6L)
        .containsEntry("questions_selected", 1L)
        .containsEntry("answers_selected", 1L)
        .containsEntry("not_selected", 1L)
        .containsEntry("rejected", 3L)
        .containsEntry("rejected_invalid_utf8", 3L);
    assertThat(
            spark
                .read()
                .parquet(out.resolve("rejects/stage=ingest").toString())
                .orderBy("record_id")
                .collectAsList()
                .stream()
                .map(
                    r ->
                        r.getAs("record_id")
                            + " | "
                            + r.getAs("reason")
                            + " | "
                            + r.getAs("detail"))
                .toList())
        .containsExactly(
            "1 | invalid UTF-8 | column 'Title': malformed byte sequence at byte 3 (e9 20 6f 6b)"
                + " of: caf\uFFFD ok",
            "4 | invalid UTF-8 | column 'Body': malformed byte sequence at byte 3 (c3 28 3c 2f)"
                + " of: <p>\uFFFD(</p>",
            "5 | invalid UTF-8 | column 'Tags': malformed byte sequence at byte 15 (ed a0 80)"
                + " of: <python><keras>\uFFFD");
    List<Row> kept =
        spark
            .read()
            .parquet(out.resolve("posts").toString())
            .selectExpr("Id", "hex(CAST(Title AS BINARY))", "hex(CAST(Body AS BINARY))")
            .orderBy("Id")
            .collectAsList();
    assertThat(kept.stream().map(Row::toString).toList())
        .containsExactly(
            "[2,EFBFBD20C3A920F09F9880,3C703E71EFBFBD3C2F703E]", "[6,null,3C703E613C2F703E]");
  }

  @Test
  void invalidUtf8AndOversizedBodiesAreCountedAndQuarantined() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(rows(4).replace("</posts>\n", "").getBytes(StandardCharsets.UTF_8));
    bytes.write(question(9, KERAS, 1).replace("q9", "\u0001").getBytes(StandardCharsets.UTF_8));
    bytes.write("\n</posts>\n".getBytes(StandardCharsets.UTF_8));
    byte[] content = bytes.toByteArray();
    content[new String(content, StandardCharsets.ISO_8859_1).indexOf('\u0001')] = (byte) 0xc3;
    Path file = Files.write(dir.resolve("Posts.xml"), content);

    assertThat(ingest("xml", file, "--set", "ingest.max-body-chars=10")).isZero();
    // every body of rows(4) is "<p>qN</p>" or "<p>aN</p>" (9 characters): all within the limit
    assertThat(counts())
        .containsEntry("rows_read", 5L)
        .containsEntry("questions_selected", 2L)
        .containsEntry("answers_selected", 2L)
        .containsEntry("rejected", 1L)
        .containsEntry("rejected_invalid_utf8", 1L);
    assertThat(rejects()).containsExactly("9 | invalid UTF-8");

    assertThat(ingest("xml", file, "--set", "ingest.max-body-chars=8"))
        .isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(counts()).as("the committed counts stay").containsEntry("rejected", 1L);
    assertThat(counts(failed()))
        .containsEntry("rows_read", 5L)
        .containsEntry("rejected", 5L)
        .containsEntry("rejected_body_too_large", 4L)
        .containsEntry("rejected_invalid_utf8", 1L);
  }

  /**
   * A dump read by lines (its first row alone on its line) with a later line holding several rows:
   * that line was one {@code malformed XML row} reject with its first Id, and its other rows were
   * gone from {@code rows_read} and from every table. Each of its rows now counts on its own.
   */
  @Test
  void everyRowOfALaterLineHoldingSeveralIsAccountedOnItsOwn() throws IOException {
    String several =
        question(90000, KERAS, 1).strip()
            + answer(90001, 90000).strip()
            + "<row Id=\"90002\" PostTypeId=\"1\" Body=\"&lt;p&gt;cut"
            + question(90010, KERAS, 1).strip();
    Path file = sixRowsThen(several + "\n");

    assertThat(ingest("xml", file)).as(err.toString()).isZero();
    assertThat(counts())
        .containsEntry("rows_read", 10L)
        .containsEntry("questions_selected", 5L)
        .containsEntry("answers_selected", 4L)
        .containsEntry("rejected", 1L);
    assertThat(rejects())
        .containsExactly(
            "90002 | malformed XML row: the row is cut off: the next tag starts inside it");
    assertThat(postIds()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 90000L, 90001L, 90010L);
  }

  /**
   * A dump read by lines with a comment over several lines holding rows: each line was parsed on
   * its own, so the commented rows were read as posts (and a line of the comment's text was a
   * reject). Now a line that opens a comment it does not close makes the ingest read that file
   * whole, where the comment is skipped as an XML parser skips it, wherever the splits fall; a
   * comment on one line is skipped in place. The same for a PostLinks.xml.
   */
  @Test
  void rowsInsideACommentOverSeveralLinesAreNotReadWhereverTheSplitsFall() throws IOException {
    String commented =
        "  <!-- removed by hand:\n"
            + question(90000, KERAS, 1)
            + "\n"
            + answer(90001, 90000)
            + "\n  -->\n  <!-- a comment on its line -->\n"
            + question(90010, KERAS, 1)
            + " <!-- after a row -->\n";
    Path file = sixRowsThen(commented);
    StringBuilder links = new StringBuilder("<postlinks>\n");
    for (int i = 1; i <= 4; i++) {
      links.append(
          String.format(
              "  <row Id=\"%d\" CreationDate=\"2020-01-01T00:00:00.000\" PostId=\"%d\""
                  + " RelatedPostId=\"1\" LinkTypeId=\"3\" />%n",
              i, i == 1 ? 3 : 90010 + i));
      if (i == 2) {
        links.append("  <!--\n");
      }
    }
    Path linksFile =
        Files.writeString(dir.resolve("PostLinks.xml"), links.append("  -->\n</postlinks>\n"));
    assertThat(ingestInSplitsOf(200, "xml", file, "--set", "source.postlinks.path=" + linksFile))
        .as(err.toString())
        .isZero();
    assertThat(counts())
        .containsEntry("rows_read", 7L)
        .containsEntry("questions_selected", 4L)
        .containsEntry("answers_selected", 3L)
        .containsEntry("rejected", 0L)
        .containsEntry("postlinks_read", 2L)
        .containsEntry("postlinks_rejected", 0L);
    assertThat(postIds()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 90010L);
  }

  /**
   * A dump read by lines with a CDATA section or a processing instruction over several lines
   * holding rows: the rows inside were read as posts. Now the file is read again whole, as with a
   * comment: the processing instruction is skipped, and the CDATA section, text between rows, is
   * one reject; no row inside either is a post, wherever the splits fall.
   */
  @Test
  void rowsInsideACdataSectionOrAProcessingInstructionOverLinesAreNotRead() throws IOException {
    String hidden =
        "  <![CDATA[\n"
            + question(90000, KERAS, 1)
            + "\n"
            + answer(90001, 90000)
            + "\n  ]]>\n  <?tool note\n"
            + question(90002, KERAS, 1)
            + "\n  ?>\n"
            + question(90010, KERAS, 1)
            + "\n";
    Path file = sixRowsThen(hidden);
    assertThat(ingestInSplitsOf(200, "xml", file)).as(err.toString()).isZero();
    assertThat(counts())
        .containsEntry("rows_read", 8L)
        .containsEntry("questions_selected", 4L)
        .containsEntry("answers_selected", 3L)
        .containsEntry("rejected", 1L);
    assertThat(rejects())
        .containsExactly(
            "null | malformed XML row: a CDATA section is text between rows: nothing inside it is"
                + " read as rows");
    assertThat(postIds()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 90010L);
  }

  /**
   * A dated run over an input of questions only, none in its window (a quiet week of a schedule):
   * it exited 3 with "no row read from … bytes of input", which Airflow does not retry, so a
   * backfill stopped. Its rows were read, outside the window: it runs through with empty tables.
   */
  @Test
  void aWindowHoldingNoneOfTheQuestionsRunsThroughEmpty() throws IOException {
    Path file = write(dir, "Posts.xml", List.of(question(1, KERAS, 0), question(2, KERAS, 0)));
    assertThat(ingest("xml", file, "--since", "2030-01-01", "--until", "2030-01-08"))
        .as(err.toString())
        .isZero();
    assertThat(counts())
        .containsEntry("rows_read", 0L)
        .containsEntry("outside_window", 2L)
        .containsEntry("questions_selected", 0L)
        .containsEntry("answers_selected", 0L);
  }

  /**
   * A question without a {@code CreationDate} is in no window: a dated run leaves it out, as an
   * undated run keeps it (in {@code creation_month=none}). It was counted as created outside the
   * window, which it was not; it has a count of its own, from its own rows.
   */
  @Test
  void aDatedRunCountsTheQuestionsWithoutADateApart() throws IOException {
    Path file =
        write(
            dir,
            "Posts.xml",
            List.of(
                question(1, KERAS, 0),
                question(2, KERAS, 0).replace(" CreationDate=\"2020-01-01T00:00:00.000\"", ""),
                question(3, KERAS, 0).replace("2020-01-01", "2031-01-01")));
    assertThat(ingest("xml", file, "--since", "2019-01-01", "--until", "2021-01-01"))
        .as(err.toString())
        .isZero();
    assertThat(counts())
        .containsEntry("rows_read", 1L)
        .containsEntry("questions_selected", 1L)
        .containsEntry("outside_window", 1L)
        .containsEntry("outside_window_undated", 1L);
    assertThat(postIds()).containsExactly(1L);
  }

  @Test
  void datesBefore1582AreKeptExactlyInTheirOwnMonth() throws IOException {
    List<String> dump =
        List.of(
            question(1, KERAS, 1).replace("2020-01-01T00:00:00.000", "0001-01-01T00:00:00.000"),
            question(3, KERAS, 1).replace("2020-01-01T00:00:00.000", "1500-06-15T12:30:00.000"),
            answer(2, 1));
    Path file = write(dir, "Posts.xml", dump);

    assertThat(ingest("xml", file)).as(err.toString()).isZero();
    assertThat(counts())
        .containsEntry("rows_read", 3L)
        .containsEntry("questions_selected", 2L)
        .containsEntry("rejected", 0L);
    assertThat(postDates("yyyy-MM-dd HH:mm:ss"))
        .containsExactly(
            "1 0001-01-01 00:00:00 0001-01",
            "2 2020-01-02 00:00:00 0001-01",
            "3 1500-06-15 12:30:00 1500-06");
  }

  @Test
  void aPandasParquetWithNanosecondTimestampsIsReadToTheMicrosecond() throws IOException {
    Path file = dir.resolve("posts.parquet");
    writePandasLike(file, new long[] {1_551_434_400_123_456_789L, -1L});

    assertThat(ingest("parquet", file)).as(err.toString()).isZero();
    assertThat(postDates("yyyy-MM-dd HH:mm:ss.SSSSSS"))
        .containsExactly(
            "1 2019-03-01 10:00:00.123456 2019-03", "2 1969-12-31 23:59:59.999999 1969-12");
  }

  /**
   * Spark reads a directory with one file's schema. Before, pandas' nanoseconds first made Spark's
   * microseconds beside them a thousand times too small (post 3 in January 1970), and Spark's file
   * first failed the run in a task (exit 1, "Parquet column cannot be converted").
   */
  @Test
  void aDirectoryMixingPandasAndSparkParquetFilesReadsEachFileWithItsOwnTypes() throws IOException {
    Path mixed = Files.createDirectories(dir.resolve("mixed"));
    writePandasLike(mixed.resolve("a.parquet"), new long[] {1_551_434_400_123_456_789L, -1L});
    spark
        .sql(
            "SELECT CAST(id AS INT) AS Id, 1 AS PostTypeId, CAST(NULL AS BIGINT) AS ParentId,"
                + " CAST(NULL AS BIGINT) AS AcceptedAnswerId,"
                + " TIMESTAMP'2020-05-01 10:00:00.654321' AS CreationDate, 2 AS Score,"
                + " CAST(NULL AS BIGINT) AS ViewCount, 0 AS AnswerCount, 0 AS CommentCount,"
                + " 'q' AS Title, '<python><keras>' AS Tags, '<p>q</p>' AS Body FROM range(3, 5)")
        .coalesce(1)
        .write()
        .parquet(mixed.resolve("b").toString());

    assertThat(ingest("parquet", mixed)).as(err.toString()).isZero();
    assertThat(postDates("yyyy-MM-dd HH:mm:ss.SSSSSS"))
        .containsExactly(
            "1 2019-03-01 10:00:00.123456 2019-03",
            "2 1969-12-31 23:59:59.999999 1969-12",
            "3 2020-05-01 10:00:00.654321 2020-05",
            "4 2020-05-01 10:00:00.654321 2020-05");
  }

  /**
   * A Parquet file as pandas writes it through pyarrow 13+: nanosecond timestamps, no Spark
   * metadata.
   */
  /**
   * A column name carrying a byte-order mark (from a CSV header) is shown with the mark written
   * out, since a terminal shows {@code \uFEFFId} as {@code Id}; a string column stored as bytes
   * without Parquet's UTF8 annotation names the setting that reads it as text.
   */
  @Test
  void invisibleCharactersInColumnNamesAndUntaggedTextColumnsAreNamed() {
    Path bom = dir.resolve("bom");
    spark.sql("SELECT 1L AS `\uFEFFId`, 1 AS PostTypeId").write().parquet(bom.toString());
    assertThat(ingest("parquet", bom)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine()).endsWith("missing column 'Id' (found: '\\uFEFFId', 'PostTypeId')");

    err.getBuffer().setLength(0);
    Path bytes = dir.resolve("bytes");
    spark.sql(oneQuestionSql("CAST('<p>q</p>' AS BINARY)")).write().parquet(bytes.toString());
    assertThat(ingest("parquet", bytes)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(errorLine())
        .contains("column 'Body' has type binary but must be string")
        .endsWith("read it as text with --set spark.conf.spark.sql.parquet.binaryAsString=true");
  }

  /** A query of one keras question with every SOTorrent column, its body {@code body} (SQL). */
  private static String oneQuestionSql(String body) {
    return "SELECT 1L AS Id, 1 AS PostTypeId, CAST(NULL AS BIGINT) AS ParentId,"
        + " CAST(NULL AS BIGINT) AS AcceptedAnswerId,"
        + " TIMESTAMP'2020-05-01 10:00:00' AS CreationDate, 2 AS Score,"
        + " CAST(NULL AS BIGINT) AS ViewCount, 1 AS AnswerCount, 0 AS CommentCount,"
        + " 'q' AS Title, '<python><keras>' AS Tags, "
        + body
        + " AS Body";
  }

  /**
   * A file of answers as pandas writes it: {@code Title} and {@code Tags} all None, stored in
   * Parquet's null type, which Spark reads as int. Before: exit 3, {@code column 'Title' has type
   * int but must be string}, for a column without a value.
   */
  @Test
  void aColumnWithoutAnyValueIsReadAsNullsWhateverItsType() throws IOException {
    Path input = Files.createDirectories(dir.resolve("pandas"));
    spark
        .sql(oneQuestionSql("'<p>q</p>'"))
        .coalesce(1)
        .write()
        .parquet(input.resolve("questions").toString());
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message posts { optional int64 Id; optional int64 PostTypeId; optional int64 ParentId;"
                + " optional int32 AcceptedAnswerId; optional int64 CreationDate"
                + " (TIMESTAMP(MICROS,true)); optional int64 Score; optional int32 ViewCount;"
                + " optional int32 AnswerCount; optional int64 CommentCount; optional int32 Title;"
                + " optional int32 Tags; optional binary Body (STRING); }");
    SimpleGroupFactory rows = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = parquetWriter(input.resolve("answers.parquet"), schema)) {
      writer.write(
          rows.newGroup()
              .append("Id", 2L)
              .append("PostTypeId", 2L)
              .append("ParentId", 1L)
              .append("CreationDate", 1_588_330_000_000_000L)
              .append("Score", 0L)
              .append("CommentCount", 0L)
              .append("Body", "<p>a</p>"));
    }
    assertThat(ingest("parquet", input)).as(err.toString()).isZero();
    assertThat(counts())
        .containsEntry("rows_read", 2L)
        .containsEntry("questions_selected", 1L)
        .containsEntry("answers_selected", 1L)
        .containsEntry("rejected", 0L);
  }

  /**
   * A column of a type Spark cannot read (pyarrow's {@code time64}, Parquet {@code TIME(MICROS)}):
   * before (hostile sweep 8), any such column failed the read in a task, exit 1 naming neither the
   * file nor the column, even one TraceMine does not use. It is now left out of the read; one
   * TraceMine needs is named with its type.
   */
  @Test
  void aParquetColumnSparkCannotReadIsLeftOutOrNamedWhenItIsNeeded() throws IOException {
    Path extra = Files.createDirectories(dir.resolve("extra")).resolve("part-0.parquet");
    writeWithTimeColumn(extra, "LastActivityTime", "CreationDate");
    assertThat(ingest("parquet", extra)).as(err.toString()).isZero();
    assertThat(counts())
        .containsEntry("rows_read", 2L)
        .containsEntry("questions_selected", 1L)
        .containsEntry("answers_selected", 1L)
        .containsEntry("rejected", 0L);

    Path needed = Files.createDirectories(dir.resolve("needed")).resolve("part-0.parquet");
    writeWithTimeColumn(needed, "CreationDate", "LastActivityDate");
    err.getBuffer().setLength(0);
    assertThat(ingest("parquet", needed)).as(err.toString()).isEqualTo(3);
    assertThat(err.toString())
        .contains("CreationDate")
        .contains(
            "Spark cannot read its column 'CreationDate' (optional int64 CreationDate"
                + " (TIME(MICROS,false))), so it was left out: rewrite it as a type Spark reads");
  }

  /**
   * A configured library whose stems select no question (a typo, or a stem that is no tag): before
   * (hostile sweep 8), it vanished from every stats and report table with exit 0 and no word.
   */
  @Test
  void aLibraryThatSelectsNoQuestionIsNoted() throws IOException {
    Path file = Files.writeString(dir.resolve("Posts.xml"), rows(6));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int exit;
    try {
      CommandLine cl = TraceMine.commandLine();
      cl.setErr(new PrintWriter(err, true));
      exit =
          cl.execute(
              "ingest",
              "--source",
              "xml",
              "--input",
              file.toString(),
              "--output",
              out.toString(),
              "--set",
              "libraries=keras,pytorch",
              "--set",
              "library.pytorch.stems=pytorh");
    } finally {
      System.setOut(stdout);
    }
    assertThat(exit).as(err.toString()).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains(
            "  note: library 'pytorch' selected no question (its tag stems: pytorh), so the stats"
                + " and the report leave it out; check its stems against Stack Overflow's tags"
                + " (library.pytorch.stems)")
        .doesNotContain("library 'keras'");
  }

  /**
   * A column of Parquet's FLOAT16 logical type (pyarrow 15 and later; the fixture is two posts and
   * a float16 column {@code Ratio}, written by pyarrow 25): the Parquet reader of Spark 3.5 cannot
   * read such a footer at all. Before, the message was parquet-format's bare NullPointerException.
   */
  @Test
  void aParquetFooterWithAFloat16ColumnIsNamedWithTheRemedy() throws IOException {
    Path file = Files.createDirectories(dir.resolve("f16")).resolve("part-0.parquet");
    try (var in = getClass().getResourceAsStream("/ingest/float16-column.parquet")) {
      Files.copy(in, file);
    }
    assertThat(ingest("parquet", file)).as(err.toString()).isEqualTo(3);
    assertThat(err.toString())
        .contains("Cannot read posts: '" + file + "' cannot be read: NullPointerException")
        .contains(
            "(its footer holds a logical type this Parquet reader does not know, as pyarrow 15 and"
                + " later write FLOAT16 for a float16 column: write that column as float32, or"
                + " drop it)");
  }

  /** Two posts whose column {@code time} is a time of day, {@code date} their creation date. */
  private static void writeWithTimeColumn(Path file, String time, String date) throws IOException {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message posts { optional int64 Id; optional int32 PostTypeId; optional int64 ParentId;"
                + " optional int64 AcceptedAnswerId; optional int64 "
                + date
                + " (TIMESTAMP(MILLIS,true)); optional int64 "
                + time
                + " (TIME(MICROS,false)); optional int32 Score; optional int64 ViewCount;"
                + " optional int32 AnswerCount; optional int32 CommentCount;"
                + " optional binary Title (STRING);"
                + " optional binary Tags (STRING); optional binary Body (STRING); }");
    SimpleGroupFactory rows = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = parquetWriter(file, schema)) {
      writer.write(
          rows.newGroup()
              .append("Id", 1L)
              .append("PostTypeId", 1)
              .append(date, 1_588_327_200_000L)
              .append(time, 3_600_000_000L)
              .append("Title", "q")
              .append("Tags", "<python><keras>")
              .append("Body", "<p>q</p>"));
      writer.write(
          rows.newGroup()
              .append("Id", 2L)
              .append("PostTypeId", 2)
              .append("ParentId", 1L)
              .append(date, 1_588_327_300_000L)
              .append(time, 7_200_000_000L)
              .append("Body", "<p>a</p>"));
    }
  }

  /** A writer of {@code schema}'s rows to {@code file}, as parquet-mr's example writer writes. */
  private static ParquetWriter<Group> parquetWriter(Path file, MessageType schema)
      throws IOException {
    return ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toString()))
        .withType(schema)
        .withConf(new org.apache.hadoop.conf.Configuration())
        .build();
  }

  private static void writePandasLike(Path file, long[] nanos) throws IOException {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message posts { optional int64 Id; optional int32 PostTypeId; optional int64 ParentId;"
                + " optional int64 AcceptedAnswerId;"
                + " optional int64 CreationDate (TIMESTAMP(NANOS,true)); optional int32 Score;"
                + " optional int64 ViewCount; optional int32 AnswerCount;"
                + " optional int32 CommentCount; optional binary Title (STRING);"
                + " optional binary Tags (STRING); optional binary Body (STRING); }");
    SimpleGroupFactory rows = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = parquetWriter(file, schema)) {
      for (int i = 0; i < nanos.length; i++) {
        writer.write(
            rows.newGroup()
                .append("Id", i + 1L)
                .append("PostTypeId", 1)
                .append("CreationDate", nanos[i])
                .append("Title", "q" + i)
                .append("Tags", "<python><keras>")
                .append("Body", "<p>q</p>"));
      }
    }
  }

  @Test
  void pathsWithSpacesPercentHashAndGlobCharactersAreReadAsWritten() throws IOException {
    Path input = Files.createDirectories(dir.resolve("my dump #1 %20 [2024]"));
    Files.writeString(input.resolve("Posts {a} *.xml"), rows(4));
    out = dir.resolve("out put #2 %41");

    assertThat(ingest("xml", input)).as(err.toString()).isZero();
    assertThat(counts()).containsEntry("files_read", 1L).containsEntry("rows_read", 4L);
    assertThat(
            spark.read().parquet(out.resolve("input_files").toString()).collectAsList().stream()
                .map(r -> r.getString(0).replaceFirst("^.*/", "") + " " + r.getLong(2))
                .toList())
        .containsExactly("Posts {a} *.xml 4");

    out = dir.resolve("out[1]");
    assertThat(ingest("xml", input)).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(errorLine())
        .endsWith(
            "out[1]' (output.dir) holds '[', which Spark would expand as a pattern when it reads"
                + " the tables back (any of \\ { } [ ] * ?); choose a directory without it");
  }
}
