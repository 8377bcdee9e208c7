package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.MalformedInputException;
import io.tracemine.ingest.IngestConfig.SourceType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark-free checks of ingest's inputs: UTF-8, readable ids, file probes, quality gate. */
class InputChecksTest {

  /** Oracle: the JDK's strict decoder, reporting where it stops. */
  private static int strictOracle(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return -1;
    } catch (CharacterCodingException e) {
      return 0; // only validity is compared; the offset is checked against a prefix below
    }
  }

  @Property(tries = 2000)
  void utf8DecodeAgreesWithAStrictDecoderAndNeverAltersValidText(
      @ForAll @Size(max = 40) byte[] bytes) {
    Utf8.Decoded decoded = Utf8.decode(bytes);
    assertThat(decoded.valid()).isEqualTo(strictOracle(bytes) < 0);
    if (decoded.valid()) {
      assertThat(decoded.text().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
    } else {
      int at = decoded.malformedAt();
      assertThat(strictOracle(java.util.Arrays.copyOf(bytes, at)))
          .as("prefix before %d is valid", at)
          .isNegative();
    }
  }

  @Property(tries = 500)
  void validTextRoundTripsEvenWithReplacementCharacters(@ForAll String text) {
    String withFffd = text + "\uFFFD";
    byte[] bytes = withFffd.getBytes(StandardCharsets.UTF_8);
    if (!new String(bytes, StandardCharsets.UTF_8).equals(withFffd)) {
      return; // unpaired surrogates do not survive encoding at all
    }
    assertThat(Utf8.decode(bytes)).isEqualTo(new Utf8.Decoded(withFffd, -1));
  }

  @Test
  void readableIdIsTheIdAttributeNotAnotherAttributeEndingInId() {
    assertThat(
            PostsXmlLine.readableId("  <row PostTypeId=\"1\" ParentId=\"4\" Id=\"17\" Body=\"cut"))
        .isEqualTo("17");
    assertThat(PostsXmlLine.readableId("\uFEFF<row Id=\"5\" Body=\"&quot;Id=&quot;6"))
        .isEqualTo("5");
    assertThat(PostsXmlLine.readableId("<row PostTypeId=\"1\" Body=\"x\" />")).isNull();
    assertThat(PostsXmlLine.readableId("garbage Id=\"3\"")).isNull();
    assertThat(PostsXmlLine.readableId("<row Id=\"12345678901234567890\" />")).isNull();
  }

  @Test
  void theQualityGateNamesTheThresholdAndTheCounts() {
    Map<String, Long> half = Map.of("rows_read", 10L, "rejected", 5L);
    assertThat(QualityGate.failure(half, 0.5, 100, "xml in.xml")).isEmpty();
    assertThat(
            QualityGate.failure(
                Map.of("rows_read", 1590L, "rejected", 1590L), 0.5, 100, "xml in.xml"))
        .contains(
            "Cannot accept posts from xml in.xml: 1,590 of 1,590 rows read were rejected"
                + " (100.0%), more than ingest.max-rejected-fraction=0.5 allows");
    assertThat(QualityGate.failure(Map.of("rows_read", 10L, "rejected", 1L), 0.05, 100, "x"))
        .contains(
            "Cannot accept posts from x: 1 of 10 rows read were rejected (10.0%), more than"
                + " ingest.max-rejected-fraction=0.05 allows");
    assertThat(QualityGate.failure(Map.of("rows_read", 10L, "rejected", 10L), 1, 100, "x"))
        .isEmpty();
    Map<String, Long> none = Map.of("rows_read", 0L, "rejected", 0L);
    Map<String, Long> threeCopies =
        Map.of("rows_read", 31L, "rejected", 21L, "rejected_duplicate_identical", 20L);
    assertThat(QualityGate.failure(threeCopies, 0.5, 100, "x"))
        .as("identical copies of kept rows lose nothing: 1 of 11 distinct rows rejected")
        .isEmpty();
    assertThat(QualityGate.failure(threeCopies, 0.05, 100, "x"))
        .contains(
            "Cannot accept posts from x: 1 of 11 rows read were rejected (9.1%; 20 identical"
                + " copies of kept rows not counted), more than ingest.max-rejected-fraction=0.05"
                + " allows");
    assertThat(QualityGate.failure(none, 0.5, 0, "xml in.xml"))
        .as("an empty input")
        .contains(
            "Cannot read posts from xml in.xml: the input is empty (0 bytes: a download or copy"
                + " that failed?)");
    assertThat(QualityGate.failure(none, 0.5, -1, "bigquery t")).as("size unknown").isEmpty();
    assertThat(QualityGate.failure(none, 0.5, 1234, "x"))
        .contains(
            "Cannot read posts from x: no row read from 1,234 bytes of input (wrong --source,"
                + " or files without rows?)");
    assertThat(QualityGate.failure(none, 0.5, 1234, "xml in.xml"))
        .contains(
            "Cannot read posts from xml in.xml: no row read from 1,234 bytes of input (wrong"
                + " --source, or a dump without <row .../> lines?)");
    Map<String, Long> quietWeek = Map.of("rows_read", 0L, "rejected", 0L, "outside_window", 7L);
    assertThat(QualityGate.failure(quietWeek, 0.5, 1234, "xml in.xml"))
        .as("a dated run whose window holds no post: its rows were read, outside the window")
        .isEmpty();
  }

  @Test
  void eachFileOfSeveralMustGiveAUsableRow() {
    var good = new QualityGate.FileRows("a.xml", 100, 10, 2);
    var rejected = new QualityGate.FileRows("b.xml", 160, 3, 3);
    var rowless = new QualityGate.FileRows("c.xml", 60, 0, 0);
    var empty = new QualityGate.FileRows("d.xml", 0, 0, 0);
    assertThat(QualityGate.unusableFile(List.of(good, good), true, true, "xml in")).isEmpty();
    assertThat(QualityGate.unusableFile(List.of(rejected), true, true, "xml in"))
        .as("a single file: the whole input's checks name it")
        .isEmpty();
    assertThat(QualityGate.unusableFile(List.of(good, rejected), false, false, "parquet in"))
        .contains(
            "Cannot accept posts from parquet in: its file 'b.xml' gave no usable row (all 3 rows"
                + " read from it were rejected: a download or copy that failed, or not a part of"
                + " the dump?); replace it or leave it out of the input");
    assertThat(QualityGate.unusableFile(List.of(good, rowless), true, true, "xml in"))
        .hasValueSatisfying(m -> assertThat(m).contains("(no <row> was read from its 60 bytes:"));
    assertThat(QualityGate.unusableFile(List.of(good, rowless), true, false, "xml in"))
        .as("a dated run reads no row of a file whose posts are outside its window")
        .isEmpty();
    assertThat(QualityGate.unusableFile(List.of(good, empty), true, false, "xml in"))
        .hasValueSatisfying(m -> assertThat(m).contains("(it is empty (0 bytes):"));
    assertThat(QualityGate.unusableFile(List.of(good, rowless), false, true, "parquet in"))
        .as("Spark writes Parquet part files without rows")
        .isEmpty();
  }

  @Test
  void listingIsRecursiveSortedAndSkipsHiddenNames(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("b/c"));
    Files.createDirectories(dir.resolve("_tmp"));
    Files.writeString(dir.resolve("b/c/z.xml"), "<row Id=\"1\" />\n");
    Files.writeString(dir.resolve("a.xml"), "<row Id=\"2\" />\n");
    Files.writeString(dir.resolve(".a.xml.crc"), "x");
    Files.writeString(dir.resolve("_tmp/y.xml"), "x");
    assertThat(InputFiles.list(dir.toString(), SourceType.XML, new Configuration()))
        .extracting(
            f -> InputFiles.display(f.path()).substring(dir.toString().length()) + " " + f.bytes())
        .containsExactly("/a.xml 15", "/b/c/z.xml 15");
  }

  /**
   * A file cut, grown, overwritten with the same size or removed after it was listed is named with
   * how it changed; an unchanged listing is not (hostile sweep 9: a dump truncated or copied over
   * while ingest read it was read in part with exit 0).
   */
  @Test
  void aFileThatChangedSinceItWasListedIsNamed(@TempDir Path dir) throws IOException {
    Configuration conf = new Configuration();
    Path dump = dir.resolve("Posts.xml");
    Files.writeString(dump, "<posts>\n<row Id=\"1\" />\n<row Id=\"2\" />\n</posts>\n");
    Path other = dir.resolve("b.xml");
    Files.writeString(other, "<posts>\n</posts>\n");
    List<InputFiles.InputFile> listed = InputFiles.list(dir.toString(), SourceType.XML, conf);
    assertThat(InputFiles.changedSinceListed(listed, conf)).isEmpty();

    Files.writeString(dump, "<posts>\n<row Id=\"1\" />\n");
    assertThat(InputFiles.changedSinceListed(listed, conf))
        .hasValue("'" + dump + "' held 47 bytes when listed and holds 23 now");

    Files.writeString(dump, "<posts>\n<row Id=\"1\" />\n<row Id=\"3\" />\n</posts>\n");
    Files.setLastModifiedTime(dump, FileTime.fromMillis(listed.get(0).modified() + 2000));
    assertThat(InputFiles.changedSinceListed(listed, conf))
        .hasValueSatisfying(m -> assertThat(m).contains("was modified at").endsWith("listed"));

    Files.setLastModifiedTime(dump, FileTime.fromMillis(listed.get(0).modified()));
    Files.delete(other);
    assertThat(InputFiles.changedSinceListed(listed, conf))
        .hasValue("'" + other + "' was listed and is gone now");
  }

  /**
   * Spark skips a file whose name starts with {@code _} or {@code .} even when it is named on its
   * own, and a {@code ._COPYING_} file in a directory: the input was refused as "no row read", or
   * the file counted in {@code files_read} while its rows were silently lost. Both are now named.
   */
  @Test
  void aFileSparkWouldSkipIsNamedWithTheReasonBeforeAnyWork(@TempDir Path dir) throws IOException {
    Configuration conf = new Configuration();
    for (String name : java.util.List.of("_posts.xml", ".posts.xml")) {
      Path hidden = Files.writeString(dir.resolve(name), "<row Id=\"1\" />\n");
      assertThatThrownBy(() -> InputFiles.list(hidden.toString(), SourceType.XML, conf))
          .isInstanceOf(MalformedInputException.class)
          .hasMessage(
              "Cannot read posts: '"
                  + hidden
                  + "' has a name Spark skips as hidden (it starts with '"
                  + name.charAt(0)
                  + "'); rename the file, or copy it to a name that does not start with '.' or"
                  + " '_'");
    }
    Path partitioned = Files.writeString(dir.resolve("_year=2020.xml"), "<row Id=\"1\" />\n");
    assertThat(InputFiles.list(partitioned.toString(), SourceType.XML, conf)).hasSize(1);
    Path copying = Files.createDirectories(dir.resolve("copying"));
    Files.writeString(copying.resolve("a.xml"), "<row Id=\"1\" />\n");
    Files.writeString(copying.resolve("b.xml._COPYING_"), "<row Id=\"2\" />\n");
    assertThatThrownBy(() -> InputFiles.list(copying.toString(), SourceType.XML, conf))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("Cannot read posts: '" + copying.resolve("b.xml._COPYING_") + "'")
        .hasMessageContaining("is still being copied");
    assertThat(InputFiles.sparkSkips("_metadata")).isFalse();
    assertThat(InputFiles.sparkSkips("part-0.parquet")).isFalse();
  }

  /**
   * Hadoop's listing leaves out a symbolic link to nothing (a part on a volume that is not
   * mounted): the run read the other files and exited 0. It is now named before any work.
   */
  @Test
  void aLinkToNothingInAnInputDirectoryIsNamed(@TempDir Path dir) throws IOException {
    Path input = Files.createDirectories(dir.resolve("in"));
    Files.writeString(input.resolve("c.xml"), "<row Id=\"1\" />\n");
    Path link = Files.createSymbolicLink(input.resolve("d.xml"), dir.resolve("gone/d.xml"));
    Files.createSymbolicLink(input.resolve(".e.xml"), dir.resolve("gone/e.xml"));
    assertThatThrownBy(() -> InputFiles.list(input.toString(), SourceType.XML, new Configuration()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read posts: '"
                + link
                + "' is a symbolic link to '"
                + dir.resolve("gone/d.xml")
                + "', which does not exist; restore its target or remove the link");
    Files.delete(link);
    assertThat(InputFiles.list(input.toString(), SourceType.XML, new Configuration())).hasSize(1);
  }

  /**
   * A file whose name this JVM's file-name encoding cannot decode (here the Latin-1 byte of
   * "donn\u00e9es" under UTF-8; any non-ASCII name under the C locale) is left out of Hadoop's
   * listing: before, the run read the other files and exited 0 (hostile sweep 7, F1: 198 of 398
   * rows). It is now named before any work.
   */
  @Test
  void aFileWhoseNameCannotBeDecodedIsNamedNotLeftOut(@TempDir Path dir) throws Exception {
    Path input = Files.createDirectories(dir.resolve("in"));
    Files.writeString(input.resolve("c.xml"), "<row Id=\"1\" />\n");
    Process make =
        new ProcessBuilder(
                "sh",
                "-c",
                "printf '<row Id=\"2\" />\\n' > \"$0/$(printf 'Posts-donn\\351es.xml')\"",
                input.toString())
            .inheritIO()
            .start();
    assertThat(make.waitFor()).isZero();
    assertThatThrownBy(() -> InputFiles.list(input.toString(), SourceType.XML, new Configuration()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("Cannot read posts: the name of '" + input + "/Posts-donn")
        .hasMessageContaining(
            "' cannot be written in this JVM's file-name encoding (sun.jnu.encoding="
                + System.getProperty("sun.jnu.encoding")
                + ", from the locale), so the file would be left out: rename it");
    // batch match's input, which Spark lists itself
    assertThatThrownBy(
            () -> InputFiles.filesSparkLists("--input x", dir.toString(), new Configuration()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("Cannot read --input x: the name of '" + input + "/Posts-donn");
    assertThat(
            InputFiles.filesSparkLists(
                "--input x", input.resolve("c.xml").toString(), new Configuration()))
        .containsExactly("file:" + input.resolve("c.xml"));
  }

  /**
   * A dump cut between two rows (an interrupted download or copy, {@code head -n}) opens {@code
   * <posts>} and never closes it: before, its first 398 of 875 rows were read with exit 0 and no
   * note (hostile sweep 7, F5). A dump split into parts, the last closing the root, is read.
   */
  /**
   * A ':' in a file's name (a time stamp, {@code Posts 2020-01-01T00:00.xml}): before, exit 1 with
   * Hadoop's {@code URISyntaxException: Relative path in absolute URI}, naming no file (hostile
   * sweep 7, F3).
   */
  @Test
  void aColonInAFileNameIsNamedBeforeAnyWork(@TempDir Path dir) throws IOException {
    Path input = Files.createDirectories(dir.resolve("in"));
    Files.writeString(input.resolve("Posts-1.xml"), "<row Id=\"1\" />\n");
    Path stamped =
        Files.writeString(input.resolve("Posts 2020-01-01T00:00.xml"), "<row Id=\"2\" />\n");
    String expected =
        "Cannot read posts: '"
            + stamped
            + "' has a ':' in its name, which Hadoop's paths cannot hold (it reads the part"
            + " before it as a URI scheme); rename the file without ':'";
    assertThatThrownBy(() -> InputFiles.list(input.toString(), SourceType.XML, new Configuration()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(expected);
    assertThatThrownBy(
            () -> InputFiles.list(stamped.toString(), SourceType.XML, new Configuration()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(expected);
  }

  @Test
  void aDumpCutBetweenTwoRowsIsNamedButPartsOfASplitDumpAreRead(@TempDir Path dir)
      throws IOException {
    String head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n";
    String rows = "  <row Id=\"1\" PostTypeId=\"1\" />\n  <row Id=\"2\" PostTypeId=\"2\" />\n";
    Path cut = Files.createDirectories(dir.resolve("cut"));
    Files.writeString(cut.resolve("Posts.xml"), head + rows);
    assertThatThrownBy(() -> InputFiles.list(cut.toString(), SourceType.XML, new Configuration()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read posts: '"
                + cut.resolve("Posts.xml")
                + "' opens <posts> and ends without </posts> (its last line ends '<row Id=\"2\""
                + " PostTypeId=\"2\" />'), and no other input file closes it: it was cut short (an"
                + " interrupted download or copy?); fetch it again, or end it with </posts> if its"
                + " rows are all there is");
    Files.writeString(cut.resolve("Posts.xml"), head + rows + "</posts>\n\n");
    assertThat(InputFiles.list(cut.toString(), SourceType.XML, new Configuration())).hasSize(1);
    Path split = Files.createDirectories(dir.resolve("split"));
    Files.writeString(split.resolve("Posts-1.xml"), head + rows);
    Files.writeString(split.resolve("Posts-2.xml"), rows + "</posts>\n");
    Files.writeString(split.resolve("Posts-3.xml"), "<posts><row Id=\"9\" /></posts>");
    assertThat(InputFiles.list(split.toString(), SourceType.XML, new Configuration())).hasSize(3);
    Path inRow = Files.createDirectories(dir.resolve("in-row"));
    Files.writeString(inRow.resolve("Posts.xml"), head + rows + "  <row Id=\"3\" Body=\"Trace");
    assertThat(InputFiles.list(inRow.toString(), SourceType.XML, new Configuration()))
        .as("cut inside a row: that row's reject says so")
        .hasSize(1);
  }

  @Test
  void aDumpDirectoryIsReadForPostsOnlyAndTheOtherTablesAreNamed(@TempDir Path dir)
      throws IOException {
    for (String name :
        java.util.List.of(
            "Posts.xml",
            "PostLinks.xml",
            "comments.xml",
            "Users.xml.gz",
            "planted.jsonl.gz",
            "runs.jsonl",
            "meta.JSON")) {
      Files.writeString(dir.resolve(name), "<rows/>");
    }
    Files.write(dir.resolve("Users.xml.gz"), new byte[] {0x1f, (byte) 0x8b, 0, 0});
    Files.write(dir.resolve("planted.jsonl.gz"), new byte[] {0x1f, (byte) 0x8b, 0, 0});
    Configuration conf = new Configuration();
    assertThat(InputFiles.list(dir.toString(), SourceType.XML, conf))
        .extracting(f -> Path.of(InputFiles.display(f.path())).getFileName().toString())
        .containsExactly("Posts.xml");
    assertThat(InputFiles.otherDumpTables(dir.toString(), SourceType.XML, conf))
        .extracting(p -> Path.of(p).getFileName().toString())
        .containsExactly(
            "PostLinks.xml",
            "Users.xml.gz",
            "comments.xml",
            "meta.JSON",
            "planted.jsonl.gz",
            "runs.jsonl");
    Path named = dir.resolve("PostLinks.xml");
    assertThat(InputFiles.list(named.toString(), SourceType.XML, conf)).hasSize(1);
    assertThat(InputFiles.otherDumpTables(named.toString(), SourceType.XML, conf)).isEmpty();
  }

  @Test
  void probesNameTheFileAndWhatIsWrong(@TempDir Path dir) throws IOException {
    Path parquetAsXml =
        Files.write(dir.resolve("t.xml"), "PAR1....PAR1".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(
            () -> InputFiles.list(parquetAsXml.toString(), SourceType.XML, new Configuration()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read posts: '"
                + parquetAsXml
                + "' is a Parquet file, not a Posts.xml dump:"
                + " read it with --source parquet");
    Path emptyBz2 = Files.write(dir.resolve("Posts.xml.bz2"), new byte[0]);
    assertThatThrownBy(
            () -> InputFiles.list(emptyBz2.toString(), SourceType.XML, new Configuration()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read posts: '"
                + emptyBz2
                + "' is named .bz2 but is not bzip2-compressed"
                + " (it starts with nothing (the file is empty), bzip2 with 42 5a 68)");
    Path text = Files.writeString(dir.resolve("part-0.parquet"), "hello parquet");
    assertThatThrownBy(
            () -> InputFiles.list(text.toString(), SourceType.PARQUET, new Configuration()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read posts: '"
                + text
                + "' is not a Parquet file (it does not start and"
                + " end with the magic number PAR1)");
  }

  /**
   * Files people point ingest at instead of a Posts.xml: the dump's own .7z archive, a zip, xz or
   * zstd (Hadoop reads neither here), a compressed file without its codec's name, UTF-16 text.
   * Before, each read as text and failed the rejected-rows gate (zstd failed in a Spark task).
   */
  @Test
  void archivesUnreadableCompressionsAndUtf16AreNamedBeforeAnyWork(@TempDir Path dir)
      throws IOException {
    byte[] dump = "<?xml version=\"1.0\"?>\n<posts>\n</posts>\n".getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream gzip = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(gzip)) {
      out.write(dump);
    }
    java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.ZipOutputStream(zip)) {
      out.putNextEntry(new java.util.zip.ZipEntry("Posts.xml"));
      out.write(dump);
    }
    byte[] utf16 =
        ("\uFEFF" + new String(dump, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_16LE);
    Map<String, byte[]> files =
        Map.of(
            "stackoverflow.com-Posts.7z",
            new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4, 0, 0},
            "Posts.zip",
            zip.toByteArray(),
            "Posts.xml.xz",
            new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 0, 4, (byte) 0xE6, (byte) 0xD6},
            "Posts.xml.zst",
            new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x24, 0x2A, 0x51, 1, 0, 0},
            "Posts.xml",
            gzip.toByteArray(),
            "Posts.XML.GZ",
            gzip.toByteArray(),
            "Posts-utf16.xml",
            utf16);
    Map<String, String> expected =
        Map.of(
            "stackoverflow.com-Posts.7z",
            "is a 7-Zip archive, not a Posts.xml dump: extract the dump from it first (7z x"
                + " stackoverflow.com-Posts.7z)",
            "Posts.zip",
            "is a ZIP archive, not a Posts.xml dump: extract the dump from it first (unzip"
                + " Posts.zip)",
            "Posts.xml.xz",
            "is xz-compressed, which Hadoop cannot read: decompress it (xz -d Posts.xml.xz), or"
                + " compress it with gzip or bzip2",
            "Posts.xml",
            "is gzip-compressed but not named .gz, so it would be read as text: rename it to end"
                + " in .gz",
            "Posts.XML.GZ",
            "is gzip-compressed but not named .gz (Hadoop decompresses only a lower-case suffix),"
                + " so it would be read as text: rename it to end in .gz",
            "Posts-utf16.xml",
            "is UTF-16 text; a Posts.xml dump is read as UTF-8, as Stack Exchange writes it:"
                + " convert it (iconv -f UTF-16 -t UTF-8 Posts-utf16.xml > Posts-utf8.xml)");
    for (var e : files.entrySet()) {
      Path sub = Files.createDirectories(dir.resolve(e.getKey() + ".d"));
      Path file = Files.write(sub.resolve(e.getKey()), e.getValue());
      if (e.getKey().endsWith(".zst")) {
        if (org.apache.hadoop.io.compress.ZStandardCodec.isNativeCodeLoaded()) {
          continue; // this Hadoop reads it
        }
        assertThatThrownBy(() -> InputFiles.list(sub.toString(), SourceType.XML, conf()))
            .hasMessageContaining("is zstd-compressed, and this Hadoop has no native zstd library");
        continue;
      }
      assertThatThrownBy(() -> InputFiles.list(sub.toString(), SourceType.XML, conf()))
          .as(e.getKey())
          .isInstanceOf(MalformedInputException.class)
          .hasMessage("Cannot read posts: '" + file + "' " + expected.get(e.getKey()));
    }
  }

  /**
   * A dump whose XML declaration names another encoding than UTF-8 (a Latin-1 export) was read as
   * UTF-8 all the same: {@code café} rejected as invalid UTF-8 without a word on the declaration,
   * and Latin-1 bytes that happen to be valid UTF-8 read silently as other characters. It is now
   * refused before any work, plain or compressed, with the conversion to run.
   */
  @Test
  void aDumpDeclaringAnotherEncodingThanUtf8IsNamedBeforeAnyWork(@TempDir Path dir)
      throws IOException {
    String latin1 =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<posts>\n"
            + "<row Id=\"1\" PostTypeId=\"1\" Title=\"caf\u00e9\" />\n</posts>\n";
    Path plain = Files.createDirectories(dir.resolve("plain")).resolve("Posts.xml");
    Files.write(plain, latin1.getBytes(StandardCharsets.ISO_8859_1));
    Path gz = Files.createDirectories(dir.resolve("gz")).resolve("Posts.xml.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(latin1.replace("ISO-8859-1", "windows-1252").getBytes(StandardCharsets.ISO_8859_1));
    }
    assertThatThrownBy(() -> InputFiles.list(plain.toString(), SourceType.XML, conf()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read posts: '"
                + plain
                + "' declares encoding=\"ISO-8859-1\" in its XML declaration; a Posts.xml dump is"
                + " read as UTF-8, as Stack Exchange writes it: convert it (iconv -f ISO-8859-1 -t"
                + " UTF-8 Posts.xml > Posts-utf8.xml, and change the declaration)");
    assertThatThrownBy(() -> InputFiles.list(gz.toString(), SourceType.XML, conf()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("declares encoding=\"windows-1252\"");
    // UTF-16 inside a gzip (iconv -t UTF-16 | gzip): before, read in full and refused as "binary"
    for (var utf16 : List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE)) {
      Path gz16 = Files.createDirectories(dir.resolve(utf16.name())).resolve("Posts.xml.gz");
      try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz16))) {
        out.write(latin1.replace("ISO-8859-1", "UTF-16").getBytes(utf16));
      }
      assertThatThrownBy(() -> InputFiles.list(gz16.toString(), SourceType.XML, conf()))
          .as(utf16.name())
          .isInstanceOf(MalformedInputException.class)
          .hasMessage(
              "Cannot read posts: '"
                  + gz16
                  + "' holds UTF-16 text; a Posts.xml dump is read as UTF-8, as Stack Exchange"
                  + " writes it: convert it (decompress it, then iconv -f UTF-16 -t UTF-8)");
    }
    for (String declared : List.of("UTF-8", "utf8", "US-ASCII")) {
      Path ok = Files.createDirectories(dir.resolve(declared)).resolve("Posts.xml");
      Files.writeString(ok, latin1.replace("ISO-8859-1", declared));
      assertThat(InputFiles.list(ok.toString(), SourceType.XML, conf())).hasSize(1);
    }
  }

  /**
   * A named pipe among the parts, or a device given as the input, is refused naming it; before
   * (hostile sweep 6) ingest blocked opening it, for ever, holding the output's lock.
   */
  @Test
  void aNamedPipeOrADeviceIsRefusedNamingIt(@TempDir Path dir) throws Exception {
    Path parts = Files.createDirectories(dir.resolve("parts"));
    Files.writeString(parts.resolve("Posts-1.xml"), "<posts>\n</posts>\n");
    Path pipe = parts.resolve("Posts-2.xml");
    Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    assertThatThrownBy(() -> InputFiles.list(parts.toString(), SourceType.XML, conf()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read posts: '"
                + pipe
                + "' is not a regular file (a named pipe, a device or a socket), which cannot be"
                + " read in parts; write the dump to a file and read that");
    assertThatThrownBy(() -> InputFiles.list("/dev/zero", SourceType.XML, conf()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("'/dev/zero' is not a regular file");
  }

  @Test
  void aDumpIsNotMistakenForACompressedOrUtf16File() {
    byte[] bzhText = "BZh1 is not a bzip2 stream".getBytes(StandardCharsets.US_ASCII);
    assertThat(XmlFileFormat.problem("Posts.xml", bzhText, false)).isNull();
    assertThat(
            XmlFileFormat.problem(
                "Posts.xml", "\uFEFF<?xml".getBytes(StandardCharsets.UTF_8), false))
        .isNull();
    assertThat(XmlFileFormat.problem("Posts.xml.gz", new byte[] {0x1F, (byte) 0x8B, 8}, false))
        .isNull();
    assertThat(
            XmlFileFormat.problem(
                "Posts.xml.zst", new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD}, true))
        .isNull();
    byte[] bzip2 = "BZh91AY&SY".getBytes(StandardCharsets.US_ASCII);
    assertThat(XmlFileFormat.problem("Posts.xml.bz2", bzip2, false)).isNull();
    assertThat(XmlFileFormat.problem("Posts.xml", bzip2, false))
        .isEqualTo(
            "is bzip2-compressed but not named .bz2, so it would be read as text: rename it to end"
                + " in .bz2");
  }

  private static Configuration conf() {
    return new Configuration();
  }

  @Test
  void aSymbolicLinkBackToADirectoryAboveIsACycleNamedBeforeAnyWork(@TempDir Path dir)
      throws IOException {
    Path sub = Files.createDirectories(dir.resolve("dump/sub"));
    Files.writeString(sub.resolve("Posts.xml"), "<posts>\n</posts>\n");
    Files.createSymbolicLink(sub.resolve("up"), Path.of(".."));

    assertThatThrownBy(
            () ->
                InputFiles.list(
                    dir.resolve("dump").toString(), SourceType.XML, new Configuration()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("dump/sub/up' is a link back to '")
        .hasMessageEndingWith(
            "which holds it (a cycle); remove the link or name the directories to read");
  }

  @Test
  void aSymbolicLinkToADirectoryBesideIsFollowed(@TempDir Path dir) throws IOException {
    Path a = Files.createDirectories(dir.resolve("dump/a"));
    Files.writeString(a.resolve("Posts.xml"), "<posts>\n</posts>\n");
    Files.createSymbolicLink(dir.resolve("dump/b"), Path.of("a"));

    assertThat(InputFiles.list(dir.resolve("dump").toString(), SourceType.XML, new Configuration()))
        .extracting(f -> f.path().replaceFirst("^.*/dump/", ""))
        .containsExactly("a/Posts.xml", "b/Posts.xml");
  }

  @Test
  void aTraceMineOutputInsideTheInputIsNotReadAndIsNamed(@TempDir Path dir) throws IOException {
    Path dump = Files.createDirectories(dir.resolve("dump"));
    Files.writeString(dump.resolve("Posts.xml"), "<posts>\n</posts>\n");
    Path out = Files.createDirectories(dump.resolve("out/posts/creation_month=2020-01"));
    Files.writeString(out.resolve("part-0.parquet"), "PAR1 not really PAR1");
    Files.writeString(dump.resolve("out/_COMMITTED-ingest.json"), "{}");
    Path running = Files.createDirectories(dump.resolve("running/posts"));
    Files.writeString(running.resolve("part-0.parquet"), "PAR1 not really PAR1");
    Files.writeString(dump.resolve("running/_LOCK.json"), "{}");
    Configuration conf = new Configuration();

    assertThat(InputFiles.list(dump.toString(), SourceType.XML, conf))
        .extracting(f -> f.path().replaceFirst("^.*/dump/", ""))
        .containsExactly("Posts.xml");
    assertThat(InputFiles.outputDirectories(dump.toString(), conf))
        .extracting(p -> p.replaceFirst("^.*/dump/", ""))
        .containsExactly("out", "running");
    assertThat(InputFiles.outputDirectories(dump.resolve("out").toString(), conf))
        .as("an output named as the input itself is read as asked")
        .isEmpty();
  }
}
