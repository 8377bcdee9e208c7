package io.tracemine.cli;

import io.tracemine.ingest.CreationWindow;
import io.tracemine.ingest.CreationWindowFilter;
import io.tracemine.ingest.IngestConfig;
import io.tracemine.ingest.IngestStage;
import io.tracemine.ingest.PostsSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Reads posts (bundled sample, Posts.xml dump, Parquet or BigQuery), selects each library's",
      "questions by tag with all their answers, and writes the 'posts' table; unreadable rows go",
      "to 'rejects', the row accounting to 'counts'."
    },
    footerHeading = "%nExample:%n",
    footer = "  ./submit.sh ingest --source xml --input /data/Posts.xml --output out/so2024")
final class IngestCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SourceOptions source;

  @Override
  public Integer call() {
    Map<String, String> overrides = new TreeMap<>();
    source.addTo(overrides);
    try (Job job = new Job(common, overrides, System.out)) {
      job.summary(run(job, 1, 1));
    }
    return 0;
  }

  static StageSummary run(Job job, int index, int total) {
    IngestConfig config = IngestConfig.from(job.settings, System.getenv());
    CreationWindow window = CreationWindow.from(job.settings);
    PostsSource.checkInput(config);
    long start = System.nanoTime();
    PostsSource source = new PostsSource(job.spark(), config, window);
    job.begin("ingest", index, total, "reading " + source.describe() + window.describe());
    Dataset<Row> raw = CreationWindowFilter.apply(source.read(), window);
    IngestStage.IngestResult result = new IngestStage(job.spark(), config).run(raw);
    var tables = job.tables();
    tables.writer().writeParquet("posts", result.posts());
    tables.writeRejects("ingest", result.rejects());
    tables.writeCounts("ingest", result.counts());
    return Job.summarize("ingest", start, result.counts(), List.of(tables.pathOf("posts")));
  }
}
