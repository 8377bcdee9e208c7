package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.SharedSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
 * A run that fails ingest's quality gate (docs/RELIABILITY.md, "Quality gates") commits nothing:
 * after a good ingest, a PostLinks.xml given as the posts leaves every file of the output as it was
 * (posts, counts, rejects, input_files, duplicate_links and the manifest), dated or not, and sets
 * its own rejects, counts and input_files aside under {@code _failed-ingest/}.
 */
@ExtendWith(SharedSpark.class)
class FailedIngestTest {
  @TempDir static Path dir;
  private static Path posts;
  private static Path postLinks;
  private StringWriter err = new StringWriter();

  @BeforeAll
  static void writeInput() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    posts = DatedRunsTest.writePosts(in.resolve("Posts.xml"), List.of());
    postLinks = in.resolve("PostLinks.xml");
    DatedRunsTest.writePostLinks(postLinks);
  }

  @Test
  void aFailedGateLeavesTheLastGoodIngestAsItWas() throws IOException {
    Path out = dir.resolve("undated");
    assertThat(ingest(out, posts)).as(err.toString()).isZero();
    Map<String, String> before = files(out);
    assertThat(before).containsKeys("_COMMITTED-ingest.json", "duplicate_links.csv");
    assertThat(rows(out.resolve("duplicate_links"))).isNotEmpty();

    assertThat(ingest(out, postLinks)).isEqualTo(TraceMine.EXIT_BAD_INPUT);

    assertThat(err.toString().lines().toList()).containsExactly(gateMessage(out));
    assertThat(files(out)).isEqualTo(before);
    assertFailedRunSetAside(out);
    assertThat(execute(out, "extract")).as("the previous ingest is still committed").isZero();

    assertThat(ingest(out, posts)).isZero();
    assertThat(out.resolve(IngestCommand.FAILED)).as("removed by a good ingest").doesNotExist();
  }

  @Test
  void aFailedDatedGateLeavesTheLastGoodIngestAsItWas() throws IOException {
    Path out = dir.resolve("dated");
    String[] window = {"--since", "2019-03-01", "--until", "2019-05-01"};
    assertThat(ingest(out, posts, window)).as(err.toString()).isZero();
    Map<String, String> before = files(out);

    assertThat(ingest(out, postLinks, window)).isEqualTo(TraceMine.EXIT_BAD_INPUT);

    assertThat(err.toString().lines().toList()).containsExactly(gateMessage(out));
    assertThat(files(out)).isEqualTo(before);
    assertFailedRunSetAside(out);
  }

  /**
   * A failed gate on a new output left empty {@code counts/} and {@code rejects/} directories (the
   * parents of their staged partitions) beside the failed run's copy, while the line said the
   * output was unchanged. Only the copy set aside is there now.
   */
  @Test
  void aFailedGateOnANewOutputLeavesOnlyTheFailedRunsCopy() throws IOException {
    Path out = dir.resolve("new");
    assertThat(ingest(out, postLinks)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    try (Stream<Path> entries = Files.list(out)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .containsExactly(IngestCommand.FAILED);
    }
    assertFailedRunSetAside(out);
  }

  /** PostLinks.xml read as posts: its 5 rows, none a post; its root lines are not rows. */
  private static void assertFailedRunSetAside(Path out) {
    Path failed = out.resolve(IngestCommand.FAILED);
    assertThat(rows(failed.resolve("rejects/stage=ingest")))
        .hasSize(5)
        .allMatch(r -> r.getAs("reason").equals("missing PostTypeId"));
    assertThat(rows(failed.resolve("counts/stage=ingest")))
        .extracting(Row::toString)
        .contains("[rows_read,5]", "[rejected,5]");
    assertThat(rows(failed.resolve("input_files")))
        .singleElement()
        .satisfies(r -> assertThat(r.getString(0)).endsWith(postLinks.toString()))
        .satisfies(r -> assertThat(r.getLong(1)).isEqualTo(fileSize(postLinks)))
        .satisfies(r -> assertThat(r.getLong(2)).isEqualTo(5L));
  }

  private static String gateMessage(Path out) {
    return "tracemine: Cannot accept posts from xml "
        + postLinks
        + ": 5 of 5 rows read were rejected (100.0%), more than ingest.max-rejected-fraction=0.5"
        + " allows; '"
        + postLinks
        + "' is not a Posts.xml dump: its root element is <postlinks>, not <posts>; see "
        + out.resolve(IngestCommand.FAILED).resolve("rejects/stage=ingest")
        + " (nothing committed: the output is unchanged)";
  }

  private int ingest(Path out, Path input, String... extra) {
    List<String> args = new ArrayList<>(List.of("ingest", "--source", "xml", "--input"));
    args.add(input.toString());
    args.addAll(List.of(extra));
    return execute(out, args.toArray(String[]::new));
  }

  private int execute(Path out, String... args) {
    err = new StringWriter();
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter()));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--output", out.toString(), "--quiet"));
    return cl.execute(all.toArray(String[]::new));
  }

  private static List<Row> rows(Path table) {
    return SharedSpark.session().read().parquet(table.toString()).collectAsList();
  }

  private static long fileSize(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every file of the output (hidden ones too) with the SHA-256 of its bytes. */
  private static Map<String, String> files(Path out) throws IOException {
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> all = Files.walk(out)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        String name = out.relativize(f).toString();
        if (!name.startsWith(IngestCommand.FAILED) && !name.equals("_LOCK.json")) {
          digests.put(name, sha256(Files.readAllBytes(f)));
        }
      }
    }
    return digests;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
