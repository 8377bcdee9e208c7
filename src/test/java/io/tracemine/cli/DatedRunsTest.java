package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracemine.spark.SharedSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Dated runs and the creation-month partitions of posts, questions and traces: dated runs over
 * adjacent windows (whole and partial months, one rerun) give the tables of one run over their
 * union; a failed or killed dated run leaves the other months intact.
 */
@ExtendWith(SharedSpark.class)
class DatedRunsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TABLES = List.of("posts", "questions", "traces");
  private static final List<String> CONTENT =
      List.of("posts", "questions", "traces", "duplicate_links");
  @TempDir static Path dir;
  private static Path input;
  private StringWriter err = new StringWriter();

  @BeforeAll
  static void writeInput() throws IOException {
    input = writePosts(dir.resolve("Posts.xml"), List.of());
    writePostLinks(dir.resolve("PostLinks.xml"));
  }

  /**
   * Duplicate links beside the posts: within March (110 of 10), across the 15 March boundary (90 of
   * 50), from April to a March original (160 of 20), from May (250 of 10, outside every window),
   * and a link of another type.
   */
  static void writePostLinks(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    lines.add("<postlinks>");
    long[][] links = {{110, 10, 3}, {90, 50, 3}, {160, 20, 3}, {250, 10, 3}, {120, 30, 1}};
    for (int i = 0; i < links.length; i++) {
      lines.add(
          "  <row Id=\""
              + (500 + i)
              + "\" CreationDate=\"2019-06-01T10:00:00.000\" PostId=\""
              + links[i][0]
              + "\" RelatedPostId=\""
              + links[i][1]
              + "\" LinkTypeId=\""
              + links[i][2]
              + "\" />");
    }
    lines.add("</postlinks>");
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /**
   * 30 questions from 2019-03-01 to 2019-05-28, every other one with a traceback; answers later.
   */
  static Path writePosts(Path file, List<String> extraRows) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    lines.add("<posts>");
    for (int i = 0; i < 30; i++) {
      long id = 10 + 10L * i;
      String date = java.time.LocalDate.of(2019, 3, 1).plusDays(3L * i) + "T10:00:00.000";
      String trace =
          i % 2 == 0
              ? "&lt;pre&gt;&lt;code&gt;Traceback (most recent call last):&#xA;  File"
                  + " &quot;/u/keras/m"
                  + (i % 3)
                  + ".py&quot;, line "
                  + i
                  + ", in fit&#xA;ValueError: bad "
                  + i
                  + "&#xA;&lt;/code&gt;&lt;/pre&gt;"
              : "";
      lines.add(
          "  <row Id=\""
              + id
              + "\" PostTypeId=\"1\" CreationDate=\""
              + date
              + "\" Score=\"1\" ViewCount=\"5\" Body=\"&lt;p&gt;q"
              + id
              + "&lt;/p&gt;"
              + trace
              + "\" Title=\"t"
              + id
              + "\" Tags=\"&lt;python&gt;&lt;keras&gt;\" AnswerCount=\"1\" />");
      String answerDate =
          java.time.LocalDate.of(2019, 3, 1).plusDays(3L * i + 20) + "T10:00:00.000";
      lines.add(
          "  <row Id=\""
              + (id + 1)
              + "\" PostTypeId=\"2\" ParentId=\""
              + id
              + "\" CreationDate=\""
              + answerDate
              + "\" Score=\"0\" Body=\"&lt;p&gt;a&lt;/p&gt;\" />");
    }
    lines.addAll(extraRows);
    lines.add("</posts>");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private int run(Path out, Path posts, String since, String until) {
    int ingest = ingest(out, posts, since, until);
    return ingest != 0 ? ingest : execute(out, "extract");
  }

  private int ingest(Path out, Path posts, String since, String until, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "ingest",
                "--source",
                "xml",
                "--input",
                posts.toString(),
                "--since",
                since,
                "--until",
                until));
    args.addAll(List.of(more));
    return execute(out, args.toArray(String[]::new));
  }

  private int execute(Path out, String... args) {
    err = new StringWriter();
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--output", out.toString(), "--quiet"));
    return cl.execute(all.toArray(String[]::new));
  }

  /** Every row of every table, with its month, sorted: the content a reader sees. */
  private static Map<String, List<String>> content(Path out) {
    Map<String, List<String>> tables = new TreeMap<>();
    for (String table : CONTENT) {
      tables.put(
          table,
          SharedSpark.session()
              .read()
              .parquet(out.resolve(table).toString())
              .collectAsList()
              .stream()
              .map(Row::toString)
              .sorted()
              .toList());
    }
    return tables;
  }

  private static JsonNode manifest(Path out, String stage) throws IOException {
    return JSON.readTree(out.resolve("_COMMITTED-" + stage + ".json").toFile());
  }

  private static List<String> months(Path table) throws IOException {
    try (Stream<Path> s = Files.list(table)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("creation_month="))
          .sorted()
          .toList();
    }
  }

  @Test
  void datedRunsOfAdjacentWindowsAndARerunGiveTheTablesOfOneRunOverTheirUnion() throws Exception {
    Path once = dir.resolve("once");
    assertThat(run(once, input, "2019-03-01", "2019-05-01")).as(err.toString()).isZero();
    Path dated = dir.resolve("dated");
    assertThat(run(dated, input, "2019-03-01", "2019-03-15")).as(err.toString()).isZero();
    assertThat(run(dated, input, "2019-04-01", "2019-05-01")).as(err.toString()).isZero();
    JsonNode april = manifest(dated, "ingest").get("partitions").get("posts");
    assertThat(run(dated, input, "2019-03-15", "2019-04-01")).as(err.toString()).isZero();
    assertThat(run(dated, input, "2019-03-01", "2019-03-15")).as(err.toString()).isZero();

    Map<String, List<String>> expected = content(once);
    assertThat(expected.get("traces")).isNotEmpty();
    assertThat(expected.get("posts")).hasSize(42); // 21 questions in March and April, 21 answers
    assertThat(expected.get("duplicate_links"))
        .containsExactly(
            "[110,10,2019-06-01 10:00:00.0,true]",
            "[160,20,2019-06-01 10:00:00.0,true]",
            "[90,50,2019-06-01 10:00:00.0,true]");
    assertThat(content(dated)).isEqualTo(expected);
    for (String table : TABLES) {
      assertThat(months(dated.resolve(table)))
          .as(table)
          .containsExactly("creation_month=2019-03", "creation_month=2019-04");
    }
    JsonNode partitions = manifest(dated, "ingest").get("partitions").get("posts");
    assertThat(partitions.get("2019-04").asText())
        .as("April was not rewritten by March's runs")
        .isEqualTo(april.get("2019-04").asText());
    assertThat(partitions.get("2019-03").asText())
        .isEqualTo(manifest(dated, "ingest").get("run_id").asText());
    JsonNode extract = manifest(dated, "extract");
    assertThat(extract.get("input").get("months_extracted").toString()).isEqualTo("[\"2019-03\"]");
    assertThat(extract.get("input").get("posts_partitions")).isEqualTo(partitions);
    assertThat(extract.get("tables").get("traces").asLong())
        .isEqualTo(expected.get("traces").size());

    Path all = dir.resolve("all");
    assertThat(execute(all, "ingest", "--source", "xml", "--input", input.toString())).isZero();
    assertThat(months(all.resolve("posts")))
        .as("an undated run replaces everything")
        .containsExactly(
            "creation_month=2019-03", "creation_month=2019-04", "creation_month=2019-05");
  }

  /** The rows of {@code table}'s partition {@code stage=extract}, sorted. */
  private static List<String> extractPartition(Path out, String table) {
    return SharedSpark.session()
        .read()
        .parquet(out.resolve(table).resolve("stage=extract").toString())
        .collectAsList()
        .stream()
        .map(Row::toString)
        .sorted()
        .toList();
  }

  /**
   * An extract that parses only some months (a rerun on unchanged posts, or after a dated ingest)
   * keeps the other months' rejects and counts their rows, so its rejects and counts are a full
   * run's. Before, it committed only the months it parsed: a rerun had no reject and zero counts,
   * and after April's dated ingest March's quarantined question was in no table.
   */
  @Test
  void anIncrementalExtractKeepsTheRejectsAndCountsOfTheMonthsItLeaves() throws Exception {
    String noBody =
        "  <row Id=\"%d\" PostTypeId=\"1\" CreationDate=\"%s\" Score=\"1\" Title=\"t\""
            + " Tags=\"&lt;python&gt;&lt;keras&gt;\" />";
    Path posts =
        writePosts(
            dir.resolve("PostsWithoutBodies.xml"),
            List.of(
                String.format(noBody, 901, "2019-03-05T10:00:00.000"),
                String.format(noBody, 902, "2019-04-05T10:00:00.000")));
    Path out = dir.resolve("incremental");
    assertThat(execute(out, "ingest", "--source", "xml", "--input", posts.toString()))
        .as(err.toString())
        .isZero();
    assertThat(execute(out, "extract")).as(err.toString()).isZero();
    List<String> rejects = extractPartition(out, "rejects");
    List<String> counts = extractPartition(out, "counts");
    assertThat(rejects)
        .hasSize(2)
        .allSatisfy(r -> assertThat(r).contains("missing Body"))
        .anySatisfy(r -> assertThat(r).contains("901"))
        .anySatisfy(r -> assertThat(r).contains("902"));
    assertThat(counts).contains("[questions_read,32]", "[rejected,2]", "[question_rows,30]");

    assertThat(execute(out, "extract")).as(err.toString()).isZero();
    assertThat(manifest(out, "extract").get("input").get("months_extracted").toString())
        .isEqualTo("[]");
    assertThat(extractPartition(out, "rejects")).isEqualTo(rejects);
    assertThat(extractPartition(out, "counts")).isEqualTo(counts);

    assertThat(run(out, posts, "2019-04-01", "2019-05-01")).as(err.toString()).isZero();
    assertThat(manifest(out, "extract").get("input").get("months_extracted").toString())
        .isEqualTo("[\"2019-04\"]");
    assertThat(extractPartition(out, "rejects")).isEqualTo(rejects);
    assertThat(extractPartition(out, "counts")).isEqualTo(counts);
  }

  /**
   * The rerun of extract that a later stage asks for when a file was copied into questions or
   * traces rewrites them whole, though posts did not change: before, it extracted no month and
   * committed the files on disk, the copy with them, and stats then counted its questions twice.
   */
  @Test
  void anExtractRerunAfterAFileWasCopiedIntoItsTablesRewritesThem() throws Exception {
    Path out = dir.resolve("copied");
    assertThat(execute(out, "ingest", "--source", "xml", "--input", input.toString())).isZero();
    assertThat(execute(out, "extract")).as(err.toString()).isZero();
    Map<String, List<String>> before = content(out);
    Path march = out.resolve("questions").resolve("creation_month=2019-03");
    Path file;
    try (Stream<Path> files = Files.list(march)) {
      file = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Files.copy(file, march.resolve("copy-" + file.getFileName()));
    assertThat(execute(out, "mine")).as("mine reads traces only").isZero();
    assertThat(execute(out, "stats")).isEqualTo(3);
    assertThat(err.toString()).contains("Cannot use table 'questions'", "rerun 'extract'");

    assertThat(execute(out, "extract")).as(err.toString()).isZero();
    assertThat(manifest(out, "extract").get("input").get("months_extracted").toString())
        .isEqualTo("[\"all\"]");
    assertThat(content(out)).isEqualTo(before);
    assertThat(execute(out, "mine")).isZero();
    assertThat(execute(out, "stats")).as(err.toString()).isZero();
  }

  @Test
  void aFailedOrKilledDatedRunLeavesTheOtherMonthsIntact() throws Exception {
    Path out = dir.resolve("failing");
    assertThat(run(out, input, "2019-03-01", "2019-05-01")).as(err.toString()).isZero();
    Map<String, List<String>> before = content(out);

    List<String> broken = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      broken.add("  <row Id=\"" + (9000 + i) + "\" PostTypeId=\"1\" Score=\"many\" />");
    }
    Path bad = writePosts(dir.resolve("Posts-bad.xml"), broken);
    assertThat(run(out, bad, "2019-04-01", "2019-05-01")).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("(nothing committed: the output is unchanged)");
    assertThat(content(out)).isEqualTo(before);
    assertThat(execute(out, "extract")).as("posts is still committed").isZero();
    assertThat(content(out)).isEqualTo(before);

    // killed between the two renames that replace March: the old partition is only under ._old-*
    Path march = out.resolve("posts/creation_month=2019-03");
    Files.move(
        march, out.resolve("posts/._old-creation_month=2019-03-" + java.util.UUID.randomUUID()));
    Files.createDirectories(out.resolve("posts/._staging-creation_month=2019-04-x"));
    Files.delete(out.resolve("_COMMITTED-ingest.json"));
    // a dated run would keep the other months as they are, and which run wrote them is unknown
    assertThat(run(out, input, "2019-04-01", "2019-05-01")).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains("interrupted while committing")
        .contains("run ingest once without --since/--until");
    assertThat(content(out)).as("the partition being replaced is back").isEqualTo(before);
    try (Stream<Path> s = Files.list(out.resolve("posts"))) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")))
          .as("leftovers removed")
          .isEmpty();
    }
    assertThat(execute(out, "ingest", "--source", "xml", "--input", input.toString()))
        .as(err.toString())
        .isZero();
    assertThat(run(out, input, "2019-04-01", "2019-05-01")).as(err.toString()).isZero();
  }

  @Test
  void aDatedRunWithAnotherLibrarySelectionIsRefused() throws Exception {
    Path out = dir.resolve("selection");
    assertThat(run(out, input, "2019-03-01", "2019-04-01")).as(err.toString()).isZero();
    Map<String, List<String>> before = content(out);
    int exit = ingest(out, input, "2019-04-01", "2019-05-01", "--set", "libraries=keras");
    assertThat(exit).isEqualTo(TraceMine.EXIT_BAD_CONFIG);
    assertThat(err.toString()).contains("selected with other libraries or tag stems");
    assertThat(content(out)).isEqualTo(before);
    assertThat(manifest(out, "ingest").get("input").get("selection").asText())
        .contains("tensorflow");
  }

  @Test
  void aDatedRunQuarantinesItsCopyOfAnIdThatAnotherWindowStored() throws Exception {
    // the same question Id twice in one dump: 4 March (as generated) and 10 April
    Path twice =
        writePosts(
            dir.resolve("Posts-twice.xml"),
            List.of(
                "  <row Id=\"20\" PostTypeId=\"1\" CreationDate=\"2019-04-10T10:00:00.000\""
                    + " Body=\"&lt;p&gt;copy&lt;/p&gt;\" Title=\"t20 again\""
                    + " Tags=\"&lt;python&gt;&lt;keras&gt;\" />"));
    Path out = dir.resolve("twice");
    assertThat(run(out, twice, "2019-03-01", "2019-04-01")).as(err.toString()).isZero();
    assertThat(run(out, twice, "2019-04-01", "2019-05-01")).as(err.toString()).isZero();

    assertThat(idsStoredTwice(out)).isEmpty();
    assertThat(storedIds(out)).contains(20L, 21L);
    String stored =
        "|duplicate Id|already in 'posts' (creation_month=2019-03) from the run of another"
            + " window; rerun that window, or ingest without --since/--until, to take this copy";
    // its answer too: under the April copy it would be selected again
    assertThat(ingestRejects(out)).containsExactly("20" + stored, "21" + stored);
    assertThat(count(out, "rejected_duplicate_id")).isEqualTo(2);
    assertThat(execute(out, "mine")).as(err.toString()).isZero();
  }

  @Test
  void aDatedRunQuarantinesAnAnswerMovedToAQuestionOfItsWindow() throws Exception {
    Path before = writePosts(dir.resolve("Posts-before.xml"), List.of());
    Path after = dir.resolve("Posts-after.xml");
    String moved =
        Files.readString(before)
            .replace(
                "Id=\"21\" PostTypeId=\"2\" ParentId=\"20\"",
                "Id=\"21\" PostTypeId=\"2\" ParentId=\"150\"");
    assertThat(moved).isNotEqualTo(Files.readString(before));
    Files.writeString(after, moved);
    Path out = dir.resolve("moved");
    assertThat(run(out, before, "2019-03-01", "2019-04-01")).as(err.toString()).isZero();
    assertThat(run(out, after, "2019-04-01", "2019-05-01")).as(err.toString()).isZero();

    assertThat(idsStoredTwice(out)).isEmpty();
    assertThat(ingestRejects(out))
        .containsExactly(
            "21|duplicate Id|already in 'posts' (creation_month=2019-03) from the run of another"
                + " window; rerun that window, or ingest without --since/--until, to take this"
                + " copy");
    io.tracemine.ingest.PostsFixtures.assertEveryRowAccounted(counts(out));
  }

  private static List<Long> storedIds(Path out) {
    return SharedSpark.session()
        .read()
        .parquet(out.resolve("posts").toString())
        .select("Id")
        .as(org.apache.spark.sql.Encoders.LONG())
        .collectAsList();
  }

  private static List<Long> idsStoredTwice(Path out) {
    List<Long> ids = storedIds(out);
    return ids.stream().filter(id -> ids.indexOf(id) != ids.lastIndexOf(id)).distinct().toList();
  }

  private static List<String> ingestRejects(Path out) {
    return SharedSpark.session()
        .read()
        .parquet(out.resolve("rejects").toString())
        .filter("stage = 'ingest'")
        .collectAsList()
        .stream()
        .map(r -> r.getAs("record_id") + "|" + r.getAs("reason") + "|" + r.getAs("detail"))
        .sorted()
        .toList();
  }

  private static long count(Path out, String name) {
    return counts(out).get(name);
  }

  private static Map<String, Long> counts(Path out) {
    Map<String, Long> counts = new TreeMap<>();
    SharedSpark.session()
        .read()
        .parquet(out.resolve("counts").toString())
        .filter(org.apache.spark.sql.functions.col("stage").equalTo("ingest"))
        .collectAsList()
        .forEach(r -> counts.put(r.getAs("metric"), r.getAs("value")));
    return counts;
  }
}
