package io.tracemine.report;

import io.tracemine.config.RunKeys;
import io.tracemine.config.Settings;
import io.tracemine.config.TestSettings;
import io.tracemine.corpus.CorpusGenerator;
import io.tracemine.corpus.GenerateCorpus;
import io.tracemine.extract.ExtractConfig;
import io.tracemine.extract.ExtractStage;
import io.tracemine.ingest.IngestConfig;
import io.tracemine.ingest.IngestStage;
import io.tracemine.ingest.PostsSource;
import io.tracemine.match.IndexStage;
import io.tracemine.mine.MineConfig;
import io.tracemine.mine.MineResult;
import io.tracemine.mine.MineStage;
import io.tracemine.mine.PatternTraces;
import io.tracemine.mine.Patterns;
import io.tracemine.spark.OutputTables;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.SharedSpark;
import io.tracemine.spark.StageCommit;
import io.tracemine.stats.StatsConfig;
import io.tracemine.stats.StatsInputs;
import io.tracemine.stats.StatsStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * One real pipeline output per test JVM: a 500-question synthetic corpus (seed 7) plus three
 * hostile Hugging Face questions whose exception message carries HTML and script, run in-process
 * through ingest, extract, mine (min-support 2 and 1), index and stats, as the CLI chains them.
 */
final class ReportFixture {
  static final String HOSTILE_MESSAGE =
      "bad token <img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
          + " </script><script>throw new Error('pwned')</script>";
  static final String HOSTILE_TITLE = "Why <script>alert('title')</script> & \"quotes\"?";
  static final long HOSTILE_ID = 9_000_001L;

  private static Path output;

  private ReportFixture() {}

  /** The pipeline output directory (created on first call; ~1 minute on 2 cores). */
  static synchronized Path output() {
    if (output == null) {
      try {
        output = build(SharedSpark.session(), Files.createTempDirectory("tracemine-report-run"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return output;
  }

  /**
   * Runs {@code stage} on {@code out} and commits what it staged with its counts, as the CLI's
   * {@code report} does; returns the counts.
   */
  static Map<String, Long> renderAndCommit(ReportStage stage, Path out) {
    StageCommit commit =
        new StageCommit(SharedSpark.session(), out.toString(), "report", "test-run", Map.of());
    Map<String, Long> counts = stage.run(out.toString(), commit);
    commit.writeCounts(counts);
    commit.commit();
    return counts;
  }

  static Map<String, String> runSettings(Path out) {
    Map<String, String> o = new TreeMap<>();
    o.put(IngestConfig.SOURCE_TYPE, "xml");
    o.put(IngestConfig.SOURCE_PATH, out.resolve("corpus/Posts.xml").toString());
    o.put(RunKeys.OUTPUT_DIR, out.toString());
    return o;
  }

  private static Path build(SparkSession spark, Path out) throws IOException {
    Path corpus = out.resolve("corpus");
    GenerateCorpus.write(new CorpusGenerator(7), 500, corpus, GenerateCorpus.Compression.NONE);
    addHostilePosts(corpus.resolve("Posts.xml"));
    Settings settings = TestSettings.withOverrides(null, runSettings(out));
    OutputTables tables = new OutputTables(spark, out.toString());

    IngestConfig ingestConfig = IngestConfig.from(settings, Map.of());
    var ingest =
        new IngestStage(spark, ingestConfig).run(new PostsSource(spark, ingestConfig).read());
    tables.writer().writeParquet("posts", ingest.posts());
    tables.writeRejects("ingest", ingest.rejects());
    tables.writeCounts("ingest", ingest.counts());

    var extract =
        new ExtractStage(spark, ExtractConfig.from(settings))
            .run(tables.read("posts", Schemas.POSTS, "ingest"));
    tables.writer().writeParquet("questions", extract.questions());
    tables.writer().writeParquet("traces", extract.traces());
    tables.writeRejects("extract", extract.rejects());
    tables.writeCounts("extract", extract.counts());

    var traces = tables.read("traces", Schemas.TRACES, "extract");
    MineConfig mine = MineConfig.from(settings);
    MineResult mined = new MineStage(spark, mine).run(traces);
    tables.writer().writeParquet("patterns", mined.storedPatterns());
    tables.writer().writeParquet("pattern_items", mined.items());
    tables.writer().writeParquet("pattern_traces", mined.patternTraces());
    MineConfig all =
        new MineConfig(
            mine.supportMeasure(),
            io.tracemine.mine.ccspan.MinSupport.absolute(1),
            mine.maxLength(),
            mine.examples(),
            mine.buckets());
    MineResult minsup1 = new MineStage(spark, all).run(traces);
    tables.writer().writeParquet("patterns_minsup1", minsup1.storedPatterns());
    tables.writer().writeParquet("pattern_items_minsup1", minsup1.items());
    tables.writer().writeParquet("pattern_traces_minsup1", minsup1.patternTraces());
    tables.writeCounts("mine", Map.of("patterns", Patterns.read(tables, "patterns").count()));
    new IndexStage(spark, "default", ExtractConfig.defaults().maxFrameRepeats())
        .run(
            tables.read("posts", Schemas.POSTS, "ingest"),
            traces,
            Patterns.read(tables, "patterns"),
            PatternTraces.read(tables, "pattern_traces"),
            io.tracemine.match.KnowledgeIndex.fileOf(out));

    StatsInputs inputs =
        new StatsInputs(
            tables.read("questions", Schemas.QUESTIONS, "extract"),
            traces,
            Patterns.read(tables, "patterns"),
            PatternTraces.read(tables, "pattern_traces"),
            Patterns.read(tables, "patterns_minsup1"),
            PatternTraces.read(tables, "pattern_traces_minsup1"));
    var results = new StatsStage(spark, StatsConfig.defaults()).run(inputs);
    results.forEach((name, table) -> tables.writer().writeParquetAndCsv(name, table));
    tables.writeCounts("stats", Map.of("tables", (long) results.size()));
    return out;
  }

  /** Three copies of a Hugging Face question whose title and exception message are hostile HTML. */
  private static void addHostilePosts(Path xml) throws IOException {
    String body =
        "<p>Hostile <b>paste</b></p>\n"
            + "<pre><code>Traceback (most recent call last):\n"
            + "  File \"/usr/lib/python3/site-packages/transformers/pipelines/base.py\", line 10,"
            + " in __call__\n"
            + "  File \"/usr/lib/python3/site-packages/transformers/modeling_utils.py\", line 20,"
            + " in forward\n"
            + "ValueError: "
            + htmlText(HOSTILE_MESSAGE)
            + "\n</code></pre>\n";
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      rows.append("  <row Id=\"")
          .append(HOSTILE_ID + 10L * i)
          .append("\" PostTypeId=\"1\" CreationDate=\"2020-01-0")
          .append(i + 1)
          .append("T10:00:00.000\" Score=\"1\" ViewCount=\"")
          .append(100 + i)
          .append("\" Body=\"")
          .append(xmlAttr(body))
          .append("\" Title=\"")
          .append(xmlAttr(HOSTILE_TITLE))
          .append("\" Tags=\"")
          .append(xmlAttr("<python><huggingface-transformers>"))
          .append("\" AnswerCount=\"0\" CommentCount=\"0\" />\r\n");
    }
    String text = Files.readString(xml, StandardCharsets.UTF_8);
    int end = text.lastIndexOf("</posts>");
    Files.writeString(
        xml, text.substring(0, end) + rows + text.substring(end), StandardCharsets.UTF_8);
  }

  private static String htmlText(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String xmlAttr(String s) {
    return htmlText(s).replace("\"", "&quot;").replace("\n", "&#xA;");
  }
}
