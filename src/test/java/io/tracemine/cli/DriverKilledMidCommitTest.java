package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Fault (c) of issue 9: the driver dies (halt, as {@code kill -9} would) after the first of a
 * stage's table renames. The directory then holds a new {@code questions} beside the old {@code
 * traces}; the next stage must refuse it, and rerunning the stage must repair it.
 */
@IntegrationTest
@ExtendWith(SharedSpark.class)
class DriverKilledMidCommitTest {
  private final CliRunner cli = new CliRunner();

  @Test
  void theNextStageRefusesAHalfCommittedStageAndARerunRepairsIt(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out");
    cli.ingestAndExtractSmallPosts(out);

    Path log = dir.resolve("killed-extract.log");
    ProcessBuilder pb =
        new ProcessBuilder("./submit.sh", "extract", "--quiet", "--output", out.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put(StageCommit.HALT_AFTER_FIRST_RENAME, "1");
    Process driver = pb.start();
    assertThat(driver.waitFor(10, TimeUnit.MINUTES)).as("killed driver ended").isTrue();
    assertThat(driver.exitValue()).as(Files.readString(log)).isEqualTo(137);
    assertThat(out.resolve("_COMMITTED-extract.json"))
        .as("no manifest after a torn commit")
        .doesNotExist();
    assertThat(CliRunner.names(out))
        .as("traces was still staged when the driver died")
        .anyMatch(n -> n.startsWith("._staging-traces-"))
        .contains("_LOCK.json");

    assertThat(cli.execute("mine", "--output", out.toString(), "--quiet"))
        .isEqualTo(TraceMine.EXIT_BAD_INPUT);
    assertThat(cli.err())
        .isEqualTo(
            "tracemine: Cannot run 'mine' on '"
                + out
                + "': the 'extract' output is not committed (no _COMMITTED-extract.json: never run,"
                + " or interrupted); rerun 'extract'"
                + System.lineSeparator());
    assertThat(out.resolve("patterns")).doesNotExist();

    // the rerun takes over the dead driver's lock, drops its staging and commits again
    assertThat(cli.execute("extract", "--output", out.toString(), "--quiet"))
        .as(cli.err())
        .isZero();
    assertThat(out.resolve("_COMMITTED-extract.json")).exists();
    assertThat(CliRunner.names(out))
        .noneMatch(n -> n.startsWith("._staging") || n.startsWith("._old"))
        .doesNotContain("_LOCK.json");
    assertThat(cli.execute("mine", "--output", out.toString(), "--quiet")).as(cli.err()).isZero();
    assertThat(out.resolve("_COMMITTED-mine.json")).exists();
  }
}
