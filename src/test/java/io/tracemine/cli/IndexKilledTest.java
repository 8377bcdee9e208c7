package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.match.MatchCliTest;
import io.tracemine.spark.SharedSpark;
import io.tracemine.spark.StageCommit;
import io.tracemine.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver of {@code index} dies (halt, as {@code kill -9} would) after building its new index:
 * before its commit, the previous index and its manifest are still the visible ones (and {@code
 * match} refuses them as made from the {@code mine} run replaced since); during its commit (after
 * the first rename), the index is refused as not committed until {@code index} is rerun.
 */
@IntegrationTest
@ExtendWith(SharedSpark.class)
class IndexKilledTest {
  private final CliRunner cli = new CliRunner();

  private static int killedIndex(Path out, Path log, String fault, String value) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("./submit.sh", "index", "--quiet", "--output", out.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put(fault, value);
    Process driver = pb.start();
    assertThat(driver.waitFor(10, TimeUnit.MINUTES)).as("killed driver ended").isTrue();
    return driver.exitValue();
  }

  private int match(Path out, Path dir) throws Exception {
    Path trace = Files.writeString(dir.resolve("crash.txt"), MatchCliTest.FIT);
    return cli.execute("match", "--knowledge", out.toString(), "--trace", trace.toString());
  }

  @Test
  void aKilledIndexRunLeavesTheCommittedIndexOrIsRefusedAsInterrupted(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out");
    Path index = out.resolve("match_index/index.tmm");
    Path manifest = out.resolve("_COMMITTED-index.json");
    cli.ingestAndExtractSmallPosts(out);
    assertThat(cli.execute("mine", "--output", out.toString(), "--quiet")).as(cli.err()).isZero();
    assertThat(cli.execute("index", "--output", out.toString(), "--quiet")).as(cli.err()).isZero();
    byte[] committed = Files.readAllBytes(index);
    String committedManifest = Files.readString(manifest);
    assertThat(cli.execute("mine", "--output", out.toString(), "--quiet", "--min-support", "1"))
        .as(cli.err())
        .isZero();

    // killed once the new index is built, before the commit
    Path log = dir.resolve("killed-index.log");
    int exit = killedIndex(out, log, StageCommit.HALT_BEFORE_COMMIT, "index");
    assertThat(Files.readAllBytes(index)).as("the committed index, unchanged").isEqualTo(committed);
    assertThat(Files.readString(manifest)).isEqualTo(committedManifest);
    assertThat(exit).as(Files.readString(log)).isEqualTo(137);
    // the committed index is whole, and refused as made from the 'mine' run replaced since
    assertThat(match(out, dir)).as(cli.err()).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(cli.err())
        .startsWith("tracemine: Cannot read the match index " + index + ": it was made from")
        .contains(" another 'mine' run (")
        .endsWith("); rerun 'index'" + System.lineSeparator());

    // killed after the first rename of its commit: the manifest is gone, the index refused
    assertThat(killedIndex(out, log, StageCommit.HALT_AFTER_FIRST_RENAME, "1"))
        .as(Files.readString(log))
        .isEqualTo(137);
    assertThat(manifest).doesNotExist();
    assertThat(match(out, dir)).isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(cli.err())
        .isEqualTo(
            "tracemine: Cannot read the match index "
                + index
                + ": the 'index' stage has not committed it (no _COMMITTED-index.json:"
                + " interrupted, or copied here); rerun 'index'"
                + System.lineSeparator());

    // the rerun commits the new index and leaves no staging behind
    assertThat(cli.execute("index", "--output", out.toString(), "--quiet")).as(cli.err()).isZero();
    assertThat(Files.readAllBytes(index)).as("built from the new patterns").isNotEqualTo(committed);
    assertThat(CliRunner.names(out.resolve("match_index"))).containsExactly("index.tmm");
    assertThat(match(out, dir)).as(cli.err()).isZero();
  }
}
