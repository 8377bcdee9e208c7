package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracemine.spark.JobGroups;
import io.tracemine.spark.SharedSpark;
import io.tracemine.spark.TableStages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every Spark job of a whole run carries its stage's job group and a description; and every table
 * the run's stages commit is one {@link TableStages} names as that stage's (the stage a damaged
 * table's message tells the user to rerun).
 */
@ExtendWith(SharedSpark.class)
class NamedSparkJobsTest {
  private static final String INPUT =
      Path.of("src/test/resources/ingest/Posts-small.xml").toString();

  /** The group id and description of each job started while the listener is registered. */
  private static final class JobNames extends SparkListener {
    final List<String[]> jobs = new CopyOnWriteArrayList<>();

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      Properties p = start.properties();
      jobs.add(
          new String[] {
            p == null ? null : p.getProperty(JobGroups.GROUP_ID),
            p == null ? null : p.getProperty(JobGroups.DESCRIPTION),
            String.valueOf(start.jobId())
          });
    }
  }

  @Test
  void everyJobOfARunIsInAStageGroupWithADescription(@TempDir Path dir) throws Exception {
    SparkContext sc = SharedSpark.session().sparkContext();
    JobNames names = new JobNames();
    sc.addSparkListener(names);
    StringWriter err = new StringWriter();
    int exit;
    try {
      CommandLine cl = TraceMine.commandLine();
      cl.setErr(new PrintWriter(err));
      cl.setOut(new PrintWriter(new StringWriter()));
      exit =
          cl.execute(
              "run",
              "--source",
              "xml",
              "--input",
              INPUT,
              "--output",
              dir.resolve("out").toString(),
              "--quiet");
      sc.listenerBus().waitUntilEmpty();
    } finally {
      sc.removeSparkListener(names);
    }
    assertThat(exit).as(err.toString()).isZero();
    assertThat(names.jobs).hasSizeGreaterThan(10);
    List<String> groups = names.jobs.stream().map(j -> j[0]).distinct().toList();
    assertThat(groups)
        .as("job groups")
        .allSatisfy(g -> assertThat(g).matches("(INGEST|EXTRACT|MINE|INDEX|STATS|REPORT)(-[1-6])?"))
        .contains(
            "INGEST-1", "EXTRACT-2", "MINE", "MINE-3", "INDEX-4", "STATS", "STATS-5", "REPORT");
    assertThat(names.jobs)
        .as("descriptions")
        .allSatisfy(j -> assertThat(j[1]).as("job %s of %s", j[2], j[0]).isNotBlank());
    assertThat(names.jobs.stream().map(j -> j[1]))
        .as("the mining pass runs in the jobs that write its tables")
        .anyMatch(d -> d.startsWith("MINE-2: closed contiguous patterns ("));
    assertManifestTablesAreTheirStagesByTableStages(dir.resolve("out"));
  }

  private static void assertManifestTablesAreTheirStagesByTableStages(Path out) throws Exception {
    List<Path> manifests;
    try (var files = Files.list(out)) {
      manifests =
          files.filter(f -> f.getFileName().toString().startsWith("_COMMITTED-")).sorted().toList();
    }
    assertThat(manifests).hasSize(6);
    for (Path manifest : manifests) {
      var json = new ObjectMapper().readTree(manifest.toFile());
      String stage = json.get("stage").asText();
      json.get("tables")
          .fieldNames()
          .forEachRemaining(
              key -> {
                String table = key.replaceFirst("\\.csv$", "").replaceFirst("/stage=.*", "");
                String file = out + "/" + key + "/part-00000.parquet";
                assertThat(TableStages.rerun(table, file))
                    .as("%s in %s", key, manifest.getFileName())
                    .startsWith("rerun '" + stage + "', the stage that writes table '" + table);
              });
    }
  }
}
