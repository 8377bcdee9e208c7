package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.SharedSpark;
import io.tracemine.spark.StageCommit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage that fails with an error (not a signal) after staging tables leaves none of its staging
 * once the command ends: a full disk is not kept full until the next run. A stage committed before
 * it in the same command keeps its tables.
 */
@ExtendWith(SharedSpark.class)
class InvocationFailedStageTest {
  private final SparkSession spark = SharedSpark.session();

  @Test
  void theFailedStagesStagingIsRemovedAndTheCommittedStageStays(@TempDir Path dir)
      throws IOException {
    Path out = dir.resolve("out");
    CommonOptions options = CommonOptions.defaults(new ConsoleOptions());
    options.quiet = true;
    options.output = out.toString();
    try (Invocation invocation = new Invocation("run", options, Map.of(), System.out)) {
      invocation.open();
      StageCommit ingest = invocation.stage("ingest", List.of());
      ingest.writeParquet("posts", spark.range(3).toDF());
      ingest.commit();
      StageCommit extract = invocation.stage("extract", List.of("ingest"));
      extract.writeParquet("questions", spark.range(2).toDF());
      extract.writeParquet("traces", spark.range(1).toDF());
      assertThat(leftovers(out)).hasSize(2);
      // extract fails here, before its commit
    }
    assertThat(leftovers(out)).isEmpty();
    assertThat(out.resolve("questions")).doesNotExist();
    assertThat(out.resolve("_LOCK.json")).doesNotExist();
    assertThat(spark.read().parquet(out.resolve("posts").toString()).count()).isEqualTo(3);
  }

  private static List<String> leftovers(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("._staging") || n.startsWith("._old"))
          .toList();
    }
  }
}
