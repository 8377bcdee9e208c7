package io.tracemine.match;

import io.tracemine.config.TestSettings;
import io.tracemine.extract.ExtractConfig;
import io.tracemine.extract.ExtractStage;
import io.tracemine.ingest.IngestConfig;
import io.tracemine.ingest.IngestStage;
import io.tracemine.ingest.PostsSource;
import io.tracemine.mine.MineConfig;
import io.tracemine.mine.MineStage;
import io.tracemine.mine.PatternTraces;
import io.tracemine.mine.Patterns;
import io.tracemine.spark.OutputTables;
import io.tracemine.spark.Schemas;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The bundled corpus's knowledge base, built in-process for tests: ingest, extract, mine and index
 * with the default settings into {@code run}, as {@code ./submit.sh run} would.
 */
public record BundledKnowledge(Dataset<Row> traces, KnowledgeIndex index) {

  public static BundledKnowledge build(SparkSession spark, Path run) throws IOException {
    OutputTables tables = new OutputTables(spark, run.toString());
    IngestConfig ingest = IngestConfig.from(TestSettings.withOverrides(null, Map.of()), Map.of());
    tables
        .writer()
        .writeParquet(
            "posts",
            new IngestStage(spark, ingest).run(new PostsSource(spark, ingest).read()).posts());
    var posts = tables.read("posts", Schemas.POSTS, "ingest");
    var extracted = new ExtractStage(spark, ExtractConfig.defaults()).run(posts);
    tables.writer().writeParquet("traces", extracted.traces());
    var traces = tables.read("traces", Schemas.TRACES, "extract");
    var mined = new MineStage(spark, MineConfig.defaults()).run(traces);
    tables.writer().writeParquet("patterns", mined.storedPatterns());
    tables.writer().writeParquet("pattern_items", mined.items());
    tables.writer().writeParquet("pattern_traces", mined.patternTraces());
    new IndexStage(spark, "default", ExtractConfig.defaults().maxFrameRepeats())
        .run(
            posts,
            traces,
            Patterns.read(tables, "patterns"),
            PatternTraces.read(tables, "pattern_traces"),
            KnowledgeIndex.fileOf(run));
    return new BundledKnowledge(traces, KnowledgeIndex.open(KnowledgeIndex.fileOf(run)));
  }
}
